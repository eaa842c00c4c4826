// The driver side of the UI bridge: a test in the extension host logs `[ui] <id> <json request>`,
// the driver performs it on the real workbench page (read what is rendered, type, press, click)
// and writes `<id>.json` into the bridge folder for the test to read. Requests run one at a time.
// The test side and the request shapes are in test/integration/support/ui.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';

export const UI_MARKER = /\[ui\] (\w+) (\{.*\})$/s;

interface Request {
  op: string;
  [key: string]: unknown;
}

/** The view pane whose header says `title` (in the page, so it cannot reference anything outside). */
const PANE_SELECTOR = (title: string): string => `.pane:has(> .pane-header[aria-label*=${JSON.stringify(title)} i])`;

/** The workbench's DOM, read in the page: the extension API cannot see what is rendered. */
const readers = {
  /** Rows of the tree in the pane matched by `paneSelector`, in display order. */
  treeRows: (paneSelector: string) => {
    const pane = document.querySelector(paneSelector);
    if (!pane) {
      return undefined;
    }
    return Array.from(pane.querySelectorAll('.monaco-list-row'))
      .map((row) => ({
        top: parseFloat((row as HTMLElement).style.top || '0'),
        label: row.querySelector('.label-name')?.textContent ?? '',
        description: row.querySelector('.label-description')?.textContent ?? '',
        ariaLabel: row.getAttribute('aria-label') ?? '',
        level: Number(row.getAttribute('aria-level') ?? '0'),
        expanded: row.getAttribute('aria-expanded'),
        selected: row.classList.contains('selected'),
      }))
      .sort((a, b) => a.top - b.top)
      .map(({ top: _top, ...row }) => row);
  },
  quickInput: () => {
    // The workbench can hold more than one widget (quick chat has its own), hidden ones too.
    const widget = Array.from(document.querySelectorAll<HTMLElement>('.quick-input-widget')).find((candidate) => candidate.style.display !== 'none');
    if (!widget) {
      return { visible: false };
    }
    const input = widget.querySelector<HTMLInputElement>('.quick-input-box input');
    return {
      visible: true,
      title: widget.querySelector('.quick-input-title')?.textContent ?? '',
      placeholder: input?.placeholder ?? '',
      value: input?.value ?? '',
      message: widget.querySelector('.quick-input-message')?.textContent ?? '',
      items: Array.from(widget.querySelectorAll('.quick-input-list .monaco-list-row')).map((row) => ({
        label: row.querySelector('.label-name')?.textContent ?? '',
        description: row.querySelector('.label-description')?.textContent ?? '',
        ariaLabel: row.getAttribute('aria-label') ?? '',
        focused: row.classList.contains('focused'),
      })),
    };
  },
  statusBar: () =>
    Array.from(document.querySelectorAll('.part.statusbar .statusbar-item'))
      .map((item) => (item as HTMLElement).innerText.trim())
      .filter((text) => text !== ''),
  notifications: () =>
    Array.from(document.querySelectorAll('.notifications-toasts .notification-toast, .notifications-center .notification-list-item')).map(
      (toast) => toast.querySelector('.notification-list-item-message')?.textContent ?? toast.textContent ?? '',
    ),
  // What keys would go to: a quick input closes when focus leaves it.
  focused: () => {
    const element = document.activeElement as HTMLElement | null;
    const area = element?.closest('.quick-input-widget, .notifications-center, .notifications-toasts, .pane, .part');
    return {
      pageHasFocus: document.hasFocus(),
      element: element ? `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).trim().split(/\s+/).join('.')}` : ''}` : null,
      ariaLabel: element?.getAttribute('aria-label') ?? null,
      area: area ? `${area.className} ${area.querySelector('.pane-header h3, .title-label')?.textContent ?? ''}`.trim() : null,
    };
  },
};

/** The showing webviews' content frames (a webview is an iframe holding the `active-frame` iframe). */
export async function visibleWebviewFrames(page: Page): Promise<Frame[]> {
  const found: Frame[] = [];
  for (const frame of page.frames()) {
    const element = await frame.frameElement().catch(() => null);
    if (!element || (await element.getAttribute('id')) !== 'active-frame') {
      continue;
    }
    const outer = await frame.parentFrame()?.frameElement().catch(() => null);
    if (outer && (await outer.isVisible())) {
      found.push(frame);
    }
  }
  return found;
}

async function webviewFrame(page: Page): Promise<Frame> {
  const [frame] = await visibleWebviewFrames(page);
  if (!frame) {
    throw new Error('no webview is showing');
  }
  return frame;
}

async function perform(page: Page, request: Request): Promise<unknown> {
  const text = (key: string): string => {
    const value = request[key];
    if (typeof value !== 'string') {
      throw new Error(`${request.op} needs a string ${key}`);
    }
    return value;
  };
  switch (request.op) {
    case 'treeRows':
      return page.evaluate(readers.treeRows, PANE_SELECTOR(text('title')));
    case 'clickTreeRow':
      await page.locator(`${PANE_SELECTOR(text('title'))} .monaco-list-row`).filter({ has: page.locator('.label-name', { hasText: text('label') }) }).first().click();
      return null;
    case 'collapsePane': {
      // A suite that opened a view closes it again, so the views below keep room for their rows.
      const header = page.locator(`${PANE_SELECTOR(text('title'))} > .pane-header`);
      if ((await header.getAttribute('aria-expanded')) === 'true') {
        await header.click();
      }
      return null;
    }
    case 'sideBarWidth': {
      // Drags the sash on the side bar's right edge, as a user widens it.
      const box = await page.locator('.part.sidebar').boundingBox();
      if (!box) {
        throw new Error('the side bar is not showing');
      }
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width, y);
      await page.mouse.down();
      await page.mouse.move(box.x + Number(request.width), y, { steps: 5 });
      await page.mouse.up();
      return (await page.locator('.part.sidebar').boundingBox())?.width;
    }
    case 'quickInput':
      return page.evaluate(readers.quickInput);
    case 'notifications':
      return page.evaluate(readers.notifications);
    case 'focused':
      return page.evaluate(readers.focused);
    case 'statusBar':
      return page.evaluate(readers.statusBar);
    case 'pageTexts':
      return page.locator(text('selector')).filter({ visible: true }).allInnerTexts();
    case 'pageAttributes':
      // Hidden ones too: a tree row's inline actions are only displayed while it is hovered or selected.
      return page.locator(text('selector')).evaluateAll((elements, name) => elements.map((element) => element.getAttribute(name)), text('name'));
    case 'pageClick':
      await page.locator(text('selector')).filter({ visible: true }).first().click();
      return null;
    case 'type':
      // Keys go to whatever has focus: a quick input that has just appeared may not have it yet
      // (the editor a test opened still does), so its box is focused before typing.
      await page.evaluate(() => {
        const widget = Array.from(document.querySelectorAll<HTMLElement>('.quick-input-widget')).find((candidate) => candidate.style.display !== 'none');
        const input = widget ? widget.querySelector<HTMLInputElement>('.quick-input-box input') : null;
        if (input && document.activeElement !== input) {
          input.focus();
        }
      });
      await page.keyboard.type(text('text'), { delay: 10 });
      return null;
    case 'press':
      await page.keyboard.press(text('key'));
      return null;
    case 'webviewTexts': {
      const frame = await webviewFrame(page);
      return frame.$$eval(text('selector'), (elements) => elements.map((element) => (element as HTMLElement).innerText));
    }
    case 'webviewAttributes': {
      const frame = await webviewFrame(page);
      return frame.$$eval(text('selector'), (elements, name) => elements.map((element) => element.getAttribute(name)), text('name'));
    }
    case 'webviewClick': {
      const frame = await webviewFrame(page);
      await frame.click(text('selector'));
      return null;
    }
    default:
      throw new Error(`unknown UI request ${request.op}`);
  }
}

export class UiBridge {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly page: Page,
    private readonly dir: string,
  ) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /** Handles one console line; returns whether it was a bridge request. */
  handle(line: string): boolean {
    const match = UI_MARKER.exec(line);
    if (!match) {
      return false;
    }
    const [, id, json] = match;
    this.queue = this.queue.then(async () => {
      let reply: { ok: true; value: unknown } | { ok: false; error: string };
      try {
        reply = { ok: true, value: await perform(this.page, JSON.parse(json) as Request) };
      } catch (error) {
        reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      const file = path.join(this.dir, `${id}.json`);
      fs.writeFileSync(`${file}.partial`, JSON.stringify(reply));
      fs.renameSync(`${file}.partial`, file);
    });
    return true;
  }
}
