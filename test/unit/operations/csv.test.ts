import * as assert from 'node:assert';
import { parseCsv } from '../../../src/operations/bulk/file/csv';
import { headerCells } from '../../../src/operations/bulk/file/table';
import { parseJsonRows } from '../../../src/operations/bulk/file/jsonRows';
import { arabicBundle, withBundle } from '../l10nBundle';

describe('operations: reading a file of stock changes', () => {
  it('reads quoted fields, doubled quotes and line breaks inside quotes, with each row on the line it starts', () => {
    const table = parseCsv('sku,locationCode,action,qty,note\n"SKU,1",RUH-WH1,adjust,-2,"said ""hi""\nthen left"\nSKU-2,JED-WH1,set,4,\n');
    assert.deepStrictEqual(table.columns, ['sku', 'locationCode', 'action', 'qty', 'note']);
    assert.deepStrictEqual(table.rows, [
      { line: 2, cells: { sku: 'SKU,1', locationCode: 'RUH-WH1', action: 'adjust', qty: '-2', note: 'said "hi"\nthen left' } },
      { line: 4, cells: { sku: 'SKU-2', locationCode: 'JED-WH1', action: 'set', qty: '4', note: '' } },
    ]);
    assert.deepStrictEqual(table.problems, []);
  });

  it('drops a BOM, reads CRLF, skips blank lines without losing count, and keeps Arabic text', () => {
    const table = parseCsv('\uFEFFsku,locationCode,action,qty,note\r\nSKU-1,RUH-WH1,adjust,3,تالف في المستودع\r\n\r\nSKU-2,RUH-WH1,set,0,"جرد، دوري"\r\n');
    assert.deepStrictEqual(table.columns, ['sku', 'locationCode', 'action', 'qty', 'note']);
    assert.deepStrictEqual(table.rows.map((row) => [row.line, row.cells.sku, row.cells.note]), [
      [2, 'SKU-1', 'تالف في المستودع'],
      [4, 'SKU-2', 'جرد، دوري'],
    ]);
  });

  it('counts lines ended by CR alone (old Mac software) as the editor does, so each row is named on its line', () => {
    const table = parseCsv('sku,locationCode,action,qty\rSKU-1,RUH-WH1,adjust,3\r\rSKU-2,RUH-WH1,set,"1\r0"\r');
    assert.deepStrictEqual(table.rows.map((row) => [row.line, row.cells.sku]), [[2, 'SKU-1'], [4, 'SKU-2']]);
  });

  it('honours a first line `sep=;` (as Excel reads and writes it): the delimiter, not the header, and each row still on its line', () => {
    const table = parseCsv('\uFEFFsep=;\r\nsku;locationCode;action;qty\r\nSKU-1;RUH-WH1;adjust;"1,5"\r\n\r\nSKU-2;RUH-WH1;set;4\r\n');
    assert.deepStrictEqual(table.columns, ['sku', 'locationCode', 'action', 'qty']);
    assert.deepStrictEqual(table.rows.map((row) => [row.line, row.cells.sku, row.cells.qty]), [[3, 'SKU-1', '1,5'], [5, 'SKU-2', '4']]);
    assert.deepStrictEqual(table.problems, []);
    assert.deepStrictEqual(parseCsv('SEP=,\nsku,locationCode,action,qty\nSKU-1,RUH-WH1,set,2\n').rows, [{ line: 3, cells: { sku: 'SKU-1', locationCode: 'RUH-WH1', action: 'set', qty: '2' } }]);
  });

  it('finds the header the CodeLens looks at on the first line, or the second after `sep=`', () => {
    assert.deepStrictEqual(headerCells('\uFEFF"sku",locationCode;action\tqty', undefined), ['sku', 'locationCode', 'action', 'qty']);
    assert.deepStrictEqual(headerCells('sep=;', 'sku;locationCode;action;qty'), ['sku', 'locationCode', 'action', 'qty']);
    assert.deepStrictEqual(headerCells('sep=;', undefined), ['']);
  });

  it('reads semicolon-separated files as Excel writes them in Arabic and European locales', () => {
    const table = parseCsv('qty;sku;action;locationCode\n5;SKU-1;adjust;RUH-WH1\n');
    assert.deepStrictEqual(table.rows[0].cells, { qty: '5', sku: 'SKU-1', action: 'adjust', locationCode: 'RUH-WH1' });
  });

  it('reports an unclosed quote and a row with more fields than the header, on their lines', () => {
    const extra = parseCsv('sku,locationCode,action,qty\nSKU-1,RUH-WH1,adjust,1,surprise\n');
    assert.deepStrictEqual(extra.problems, [{ line: 2, message: 'This row has 5 fields but the header names 4 columns.' }]);
    // Each count in its own plural form: `1 column`, not `1 columns`; in Arabic a dual and a 3–10 plural.
    assert.deepStrictEqual(parseCsv('sku\nSKU-1,x\n').problems, [{ line: 2, message: 'This row has 2 fields but the header names 1 column.' }]);
    assert.deepStrictEqual(withBundle(arabicBundle(), () => parseCsv('sku,qty,action\nSKU-1,1,adjust,x,y\nSKU-2,1,adjust,x\n').problems), [
      { line: 2, message: 'في هذا الصف 5 حقول، لكن في صف العناوين 3 أعمدة.' },
      { line: 3, message: 'في هذا الصف 4 حقول، لكن في صف العناوين 3 أعمدة.' },
    ]);
    assert.deepStrictEqual(withBundle(arabicBundle(), () => parseCsv('sku,qty\nSKU-1,1,x\n').problems), [{ line: 2, message: 'في هذا الصف 3 حقول، لكن في صف العناوين عمودان.' }]);
    const unclosed = parseCsv('sku,locationCode,action,qty\nSKU-1,RUH-WH1,adjust,1\n"SKU-2,RUH-WH1,adjust,1\n');
    assert.strictEqual(unclosed.problems[0].line, 3);
    assert.match(unclosed.problems[0].message, /quoted field is not closed/);
  });

  it('reads a JSON array of changes with the line each object starts on', () => {
    const table = parseJsonRows('[\n  {"sku": "SKU-1", "locationCode": "RUH-WH1", "action": "adjust", "qty": -2},\n  {\n    "sku": "SKU-2", "note": "a, \\"b\\"", "locationCode": "JED-WH1", "action": "set", "qty": 7\n  }\n]\n');
    assert.deepStrictEqual(table.rows, [
      { line: 2, cells: { sku: 'SKU-1', locationCode: 'RUH-WH1', action: 'adjust', qty: '-2' } },
      { line: 3, cells: { sku: 'SKU-2', note: 'a, "b"', locationCode: 'JED-WH1', action: 'set', qty: '7' } },
    ]);
    assert.match(parseJsonRows('{"sku": 1}').problems[0].message, /JSON array/);
    // JSON.parse keeps the last of a name given twice: the row is refused, naming the name, not sent with 50.
    const twice = parseJsonRows('[\n  {"sku": "SKU-1", "locationCode": "RUH-WH1", "action": "adjust", "qty": 5},\n  {"sku": "SKU-2", "locationCode": "JED-WH1", "action": "adjust", "qty": 5, "note": {"qty": 1}, "q\\u0074y": 50}\n]');
    assert.deepStrictEqual(twice.rows.map((row) => row.line), [2]);
    assert.deepStrictEqual(twice.problems.map((problem) => problem.line), [3]);
    assert.match(twice.problems[0].message, /Item 2 names qty more than once/);
    // A name repeated in a nested object, or in another item, is not the item's own name twice.
    assert.deepStrictEqual(parseJsonRows('[{"sku": "A", "note": {"x": 1, "y": {"x": 2}}}, {"sku": "B"}]').problems, []);
    assert.match(parseJsonRows('[{"sku": ').problems[0].message, /not valid JSON/);
  });
});
