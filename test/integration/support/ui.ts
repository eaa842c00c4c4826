// The test side of the UI bridge (driver side: test/runner/uiBridge.ts): read what the workbench
// really renders and act on it with the keyboard, as a user would. Only the code-server launcher
// has a page to drive; under @vscode/test-electron `uiAvailable()` is false.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;

export function uiAvailable(): boolean {
  return Boolean(process.env.OTO_UI_DIR);
}

async function request<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
  const dir = process.env.OTO_UI_DIR;
  if (!dir) {
    throw new Error('UI steps need the code-server launcher (npm run test:vscode)');
  }
  const id = `r${process.pid}x${++counter}`;
  const file = path.join(dir, `${id}.json`);
  console.log(`[ui] ${id} ${JSON.stringify({ op, ...args })}`);
  for (let waited = 0; waited < 15_000; waited += 50) {
    if (fs.existsSync(file)) {
      const reply = JSON.parse(fs.readFileSync(file, 'utf8')) as { ok: boolean; value?: T; error?: string };
      fs.rmSync(file, { force: true });
      if (!reply.ok) {
        throw new Error(`UI ${op} failed: ${reply.error}`);
      }
      return reply.value as T;
    }
    await sleep(50);
  }
  throw new Error(`the launcher did not answer the UI request ${op} within 15 s`);
}

export interface TreeRow {
  label: string;
  description: string;
  ariaLabel: string;
  level: number;
  expanded: string | null;
  selected: boolean;
}

export interface QuickInputItem {
  label: string;
  description: string;
  ariaLabel: string;
  focused: boolean;
}

export type QuickInputState =
  | { visible: false }
  | { visible: true; title: string; placeholder: string; value: string; message: string; items: QuickInputItem[] };

/** The rendered rows of the tree in the view whose header contains `title` (undefined if no such pane). */
export const treeRows = (title: string): Promise<TreeRow[] | undefined> => request('treeRows', { title });
/** Clicks the first row of that tree whose label contains `label` (selects it; toggles a parent). */
export const clickTreeRow = (title: string, label: string): Promise<void> => request('clickTreeRow', { title, label });
/** Drags the side bar's edge to make it about `width` pixels wide; resolves to the new width. */
export const sideBarWidth = (width: number): Promise<number> => request('sideBarWidth', { width });
export const quickInput = (): Promise<QuickInputState> => request('quickInput');
/**
 * The messages in the notification center, which it opens first: in the headless page toasts
 * do not always show, but every notification lands in the center.
 */
export async function notificationCenter(): Promise<string[]> {
  await vscode.commands.executeCommand('notifications.showList');
  return request('notifications');
}
/** The text of every status bar item, left to right. */
export const statusBarTexts = (): Promise<string[]> => request('statusBar');
export const typeText = (text: string): Promise<void> => request('type', { text });
/** A Playwright key name, e.g. `Enter`, `Escape`, `ArrowDown`. */
export const press = (key: string): Promise<void> => request('press', { key });
/** innerText of every element matching `selector` in the visible webview. */
export const webviewTexts = (selector: string): Promise<string[]> => request('webviewTexts', { selector });
export const webviewClick = (selector: string): Promise<void> => request('webviewClick', { selector });

/** Polls `probe` until `done` accepts its value; the error names what was awaited and the last value. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (done(last)) {
      return last;
    }
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 2000)}`);
}
