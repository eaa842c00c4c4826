// Counted messages in each language's plural forms (src/common/text/plural.ts): Arabic's six
// through the shipped bundle, English's two unchanged, and no two-string count choice left behind.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as ts from 'typescript';
import { useDisplayLanguage } from '../../../src/common/text/display';
import { plural, pluralForms } from '../../../src/common/text/plural';
import { isPluralForms, pickForm, pluralCategories } from '../../../src/common/text/pluralForms';
import { itemCount, unitCount } from '../../../src/stockChange/prompts/counts';
import { lowSkusText, skuCount } from '../../../src/stock/tree/format';
import { arabicBundle, withBundle } from '../l10nBundle';
import { ROOT, sourceFiles } from '../fakes/sources';
import { findingText } from '../../../src/workbench/findingText';

const COUNTS = [0, 1, 2, 3, 10, 11, 99, 100, 101];

describe('plural forms', () => {
  it('gives each Arabic count its form from the shipped bundle: zero, one, two, few (3–10), many (11–99), other (100+)', () => {
    const forms = (count: (n: number) => string): string[] => withBundle(arabicBundle(), () => COUNTS.map(count));
    assert.deepEqual(forms(skuCount), ['لا رموز SKU', 'رمز SKU واحد', 'رمزا SKU', '3 رموز SKU', '10 رموز SKU', '11 رمزًا من رموز SKU', '99 رمزًا من رموز SKU', '100 رمز SKU', '101 رمز SKU']);
    assert.deepEqual(forms(unitCount), ['لا وحدات', 'وحدة واحدة', 'وحدتان', '3 وحدات', '10 وحدات', '11 وحدةً', '99 وحدةً', '100 وحدة', '101 وحدة']);
    assert.deepEqual(forms(itemCount), ['لا أصناف', 'صنف واحد', 'صنفان', '3 أصناف', '10 أصناف', '11 صنفًا', '99 صنفًا', '100 صنف', '101 صنف']);
    assert.deepEqual(forms(lowSkusText).slice(1, 4), ['رمز SKU واحد دون حده الأدنى للمخزون', 'رمزا SKU دون حدهما الأدنى للمخزون', '3 رموز SKU دون حدها الأدنى للمخزون']);
  });

  it('fills the values after the count into every form', () => {
    const saved = (count: number): string => plural(count, 'Saved 1 entry to {1}.', 'Saved {0} entries to {1}.', 'h.csv');
    assert.deepEqual(withBundle(arabicBundle(), () => [0, 1, 2, 7, 40, 300].map(saved)), [
      'لم يُحفظ أي قيد في h.csv.',
      'حُفظ قيد واحد في h.csv.',
      'حُفظ قيدان في h.csv.',
      'حُفظت 7 قيود في h.csv.',
      'حُفظ 40 قيدًا في h.csv.',
      'حُفظ 300 قيد في h.csv.',
    ]);
    assert.deepEqual([0, 1, 2].map(saved), ['Saved 0 entries to h.csv.', 'Saved 1 entry to h.csv.', 'Saved 2 entries to h.csv.']);
    assert.equal(plural({ count: 12500, shown: '12,500' }, '{0} unit', '{0} units'), '12,500 units');
  });

  it('words counts over a limit, which are never 1, in the forms for them (a traffic finding, a CSV over its rows)', () => {
    const finding = (rule: string, params: Record<string, number>): string => findingText({ rule, severity: 'warning', message: 'English', exchangeIds: [1], params });
    assert.deepEqual(withBundle(arabicBundle(), () => [6, 11, 100].map((count) => finding('token-churn', { count }).split(' خلال')[0])), ['6 تحديثات للرمز', '11 تحديثًا للرمز', '100 تحديث للرمز']);
    assert.match(withBundle(arabicBundle(), () => finding('url-too-long', { length: 2149 })), /^طول عنوان الطلب 2149 حرفًا، /);
    assert.match(finding('url-too-long', { length: 2149 }), /^The request URL is 2149 characters, over 2,048/);
  });

  it('reads English as before: one for 1, the other form for 0 and 2', () => {
    assert.deepEqual([0, 1, 2].map(skuCount), ['0 SKUs', '1 SKU', '2 SKUs']);
    assert.deepEqual([0, 1, 2].map(lowSkusText), ['0 SKUs below their minimum inventory', '1 SKU below its minimum inventory', '2 SKUs below their minimum inventory']);
    assert.deepEqual([0, 1, 2].map(unitCount), ['0 units', '1 unit', '2 units']);
  });

  it('keeps English rules with the English words, whatever the display language (no bundle for it)', () => {
    useDisplayLanguage('fr');
    try {
      // French counts 0 as `one`: with English words that would read "0 SKU".
      assert.deepEqual([0, 1, 2].map(skuCount), ['0 SKUs', '1 SKU', '2 SKUs']);
    } finally {
      useDisplayLanguage('en');
    }
  });

  it('falls back to the translated other form when a bundle lacks a category', () => {
    const bundle = { '{0} SKU': 'رمز SKU واحد', '{0} SKUs': '{0} رمز SKU', '{0} SKUs/plural: two': 'رمزا SKU' };
    assert.deepEqual(withBundle(bundle, () => [1, 2, 3, 11].map(skuCount)), ['رمز SKU واحد', 'رمزا SKU', '3 رمز SKU', '11 رمز SKU']);
  });

  it('hands a page every category of the language, which it picks from by the count', () => {
    const forms = withBundle(arabicBundle(), () => pluralForms('{0} order', '{0} orders'));
    assert.equal(forms.language, 'ar');
    assert.deepEqual(Object.keys(forms.forms).sort(), ['few', 'many', 'one', 'other', 'two', 'zero']);
    assert.deepEqual(COUNTS.map((count) => pickForm(forms, count)), ['لا طلبات', 'طلب واحد', 'طلبان', '{0} طلبات', '{0} طلبات', '{0} طلبًا', '{0} طلبًا', '{0} طلب', '{0} طلب']);
    assert.deepEqual(pluralForms('{0} order', '{0} orders'), { language: 'en', forms: { one: '{0} order', other: '{0} orders' } });
    assert.ok(isPluralForms(forms));
    assert.deepEqual(pluralCategories('ar'), ['zero', 'one', 'two', 'few', 'many', 'other']);
    assert.deepEqual(pluralCategories('no-such-language-tag-!'), pluralCategories(new Intl.PluralRules().resolvedOptions().locale));
  });
});

