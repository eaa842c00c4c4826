// A file of stock changes as the validator sees it: named cells per row, each row with the
// 1-based line it starts on (diagnostics point there), whatever the file's format.

export interface TableRow {
  /** 1-based line of the file the row starts on. */
  line: number;
  /** Cells by column name, as written (trimmed). */
  cells: Record<string, string>;
}

export interface TableProblem {
  line: number;
  message: string;
}

export interface Table {
  /** The column names the file has, as written. */
  columns: string[];
  rows: TableRow[];
  /** Problems found while reading the file itself (an unterminated quote, JSON that does not parse). */
  problems: TableProblem[];
}

/** A UTF-8 byte order mark, which Excel writes at the start of "CSV UTF-8" files. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Excel's first line naming the delimiter (`sep=;`): Excel reads it, and writes it on request. */
export const SEPARATOR_LINE = /^sep=(.)(\r\n|\n|\r|$)/i;

/**
 * The header's cells of a CSV document from its first lines, cheaply (for the CodeLens, on every
 * edit): the first line, or the second after a `sep=` line.
 */
export function headerCells(first: string, second: string | undefined): string[] {
  const line = stripBom(first);
  const header = SEPARATOR_LINE.test(line) ? (second ?? '') : line;
  return header.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"|"$/g, ''));
}
