import * as assert from 'node:assert/strict';
import { isValueOfOtherKey, looksLikeSku, resolveSkuSelection, skuCandidates, tokenAt, valuesOfOtherKeys } from '../../../src/devtools/hover/skuText';

function at(line: string, marker: string): string | undefined {
  return tokenAt(line, line.indexOf(marker) + 1)?.text;
}

describe('devtools SKU text', () => {
  it('finds the quoted string or word under the cursor in common file types', () => {
    assert.equal(at(`  "sku": "AJW-DATES-500",`, 'AJW'), 'AJW-DATES-500');
    assert.equal(at(`sku: AJW-DATES-500 # dates`, 'DATES'), 'AJW-DATES-500');
    assert.equal(at(`stock = check('COF-SAU-250')`, 'SAU'), 'COF-SAU-250');
    assert.equal(at(`AJW-DATES-500,12,RUH-WH1`, 'RUH'), 'RUH-WH1');
    assert.equal(at(`$items = ["THB-WHT-54" => 3];`, 'WHT'), 'THB-WHT-54');
    assert.equal(at(`const s = \`PRF-MUSK-50\`;`, 'MUSK'), 'PRF-MUSK-50');
    assert.equal(at(`order "ODD SKU \\"x\\"" now`, 'SKU'), 'ODD SKU "x"', 'a quoted SKU with spaces and escapes');
    assert.equal(at(`see SKR-DATES-1KG.`, 'SKR'), 'SKR-DATES-1KG', 'sentence punctuation is not part of it');
    assert.equal(at(`رمز: تمر-١٠`, 'تمر'), 'تمر-١٠');
    assert.equal(tokenAt('a  b', 2), undefined);
  });

  it('lists every distinct SKU-looking string of a file', () => {
    const text = ['{"items": [{"sku": "AJW-DATES-500"}, {"sku": "COF-SAU-250"}]}', 'AJW-DATES-500,3', "check('HNY-SIDR-500')"].join('\n');
    const candidates = skuCandidates(text);
    for (const sku of ['AJW-DATES-500', 'COF-SAU-250', 'HNY-SIDR-500', 'items', 'sku']) {
      assert.ok(candidates.includes(sku), sku);
    }
    assert.equal(candidates.filter((candidate) => candidate === 'AJW-DATES-500').length, 1);
    assert.equal(skuCandidates('a b c d', 2).length, 2);
  });

  it('tells SKU-shaped strings from ordinary words and identifiers', () => {
    for (const sku of ['NOT-IN-CATALOGUE', 'AJW-DATES-500', 'RUH-WH1', 'تمر-١٠']) {
      assert.equal(looksLikeSku(sku), true, sku);
    }
    for (const word of ['function', 'lines', 'MAX_SKU_LENGTH', 'AJW', 'ajw-dates-500', '-AJW', 'AJW--500', '123-456', `A-${'B'.repeat(70)}`]) {
      assert.equal(looksLikeSku(word), false, word);
    }
  });

  it('names the unknown SKUs of a selection instead of falling back to the file\'s other SKUs', () => {
    const catalogue = new Set(['AJW-DATES-500', 'COF-SAU-250']);
    const known = (sku: string): boolean => catalogue.has(sku);
    const file = (): string[] => ['AJW-DATES-500', 'COF-SAU-250', 'NOT-IN-CATALOGUE'];
    assert.deepEqual(resolveSkuSelection(['NOT-IN-CATALOGUE'], file, known), { skus: [], notInCatalogue: ['NOT-IN-CATALOGUE'] }, 'only an unknown SKU selected');
    assert.deepEqual(
      resolveSkuSelection(['AJW-DATES-500', 'NOT-IN-CATALOGUE', 'sku', 'AJW-DATES-500'], file, known),
      { skus: ['AJW-DATES-500'], notInCatalogue: ['NOT-IN-CATALOGUE'] },
      'a mixed selection: the known one shown, the unknown one named, nothing twice',
    );
    assert.deepEqual(resolveSkuSelection(['const'], file, known), { skus: ['AJW-DATES-500', 'COF-SAU-250'], notInCatalogue: [] }, 'nothing SKU-like at the cursor: the file\'s SKUs');
    assert.deepEqual(resolveSkuSelection([], () => ['x'], known), { skus: [], notInCatalogue: [] });
  });

  it('an order id and a known location code in an order JSON are not reported as missing SKUs; an unknown SKU under its key is', () => {
    const order = JSON.stringify({ orderId: 'ERP-10023', warehouseCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', quantity: 2 }, { productSku: 'NOT-IN-CATALOGUE', quantity: 1 }], note: 'ERP-10023 again' }, null, 2);
    const other = valuesOfOtherKeys(order);
    assert.ok(other.has('ERP-10023') && other.has('RUH-WH1'));
    assert.ok(!other.has('AJW-DATES-500') && !other.has('NOT-IN-CATALOGUE'));
    const locations = new Set(['RUH-WH1', 'JED-WH1']);
    const resolved = resolveSkuSelection([order.trim(), ...skuCandidates(order)], () => [], (sku) => sku === 'AJW-DATES-500', (text) => locations.has(text) || other.has(text));
    assert.deepEqual(resolved, { skus: ['AJW-DATES-500'], notInCatalogue: ['NOT-IN-CATALOGUE'] });
    // A value under a SKU key anywhere stays a candidate, even if another key repeats it.
    assert.ok(!valuesOfOtherKeys('{"ref": "AB-1", "sku": "AB-1"}').has('AB-1'));
    // Other syntaxes: YAML, PHP, assignments.
    assert.deepEqual([...valuesOfOtherKeys("order_id: SO-77\n'location' => 'DMM-WH2'\nsku = 'X-1'")], ['SO-77', 'DMM-WH2']);
    // The hover: the key before the token on its line.
    const line = '  "orderId": "ERP-10023",';
    assert.equal(isValueOfOtherKey(line, line.indexOf('ERP')), true);
    const skuLine = '  "sku": "NOT-IN-CATALOGUE",';
    assert.equal(isValueOfOtherKey(skuLine, skuLine.indexOf('NOT')), false);
    assert.equal(isValueOfOtherKey('NOT-IN-CATALOGUE,3,RUH-WH1', 0), false, 'no key: judged as before');
  });
});
