// The extension as an Arabic-speaking user sees it: the launcher's second pass starts code-server
// with Arabic as its display language (test/runner/displayLanguage.ts), and these tests check that
// our own words on each main screen come from the shipped Arabic translations, that the pages lay
// out right-to-left, that Arabic-Indic digits are read, and leave screenshots of each, light and dark.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { notificationCenter, press, quickInput, statusBarTexts, treeRows, typeText, uiAvailable, waitFor, webviewAttributes, webviewTexts } from './support/ui';

const LANGUAGE = 'ar';

function shipped(file: string): Record<string, string> {
  const root = process.env.OTO_TEST_EXTENSION_PATH;
  assert.ok(root, 'the launcher names the installed extension');
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
}

/** A pattern for a translated message with `{n}` holes, each matching anything. */
function shape(message: string): RegExp {
  return new RegExp(message.split(/\{\d+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?'));
}

const texts = (selector: string): Promise<string[]> => webviewTexts(selector).catch((): string[] => []);
const attribute = (selector: string, name: string): Promise<Array<string | null>> => webviewAttributes(selector, name).catch((): Array<string | null> => []);

if (uiAvailable() && vscode.env.language === LANGUAGE) {
  describe(`the extension in the display language ${LANGUAGE}`, () => {
    let words: Record<string, string>;
    let names: Record<string, string>;
    const say = (english: string): string => {
      const said = words[english];
      assert.ok(said, `no Arabic for ${JSON.stringify(english)} in l10n/bundle.l10n.ar.json`);
      return said;
    };

    before(async () => {
      await activateExtension();
      words = shipped(path.join('l10n', `bundle.l10n.${LANGUAGE}.json`));
      names = shipped(`package.nls.${LANGUAGE}.json`);
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await useTheme('dark');
    });

    it('names its views, rows and status bar in Arabic', async () => {
      await vscode.commands.executeCommand('workbench.view.extension.oto');
      const locations = await (await sandbox()).client.getPickupLocations();
      const shown = await waitFor(
        `every location in the view ${names['oto.view.stock']}`,
        async () => (await treeRows(names['oto.view.stock']).catch(() => undefined)) ?? [],
        (rows) => locations.every((location) => rows.some((row) => row.label === (location.name || location.code))),
      );
      assert.ok(shown.some((row) => row.label === say('(no location)')), JSON.stringify(shown.map((row) => row.label)));
      const low = shape(say('OTO {0} · {1} low'));
      // The environment in Arabic too, not the English id inside the Arabic text.
      await waitFor('the low-stock count in the status bar', statusBarTexts, (items) => items.some((item) => low.test(item) && item.includes(say('sandbox/the environment, inside a sentence: OTO sandbox')) && !/sandbox/.test(item)));
      for (const theme of ['dark', 'light'] as const) {
        await useTheme(theme);
        await screenshot(`ar-stock-${theme}`);
      }
    });

    it('reads Arabic-Indic digits in Adjust Stock and previews in Arabic; Escape sends nothing', async () => {
      const { client } = await sandbox();
      const sku = 'AJW-DATES-500';
      const entry = (await client.checkInventoryStock([sku]))[sku].find((row) => row.pickupLocationCode);
      assert.ok(entry?.pickupLocationCode, `${sku} at a location`);
      const location = { code: entry.pickupLocationCode };
      const before = entry.quantityOnHand;
      void vscode.commands.executeCommand('oto.adjustStock', { kind: 'sku', sku, locationCode: location.code });
      const onHand = say('On hand of {0}: {1}').split('{0}')[0];
      await waitFor('the quantity box in Arabic', quickInput, (state) => state.visible && state.message.startsWith(onHand));
      // ٥ is five in Arabic-Indic digits, as an Arabic keyboard types it.
      await typeText('\u0665');
      const format = new Intl.NumberFormat(vscode.env.language, { maximumFractionDigits: 0 });
      const expected = `${format.format(before)} → ${format.format(before + 5)}`;
      await waitFor(`the preview ${expected}`, quickInput, (state) => state.visible && state.message.includes(expected));
      await screenshot('ar-adjust');
      await press('Escape');
      await waitFor('the quick input closed', quickInput, (state) => !state.visible);
      const after = (await client.checkInventoryStock([sku]))[sku].find((row) => row.pickupLocationCode === location.code);
      assert.strictEqual(after?.quantityOnHand, before, 'Escape sent nothing');
    });

    it('reads a Windows-1256 file of stock changes (Excel\'s plain "CSV" on an Arabic Windows), names its encoding in Arabic, and asks about a thousands separator', async () => {
      const { client } = await sandbox();
      const sku = 'AJW-DATES-500';
      const entry = (await client.checkInventoryStock([sku]))[sku].find((row) => row.pickupLocationCode);
      assert.ok(entry?.pickupLocationCode, `${sku} at a location`);
      const before = entry.quantityOnHand;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-arabic-bulk-'));
      const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));
      // The note تالف in Windows-1256: not valid UTF-8, so the file is read as Arabic ANSI.
      const file = path.join(dir, 'arabic-ansi.csv');
      fs.writeFileSync(file, Buffer.from([...ascii(`sku,locationCode,action,qty,note\r\n${sku},${entry.pickupLocationCode},adjust,2,`), 0xca, 0xc7, 0xe1, 0xdd, ...ascii('\r\n')]));
      await vscode.commands.executeCommand('notifications.clearAll');
      void vscode.commands.executeCommand('oto.applyStockChanges', vscode.Uri.file(file));
      const readAs = say('Read as {0}.').replace('{0}', say('Arabic (Windows-1256)'));
      const preview = await waitFor('the preview naming the encoding in Arabic', async () => vscode.workspace.textDocuments.find((item) => item.uri.scheme === 'oto-stock-changes' && item.getText().includes('arabic-ansi.csv')), (found) => found?.getText().split('\n')[1] === readAs);
      assert.ok(preview);
      const confirm = await waitFor('the confirmation', quickInput, (state) => state.visible && state.items.length === 2);
      assert.ok(confirm.visible && confirm.items[0].ariaLabel.includes(readAs), JSON.stringify(confirm));
      for (const theme of ['dark', 'light'] as const) {
        await useTheme(theme);
        await screenshot(`ar-bulk-ansi-confirm-${theme}`);
      }
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await waitFor('the confirmation closed', quickInput, (state) => !state.visible);

      // ١٬٢٠٠: a thousand and two hundred, or one point two? Asked on its line, in Arabic.
      const separated = path.join(dir, 'separator.csv');
      fs.writeFileSync(separated, `sku,locationCode,action,qty\n${sku},${entry.pickupLocationCode},adjust,\u0661\u066c\u0662\u0660\u0660\n`);
      void vscode.commands.executeCommand('oto.applyStockChanges', vscode.Uri.file(separated));
      const problem = say('qty "{0}" holds a separator: is it a thousands or a decimal separator? Write the whole number of units with digits only (e.g. 1200, not 1,200), with an optional sign.').replace('{0}', '\u0661\u066c\u0662\u0660\u0660');
      const diagnostics = await waitFor('the problem in Arabic', async () => vscode.languages.getDiagnostics(vscode.Uri.file(separated)), (found) => found.length > 0);
      assert.deepStrictEqual(diagnostics.map((item) => [item.range.start.line, item.message]), [[1, problem]]);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      for (const theme of ['dark', 'light'] as const) {
        await useTheme(theme);
        await screenshot(`ar-bulk-separator-${theme}`);
      }
      await vscode.commands.executeCommand('workbench.action.closePanel');
      const after = (await client.checkInventoryStock([sku]))[sku].find((row) => row.pickupLocationCode === entry.pickupLocationCode);
      assert.strictEqual(after?.quantityOnHand, before, 'nothing sent');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('lays the packing queue out right-to-left with its words in Arabic', async () => {
      const { client } = await sandbox();
      const warehouse = (await client.getPickupLocations()).find((location) => location.kind === 'warehouse');
      assert.ok(warehouse);
      const orders = await client.getPackingOrders(warehouse.code);
      await vscode.commands.executeCommand('oto.openPackingQueue', { kind: 'location', location: warehouse });
      await waitFor('the orders on the page', () => texts('.card:not([hidden]) .order-id span:last-child'), (ids) => ids.length === orders.length && orders.length > 0);
      assert.deepStrictEqual([await attribute('html', 'lang'), await attribute('html', 'dir')], [[LANGUAGE], ['rtl']]);
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.strictEqual(tab?.label, say('Packing: {0}').replace('{0}', warehouse.name));
      for (const theme of ['light', 'dark'] as const) {
        await useTheme(theme);
        await waitFor(`the page in the ${theme} theme`, () => attribute('body', 'data-vscode-theme-kind'), (kinds) => kinds[0] === `vscode-${theme}`);
        await screenshot(`ar-packing-${theme}`);
      }
    });

    it('draws a SKU’s stock history right-to-left with an Arabic title, each change in Arabic words', async () => {
      const sku = 'AJW-DATES-500';
      // A change from outside the extension, which the next refresh finds and records as observed.
      const { client } = await sandbox();
      const entry = (await client.checkInventoryStock([sku]))[sku].find((row) => row.pickupLocationCode);
      assert.ok(entry?.pickupLocationCode, `${sku} at a location`);
      await client.updateStockQuantity({ actionType: 'adjust', locationCode: entry.pickupLocationCode, sku, qty: 3 });
      await vscode.commands.executeCommand('oto.refresh');
      await vscode.commands.executeCommand('oto.showStockHistory', sku);
      const title = say('Stock history of {0}').replace('{0}', sku);
      await waitFor('the history page', () => texts('.title'), (titles) => titles[0] === title);
      assert.deepStrictEqual(await attribute('html', 'dir'), ['rtl']);
      // Shown again until the recorded entry is in (the refresh records it as it ends).
      const observed = say('observed');
      await waitFor(`an entry "${observed}" in the Change column`, async () => {
        const cells = await texts('.table tbody td:nth-child(4)');
        if (!cells.includes(observed)) {
          await vscode.commands.executeCommand('oto.showStockHistory', sku);
        }
        return cells;
      }, (cells) => cells.includes(observed) && !cells.some((cell) => /[a-z]/.test(cell)));
      for (const theme of ['light', 'dark'] as const) {
        await useTheme(theme);
        await waitFor(`the page in the ${theme} theme`, () => attribute('body', 'data-vscode-theme-kind'), (kinds) => kinds[0] === `vscode-${theme}`);
        await screenshot(`ar-history-${theme}`);
      }
    });

    it('says in Arabic where it saved the sandbox for CI, with the start line left to right inside it', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      assert.ok(folder, 'the test workspace');
      const ci = vscode.Uri.joinPath(folder, 'ci-ar');
      await vscode.workspace.fs.createDirectory(ci);
      try {
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.commands.executeCommand('oto.saveSandboxForCi', ci);
        const saved = shape(say('Saved the OTO sandbox {0} to {1}. It needs only Node 18 or later. In CI: {2}'));
        const shown = await waitFor('the Arabic message', notificationCenter, (messages) => messages.some((message) => saved.test(message)));
        assert.ok(shown.some((message) => message.includes('node ci-ar/oto-sandbox.js --port 8787')), JSON.stringify(shown));
        await screenshot('ar-sandbox-saved-for-ci');
      } finally {
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.workspace.fs.delete(ci, { recursive: true });
      }
    });
  });
}
