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
