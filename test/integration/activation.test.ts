import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, contributedCommands } from './support/extension';
import { screenshot, screenshotsEnabled, useTheme } from './support/screenshot';

describe('the extension in a real VS Code', () => {
  it('activates from the copy the launcher installed', async () => {
    const extension = await activateExtension();
    assert.strictEqual(extension.isActive, true);
    const expected = process.env.OTO_TEST_EXTENSION_PATH;
    if (expected) {
      assert.strictEqual(fs.realpathSync(extension.extensionPath), fs.realpathSync(expected));
    }
    assert.ok(fs.existsSync(path.join(extension.extensionPath, 'dist', 'extension.js')), 'dist/extension.js is shipped');
  });

  // Exists only when the launcher installed the .vsix (test:vscode without --source).
  const installed = process.env.OTO_TEST_VSIX ? process.env.OTO_TEST_EXTENSION_PATH : undefined;
  if (installed) {
    it('ships only the bundle, media and manifest files', () => {
      const allowed = new Set(['dist', 'media', 'l10n', 'package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE.txt', 'changelog.md', 'readme.md', '.vsixmanifest']);
      const unexpected = fs.readdirSync(installed).filter((entry) => !allowed.has(entry) && !/^package\.nls\.[\w-]+\.json$/.test(entry));
      assert.deepStrictEqual(unexpected, []);
      const maps = fs.readdirSync(path.join(installed, 'dist')).filter((entry) => entry.endsWith('.map'));
      assert.deepStrictEqual(maps, [], 'no source maps in the package');
      const media = fs.readdirSync(path.join(installed, 'media')).filter((entry) => fs.statSync(path.join(installed, 'media', entry)).isDirectory());
      assert.deepStrictEqual(media, ['dist'], 'media ships its built assets only, not the README screenshots or the page sources');
    });
  }

  it('registers every command it contributes', async () => {
    const extension = await activateExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributedCommands(extension).filter(({ command }) => !registered.has(command));
    assert.deepStrictEqual(missing, [], 'contributed in package.json but not registered on activation');
  });

  it('switches between the light and the dark theme, with a screenshot of each', async () => {
    await useTheme('light');
    assert.strictEqual(vscode.window.activeColorTheme.kind, vscode.ColorThemeKind.Light);
    const light = await screenshot('workbench-light');
    await useTheme('dark');
    assert.strictEqual(vscode.window.activeColorTheme.kind, vscode.ColorThemeKind.Dark);
    const dark = await screenshot('workbench-dark');
    if (screenshotsEnabled()) {
      assert.ok(light && dark && fs.statSync(light).size > 1000 && fs.statSync(dark).size > 1000, 'both screenshots written');
    }
  });
});
