// Renders scripts/icon.svg to the marketplace icon media/icon.png (128x128) with headless
// Chromium: `npm run compile && node out/scripts/render-icon.js`. The PNG is committed; rerun
// this only when the SVG changes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser } from '../test/runner/browser';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..');
  const svg = fs.readFileSync(path.join(repo, 'scripts', 'icon.svg'), 'utf8');
  const browser = await launchBrowser(process.env.OTO_CHROMIUM || '/usr/bin/chromium', { width: 128, height: 128 });
  try {
    await browser.page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await browser.page.screenshot({ path: path.join(repo, 'media', 'icon.png'), omitBackground: true, type: 'png' });
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
