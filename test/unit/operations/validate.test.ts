import * as assert from 'node:assert';
import { parseCsv } from '../../../src/operations/bulk/file/csv';
import { parseJsonRows } from '../../../src/operations/bulk/file/jsonRows';
import { hasStockChangeColumns, validateTable } from '../../../src/operations/bulk/file/validate';

const known = {
  hasSku: (sku: string) => ['SKU-1', 'SKU-2', 'SKU-3'].includes(sku),
  hasLocation: (code: string) => ['RUH-WH1', 'JED-WH1'].includes(code),
};

function validate(csv: string) {
  return validateTable(parseCsv(csv), known);
}

describe('operations: validating stock changes before anything is sent', () => {
  it('accepts a good file, columns in any order and any case, with reasons and notes', () => {
    const result = validate('QTY,Action,locationcode,SKU,reason,note\n-2,adjust,RUH-WH1,SKU-1,damaged,dropped\n40,SET,JED-WH1,SKU-2,Cycle count,\n');
    assert.deepStrictEqual(result.problems, []);
    assert.deepStrictEqual(result.changes, [
      { line: 2, sku: 'SKU-1', locationCode: 'RUH-WH1', action: 'adjust', qty: -2, reason: 'damaged', note: 'dropped' },
      { line: 3, sku: 'SKU-2', locationCode: 'JED-WH1', action: 'set', qty: 40, reason: 'cycle-count', note: undefined },
    ]);
  });

  it('reads quantities in the digits every quantity box reads: Arabic-Indic, Extended Arabic-Indic, a Unicode minus, direction marks', () => {
    const result = validate('sku,locationCode,action,qty\nSKU-1,RUH-WH1,adjust,\u2212\u0663\nSKU-2,JED-WH1,set,\u06f4\u06f0\nSKU-3,RUH-WH1,adjust,\u200f\u0661\u0662\n');
    assert.deepStrictEqual(result.problems, []);
    assert.deepStrictEqual(result.changes.map((change) => change.qty), [-3, 40, 12]);
    assert.deepStrictEqual(validate('sku,locationCode,action,qty\nSKU-1,RUH-WH1,adjust,\u0661.\u0665\n').problems, [{ line: 2, message: 'qty "\u0661.\u0665" is not a whole number: use digits only, with an optional sign.' }]);
  });

  it('asks which separator a quantity holds rather than reading `1,200` or `١٬٢٠٠` as one number or another', () => {
    const separator = (qty: string) => `qty "${qty}" holds a separator: is it a thousands or a decimal separator? Write the whole number of units with digits only (e.g. 1200, not 1,200), with an optional sign.`;
    const result = validate('sku;locationCode;action;qty\nSKU-1;RUH-WH1;adjust;"1,200"\nSKU-2;RUH-WH1;set;1.200\nSKU-3;RUH-WH1;set;\u0661\u066c\u0662\u0660\u0660\nSKU-1;JED-WH1;adjust;-\u0661\u066b\u0665\u0660\u0660\nSKU-2;JED-WH1;set;1,5\n');
    assert.deepStrictEqual(result.changes, []);
    assert.deepStrictEqual(result.problems, [
      { line: 2, message: separator('1,200') },
      { line: 3, message: separator('1.200') },
      { line: 4, message: separator('\u0661\u066c\u0662\u0660\u0660') },
      { line: 5, message: 'qty "-\u0661\u066b\u0665\u0660\u0660" is not a whole number: use digits only, with an optional sign.' },
      { line: 6, message: 'qty "1,5" is not a whole number: use digits only, with an optional sign.' },
    ]);
  });

  it('names what Excel did to an unknown SKU: leading zeros dropped, a long number in scientific notation', () => {
    const catalogue = ['SKU-1', '00123', '0042'];
    const result = validateTable(parseCsv('sku,locationCode,action,qty\n123,RUH-WH1,adjust,1\n6.28E+12,RUH-WH1,adjust,1\n42,RUH-WH1,adjust,1\n124,RUH-WH1,adjust,1\n'), {
      hasSku: (sku) => catalogue.includes(sku),
      hasLocation: (code) => code === 'RUH-WH1',
      skus: () => catalogue,
    });
    assert.deepStrictEqual(result.problems, [
      { line: 2, message: 'Unknown SKU "123": the catalogue has "00123". Excel drops the leading zeros of a number when it opens a CSV: write the SKU as the catalogue has it (format the column as Text before saving).' },
      { line: 3, message: 'Unknown SKU "6.28E+12": a long number that Excel wrote in scientific notation, which loses its last digits. Format the column as Text and write the SKUs again.' },
      { line: 4, message: 'Unknown SKU "42": the catalogue has "0042". Excel drops the leading zeros of a number when it opens a CSV: write the SKU as the catalogue has it (format the column as Text before saving).' },
      { line: 5, message: 'Unknown SKU "124": it is not in the catalogue of this OTO account.' },
    ]);
  });

  it('names a comment-like line once, as such, not as an unknown SKU with three empty cells', () => {
    const result = validate('sku,locationCode,action,qty\n# counted on Sunday\nSKU-1,RUH-WH1,adjust,1\n"// JED next week",,,\n#SKU,RUH-WH1,adjust,1\n');
    assert.deepStrictEqual(result.changes, []);
    assert.deepStrictEqual(result.problems, [
      { line: 2, message: 'This line reads as a comment ("# counted on Sunday"), and a file of stock changes has none: delete the line, or put the words in the note column of a change.' },
      { line: 4, message: 'This line reads as a comment ("// JED next week"), and a file of stock changes has none: delete the line, or put the words in the note column of a change.' },
      { line: 5, message: 'Unknown SKU "#SKU": it is not in the catalogue of this OTO account.' },
    ]);
  });

  it('reads a quantity inside direction embeddings, and asks about a minus sign after the number rather than calling it no number', () => {
    const result = validate('sku,locationCode,action,qty\nSKU-1,RUH-WH1,adjust,\u202b-5\u202c\nSKU-2,RUH-WH1,adjust,12-\n');
    assert.deepStrictEqual(result.problems, [{ line: 3, message: 'qty "12-" has its minus sign after the number (as some ERPs export a negative number): write -12 if that is meant.' }]);
    assert.deepStrictEqual(validate('sku,locationCode,action,qty\nSKU-1,RUH-WH1,adjust,\u202b-5\u202c\n').changes.map((change) => change.qty), [-5]);
  });

  it('names a non-breaking or zero-width space inside an unknown SKU or location code, not just "unknown"', () => {
    const result = validateTable(parseCsv('sku,locationCode,action,qty\nSKU\u00a01,RUH-WH1,adjust,1\nSKU-2,RUH\u200b-WH1,adjust,1\nSKU\u00a0X,RUH-WH1,adjust,1\n'), {
      hasSku: (sku) => ['SKU 1', 'SKU-2', 'SKU\u00a0X'].includes(sku),
      hasLocation: (code) => code === 'RUH-WH1',
    });
    assert.deepStrictEqual(result.problems, [
      { line: 2, message: 'The sku "SKU\u00a01" holds a non-breaking or zero-width space (text copied from a web page or a sheet carries them), and is not known with it: type it again with ordinary spaces.' },
      { line: 3, message: 'The locationCode "RUH\u200b-WH1" holds a non-breaking or zero-width space (text copied from a web page or a sheet carries them), and is not known with it: type it again with ordinary spaces.' },
    ], 'a SKU the catalogue has with its non-breaking space is known');
  });

  it('names a row with characters the decoder could not read (a file in another encoding), not an unknown SKU', () => {
    const result = validate('sku,locationCode,action,qty,note\n\ufffd\ufffd\ufffd,RUH-WH1,adjust,1,\nSKU-1,RUH-WH1,adjust,1,\ufffd\ufffd\nSKU-2,RUH-WH1,adjust,1,\n');
    assert.deepStrictEqual(result.changes, []);
    const unreadable = 'This row holds characters that could not be read (shown as \ufffd): the file is in another encoding than the one it was read in. Reopen it with its encoding (e.g. Arabic (Windows 1256)) or save it as "CSV UTF-8", and apply it again.';
    assert.deepStrictEqual(result.problems, [{ line: 2, message: unreadable }, { line: 3, message: unreadable }]);
  });

  it('names every problem on its line, and a file with any problem yields no changes', () => {
    const result = validate([
      'sku,locationCode,action,qty,reason',
      'SKU-9,RUH-WH1,adjust,1,',
      'SKU-1,XXX-WH9,adjust,1,',
      'SKU-1,RUH-WH1,adjust,1.5,',
      'SKU-2,RUH-WH1,set,-3,',
      'SKU-3,RUH-WH1,adjust,2000000,',
      'SKU-1,RUH-WH1,adjust,4,',
      'SKU-2,JED-WH1,move,4,',
      'SKU-3,JED-WH1,adjust,0,',
      'SKU-3,RUH-WH1,adjust,1,lost',
      'SKU-1,JED-WH1,set,5,',
    ].join('\n'));
    assert.deepStrictEqual(result.changes, []);
    assert.deepStrictEqual(result.problems, [
      { line: 2, message: 'Unknown SKU "SKU-9": it is not in the catalogue of this OTO account.' },
      { line: 3, message: 'Unknown location "XXX-WH9": it is not one of this account\'s pickup locations.' },
      { line: 4, message: 'qty "1.5" is not a whole number: use digits only, with an optional sign.' },
      { line: 5, message: 'set -3: stock cannot be set below 0.' },
      { line: 6, message: 'qty 2000000 is out of range: at most 1000000 units per change.' },
      { line: 7, message: 'SKU-1 at RUH-WH1 is already changed on line 4: one change per SKU and location per file.' },
      { line: 8, message: 'Unknown action "move": write set (the new quantity on hand) or adjust (a change, e.g. -5).' },
      { line: 9, message: 'adjust 0 changes nothing: write a positive number to add or a negative one to remove.' },
      { line: 10, message: 'Unknown reason "lost": use one of received, damaged, cycle-count, correction, returned, other, or leave it empty.' },
      { line: 10, message: 'SKU-3 at RUH-WH1 is already changed on line 6: one change per SKU and location per file.' },
    ]);
  });

  it('refuses a header that names a column twice (exactly or in another case), in CSV and JSON, and sends nothing', () => {
    assert.deepStrictEqual(validate('sku,locationCode,action,qty,qty\nSKU-1,RUH-WH1,set,5,7\n'), {
      changes: [],
      problems: [{ line: 1, message: 'The header names the column qty more than once (qty, qty): keep one, so that it is clear which holds the change.' }],
    });
    assert.deepStrictEqual(validate('SKU,locationCode,action,qty,sku\nSKU-1,RUH-WH1,set,5,SKU-2\n').problems, [
      { line: 1, message: 'The header names the column sku more than once (SKU, sku): keep one, so that it is clear which holds the change.' },
    ]);
    assert.deepStrictEqual(validateTable(parseJsonRows('[{"sku":"SKU-1","locationCode":"RUH-WH1","action":"set","qty":5,"QTY":7}]'), known), {
      changes: [],
      problems: [{ line: 1, message: 'The header names the column qty more than once (qty, QTY): keep one, so that it is clear which holds the change.' }],
    });
  });

  it('names invisible direction marks around a SKU or location code (pasted from a right-to-left sheet) instead of calling it unknown', () => {
    assert.deepStrictEqual(validate('sku,locationCode,action,qty\n\u200fSKU-1\u200f,RUH-WH1\u200e,adjust,2\n'), {
      changes: [],
      problems: [
        { line: 2, message: 'The sku "SKU-1" holds invisible direction marks (text copied from a right-to-left sheet carries them): delete them.' },
        { line: 2, message: 'The locationCode "RUH-WH1" holds invisible direction marks (text copied from a right-to-left sheet carries them): delete them.' },
      ],
    });
  });

  it('says which columns are missing, and that a header alone has no changes', () => {
    assert.deepStrictEqual(validate('sku,action\nSKU-1,adjust\n').problems, [
      { line: 1, message: 'The file lacks the column(s) locationCode, qty. A file of stock changes has the columns sku, locationCode, action and qty (reason and note are optional), in any order.' },
    ]);
    assert.deepStrictEqual(validate('sku,locationCode,action,qty\n').problems, [{ line: 1, message: 'The file has a header but no changes.' }]);
    assert.strictEqual(hasStockChangeColumns(['SKU', 'qty', 'action', 'locationCode', 'reason']), true);
    assert.strictEqual(hasStockChangeColumns(['sku', 'qty']), false);
  });
});
