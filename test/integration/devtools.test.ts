import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { screenshot } from './support/screenshot';
import { sandbox } from './support/sandbox';
import { finished, notificationCenter, pageTexts, press, quickInput, treeRows, typeText, uiAvailable, waitFor, webviewTexts } from './support/ui';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

async function fixture(name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Hovers at the first occurrence of `text` until `expect` accepts the hover (the catalogue loads first). */
function hoverOn(document: vscode.TextDocument, text: string, what: string, expect: (content: string) => boolean): Promise<string> {
  const position = document.positionAt(document.getText().indexOf(text) + 2);
  return waitFor(what, async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)), expect, 30_000);
}

describe('devtools in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });

  it('hovering a SKU in an opened file shows its stock per location, total and minimum', async () => {
    const document = await fixture('order.json');
    const content = await hoverOn(document, 'AJW-DATES-500', 'the hover on AJW-DATES-500 to name Ajwa Dates', (text) => text.includes('Ajwa Dates'));
    assert.match(content, /\*\*AJW\\-DATES\\-500\*\* — Ajwa Dates 500 g/);
    // Figures as the Stock view's tooltip writes them, with a change mark when a suite before changed them.
    assert.match(content, /\| Riyadh Central Warehouse \\\(RUH\\-WH1\\\) \| (?:&nbsp;)+[\d,]+(?: \\\(\\?[+−][\d,]+\\\))? \| (?:&nbsp;)+[\d,]+(?: \\\(\\?[+−][\d,]+\\\))? \|/);
    assert.match(content, /Minimum inventory: \d+/);
    assert.match(content, /\(command:oto\.adjustStock\?/);
    assert.match(content, /\[Reveal in Stock view\]\(command:oto\.revealSku\?/, 'the Stock module registers the reveal command');
    const other = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(document.getText().indexOf('NOT-IN-CATALOGUE') + 2)));
    assert.doesNotMatch(other, /On hand/, 'no stock hover for a string that is not a catalogue SKU');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    const at = document.positionAt(document.getText().indexOf('AJW-DATES-500') + 2);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    if (uiAvailable()) {
      await waitFor('the hover widget to show the stock table', () => pageTexts('.monaco-hover'), (shown) => shown.some((text) => text.includes('Riyadh Central Warehouse')));
    }
    await screenshot('devtools-hover');
  });

  // Only the code-server launcher can read the rendered tree and drive quick inputs (as the harness's own suites do).
  if (uiAvailable()) {
    it('compares a saved snapshot with the current stock in the diff editor after an outside change', async () => {
      const name = `before the ERP import ${Date.now()}`;
      const saving = Promise.resolve(vscode.commands.executeCommand<{ name: string } | undefined>('oto.saveStockSnapshot'));
      await waitFor('the snapshot name box', quickInput, (state) => state.visible && state.title === 'Save Stock Snapshot');
      await typeText(name);
      await waitFor('the typed snapshot name', quickInput, (state) => state.visible && state.value === name);
      await press('Enter');
      // Each its own step, so a red run says whether the box took the Enter, the save gave up, or it never told of itself.
      await waitFor('the name box to close on Enter', quickInput, (state) => !state.visible);
      const saved = await finished('the save to finish', saving);
      assert.strictEqual(saved?.name, name, 'the save ended with the snapshot it was asked for');
      await waitFor('the saved notice', notificationCenter, (messages) => messages.some((message) => message.includes(`Saved stock snapshot “${name}”`)));

      const { client } = await sandbox();
      const before = (await client.checkInventoryStock(['COF-SAU-250']))['COF-SAU-250']?.find((entry) => entry.pickupLocationCode === 'RUH-WH1');
      assert.ok(before, 'COF-SAU-250 is stocked at RUH-WH1');
      await client.updateStockQuantity({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'COF-SAU-250', qty: 5 });
      try {
        void vscode.commands.executeCommand('oto.compareStockSnapshots');
        const first = await waitFor('the first snapshot pick', quickInput, (state) => state.visible && state.items.some((item) => item.label.includes(name)));
        const focused = first.visible ? first.items.find((item) => item.focused) : undefined;
        assert.ok(focused && !focused.label.includes('Save the current stock'), `Enter must not start a save: ${focused?.label}`);
        await typeText(name);
        await press('Enter');
        await waitFor('the second pick', quickInput, (state) => state.visible && state.title.includes(name) && state.items.some((item) => item.label.includes('The current stock')));
        await typeText('current stock');
        await press('Enter');
        const diff = await waitFor(
          'the diff editor',
          async () => vscode.window.tabGroups.activeTabGroup.activeTab?.input,
          (input) => input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'oto-snapshot',
        );
        assert.ok(diff instanceof vscode.TabInputTextDiff);
        const left = (await vscode.workspace.openTextDocument(diff.original)).getText();
        const right = (await vscode.workspace.openTextDocument(diff.modified)).getText();
        const line = (onHand: number): string => `  COF-SAU-250: on hand ${onHand}, forecasted `;
        assert.ok(left.includes(line(before.quantityOnHand)), left);
        assert.ok(right.includes(line(before.quantityOnHand + 5)), right);
        await screenshot('devtools-snapshot-diff');
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      } finally {
        await client.updateStockQuantity({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'COF-SAU-250', qty: -5 });
        await vscode.commands.executeCommand('notifications.clearAll');
      }
    });

    it('checks the stock of every catalogue SKU in the selection, in a quick pick and a Markdown preview', async () => {
      const document = await fixture('order.json');
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      const text = document.getText();
      editor.selection = new vscode.Selection(document.positionAt(text.indexOf('"lines"')), document.positionAt(text.lastIndexOf(']')));
      void vscode.commands.executeCommand('oto.checkStockOfSelection');
      const picker = await waitFor('the stock quick pick', quickInput, (state) => state.visible && state.items.some((item) => item.label.includes('AJW-DATES-500')));
      const labels = picker.visible ? picker.items.map((item) => item.label) : [];
      assert.ok(labels.some((label) => label.includes('COF-SAU-250')), labels.join(', '));
      assert.ok(!labels.some((label) => label.includes('NOT-IN-CATALOGUE')), 'only catalogue SKUs are listed');
      await typeText('Markdown');
      await press('Enter');
      const preview = await waitFor(
        'the Markdown source of the preview',
        async () => vscode.workspace.textDocuments.find((candidate) => candidate.uri.scheme === 'oto-stock-report' && candidate.languageId === 'markdown'),
        (found) => found !== undefined,
      );
      assert.match(preview?.getText() ?? '', /\*\*AJW\\-DATES\\-500\*\*[\s\S]*\*\*COF\\-SAU\\-250\*\*/);
      assert.doesNotMatch(preview?.getText() ?? '', /command:/, 'no command links in an untrusted preview');
      await waitFor('the preview to render both SKUs', () => webviewTexts('body').catch(() => []), (shown) => shown.some((text) => text.includes('AJW-DATES-500') && text.includes('COF-SAU-250')));
      await screenshot('devtools-check-stock');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('lists each request in the Requests view', async () => {
      await vscode.commands.executeCommand('oto.requests.focus');
      const rows = await waitFor('request rows', () => treeRows('Requests'), (found) => (found?.length ?? 0) > 2);
      await screenshot('devtools-requests');
      assert.ok(rows?.some((row) => /^GET checkInventoryStock$/.test(row.label) && /^200 · \d+ ms · /.test(row.description)), JSON.stringify(rows));
      // Newest first; only the rows that fit the (collapsed-by-default) pane are rendered, so the
      // token refresh at the start is checked in the request documents below, not here.
      const times = (rows ?? []).map((row) => /· (\d\d:\d\d:\d\d\.\d{3})$/.exec(row.description)?.[1] ?? '');
      assert.deepStrictEqual(times, [...times].sort().reverse(), JSON.stringify(rows));
    });

    it('filters the Requests view: background reads hidden, and says how many', async () => {
      const all = (await treeRows('Requests')) ?? [];
      const filtering = vscode.commands.executeCommand('oto.filterRequests');
      await waitFor('the filter pick', quickInput, (state) => state.visible && state.items.length === 4);
      await typeText('Hide background');
      await press('Enter');
      await finished('the Filter Requests command to finish', filtering);
      const writeOrFailure = (row: { label: string; description: string }): boolean => /^POST (updateStockQuantity|createInventoryOrder|updatePackingStatus)$/.test(row.label) || !/^2\d\d /.test(row.description);
      const shown = await waitFor('successful reads hidden', () => treeRows('Requests'), (found) => (found ?? []).every(writeOrFailure));
      assert.ok((shown ?? []).length < all.length, `${all.length} → ${(shown ?? []).length}`);
      const message = await waitFor('the hidden count', () => pageTexts('.pane:has(> .pane-header[aria-label*="Requests"]) .message'), (texts) => texts.some((text) => /requests? hidden by the filter/.test(text)));
      assert.match(message.join(' '), /^\d+ requests? hidden by the filter\.$/);
      await screenshot('devtools-requests-filtered');
      void vscode.commands.executeCommand('oto.filterRequests');
      await waitFor('the filter pick', quickInput, (state) => state.visible);
      await typeText('All requests');
      await press('Enter');
      await waitFor('every request again', () => treeRows('Requests'), (found) => (found?.length ?? 0) >= all.length);
    });
  }

  it('exports the stock as an untitled CSV document', async () => {
    await vscode.commands.executeCommand('oto.exportStock', 'csv');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document?.isUntitled, 'an untitled document');
    // Named for what it holds, so Save offers that name, not the first CSV line.
    assert.match(document.uri.path, /\/oto-stock-sandbox-\d{4}-\d{2}-\d{2}\.csv$/);
    await vscode.commands.executeCommand('oto.exportStock', 'json');
    const json = vscode.window.activeTextEditor?.document;
    assert.ok(json?.isUntitled && json.languageId === 'json', `${json?.languageId}`);
    assert.match(json.uri.path, /\/oto-stock-sandbox-\d{4}-\d{2}-\d{2}\.json$/);
    assert.doesNotThrow(() => JSON.parse(json.getText()));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(document);
    const lines = document.getText().split('\r\n');
    assert.strictEqual(lines[0], 'sku,name,locationCode,quantityOnHand,quantityForecasted,globalQuantityOnHand,minInventory');
    assert.ok(lines.some((line) => line.startsWith('AJW-DATES-500,Ajwa Dates 500 g,RUH-WH1,')));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows each logged request as a read-only JSON document without the refresh token', async () => {
    await vscode.commands.executeCommand('oto.copySandboxRefreshToken');
    const refreshToken = await vscode.env.clipboard.readText();
    assert.ok(refreshToken.length >= 8, 'the sandbox refresh token was copied');
    await vscode.env.clipboard.writeText('');
    const texts: string[] = [];
    for (let id = 1; id <= 10; id++) {
      texts.push((await vscode.workspace.openTextDocument(vscode.Uri.parse(`oto-request:/${id}-exchange.json`))).getText());
    }
    const refresh = texts.find((text) => text.includes('/refreshToken"'));
    assert.ok(refresh, 'the token refresh is in the log');
    assert.match(refresh, /"refresh_token": "\*\*\*"/);
    assert.ok(texts.some((text) => text.includes('"Authorization": "Bearer ***"')), 'authorized requests show a masked header');
    for (const text of texts) {
      assert.ok(!text.includes(refreshToken), 'no refresh token in a request document');
      assert.doesNotMatch(text, /eyJ[\w-]+\./, 'no access token in a request document');
    }
  });
});
