// Screenshots from inside a test: the test logs a marker, the launcher (test/runner/workbench.ts)
// photographs the page and writes the file the test waits for. Under @vscode/test-electron there
// is no page driver, so no screenshot is taken there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { step, STEP_TIMEOUT_MS, whenWritten } from './ui';

export function screenshotsEnabled(): boolean {
  return Boolean(process.env.OTO_SCREENSHOT_DIR);
}

/**
 * Asks the launcher for a screenshot `<name>.png` and resolves once it is written. Wait for what
 * the picture must show first (a view's rows, a webview's text): the launcher only lets what is
 * already there finish painting.
 */
export async function screenshot(name: string): Promise<string | undefined> {
  const dir = process.env.OTO_SCREENSHOT_DIR;
  if (!dir) {
    return undefined;
  }
  if (!/^[\w.-]+$/.test(name)) {
    throw new Error(`screenshot name must be a plain file name, got ${JSON.stringify(name)}`);
  }
  const file = path.join(dir, `${name}.png`);
  fs.rmSync(file, { force: true });
  await step(`the launcher to write ${file}`, 20_000, (signal) => {
    const written = whenWritten(file, signal);
    console.log(`[screenshot] ${name}`);
    return written;
  });
  return file;
}

const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', 'high-contrast': 'Default High Contrast' } as const;
const KINDS = { light: vscode.ColorThemeKind.Light, dark: vscode.ColorThemeKind.Dark, 'high-contrast': vscode.ColorThemeKind.HighContrast } as const;

/** Switches the workbench colour theme (user settings) and waits until it is applied. */
export async function useTheme(theme: keyof typeof THEMES): Promise<void> {
  if (vscode.window.activeColorTheme.kind === KINDS[theme]) {
    return;
  }
  let listener: vscode.Disposable | undefined;
  const applied = new Promise<void>((resolve) => {
    listener = vscode.window.onDidChangeActiveColorTheme((active) => active.kind === KINDS[theme] && resolve());
  });
  try {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', THEMES[theme], vscode.ConfigurationTarget.Global);
    await step(`theme ${THEMES[theme]} to be applied`, STEP_TIMEOUT_MS, () => applied);
  } finally {
    listener?.dispose();
  }
}
