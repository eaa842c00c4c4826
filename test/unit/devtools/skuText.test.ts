import * as assert from 'node:assert/strict';
import { skuCandidates, tokenAt } from '../../../src/devtools/hover/skuText';

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
});
