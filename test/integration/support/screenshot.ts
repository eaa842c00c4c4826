// Screenshots from inside a test: the test logs a marker, the launcher (test/runner/workbench.ts)
// photographs the page and writes the file the test waits for. Under @vscode/test-electron there
// is no page driver, so no screenshot is taken there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function screenshotsEnabled(): boolean {
  return Boolean(process.env.OTO_SCREENSHOT_DIR);
}

/**
 * Asks the launcher for a screenshot `<name>.png` and resolves once it is written.
 * `settleMs` lets the UI finish painting first (webviews need about 3 s).
 */
export async function screenshot(name: string, settleMs = 800): Promise<string | undefined> {
  const dir = process.env.OTO_SCREENSHOT_DIR;
  if (!dir) {
    return undefined;
  }
  if (!/^[\w.-]+$/.test(name)) {
    throw new Error(`screenshot name must be a plain file name, got ${JSON.stringify(name)}`);
  }
  await sleep(settleMs);
  const file = path.join(dir, `${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`[screenshot] ${name}`);
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (fs.existsSync(file)) {
      return file;
    }
    await sleep(100);
  }
  throw new Error(`the launcher did not write ${file} within 20 s`);
}

const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' } as const;
const KINDS = { light: vscode.ColorThemeKind.Light, dark: vscode.ColorThemeKind.Dark } as const;

/** Switches the workbench colour theme (user settings) and waits until it is applied. */
export async function useTheme(theme: keyof typeof THEMES): Promise<void> {
  if (vscode.window.activeColorTheme.kind === KINDS[theme]) {
    return;
  }
  const applied = new Promise<void>((resolve) => {
    const listener = vscode.window.onDidChangeActiveColorTheme((active) => {
      if (active.kind === KINDS[theme]) {
        listener.dispose();
        resolve();
      }
    });
  });
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', THEMES[theme], vscode.ConfigurationTarget.Global);
  await Promise.race([applied, sleep(10_000).then(() => Promise.reject(new Error(`theme ${THEMES[theme]} was not applied within 10 s`)))]);
}