/** Where a source picks between two texts by `x === 1` (or `!== 1`): both branches localised text. */
export function countChoices(source: string, file: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const isOne = (node: ts.Expression): boolean => ts.isNumericLiteral(node) && node.text === '1';
  const isText = (node: ts.Node): boolean => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 't' && /l10n$/.test(node.expression.expression.getText())) {
      return true;
    }
    // A page's strings object: `s.orderCountOne`, `strings.entriesCount`.
    if (ts.isPropertyAccessExpression(node) && /^(s|strings|this\.strings)$/.test(node.expression.getText())) {
      return true;
    }
    return ts.forEachChild(node, isText) ?? false;
  };
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isConditionalExpression(node)) {
      const condition = ts.isParenthesizedExpression(node.condition) ? node.condition.expression : node.condition;
      const comparesWithOne =
        ts.isBinaryExpression(condition) &&
        [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(condition.operatorToken.kind) &&
        (isOne(condition.left) || isOne(condition.right));
      if (comparesWithOne && isText(node.whenTrue) && isText(node.whenFalse)) {
        found.push(`${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe('plural forms: no two-string count choice left', () => {
  it('finds `count === 1 ? l10n.t(…) : l10n.t(…)` and a page\'s `n === 1 ? s.one : s.many`', () => {
    const sample = [
      "const a = count === 1 ? l10n.t('{0} SKU', count) : l10n.t('{0} SKUs', count);",
      'const b = 1 !== n ? vscode.l10n.t(`{0} rows`, n) : vscode.l10n.t(`1 row`);',
      'const c = units === 1 ? s.totalUnitOne : s.totalUnits;',
      "const d = pages.length === 1 ? pages[0] : merge(pages);",
      "const e = problems.length === 1 ? l10n.t('On line {0}', line) : plural(problems.length, '{0} problems', '{0} problems');",
    ].join('\n');
    assert.deepEqual(countChoices(sample, 'sample.ts'), ['sample.ts:1', 'sample.ts:2', 'sample.ts:3']);
  });

  it('has none in src/ or media/: counted messages go through plural()', () => {
    const found = [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'media'))].flatMap((source) => countChoices(source.text, source.file));
    assert.deepEqual(found, []);
  });
});
