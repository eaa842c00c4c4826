import * as assert from 'node:assert/strict';
import { CSV_COLUMNS, csvField, exportFileName, toCsv, toJson } from '../../../src/devtools/export/exportFormat';
import { readingFromStore, type SkuReading } from '../../../src/devtools/stockReading';
import { useDevtools } from './support';

/** RFC 4180 parsing, written independently of the exporter so it can catch its quoting mistakes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  assert.equal(field, '', 'the file ends with a line break');
  return rows;
}

const HOSTILE = `=HYPERLINK("http://x"), "quoted"\nline`;

describe('devtools stock export', () => {
  it('names the export for its environment and local day, with the format as extension', () => {
    assert.strictEqual(exportFileName('csv', 'staging', new Date(2026, 11, 1, 23, 59)), 'oto-stock-staging-2026-12-01.csv');
    assert.strictEqual(exportFileName('json', 'sandbox', new Date(2027, 0, 9)), 'oto-stock-sandbox-2027-01-09.json');
  });

  const h = useDevtools({ sandbox: { extra: { products: [{ sku: 'HOSTILE-1', name: HOSTILE, stock: {}, noLocation: { onHand: -3 } }] } } });

  async function readings(): Promise<SkuReading[]> {
    assert.deepEqual((await h.store.refresh()).issues, []);
    return [...h.store.skus()].map(readingFromStore);
  }

  it('CSV: one row per SKU and location, figures as the sandbox has them, any name intact', async () => {
    const all = await readings();
    const rows = parseCsv(toCsv(all));
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    const body = rows.slice(1);
    assert.equal(body.length, all.reduce((sum, reading) => sum + Math.max(1, reading.locations.length), 0));
    for (const row of body) {
      assert.equal(row.length, CSV_COLUMNS.length);
    }
    const truth = await h.client.checkInventoryStock(['ABY-BLK-M']);
    const abaya = body.filter((row) => row[0] === 'ABY-BLK-M');
    assert.equal(abaya.length, truth['ABY-BLK-M']?.length);
    for (const entry of truth['ABY-BLK-M'] ?? []) {
      const row = abaya.find((candidate) => candidate[2] === (entry.pickupLocationCode ?? ''));
      assert.deepEqual(row?.slice(1, 5), ['Classic Black Abaya, M', entry.pickupLocationCode ?? '', String(entry.quantityOnHand), String(entry.quantityForecasted)]);
    }
    const hostile = body.find((row) => row[0] === 'HOSTILE-1');
    assert.equal(hostile?.[1], `'${HOSTILE}`, 'a would-be formula is neutralised, the rest kept');
    assert.equal(hostile?.[2], '', 'the no-location entry has an empty location code');
    assert.equal(hostile?.[3], '-3');
    const arabic = body.find((row) => row[0] === 'SKR-DATES-AR');
    assert.equal(arabic?.[1], 'تمر سكري فاخر ١ كغ');
  });

  it('JSON: one object per SKU with its locations, total and min inventory', async () => {
    const all = await readings();
    const parsed = JSON.parse(toJson(all, { environment: 'sandbox', exportedAt: '2026-11-27T09:00:00.000Z' })) as {
      environment: string;
      exportedAt: string;
      skus: Array<{ sku: string; name: string | null; quantityOnHand: number; minInventory: number | null; locations: Array<{ locationCode: string | null; quantityOnHand: number }> }>;
    };
    assert.equal(parsed.environment, 'sandbox');
    assert.equal(parsed.skus.length, all.length);
    const global = (await h.client.checkGlobalStock(['HNY-SIDR-500']))['HNY-SIDR-500'];
    const honey = parsed.skus.find((entry) => entry.sku === 'HNY-SIDR-500');
    assert.equal(honey?.quantityOnHand, global?.quantityOnHand);
    assert.equal(honey?.minInventory, global?.minInventory ?? null);
    const hostile = parsed.skus.find((entry) => entry.sku === 'HOSTILE-1');
    assert.equal(hostile?.name, HOSTILE, 'JSON keeps text exactly');
    assert.deepEqual(hostile?.locations.map((entry) => entry.locationCode), [null]);
  });

  it('quotes CSV fields only where needed', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-12'), '-12');
    assert.equal(csvField(-4), '-4');
    assert.equal(csvField(undefined), '');
  });
});
