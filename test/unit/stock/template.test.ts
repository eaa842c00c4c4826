import * as assert from 'node:assert';
import type { SkuStock } from '../../../src/stock/store/figures';
import { Template } from '../../../src/stock/tree/template';
import { buildTree } from '../../../src/stock/tree/treeModel';
import { withBundle } from '../l10nBundle';

describe('localised row texts', () => {
  it('fills placeholders in the order the translation puts them', () => {
    assert.strictEqual(new Template('{1} forecast, {0} on hand').fill('272 (\u22125)', '256'), '256 forecast, 272 (\u22125) on hand');
    assert.strictEqual(new Template('no placeholders').fill('x'), 'no placeholders');
    assert.strictEqual(new Template('{0}{0}').fill('ab'), 'abab');
  });

  it('shows the tree in the language of the bundle @vscode/l10n is configured with', () => {
    const arabic: Record<string, string> = {
      '{0} on hand': 'المتوفر {0}',
      '{0} forecast': 'المتوقع {0}',
      '(no location)': '(بدون موقع)',
      'entries without a location code': 'إدخالات بلا رمز موقع',
      'low in total ({0})': 'منخفض إجمالًا ({0})',
    };
    const stock: SkuStock = { sku: 'S1', product: { sku: 'S1', name: 'تمر' }, locations: [{ onHand: -3, forecast: -4, change: { onHand: -1, forecast: 0 } }], global: { onHand: 1, minInventory: 5 }, low: true };
    const [group] = withBundle(arabic, () => buildTree({ locations: [], skus: [stock] }, { grouping: 'location', lowOnly: false, text: '' }).model.roots);
    assert.deepStrictEqual([group.label, group.description], ['(بدون موقع)', 'إدخالات بلا رمز موقع']);
    // Figures as the language writes them: Intl marks Arabic's negative figures left to right (U+200E).
    assert.strictEqual(group.children?.[0].description, 'المتوفر \u200e-3 (\u22121) · المتوقع \u200e-4 · منخفض إجمالًا (1) · تمر', 'on hand first, whatever the language');
  });
});
