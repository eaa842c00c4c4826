import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkL10n, extractMessages } from '../../../scripts/l10n-check';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('l10n: Arabic bundles', () => {
  it('translate every package.nls.json key and every vscode.l10n.t message in src/', () => {
    const report = checkL10n(ROOT);
    assert.deepEqual(report.unknownManifestKeys, [], 'package.json %keys% without English text');
    assert.deepEqual(report.missing.ar, [], 'untranslated: add them to package.nls.ar.json / l10n/bundle.l10n.ar.json');
    assert.deepEqual(report.untranslated.ar, [], 'still English in the Arabic bundles');
    assert.deepEqual(report.placeholderMismatches.ar, [], 'translations whose {n} placeholders, $(icons) or command links differ from the English');
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
    ].join('\n');
    const found = extractMessages(source, 'sample.ts');
    assert.deepEqual(found.messages, ['Plain {0}', 'Double "quoted"', 'Template', 'Via a localizer', 'With comment/shown in the hover', 'No comment']);
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
});
