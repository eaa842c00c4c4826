import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkL10n, duplicateKeys, extractMessages, failures } from '../../../scripts/l10n-check';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** A project of a package.json, its English and Arabic manifest texts, one source file and an Arabic bundle (as text, so keys can repeat). */
function checkProject(files: { nls?: Record<string, string>; nlsAr?: Record<string, string>; source: string; bundleAr: string }): ReturnType<typeof checkL10n> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-l10n-'));
  try {
    fs.mkdirSync(path.join(root, 'src'));
    fs.mkdirSync(path.join(root, 'l10n'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ contributes: { commands: Object.keys(files.nls ?? {}).map((key) => ({ title: `%${key}%` })) } }));
    fs.writeFileSync(path.join(root, 'package.nls.json'), JSON.stringify(files.nls ?? {}));
    fs.writeFileSync(path.join(root, 'package.nls.ar.json'), JSON.stringify(files.nlsAr ?? {}));
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), files.source);
    fs.writeFileSync(path.join(root, 'l10n', 'bundle.l10n.ar.json'), files.bundleAr);
    return checkL10n(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('l10n: Arabic bundles', () => {
  it('translate every package.nls.json key and every l10n.t message in src/ (vscode.l10n and @vscode/l10n), each key once', () => {
    const report = checkL10n(ROOT);
    assert.deepEqual(report.unknownManifestKeys, [], 'package.json %keys% without English text');
    assert.deepEqual(report.missing.ar, [], 'untranslated: add them to package.nls.ar.json / l10n/bundle.l10n.ar.json');
    assert.deepEqual(report.untranslated.ar, [], 'still English in the Arabic bundles');
    assert.deepEqual(report.placeholderMismatches.ar, [], 'translations whose {n} placeholders, $(icons) or command links differ from the English');
    assert.deepEqual(report.duplicateKeys, [], 'keys named twice in a bundle file');
    assert.deepEqual(failures(report), []);
  });

  it('reads every form of l10n.t call, and points at those it cannot read', () => {
    const source = [
      "vscode.l10n.t('Plain {0}', x);",
      'vscode.l10n.t("Double \\"quoted\\"");',
      'l10n.t(`Template`);',
      "this.l10n.t('Via a localizer');",
      "vscode.l10n.t({ message: 'With comment', args: [], comment: ['shown in ', 'the hover'] });",
      "vscode.l10n.t({ message: 'No comment', args: [] });",
      'vscode.l10n.t(message);',
      'vscode.l10n.t(`Interpolated ${x}`);',
      "other.t('Not l10n');",
      "import * as l10n from '@vscode/l10n'; l10n.t('Without vscode {0}', x);",
      'l10n.t`Tagged`;',
      'l10n.t`Saved ${n} of ${total} rows`;',
      'other.t`Not l10n either`;',
    ].join('\n');
    const found = extractMessages(source, 'sample.ts');
    assert.deepEqual(found.messages, ['Plain {0}', 'Double "quoted"', 'Template', 'Via a localizer', 'With comment/shown in the hover', 'No comment', 'Without vscode {0}', 'Tagged', 'Saved {0} of {1} rows']);
    assert.deepEqual(found.nonLiteral, ['sample.ts:7', 'sample.ts:8']);
  });

  it('fails for a new string until it is translated with the same placeholders', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-l10n-'));
    try {
      fs.mkdirSync(path.join(root, 'src'));
      fs.mkdirSync(path.join(root, 'l10n'));
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ contributes: { commands: [{ title: '%cmd.a%' }, { title: '%cmd.b%' }] } }));
      fs.writeFileSync(path.join(root, 'package.nls.json'), JSON.stringify({ 'cmd.a': 'Refresh Stock' }));
      fs.writeFileSync(path.join(root, 'package.nls.ar.json'), JSON.stringify({ 'cmd.a': 'Refresh Stock' }));
      fs.writeFileSync(path.join(root, 'src', 'a.ts'), "vscode.l10n.t('Saved {0} of {1}', a, b); vscode.l10n.t('Brand new'); vscode.l10n.t('OTO'); vscode.l10n.t('$(add) Add');");
      fs.writeFileSync(path.join(root, 'l10n', 'bundle.l10n.ar.json'), JSON.stringify({ 'Saved {0} of {1}': 'حُفظ {0}', OTO: 'OTO', '$(add) Add': 'إضافة' }));
      const report = checkL10n(root);
      assert.deepEqual(report.unknownManifestKeys, ['cmd.b']);
      assert.deepEqual(report.missing.ar, ['Brand new']);
      assert.deepEqual(report.untranslated.ar, ['cmd.a']);
      assert.deepEqual(report.placeholderMismatches.ar, ['$(add) Add', 'Saved {0} of {1}']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('fails on a message the Arabic bundle lacks', () => {
    const report = checkProject({ source: "import * as l10n from '@vscode/l10n'; l10n.t('Kept'); vscode.l10n.t('Brand new');", bundleAr: JSON.stringify({ Kept: 'محفوظ' }) });
    assert.deepEqual(report.missing.ar, ['Brand new']);
    assert.match(failures(report).join('\n'), /ar: 1 missing:\n {2}"Brand new"/);
  });

  it('fails on a translation that is still the English text', () => {
    const report = checkProject({ nls: { 'cmd.a': 'Refresh Stock' }, nlsAr: { 'cmd.a': 'Refresh Stock' }, source: "l10n.t('Kept');", bundleAr: JSON.stringify({ Kept: 'Kept' }) });
    assert.deepEqual(report.untranslated.ar, ['cmd.a', 'Kept']);
    assert.match(failures(report).join('\n'), /ar: 2 untranslated/);
  });

  it('fails on a key a bundle file names twice, which JSON.parse would keep only once', () => {
    const bundleAr = '{\n  "Kept": "محفوظ",\n  "Sent": "أُرسل",\n  "Kept": "مُبقى"\n}\n';
    const report = checkProject({ source: "l10n.t('Kept'); l10n.t('Sent');", bundleAr });
    assert.deepEqual(report.missing.ar, [], 'JSON.parse sees every key, so nothing else is wrong');
    assert.deepEqual(report.duplicateKeys, [`${path.join('l10n', 'bundle.l10n.ar.json')}: "Kept" (line 4)`]);
    assert.match(failures(report).join('\n'), /named twice/);
  });

  it('reads plural(count, one, other, …), pluralOfMany(count, other, …) and pluralForms(one, other) as counted messages', () => {
    const source = [
      "plural(rows.length, '1 row of {1}', '{0} rows of {1}', source);",
      "pluralForms('{0} order', '{0} orders');",
      'plural(n, one, other);',
      "pluralOfMany(n, '{0} problems in {1}', file);",
      'value.toString(); stats.constructor(1);',
    ].join('\n');
    const found = extractMessages(source, 'sample.ts');
    assert.deepEqual(found.messages, ['1 row of {1}', '{0} rows of {1}', '{0} order', '{0} orders', '{0} problems in {1}', '{0} problems in {1}']);
    assert.deepEqual(found.plurals, [{ one: '1 row of {1}', other: '{0} rows of {1}' }, { one: '{0} order', other: '{0} orders' }, { one: '{0} problems in {1}', other: '{0} problems in {1}' }]);
    assert.deepEqual(found.nonLiteral, ['sample.ts:3']);
  });

  it('wants every Arabic category of a counted message, each form with the values but the count optional, and no form nothing asks for', () => {
    const complete = {
      '1 row of {1}': 'صف واحد من {1}',
      '{0} rows of {1}': '{0} صف من {1}',
      '{0} rows of {1}/plural: zero': 'لا صفوف من {1}',
      '{0} rows of {1}/plural: two': 'صفّان من {1}',
      '{0} rows of {1}/plural: few': '{0} صفوف من {1}',
      '{0} rows of {1}/plural: many': '{0} صفًا من {1}',
    };
    const source = "plural(rows.length, '1 row of {1}', '{0} rows of {1}', source);";
    const clean = checkProject({ source, bundleAr: JSON.stringify(complete) });
    assert.deepEqual(failures(clean), []);

    const withoutFew: Record<string, string> = { ...complete };
    delete withoutFew['{0} rows of {1}/plural: few'];
    const bundleAr = JSON.stringify({ ...withoutFew, '{0} rows of {1}/plural: two': 'صفّان', '{0} rows of {1}/plural: dual': 'صفّان من {1}', '{0} gone/plural: few': '{0} ذهبت' });
    const report = checkProject({ source, bundleAr });
    assert.deepEqual(report.missing.ar, ['{0} rows of {1}/plural: few']);
    assert.deepEqual(report.placeholderMismatches.ar, ['{0} rows of {1}/plural: two'], 'the dual may leave out {0}, not {1}');
    assert.deepEqual(report.unusedPlurals.ar, ['{0} rows of {1}/plural: dual', '{0} gone/plural: few']);
    assert.match(failures(report).join('\n'), /ar: 2 plural form no plural\(\.\.\.\) call uses/);
  });

  it('tells a repeated key from the same name in another object or an escaped spelling of it', () => {
    assert.deepEqual(duplicateKeys('{"a": {"b": 1}, "c": {"b": 2}}', 'x.json'), []);
    assert.deepEqual(duplicateKeys('{"a\\u0062": 1, "ab": 2}', 'x.json'), ['x.json: "ab" (line 1)']);
  });
});
