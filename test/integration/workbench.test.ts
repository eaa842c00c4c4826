// The integration workbench in a real VS Code: an "ERP" (plain fetch from this process, not the
// extension's client) talks to the sandbox the extension runs, and the Sandbox Traffic view, the
// exchange documents and the Problems panel show what it sent and what OTO would have said.
import * as assert from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './support/extension';
import { copied } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { clickTreeRow, collapsePane, notificationCenter, pageTexts, sideBarWidth, treeRows, uiAvailable, waitFor, type TreeRow } from './support/ui';

const ERP_AGENT = 'acme-erp/2.1';
const ONE_FINDING = '1 finding';
const OWN_CLIENT = 'this editor';
const ADJUST = { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500' };

/** The ERP: signs in with the sandbox refresh token, then POSTs as its own code would. */
async function erp(baseUrl: string, refreshToken: string): Promise<(endpoint: string, body: unknown) => Promise<number>> {
  const signIn = await fetch(`${baseUrl}/refreshToken`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': ERP_AGENT },
    body: JSON.stringify({ refresh_token: refreshToken }),
    signal: AbortSignal.timeout(5_000),
  });
  const { access_token: token } = (await signIn.json()) as { access_token: string };
  return async (endpoint, body) => {
    const answer = await fetch(`${baseUrl}/${endpoint}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'User-Agent': ERP_AGENT },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    await answer.arrayBuffer();
    return answer.status;
  };
}

function trafficDiagnostics(): Array<[vscode.Uri, vscode.Diagnostic]> {
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.scheme === 'oto-traffic')
    .flatMap(([uri, diagnostics]) => diagnostics.map((diagnostic) => [uri, diagnostic] as [vscode.Uri, vscode.Diagnostic]));
}

describe('integration workbench in a real VS Code', () => {
  let statuses: number[] = [];
  let refreshToken = '';

  before(async function () {
    this.timeout(60_000);
    await activateExtension();
    await vscode.commands.executeCommand('oto.clearSandboxTraffic');
    // Read afresh, not from the cached helper: a suite before this one may have restarted the
    // sandbox, and on a shared machine its stable port may have been taken meanwhile.
    const baseUrl = await copied('oto.copySandboxBaseUrl');
    refreshToken = await copied('oto.copySandboxRefreshToken');
    const post = await erp(baseUrl, refreshToken);
    statuses = [
      await post('updateStockQuantity', { ...ADJUST, qty: 2 }),
      await post('updateStockQuantity', { ...ADJUST, qty: '40.5' }),
      await post('createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 4 }], orderDate: '2024-03-31' }),
      await post('updateStockQuantity', { ...ADJUST, qty: 3 }),
      await post('updateStockQuantity', { ...ADJUST, qty: 3 }),
    ];
  });

  after(async () => {
    // Undo what the ERP changed, so the suites after this one see the seeded stock.
    const post = await erp(await copied('oto.copySandboxBaseUrl'), refreshToken);
    await post('updateStockQuantity', { ...ADJUST, qty: -8 });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the ERP got OTO’s answers: the bad quantity refused, the rest accepted', () => {
    assert.deepStrictEqual(statuses, [200, 400, 200, 200, 200]);
  });

  it('saves the sandbox it ships as one file a project can run without node_modules, and says how CI starts it', async function () {
    this.timeout(60_000);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'oto-ci-')));
    const ci = vscode.Uri.joinPath(folder, 'ci-tools');
    await vscode.workspace.fs.createDirectory(ci);
    try {
      await vscode.commands.executeCommand('notifications.clearAll');
      const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('oto.saveSandboxForCi', ci);
      assert.strictEqual(saved?.fsPath, path.join(ci.fsPath, 'oto-sandbox.js'));
      const shipped = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'oto-sandbox.js');
      assert.ok(fs.readFileSync(saved.fsPath).equals(fs.readFileSync(shipped)), 'the very file the extension ships');
      // Run from where it was saved, as CI would: no node_modules beside it.
      const version = execFileSync(process.execPath, [saved.fsPath, '--version'], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      assert.match(version, /^oto-sandbox \d+\.\d+\.\d+/);
      const run = spawn(process.execPath, [saved.fsPath, '--port', '0', '--quiet', '--exit-after-idle', '1'], { cwd: ci.fsPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => run.once('exit', resolve));
      let banner = '';
      run.stdout.on('data', (chunk: Buffer) => (banner += chunk.toString('utf8')));
      const baseUrl = await waitFor('the saved sandbox\'s banner', async () => /base URL:\s+(\S+)/.exec(banner)?.[1], (url) => url !== undefined, 20_000);
      const health = await fetch(`${baseUrl}/healthCheck`, { signal: AbortSignal.timeout(5_000) });
      assert.strictEqual(health.status, 200);
      await health.arrayBuffer();
      assert.strictEqual(await exited, 0);
      const shown = await waitFor('the saved message', notificationCenter, (texts) => texts.some((text) => text.includes('Saved the OTO sandbox')));
      const startsWith = vscode.workspace.workspaceFolders?.[0] ? 'ci-tools/oto-sandbox.js' : saved.fsPath;
      assert.ok(shown.some((text) => text.includes(`node ${startsWith} --port 8787`)), JSON.stringify(shown));
      await screenshot('sandbox-saved-for-ci');
    } finally {
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.workspace.fs.delete(ci, { recursive: true });
    }
  });

  it('puts one diagnostic per finding in the Problems panel, with the rule id as code and "OTO sandbox" as source', async () => {
    const diagnostics = await waitFor(
      'the traffic diagnostics',
      async () => trafficDiagnostics(),
      (found) => ['qty-not-integer', 'date-format', 'duplicate-write'].every((rule) => found.some(([, diagnostic]) => diagnostic.code === rule)),
    );
    for (const [, diagnostic] of diagnostics) {
      assert.strictEqual(diagnostic.source, 'OTO sandbox');
    }
    const qty = diagnostics.find(([, diagnostic]) => diagnostic.code === 'qty-not-integer');
    assert.ok(qty);
    assert.strictEqual(qty[1].severity, vscode.DiagnosticSeverity.Error);
    assert.match(qty[1].message, /OTO1132/);
    const date = diagnostics.find(([, diagnostic]) => diagnostic.code === 'date-format');
    assert.strictEqual(date?.[1].severity, vscode.DiagnosticSeverity.Warning);
    assert.match(date?.[1].message ?? '', /31\/03\/2024/);
    // The diagnostic points at the request's quantity in the exchange's document, where the fix goes.
    const document = await vscode.workspace.openTextDocument(qty[0]);
    assert.match(document.lineAt(qty[1].range.start.line).text, /^ +"qty": /);
    assert.ok(qty[1].range.start.line > document.getText().split('\n').findIndex((line) => line.startsWith('  "request"')), 'in the request, not the findings on top');
  });

  it('opens an exchange as a read-only document: findings first, tokens shortened', async () => {
    const [uri] = trafficDiagnostics().find(([, diagnostic]) => diagnostic.code === 'duplicate-write') ?? [];
    assert.ok(uri, 'the duplicate adjust has a diagnostic');
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const parsed = JSON.parse(text) as { findings: Array<{ rule: string }>; request: { headers: Record<string, string>; body: unknown }; response: { status: number } };
    assert.deepStrictEqual(Object.keys(parsed).slice(0, 1), ['findings']);
    assert.strictEqual(parsed.findings[0].rule, 'duplicate-write');
    assert.deepStrictEqual(parsed.request.body, { ...ADJUST, qty: 3 });
    assert.strictEqual(parsed.response.status, 200);
    assert.match(parsed.request.headers.authorization, /^Bearer …\w{4}$/);
    assert.ok(!text.includes(refreshToken), 'no whole token in the document');
  });

  if (uiAvailable()) {
    const rows = (): Promise<TreeRow[] | undefined> => treeRows('Sandbox Traffic');
    const erpRow = (found: TreeRow[] | undefined, label: string, description: RegExp): boolean =>
      (found ?? []).some((row) => row.label === label && description.test(row.description));

    it('lists every exchange of the ERP, newest first, status, OTO code and findings first, then client and duration', async () => {
      await vscode.commands.executeCommand('oto.sandboxTraffic.focus');
      const found = await waitFor('the ERP rows', rows, (seen) => erpRow(seen, 'POST createInventoryOrder', new RegExp(`^200 · ${ONE_FINDING} · acme-erp/2\\.1 · \\d+ ms$`)));
      assert.ok(erpRow(found, 'POST updateStockQuantity', new RegExp(`^400 · OTO1132 · ${ONE_FINDING} · acme-erp/2\\.1 · \\d+ ms$`)), JSON.stringify(found));
      assert.ok(erpRow(found, 'POST updateStockQuantity', /^200 · acme-erp\/2\.1 · \d+ ms$/), 'the valid adjust, without findings');
      assert.ok(erpRow(found, 'POST refreshToken', /^200 · acme-erp\/2\.1 · \d+ ms$/));
      const erpRows = (found ?? []).filter((row) => row.description.includes(ERP_AGENT));
      assert.deepStrictEqual(
        erpRows.map((row) => row.label),
        ['POST updateStockQuantity', 'POST updateStockQuantity', 'POST createInventoryOrder', 'POST updateStockQuantity', 'POST updateStockQuantity', 'POST refreshToken'],
        'newest first',
      );
      assert.ok(erpRows[0].description.startsWith(`200 · ${ONE_FINDING} · `), 'the second identical adjust is a duplicate write');
      // Room for the whole rows, and the Problems panel beside them: the README's picture.
      await vscode.commands.executeCommand('oto.stock.toggleVisibility');
      await vscode.commands.executeCommand('oto.requests.toggleVisibility');
      await sideBarWidth(760);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      try {
        await useTheme('light');
        await screenshot('traffic-view-light');
        await useTheme('dark');
        await screenshot('traffic-view-dark');
      } finally {
        await useTheme('light');
        await vscode.commands.executeCommand('workbench.action.closePanel');
        await vscode.commands.executeCommand('oto.stock.toggleVisibility');
        await vscode.commands.executeCommand('oto.requests.toggleVisibility');
      }
    });

    it('hides this editor\'s own reads by default, says how many, and shows them on request', async () => {
      // This editor reads the sandbox itself (the Stock view's refresh): rows the view hides.
      await vscode.commands.executeCommand('oto.refresh');
      const message = await waitFor('the hidden count above the rows', () => pageTexts('.pane:has(> .pane-header[aria-label*="Sandbox Traffic"]) .message'), (texts) => texts.some((text) => /^\d+ reads? by this editor hidden/.test(text)));
      assert.ok(message.some((text) => /^\d+ reads? by this editor hidden$/.test(text)), message.join('\n'));
      const hidden = (await rows()) ?? [];
      assert.ok(!hidden.some((row) => row.label.startsWith('GET ') && row.description.startsWith('200 · this editor')), JSON.stringify(hidden));
      assert.ok(hidden.some((row) => row.description.includes(ERP_AGENT)), 'the ERP\'s requests in sight');
      await vscode.commands.executeCommand('oto.sandboxTraffic.showOwnReads');
      await waitFor('this editor\'s reads', rows, (seen) => (seen ?? []).some((row) => row.label === 'GET checkInventoryStock' && row.description.startsWith(`200 · ${OWN_CLIENT}`)));
      await waitFor('no hidden count while they show', () => pageTexts('.pane:has(> .pane-header[aria-label*="Sandbox Traffic"]) .message'), (texts) => !texts.some((text) => /hidden/.test(text)));
      await vscode.commands.executeCommand('oto.sandboxTraffic.hideOwnReads');
      await waitFor('this editor\'s reads hidden again', rows, (seen) => !(seen ?? []).some((row) => row.label === 'GET checkInventoryStock' && row.description.includes(OWN_CLIENT)));
    });

    it('filters to other clients only and to exchanges with findings, and back', async () => {
      // This editor reads the sandbox itself, so the filter has its rows to hide and to show again
      // (otherwise they are there only if a background refresh happened to run since the clear).
      await vscode.commands.executeCommand('oto.sandboxTraffic.showOwnReads');
      await vscode.commands.executeCommand('oto.refresh');
      await waitFor('a row of this editor', rows, (seen) => (seen ?? []).some((row) => row.description.includes(OWN_CLIENT)));
      await vscode.commands.executeCommand('oto.sandboxTraffic.othersOnly');
      const others = await waitFor('other clients only', rows, (seen) => (seen ?? []).length > 0 && (seen ?? []).every((row) => !row.description.includes(OWN_CLIENT)));
      assert.ok((others ?? []).every((row) => row.description.includes(ERP_AGENT)), JSON.stringify(others));
      await vscode.commands.executeCommand('oto.sandboxTraffic.findingsOnly');
      const judged = await waitFor('with findings only', rows, (seen) => (seen ?? []).length === 3);
      assert.ok((judged ?? []).every((row) => row.description.includes(` · ${ONE_FINDING} · `)), JSON.stringify(judged));
      await vscode.commands.executeCommand('oto.sandboxTraffic.allExchanges');
      await vscode.commands.executeCommand('oto.sandboxTraffic.allClients');
      await waitFor('all rows again', rows, (seen) => (seen ?? []).some((row) => row.description.includes(OWN_CLIENT)));
      await vscode.commands.executeCommand('oto.sandboxTraffic.hideOwnReads');
    });

    it('side bar: Stock first, Sandbox Traffic with other clients\' requests, Requests (this editor\'s calls) and the Webhook Inbox collapsed until opened, Requests listing at once', async () => {
      await vscode.commands.executeCommand('workbench.view.extension.oto');
      // About the width a new window gives the side bar (the test above widened it).
      await sideBarWidth(320);
      await collapsePane('Requests');
      await collapsePane('Webhook Inbox');
      await vscode.commands.executeCommand('oto.stock.focus');
      await waitFor('the Stock view\'s rows', () => treeRows('Stock'), (found) => (found?.length ?? 0) > 0);
      // Beside the titles, what fits at this width: the environment in a word, the sandbox's host:port.
      const descriptions = await pageTexts('.pane-header .description');
      assert.ok(descriptions.includes('Sandbox'), JSON.stringify(descriptions));
      assert.ok(descriptions.some((text) => /^127\.0\.0\.1:\d+$/.test(text)), JSON.stringify(descriptions));
      for (const theme of ['light', 'dark'] as const) {
        await useTheme(theme);
        await screenshot(`sidebar-${theme}`);
      }
      await useTheme('light');
      // Opened, Requests lists what this editor has sent so far from its log, newest first.
      await vscode.commands.executeCommand('oto.refresh');
      await vscode.commands.executeCommand('oto.requests.focus');
      const listed = await waitFor('the Requests rows', () => treeRows('Requests'), (found) => (found?.length ?? 0) > 0);
      assert.ok((listed ?? []).some((row) => row.label === 'GET checkInventoryStock'), JSON.stringify(listed));
      await screenshot('sidebar-requests-open');
      await collapsePane('Requests');
      await sideBarWidth(760);
    });

    it('selecting a row opens its document; Copy as cURL gives a line without the token', async () => {
      // Only the rows that fit the pane are rendered; this editor's own reads (newest, on top) would push the ERP's down.
      await vscode.commands.executeCommand('oto.sandboxTraffic.othersOnly');
      await waitFor('the ERP rows only', rows, (seen) => (seen ?? []).length > 0 && (seen ?? []).every((row) => !row.description.includes(OWN_CLIENT)));
      await clickTreeRow('Sandbox Traffic', 'POST createInventoryOrder');
      await vscode.commands.executeCommand('oto.sandboxTraffic.allClients');
      const editor = await waitFor(
        'the exchange document',
        async () => vscode.window.activeTextEditor,
        (active) => active?.document.uri.scheme === 'oto-traffic' && active.document.uri.path.includes('createInventoryOrder'),
      );
      assert.match(editor?.document.getText() ?? '', /"rule": "date-format"/);
      await screenshot('traffic-document');
      const id = Number(/#(\d+) /.exec(editor?.document.uri.path ?? '')?.[1]);
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('oto.copySandboxExchangeAsCurl', { id });
      const curl = await vscode.env.clipboard.readText();
      assert.match(curl, /^curl \\\n {2}-X POST \\\n {2}'http:\/\/127\.0\.0\.1:\d+\/rest\/v2\/createInventoryOrder'/);
      assert.match(curl, /Authorization: Bearer \$OTO_ACCESS_TOKEN/);
      assert.match(curl, /"orderDate":"2024-03-31"/);
      await vscode.commands.executeCommand('notifications.clearAll');
    });
  }
});
