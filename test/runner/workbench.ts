// Runs an extension test suite inside code-server's workbench: the suite is passed in the URL
// payload (extensionDevelopmentPath + extensionTestsPath, the same contract as
// @vscode/test-electron), the extension host's console comes back through the page, and the
// workbench reports the test host's exit code through window.codeAutomationExit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import type { ConsoleMessage, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { UiBridge, visibleWebviewFrames } from './uiBridge';

export interface SuiteRun {
  chromium: string;
  /** code-server origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  folder: string;
  /** Environment variables for the extension host. */
  env: Record<string, string>;
  /** Every console message of the page (workbench and extension host), for diagnosis. */
  consoleLog: string;
  /** Where `[screenshot] <name>` requests are written as `<name>.png`. */
  screenshotDir: string;
  /** Where the UI bridge writes its replies (see uiBridge.ts). */
  uiDir: string;
  timeoutMs: number;
  onLine(line: string): void;
}

/** Logged by test/integration/index.ts; workbench chatter before it goes to the console log file only. */
const SUITE_STARTED = '[oto-tests] started';
/** The most a screenshot waits for the page to finish painting. */
const SETTLE_LIMIT_MS = 5_000;
/** A test asks for a screenshot by logging this marker; see test/integration/support/screenshot.ts. */
const SCREENSHOT_MARKER = /\[screenshot\] ([\w.-]+)/;

export function workbenchUrl(origin: string, folder: string, payload?: Array<[string, string]>): string {
  const host = new URL(origin).host;
  const query = [`folder=${encodeURIComponent(folder)}`];
  if (payload) {
    // The workbench resolves these against its remote authority, i.e. the host:port the page was loaded from.
    query.push(`payload=${encodeURIComponent(JSON.stringify(payload.map(([key, value]) => [key, value.startsWith('/') ? `vscode-remote://${host}${value}` : value])))}`);
  }
  return `${origin}/?${query.join('&')}`;
}

/** The extension host's console arrives as `('%c<tag>', '<css>', format, ...args)`. */
async function messageText(message: ConsoleMessage): Promise<string> {
  try {
    const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '')));
    if (typeof values[0] === 'string' && values[0].startsWith('%c')) {
      values.splice(0, 2);
    }
    return util.format(...values);
  } catch {
    return message.text();
  }
}

/** In one frame: the fonts loaded, the finite animations (a hover fading in) done, two frames drawn. */
async function framePainted(): Promise<void> {
  await document.fonts.ready;
  const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
  await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

/**
 * Lets what the page shows finish painting before it is photographed, in the workbench and in the
 * showing webviews. Bounded: a frame the browser stopped drawing must not stall the run.
 */
async function settle(page: Page): Promise<void> {
  const frames = [page.mainFrame(), ...(await visibleWebviewFrames(page))];
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(frames.map((frame) => frame.evaluate(framePainted).catch(() => undefined))),
    new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_LIMIT_MS))),
  ]);
  clearTimeout(timer);
}

async function takeScreenshot(page: Page, dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name}.png`);
  const partial = `${file}.partial`;
  await settle(page);
  await page.screenshot({ path: partial, type: 'png' });
  // The test polls for the file; renaming makes it appear only once complete.
  fs.renameSync(partial, file);
  return file;
}

/** Returns the extension test host's exit code (0 = all passed); 2 when the run timed out. */
export async function runSuiteInWorkbench(run: SuiteRun): Promise<number> {
  fs.mkdirSync(run.screenshotDir, { recursive: true });
  const browser = await launchBrowser(run.chromium);
  const consoleLog = fs.createWriteStream(run.consoleLog);
  try {
    const { page } = browser;
    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(typeof code === 'number' ? code : 2));
    const bridge = new UiBridge(page, run.uiDir);
    let suiteStarted = false;
    page.on('console', (message) => {
      void messageText(message).then(async (text) => {
        consoleLog.write(`${text}\n`);
        suiteStarted ||= text.includes(SUITE_STARTED);
        if (bridge.handle(text) && !process.env.OTO_VSCODE_VERBOSE) {
          return;
        }
        if (suiteStarted || process.env.OTO_VSCODE_VERBOSE) {
          run.onLine(text);
        }
        const shot = SCREENSHOT_MARKER.exec(text);
        if (shot) {
          const file = await takeScreenshot(page, run.screenshotDir, shot[1]);
          run.onLine(`[driver] screenshot ${path.relative(process.cwd(), file)}`);
        }
      }).catch((error: unknown) => run.onLine(`[driver] ${error instanceof Error ? error.message : String(error)}`));
    });
    page.on('pageerror', (error) => run.onLine(`[page error] ${error.message}`));
    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', run.extensionDevelopmentPath],
      ['extensionTestsPath', run.extensionTestsPath],
      ['extensionEnvironment', JSON.stringify(run.env)],
    ];
    await page.goto(workbenchUrl(run.origin, run.folder, payload));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        run.onLine(`[driver] the test host did not exit within ${run.timeoutMs / 1000} s`);
        resolve(2);
      }, run.timeoutMs);
    });
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code !== 0) {
      await takeScreenshot(page, run.screenshotDir, 'failure').catch(() => undefined);
    }
    return code;
  } finally {
    consoleLog.end();
    await browser.close();
  }
}
