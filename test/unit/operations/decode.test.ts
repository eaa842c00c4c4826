import * as assert from 'node:assert';
import { decodeFile } from '../../../src/operations/bulk/file/decode';
import { parseCsv } from '../../../src/operations/bulk/file/csv';
import { validateTable } from '../../../src/operations/bulk/file/validate';

// The files an operator in Riyadh really has, as bytes: what Excel, an ERP export and a
// colleague's phone write. Each is read to the same changes as the UTF-8 file it stands for.
const known = {
  hasSku: (sku: string) => ['SKU-1', 'قميص'].includes(sku),
  hasLocation: (code: string) => code === 'RUH-WH1',
};

function utf16(text: string, bigEndian = false): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    bytes[index * 2 + (bigEndian ? 1 : 0)] = code & 0xff;
    bytes[index * 2 + (bigEndian ? 0 : 1)] = code >> 8;
  }
  return bytes;
}

const changes = (bytes: Uint8Array) => {
  const { changes: read, problems } = validateTable(parseCsv(decodeFile(bytes).text), known);
  return { changes: read.map((change) => [change.line, change.sku, change.qty, change.note]), problems };
};

describe('operations: decoding a file of stock changes from its bytes', () => {
  const csv = 'sku\tlocationCode\taction\tqty\tnote\r\nقميص\tRUH-WH1\tadjust\t-2\tتالف\r\nSKU-1\tRUH-WH1\tset\t12\t\r\n';
  const expected = { changes: [[2, 'قميص', -2, 'تالف'], [3, 'SKU-1', 12, undefined]], problems: [] };

  it('reads Excel\'s "Unicode Text" (UTF-16 LE with a BOM, tab-separated), and UTF-16 BE', () => {
    assert.deepStrictEqual(decodeFile(utf16(`\ufeff${csv}`)).encoding, 'utf-16le');
    assert.deepStrictEqual(changes(utf16(`\ufeff${csv}`)), expected);
    assert.deepStrictEqual(changes(utf16(`\ufeff${csv}`, true)), expected);
    // Without a BOM (some exports leave it out), the zero bytes beside the header's letters tell.
    assert.deepStrictEqual(changes(utf16(csv)), expected);
    assert.strictEqual(decodeFile(utf16(csv, true)).encoding, 'utf-16be');
  });

  it('reads "CSV UTF-8" with its BOM, and UTF-8 without one', () => {
    const bytes = new TextEncoder().encode(csv);
    assert.deepStrictEqual(changes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])), expected);
    assert.deepStrictEqual(decodeFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])), { text: csv, encoding: 'utf-8' });
    assert.deepStrictEqual(decodeFile(bytes), { text: csv, encoding: 'utf-8' });
  });

  it('reads a Windows-1256 file (what Excel\'s plain "CSV" writes on an Arabic Windows) with its Arabic SKU and note', () => {
    const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
    // قميص and تالف in Windows-1256.
    const bytes = new Uint8Array([
      ...ascii('sku,locationCode,action,qty,note\r\n'),
      0xde, 0xe3, 0xed, 0xd5, ...ascii(',RUH-WH1,adjust,-2,'), 0xca, 0xc7, 0xe1, 0xdd, ...ascii('\r\nSKU-1,RUH-WH1,set,12,'),
    ]);
    assert.strictEqual(decodeFile(bytes).encoding, 'windows-1256');
    assert.deepStrictEqual(changes(bytes), expected);
  });

  it('refuses a UTF-16 file cut short (an odd byte at the end) instead of reading half of it', () => {
    const bytes = utf16(`\ufeff${csv}`);
    assert.throws(() => decodeFile(bytes.slice(0, bytes.length - 1)), /starts as UTF-16 LE but holds bytes that are not UTF-16 LE: save it as "CSV UTF-8"/);
  });
});
