// Headless Debian Chromium driven by playwright-core (which downloads no browser of its own).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface Browser {
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(executablePath: string, viewport = { width: 1400, height: 900 }): Promise<Browser> {
  // A fresh profile each time: no state leaks from one run into the next.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport,
      // The extension's "copy" commands write to the page's clipboard; tests read it back.
      permissions: ['clipboard-read', 'clipboard-write'],
    });
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
