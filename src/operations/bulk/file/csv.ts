// CSV files (RFC 4180, as Excel and Google Sheets write them) parsed by Papa Parse: quoted
// fields, quotes doubled inside them, line breaks inside quotes, CRLF or LF, a BOM, and `,`, `;`
// or tab as the delimiter (Excel uses `;` where the decimal separator is a comma).
import Papa from 'papaparse';
import * as l10n from '@vscode/l10n';
import { SEPARATOR_LINE, stripBom, type Table, type TableProblem, type TableRow } from './table';
import { plural } from '../../../common/text/plural';

export function parseCsv(source: string): Table {
  const whole = stripBom(source);
  // The `sep=` line is honoured and is not the header; rows keep the lines they are on.
  const separator = SEPARATOR_LINE.exec(whole);
  const text = separator ? whole.slice(separator[0].length) : whole;
  const problems: TableProblem[] = [];
  const records: Array<{ line: number; cells: string[] }> = [];
  // Line numbers are counted incrementally from Papa Parse's cursor (where each row ends), so a
  // quoted field with line breaks still reports the line its row starts on. A file whose lines
  // end in CR alone (as old Mac software writes them) counts CRs, as the editor does.
  const newline = !text.includes('\n') && text.includes('\r') ? 13 : 10;
  let counted = 0;
  let line = separator ? 2 : 1;
  let start = 0;
  const lineAt = (position: number): number => {
    for (; counted < position; counted++) {
      if (text.charCodeAt(counted) === newline) {
        line++;
      }
    }
    return line;
  };
  Papa.parse<string[]>(text, {
    ...(separator ? { delimiter: separator[1] } : { delimitersToGuess: [',', ';', '\t'] }),
    step: (result) => {
      const rowLine = lineAt(start);
      for (const error of result.errors) {
        if (error.code === 'MissingQuotes' || error.code === 'InvalidQuotes') {
          problems.push({ line: rowLine, message: l10n.t('A quoted field is not closed: a field that starts with " must end with " (write "" for a quote inside it).') });
        }
      }
      records.push({ line: rowLine, cells: result.data.map((cell) => cell.trim()) });
      const end = result.meta.cursor;
      start = end + (text.startsWith('\r\n', end) ? 2 : 1);
    },
  });
  const nonEmpty = records.filter((record) => record.cells.some((cell) => cell !== ''));
  if (nonEmpty.length === 0) {
    return { columns: [], rows: [], problems };
  }
  const [header, ...body] = nonEmpty;
  const rows: TableRow[] = body.map((record) => {
    const cells: Record<string, string> = {};
    header.cells.forEach((name, index) => {
      if (name !== '' && !Object.hasOwn(cells, name)) {
        cells[name] = record.cells[index] ?? '';
      }
    });
    if (record.cells.length > header.cells.length && record.cells.slice(header.cells.length).some((cell) => cell !== '')) {
      problems.push({ line: record.line, message: l10n.t('This row has {0} but the header names {1}.', plural(record.cells.length, '{0} field', '{0} fields'), plural(header.cells.length, '{0} column', '{0} columns')) });
    }
    return { line: record.line, cells };
  });
  return { columns: header.cells.filter((name) => name !== ''), rows, problems };
}

