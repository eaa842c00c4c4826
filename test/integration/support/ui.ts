// The test side of the UI bridge (driver side: test/runner/uiBridge.ts): read what the workbench
// really renders and act on it with the keyboard, as a user would. Only the code-server launcher
// has a page to drive; under @vscode/test-electron `uiAvailable()` is false.
//
// Every wait is a step with one deadline, and the error of a missed one says what it was waiting
// for: `waitFor` polls the rendered state it names; a UI request inside it shares its deadline,
// one outside any step is a step of its own.
import { AsyncLocalStorage } from 'node:async_hooks';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** How long one step may take unless it says otherwise. */
export const STEP_TIMEOUT_MS = 15_000;
/** Between two looks at what is rendered, which sends no event the extension host can see. */
const POLL_MS = 200;

const currentStep = new AsyncLocalStorage<AbortSignal>();
let counter = 0;

/**
 * Runs `body` as one step: rejects after `timeoutMs` with "timed out after N s waiting for
 * `what`" (and `detail()`, e.g. the last value seen), and aborts `body`'s signal so it stops.
 */
export async function step<T>(what: string, timeoutMs: number, body: (signal: AbortSignal) => Promise<T>, detail?: () => string): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${detail ? `; ${detail()}` : ''}`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const running = currentStep.run(controller.signal, () => body(controller.signal));
  // Once the step has timed out, whatever the body still does ends in the abort: not a failure of its own.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits, as one step, for a command the test started and answered (its quick inputs) to finish. */
export function finished<T>(what: string, running: Thenable<T>, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  return step(what, timeoutMs, () => Promise.resolve(running));
}

/** Resolves after `ms`, or rejects as soon as the step's signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** Resolves once `file` exists (its writer renames it into place whole). */
export function whenWritten(file: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (fs.existsSync(file)) {
        watcher.close();
        signal.removeEventListener('abort', stop);
        resolve();
      }
    };
    const watcher = fs.watch(path.dirname(file), (_event, name) => name === path.basename(file) && check());
    const stop = (): void => {
      watcher.close();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', stop, { once: true });
    // It may have been written before the watch began.
    check();
  });
}

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
  const answered = (signal: AbortSignal): Promise<void> => {
    const written = whenWritten(file, signal);
    console.log(`[ui] ${id} ${JSON.stringify({ op, ...args })}`);
    return written;
  };
  const inStep = currentStep.getStore();
  await (inStep ? answered(inStep) : step(`the launcher to answer the UI request ${op}`, STEP_TIMEOUT_MS, answered));
  const text = fs.readFileSync(file, 'utf8');
  fs.rmSync(file, { force: true });
  const reply = JSON.parse(text) as { ok: boolean; value?: T; error?: string };
  if (!reply.ok) {
    throw new Error(`UI ${op} failed: ${reply.error}`);
  }
  return reply.value as T;
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
/** Collapses the view whose header contains `title`, if it is expanded. */
export const collapsePane = (title: string): Promise<void> => request('collapsePane', { title });
/** Drags the side bar's edge to make it about `width` pixels wide; resolves to the new width. */
export const sideBarWidth = (width: number): Promise<number> => request('sideBarWidth', { width });
export const quickInput = (): Promise<QuickInputState> => request('quickInput');
/** Where the page's keyboard focus is (element, its area of the workbench): for a failure's record. */
export const focused = (): Promise<unknown> => request('focused');
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
/** A named attribute of every element matching `selector` in the visible webview (null where absent). */
export const webviewAttributes = (selector: string, name: string): Promise<Array<string | null>> => request('webviewAttributes', { selector, name });
/** innerText of every visible element matching `selector` in the workbench itself (not in a webview). */
export const pageTexts = (selector: string): Promise<string[]> => request('pageTexts', { selector });
/** A named attribute of every element matching `selector` in the workbench, shown or not (null where absent). */
export const pageAttributes = (selector: string, name: string): Promise<Array<string | null>> => request('pageAttributes', { selector, name });
export const webviewClick = (selector: string): Promise<void> => request('webviewClick', { selector });
/** Clicks the first visible element matching `selector` in the workbench itself, as a user would. */
export const pageClick = (selector: string): Promise<void> => request('pageClick', { selector });

/**
 * Waits for the quick input step whose title has `step`, types `text`, and presses Enter once the
 * box shows it (and, in a list, some item still matches), so a slow workbench cannot lose a key.
 */
export async function answerQuickInput(step: string, text: string, list = true): Promise<void> {
  // Two steps can share a title ("(2/5)" for a pick and then its value): a box asked for is one
  // without items, so keys typed while the pick is still on screen cannot go to the pick's filter.
  await waitFor(`quick input ${step}${list ? '' : ' (a box, not a list)'}`, quickInput, (state: QuickInputState) => state.visible && state.title.includes(step) && (list || state.items.length === 0));
  await typeText(text);
  const typed = await waitFor(`"${text}" typed in ${step}`, quickInput, (state: QuickInputState) => !state.visible || (state.value === text && (!list || state.items.length > 0)));
  if (!typed.visible) {
    // Nothing in the test closes it: say at once where the focus went, not 15 s later.
    throw new Error(`quick input ${step} closed while "${text}" was typed in it; focus: ${JSON.stringify(await focused())}`);
  }
  await press('Enter');
}

/**
 * Polls `probe` until `done` accepts its value: one step, whose error names what was awaited and
 * the last value seen.
 */
export function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  let last: { value: T } | undefined;
  return step(
    what,
    timeoutMs,
    async (signal) => {
      for (;;) {
        last = { value: await probe() };
        if (done(last.value)) {
          return last.value;
        }
        await pause(POLL_MS, signal);
      }
    },
    () => (last ? `last seen: ${JSON.stringify(last.value)?.slice(0, 2000)}` : 'no answer yet'),
  );
}
