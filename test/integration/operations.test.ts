// The operator tools in a real VS Code on the extension's own sandbox: a 20-row file of stock
// changes applied through its preview, confirmation and progress, with the Stock view's figures
// after; the stock history panel with its chart, photographed in each theme; and a transfer
// between two locations from the command palette, checked against the sandbox's own answer.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { expandOnly, figuresOf, rows, skuRows } from './support/stockView';
import { notificationCenter, press, quickInput, statusBarTexts, typeText, uiAvailable, waitFor, webviewTexts, type QuickInputState } from './support/ui';

interface Row {
  sku: string;
  locationCode: string;
  action: 'adjust' | 'set';
  qty: number;
  before: number;
}

if (uiAvailable()) {
  describe('operator tools in a real VS Code', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-operations-it-'));
    const file = path.join(dir, 'ops-20.csv');
    let planned: Row[] = [];
    let label = '';

    before(async () => {
      await activateExtension();
      await vscode.commands.executeCommand('workbench.view.extension.oto');
      const { client } = await sandbox();
      const locations = await client.getPickupLocations();
      // Not the locations the Stock view's and the commands' own tests watch.
      const location = locations[2];
      label = location.name || location.code;
      const products = await client.listProducts();
      const stock = await client.checkInventoryStock(products.map((product) => product.sku));
      const pairs: Row[] = [];
      for (const product of products) {
        for (const entry of stock[product.sku] ?? []) {
          if (entry.pickupLocationCode && entry.pickupLocationCode !== locations[0].code && entry.pickupLocationCode !== locations[1].code && entry.quantityOnHand > 5) {
            pairs.push({ sku: product.sku, locationCode: entry.pickupLocationCode, action: 'adjust', qty: 0, before: entry.quantityOnHand });
          }
        }
      }
      assert.ok(pairs.length >= 20, `the sandbox has ${pairs.length} stocked SKU/location pairs outside the first two locations`);
      planned = pairs.slice(0, 20).map((pair, index) => (index % 5 === 4 ? { ...pair, action: 'set', qty: pair.before + 10 } : { ...pair, qty: index % 2 === 0 ? 3 : -2 }));
      const lines = ['sku,locationCode,action,qty,reason,note', ...planned.map((row, index) => `${row.sku},${row.locationCode},${row.action},${row.qty},${index % 3 === 0 ? 'cycle-count' : ''},"row ${index + 1}, checked"`)];
      fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.actions.treeView.oto.stock.collapseAll');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('applies a 20-row file: problems first, then the preview, one confirmation, the progress, and the figures after', async () => {
      // A file with a problem sends nothing and puts the problem on its line.
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, `sku,locationCode,action,qty\n${planned[0].sku},${planned[0].locationCode},adjust,1.5\n`);
      // The command's promise waits on its notification; the test reads what it left instead.
      void vscode.commands.executeCommand('oto.applyStockChanges', vscode.Uri.file(bad));
      const diagnostics = await waitFor('the problem in the Problems panel', async () => vscode.languages.getDiagnostics(vscode.Uri.file(bad)), (found) => found.length > 0);
      assert.deepStrictEqual(diagnostics.map((item) => [item.range.start.line, item.message]), [[1, 'qty "1.5" is not a whole number: use digits only, with an optional sign.']]);
      // Said where it stays true: the file opened at the problem, and the status bar, not a toast
      // that would outlive the fix.
      await waitFor('the refusal in the status bar', statusBarTexts, (texts) => texts.some((text) => text.includes('bad.csv: a problem on line 2, nothing was sent')));
      const opened = await waitFor('the file opened at its problem', async () => vscode.window.activeTextEditor, (editor) => editor?.document.uri.fsPath === bad);
      assert.strictEqual(opened?.selection.active.line, 1);
      await screenshot('bulk-problem');
      assert.deepStrictEqual((await notificationCenter()).filter((line) => line.includes('bad.csv')), [], 'no notification to go stale');
      assert.strictEqual((await (await sandbox()).client.checkInventoryStock([planned[0].sku]))[planned[0].sku]?.find((entry) => entry.pickupLocationCode === planned[0].locationCode)?.quantityOnHand, planned[0].before, 'nothing was sent');
      // Fixed in the editor: the problem and the message go.
      await opened?.edit((edit) => edit.replace(new vscode.Range(1, 0, 1, Number.MAX_SAFE_INTEGER), `${planned[0].sku},${planned[0].locationCode},adjust,2`));
      await waitFor('the problem gone once fixed', async () => vscode.languages.getDiagnostics(vscode.Uri.file(bad)), (found) => found.length === 0);
      await waitFor('the status bar message gone', statusBarTexts, (texts) => !texts.some((text) => text.includes('bad.csv')));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('notifications.clearAll');

      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(document);
      void vscode.commands.executeCommand('oto.applyStockChanges', document.uri);
      const preview = await waitFor('the preview', async () => vscode.workspace.textDocuments.find((item) => item.uri.scheme === 'oto-stock-changes'), (found) => found !== undefined);
      // At the file's full width, in its own group, on a tab named for the file.
      const tab = await waitFor('the preview tab', async () => vscode.window.tabGroups.activeTabGroup.activeTab, (found) => found?.label === 'ops-20.csv → OTO');
      assert.ok(tab);
      const group = vscode.window.tabGroups.all.find((candidate) => candidate.tabs.includes(tab));
      assert.ok(group?.tabs.some((candidate) => candidate.label === 'ops-20.csv'), 'no split: the preview opens in the file\'s group');
      const text = preview?.getText() ?? '';
      assert.match(text, /20 rows to send/);
      for (const row of planned) {
        const after = row.action === 'adjust' ? row.before + row.qty : row.qty;
        assert.match(text, new RegExp(`${row.sku}\\s+${row.locationCode}\\s+${row.action === 'adjust' ? `adjust ${row.qty > 0 ? '\\+' : ''}${row.qty}` : `set ${row.qty}`}\\s+${row.before}\\s+${after}`), `the preview shows ${row.sku}`);
      }
      const confirm = await waitFor('the confirmation', quickInput, (state) => state.visible && state.title.startsWith('Apply 20 stock changes from ops-20.csv'));
      assert.ok(confirm.visible && confirm.items[0].label.includes('Apply 20 stock changes') && confirm.items[1].label.includes('Cancel'), JSON.stringify(confirm));
      await screenshot('bulk-preview-confirm');
      await press('Enter');
      const progress = await waitFor('the progress or the summary', notificationCenter, (shown) => shown.some((line) => line.startsWith('Applying stock changes from ops-20.csv') || line.startsWith('Stock changes from ops-20.csv:')));
      await screenshot('bulk-progress');
      assert.ok(progress.length > 0);
      await waitFor('the summary', notificationCenter, (shown) => shown.some((line) => line.startsWith('Stock changes from ops-20.csv: 20 applied.')));
      await waitFor('the open preview now the results', async () => preview?.getText() ?? '', (shown) => shown.startsWith('Stock changes from ops-20.csv: results'));
      await screenshot('bulk-summary');

      const { client } = await sandbox();
      const stock = await client.checkInventoryStock([...new Set(planned.map((row) => row.sku))]);
      for (const row of planned) {
        const now = stock[row.sku]?.find((entry) => entry.pickupLocationCode === row.locationCode)?.quantityOnHand;
        assert.strictEqual(now, row.action === 'adjust' ? row.before + row.qty : row.qty, `${row.sku} at ${row.locationCode}`);
      }
      const here = planned.filter((row) => row.locationCode === planned[0].locationCode);
      const location = (await client.getPickupLocations()).find((item) => item.code === planned[0].locationCode);
      label = location?.name || planned[0].locationCode;
      await expandOnly(label);
      for (const row of here.slice(0, 4)) {
        const expected = row.action === 'adjust' ? row.before + row.qty : row.qty;
        await waitFor(`the Stock view to show ${row.sku} at ${expected}`, async () => skuRows(await rows()).find((shown) => shown.label === row.sku), (shown) => shown !== undefined && figuresOf(shown)?.onHand === expected);
      }
      await screenshot('bulk-tree-after');
    });

    it('asks before applying the same file again, and sends nothing unless told to', async () => {
      const { client } = await sandbox();
      const skus = [...new Set(planned.map((row) => row.sku))];
      const figures = async (): Promise<Array<number | undefined>> => {
        const stock = await client.checkInventoryStock(skus);
        return planned.map((row) => stock[row.sku]?.find((entry) => entry.pickupLocationCode === row.locationCode)?.quantityOnHand);
      };
      const applied = await figures();
      await vscode.commands.executeCommand('notifications.clearAll');
      // Not awaited: the command ends once its notification is answered.
      void vscode.commands.executeCommand('oto.applyStockChanges', vscode.Uri.file(file));
      // The test host refuses modal dialogs (declined, as Escape would be), naming what it asked.
      const told = await waitFor('the question about the earlier apply', notificationCenter, (lines) => lines.some((line) => line.includes('ops-20.csv was applied on')));
      assert.ok(told.some((line) => /ops-20\.csv was applied on .*: 20 applied\. Applying it again sends every row again/.test(line)), JSON.stringify(told));
      assert.deepStrictEqual(await figures(), applied, 'nothing sent twice');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('reads Excel\'s "Unicode Text" file, refuses a second apply while the first is open, and sends nothing when the file changed since the preview', async () => {
      const { client } = await sandbox();
      const [first, second] = planned.slice(2, 4);
      const figures = async (): Promise<Array<number | undefined>> => {
        const stock = await client.checkInventoryStock([first.sku, second.sku]);
        return [first, second].map((row) => stock[row.sku]?.find((entry) => entry.pickupLocationCode === row.locationCode)?.quantityOnHand);
      };
      const before = await figures();
      const unicodeText = (qty: number): Buffer => Buffer.from(`\uFEFFsku\tlocationCode\taction\tqty\r\n${first.sku}\t${first.locationCode}\tadjust\t${qty}\r\n${second.sku}\t${second.locationCode}\tadjust\t${qty}\r\n`, 'utf16le');
      const utf16 = path.join(dir, 'ops-utf16.csv');
      fs.writeFileSync(utf16, unicodeText(1));
      await vscode.commands.executeCommand('notifications.clearAll');
      const confirmation = (): Promise<QuickInputState> => waitFor('the confirmation', quickInput, (state) => state.visible && state.title.startsWith('Apply 2 stock changes from ops-utf16.csv'));

      void vscode.commands.executeCommand('oto.applyStockChanges', vscode.Uri.file(utf16));
      const preview = await waitFor('the preview, read as UTF-16', async () => vscode.workspace.textDocuments.find((item) => item.uri.scheme === 'oto-stock-changes' && item.getText().includes('ops-utf16.csv: preview')), (found) => found?.getText().includes('2 rows to send') === true);
      assert.match(preview?.getText() ?? '', /^Stock changes from ops-utf16\.csv: preview \(figures read just now\)\nRead as UTF-16 LE\.\n/);
      assert.match(preview?.getText() ?? '', new RegExp(`${first.sku}\\s+${first.locationCode}\\s+adjust \\+1\\s+${before[0]}\\s+${(before[0] ?? 0) + 1}`));
      await confirmation();
      // The CodeLens clicked again while the first apply waits for its confirmation: not a second one.
      await vscode.commands.executeCommand('oto.applyStockChanges', vscode.Uri.file(utf16));
      await screenshot('bulk-utf16-preview-confirm');
      assert.ok((await quickInput()).visible, 'the first apply\'s confirmation is still open');
      // Cancelled wherever the focus went (a new notification can take it).
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await waitFor('the confirmation closed', quickInput, (state) => !state.visible);
      await waitFor('the refusal of a second apply', notificationCenter, (lines) => lines.some((line) => line.includes('The stock changes from ops-utf16.csv are being applied already')));
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('notifications.hideList');

      void vscode.commands.executeCommand('oto.applyStockChanges', vscode.Uri.file(utf16));
      await confirmation();
      // Saved again (by Excel, a colleague) while the confirmation is open: what was confirmed is not what the file says.
      fs.writeFileSync(utf16, unicodeText(2));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await waitFor('the warning that nothing was sent', notificationCenter, (lines) => lines.some((line) => line.includes('ops-utf16.csv changed since the preview (saved, edited or replaced), so nothing was sent')));
      await waitFor('the preview saying it was not sent', async () => preview?.getText() ?? '', (text) => text.startsWith('ops-utf16.csv changed since the preview'));
      await screenshot('bulk-changed-since-preview');
      assert.deepStrictEqual(await figures(), before, 'nothing sent');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('shows the stock history of a SKU changed by the file, as a chart and entries, in each theme', async () => {
      const row = planned[0];
      await vscode.commands.executeCommand('oto.showStockHistory', row.sku);
      await waitFor('the history page', () => webviewTexts('.title').catch((): string[] => []), (titles) => titles[0] === `Stock history of ${row.sku}`);
      await waitFor('the chart line', () => webviewTexts('.legend-code').catch((): string[] => []), (codes) => codes.includes(row.locationCode));
      const entries = await waitFor('the entries', () => webviewTexts('.table tbody tr').catch((): string[] => []), (lines) => lines.length > 0);
      assert.ok(entries.some((line) => line.includes('bulk file') && line.includes(`${row.before} → ${row.before + row.qty}`) && line.includes('row 1, checked')), JSON.stringify(entries));
      for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        await useTheme(theme);
        await waitFor(`the history page in the ${theme} theme`, () => webviewTexts('.title').catch((): string[] => []), (titles) => titles.length > 0);
        await screenshot(`history-${theme}`);
      }
      await useTheme('light');
    });

    it('transfers stock from the palette: from, SKU, to, quantity, how, one confirmation, and both locations\' stock after', async () => {
      const { client } = await sandbox();
      const locations = await client.getPickupLocations();
      // Locations and a SKU the other tests here do not change: the file above left them alone.
      const [from, to] = locations.slice(2, 4);
      const touched = new Set(planned.map((row) => row.sku));
      const products = (await client.listProducts()).filter((product) => !touched.has(product.sku));
      const stock = await client.checkInventoryStock(products.map((product) => product.sku));
      const onHandAt = (sku: string, code: string): number | undefined => stock[sku]?.find((entry) => entry.pickupLocationCode === code)?.quantityOnHand;
      const sku = products.map((product) => product.sku).find((candidate) => (onHandAt(candidate, from.code) ?? 0) > 5);
      assert.ok(sku, `a SKU with more than 5 on hand at ${from.code}`);
      const fromBefore = onHandAt(sku, from.code)!;
      const toBefore = onHandAt(sku, to.code) ?? 0;
      const shown = (state: QuickInputState): state is Extract<QuickInputState, { visible: true }> => state.visible;
      // The history panel of the test before would keep the focus, and a quick pick closes without it.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('notifications.clearAll');

      void vscode.commands.executeCommand('workbench.action.showCommands');
      await waitFor('the command palette', quickInput, shown);
      await typeText('OTO: Transfer Stock');
      await waitFor('Transfer Stock first in the palette', quickInput, (state) => shown(state) && state.items[0]?.label.startsWith('OTO: Transfer Stock'));
      await press('Enter');

      // Every step is counted, the reason and the confirmation included: 7 from the palette.
      await waitFor('the source pick, step 1 of 7', quickInput, (state) => shown(state) && state.placeholder === 'Move stock from which location?' && state.title === 'Transfer Stock (1/7)');
      await typeText(from.code);
      await waitFor(`${from.code} first`, quickInput, (state) => shown(state) && state.items[0]?.description === from.code);
      await press('Enter');
      await waitFor('the SKU pick', quickInput, (state) => shown(state) && state.placeholder === `Pick the SKU to move from ${from.code}`);
      await typeText(sku);
      await waitFor(`${sku} first, with its on hand`, quickInput, (state) => shown(state) && state.items[0]?.label === sku && state.items[0].description === `${fromBefore} on hand`);
      await press('Enter');
      await waitFor('the destination pick', quickInput, (state) => shown(state) && state.placeholder === `Move ${sku} from ${from.code} to which location?`);
      await typeText(to.code);
      await waitFor(`${to.code} first`, quickInput, (state) => shown(state) && state.items[0]?.description === to.code);
      await press('Enter');

      await waitFor('the quantity box, step 4 of 7', quickInput, (state) => shown(state) && state.title === 'Transfer Stock (4/7)' && state.message.includes(`${fromBefore} on hand at ${from.code}, ${toBefore} at ${to.code}`));
      // Arabic-Indic digits are read as Adjust reads them: "٤" is 4, refused only for being too many here.
      await typeText('٤'.repeat(String(fromBefore + 1).length + 1));
      await waitFor('the Arabic-Indic quantity read, and refused as too many', quickInput, (state) => shown(state) && state.message === `Only ${fromBefore} on hand at the source: at most ${fromBefore} can be moved.`);
      await screenshot('transfer-quantity-step');
      for (let i = 0; i <= String(fromBefore + 1).length; i++) {
        await press('Backspace');
      }
      // More than the source has is refused in the box, and nothing is sent.
      await typeText(String(fromBefore + 1));
      await waitFor('the refusal', quickInput, (state) => shown(state) && state.message === `Only ${fromBefore} on hand at the source: at most ${fromBefore} can be moved.`);
      for (let i = 0; i < String(fromBefore + 1).length; i++) {
        await press('Backspace');
      }
      await typeText('3');
      await waitFor('the quantity accepted', quickInput, (state) => shown(state) && state.value === '3' && !state.message.startsWith('Only'));
      await press('Enter');
      await waitFor('the choice of how', quickInput, (state) => shown(state) && state.placeholder === 'How should the stock move?' && state.items[0]?.label === 'Immediately');
      await press('Enter');
      await waitFor('the reason pick, step 6 of 7, with Back', quickInput, (state) => shown(state) && state.placeholder.startsWith('Why does the stock change?') && state.title === 'Transfer Stock (6/7)');
      await press('Enter');

      const confirm = await waitFor('the confirmation, step 7 of 7', quickInput, (state) => shown(state) && state.title === `Transfer 3 × ${sku} from ${from.code} to ${to.code}? (7/7)`);
      assert.ok(shown(confirm) && confirm.items[0].label.includes('Transfer') && confirm.items[1].label.includes('Cancel'), JSON.stringify(confirm));
      await screenshot('transfer-confirm');
      const untouched = await client.checkInventoryStock([sku]);
      assert.strictEqual(untouched[sku]?.find((entry) => entry.pickupLocationCode === from.code)?.quantityOnHand, fromBefore, 'nothing is sent before the confirmation');
      await press('Enter');

      const done = new RegExp(`^Transfer of 3 × ${sku}: −3 at ${from.code} applied \\(\\S+\\); \\+3 at ${to.code} applied( \\(\\S+\\))?\\.$`);
      await waitFor('the transfer\'s outcome', notificationCenter, (lines) => lines.some((line) => done.test(line)));
      await screenshot('transfer-done');
      const after = await client.checkInventoryStock([sku]);
      assert.strictEqual(after[sku]?.find((entry) => entry.pickupLocationCode === from.code)?.quantityOnHand, fromBefore - 3, `${sku} at ${from.code}`);
      assert.strictEqual(after[sku]?.find((entry) => entry.pickupLocationCode === to.code)?.quantityOnHand, toBefore + 3, `${sku} at ${to.code}`);
      await vscode.commands.executeCommand('notifications.clearAll');
    });
  });
}
