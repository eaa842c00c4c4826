// Runs the built packing page (media/dist) in headless Chromium, the way VS Code would: the real
// HTML shell and CSP from src/common/webview/html.ts, and a stand-in `acquireVsCodeApi` that records what
// the page posts. Requests go to a made-up origin that Playwright answers from disk; anything
// else is aborted, so nothing leaves the machine. Shared by the page tests and the benchmark.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { pageHtml } from '../../../src/common/webview/html';
import type { PageMessage, PageStrings, QueueOrder } from '../../../src/packing/protocol';
import { pageStrings } from '../../../src/packing/strings';

const ORIGIN = 'http://webview.test';
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const MEDIA = path.join(ROOT, 'media');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html' };

const DARK_THEME: Record<string, string> = {
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-errorForeground': '#f85149',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-panel-border': '#2b2b2b',
};

/** English page strings with `{n}` left for the page to fill, as `vscode.l10n.t` gives them. */
export const STRINGS: PageStrings = pageStrings();

export interface Browser {
  context: BrowserContext;
  /** The profile folder: it names this browser's processes (the benchmark reads their CPU time). */
  userDataDir: string;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install the Debian package (apt-get install -y chromium).`);
  }
  if (!fs.existsSync(path.join(MEDIA, 'dist', 'packing.js'))) {
    throw new Error('media/dist/packing.js is missing: run `npm run build` first.');
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-packing-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    userDataDir,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PageOptions {
  /** What `getState()` returns at start (a reloaded panel's saved state). */
  state?: unknown;
  language?: string;
  /** Which page bundle of media/dist to load (default `packing`). */
  bundle?: 'packing' | 'history';
}

export interface PackingPageHandle {
  page: Page;
  /** Every message the page posted, in order. */
  posted(): Promise<PageMessage[]>;
  /** Waits for the first posted message after `from` that satisfies `match`. */
  waitForPosted(match: (message: PageMessage) => boolean, from?: number): Promise<PageMessage>;
  /** Delivers a message (a HostMessage, or anything, to see the page refuse it) the way the host's `webview.postMessage` would. */
  send(message: unknown): Promise<void>;
  /** Sends init and a queue, and waits until every card is built (the page builds those off screen after the first frame). */
  showQueue(orders: QueueOrder[], readAt?: number): Promise<void>;
  /** The page's last `setState`. */
  state(): Promise<unknown>;
  /** CSP violations, page errors and console errors seen so far. */
  problems(): Promise<string[]>;
}

function serve(file: string): { status: number; contentType?: string; body: Buffer | string } {
  const resolved = path.resolve(MEDIA, file);
  if (!resolved.startsWith(MEDIA + path.sep) || !fs.existsSync(resolved)) {
    return { status: 404, body: '' };
  }
  return { status: 200, contentType: TYPES[path.extname(resolved)] ?? 'application/octet-stream', body: fs.readFileSync(resolved) };
}

export async function openPackingPage(browser: Browser, options: PageOptions = {}): Promise<PackingPageHandle> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console error: ${message.text()}`);
    }
  });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      return route.abort();
    }
    if (url.pathname === '/index.html') {
      const html = pageHtml({
        cspSource: ORIGIN,
        nonce: 'test-nonce-1234',
        scriptUri: `${ORIGIN}/dist/${options.bundle ?? 'packing'}.js`,
        styleUri: `${ORIGIN}/dist/${options.bundle ?? 'packing'}.css`,
        codiconsUri: `${ORIGIN}/dist/codicons/codicon.css`,
        language: options.language ?? 'en',
        title: 'Packing queue',
      });
      return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    }
    return route.fulfill(serve(url.pathname.slice(1)));
  });
  await page.addInitScript((initialState: unknown) => {
    const target = window as unknown as Record<string, unknown>;
    const posted: unknown[] = [];
    const violations: string[] = [];
    let state = initialState;
    target.__posted = posted;
    target.__violations = violations;
    target.__state = () => state;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    let acquired = false;
    target.acquireVsCodeApi = () => {
      if (acquired) {
        throw new Error('acquireVsCodeApi called twice');
      }
      acquired = true;
      return {
        postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message))),
        getState: () => state,
        setState: (next: unknown) => {
          state = next;
        },
      };
    };
  }, options.state);
  await page.goto(`${ORIGIN}/index.html`);
  // VS Code sets its theme as CSS variables on <html> and a theme class on <body>, from script
  // (which the CSP allows, unlike an inline style element): do the same with a few dark colours.
  await page.evaluate((theme) => {
    for (const [name, value] of Object.entries(theme)) {
      document.documentElement.style.setProperty(name, value);
    }
    document.body.classList.add('vscode-dark');
  }, DARK_THEME);
  const posted = (): Promise<PageMessage[]> => page.evaluate(() => (window as unknown as { __posted: PageMessage[] }).__posted);
  const send = (message: unknown): Promise<void> => page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message).then(() => undefined);
  const handle: PackingPageHandle = {
    page,
    posted,
    send,
    async waitForPosted(match, from = 0) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const found = (await posted()).slice(from).find(match);
        if (found) {
          return found;
        }
        if (Date.now() > deadline) {
          throw new Error('the page did not post the expected message');
        }
        await page.waitForTimeout(20);
      }
    },
    async showQueue(orders, readAt = Date.UTC(2026, 10, 27, 9, 30)) {
      await send({ type: 'init', warehouse: { code: 'WH-RUH', name: 'Riyadh Central' }, strings: STRINGS, locale: options.language ?? 'en' });
      await send({ type: 'queue', orders, readAt });
      await page.waitForFunction(() => !document.querySelector('.cards')?.hasAttribute('aria-busy'));
    },
    state: () => page.evaluate(() => (window as unknown as { __state(): unknown }).__state()),
    problems: async () => [...problems, ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).map((v) => `CSP violation: ${v}`)],
  };
  await handle.waitForPosted((message) => message.type === 'ready');
  return handle;
}

/** A queue of `count` orders with `itemsPerOrder` items each, ids `ORD-1`…, all ready. */
export function makeOrders(count: number, itemsPerOrder: number): QueueOrder[] {
  return Array.from({ length: count }, (_, index) => ({
    orderId: `ORD-${index + 1}`,
    state: 'ready' as const,
    items: Array.from({ length: itemsPerOrder }, (_, item) => ({ sku: `SKU-${index + 1}-${item + 1}`, name: `Product ${index + 1}.${item + 1}`, quantity: item + 1 })),
  }));
}
