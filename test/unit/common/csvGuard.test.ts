import * as assert from 'node:assert/strict';
import Papa from 'papaparse';
import { guardCsvCell } from '../../../src/common/text/csvGuard';
import { toCsv } from '../../../src/devtools/export/exportFormat';
import { reportCsv } from '../../../src/operations/bulk/report';
import { historyCsv } from '../../../src/operations/history/historyCsv';

const FORMULAS = ['=1+1', '+1', '-2+3', '-', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'];
const DATA = ['plain', '', '-12', '-2.5', 'AJW-DATES-500', 'تمر'];

function cells(csv: string): string[] {
  return Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.flat();
}

describe('the one CSV formula guard', () => {
  it('prefixes every cell a spreadsheet would run, and leaves data (negative figures too) alone', () => {
    for (const formula of FORMULAS) {
      assert.equal(guardCsvCell(formula), `'${formula}`, JSON.stringify(formula));
    }
    for (const data of DATA) {
      assert.equal(guardCsvCell(data), data, JSON.stringify(data));
    }
  });

  it('is the rule of every CSV we write: Export Stock, the bulk report and the history export', () => {
    for (const formula of FORMULAS) {
      const exported = cells(toCsv([{ sku: formula, name: formula, locations: [{ locationCode: 'RUH-WH1', quantityOnHand: -12, quantityForecasted: 0 }] }]));
      const report = cells(reportCsv([{
        row: { line: 2, index: 0, sku: formula, locationCode: 'RUH-WH1', action: 'adjust', qty: -12, before: 5, after: -7, noop: false, note: formula },
        status: { state: 'failed', code: 'OTO1132', message: formula },
      }]));
      const history = cells(historyCsv([{ time: 0, source: 'single', action: 'adjust', locationCode: 'RUH-WH1', qty: -12, reason: formula, note: formula }]));
      for (const [name, written] of [['export', exported], ['report', report], ['history', history]] as const) {
        assert.ok(!written.includes(formula), `${name} wrote ${JSON.stringify(formula)} unguarded`);
        assert.ok(written.includes(`'${formula}`), `${name} lost ${JSON.stringify(formula)}`);
        assert.ok(written.includes('-12'), `${name} guarded a negative figure`);
      }
    }
  });
});
