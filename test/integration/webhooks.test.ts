// The Webhook Inbox in a real VS Code: connected to the sandbox in one action, it shows the
// orderStatus an ERP's packing causes with a valid signature; an event opens as a read-only
// document; Forward to… sends every event on to the ERP's own receiver (here, one in this test's
// process) and shows its answer; Trigger Webhook Event… opens the payload as JSON whose edit the
// Send CodeLens delivers.
import * as assert from 'node:assert';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { OtoClient } from '../../src/client';
import { copied } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { answerQuickInput, collapsePane, finished, notificationCenter, sideBarWidth, treeRows, uiAvailable, waitFor, webviewClick, webviewTexts, type TreeRow } from './support/ui';

const VIEW = 'Webhook Inbox';

interface ErpReceiver {
  readonly url: string;
  readonly bodies: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The ERP's own webhook receiver: keeps each body, answers 202. */
async function erpReceiver(): Promise<ErpReceiver> {
  const bodies: Array<Record<string, unknown>> = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      response.writeHead(202, { 'Content-Type': 'application/json' }).end('{"queued":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/erp/oto-webhook`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (uiAvailable()) {
  describe('webhook inbox in a real VS Code', () => {
    let erp: ErpReceiver;
    let orderId = '';
    const rows = (): Promise<TreeRow[] | undefined> => treeRows(VIEW);
    const row = (found: TreeRow[] | undefined, label: string, description: RegExp): TreeRow | undefined =>
      (found ?? []).find((candidate) => candidate.label === label && description.test(candidate.description));

    before(async function () {
      this.timeout(60_000);
      await activateExtension();
      erp = await erpReceiver();
    });

    after(async () => {
      if (uiAvailable()) {
        await collapsePane('Webhook Inbox');
      }
      await vscode.commands.executeCommand('oto.disconnectWebhookInbox');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('notifications.clearAll');
      await erp.close();
    });

    it('connects in one action and shows the orderStatus an ERP\'s packing caused, with a valid signature', async () => {
      await finished('connecting the inbox', vscode.commands.executeCommand('oto.connectWebhookInbox'));
      // Read afresh, not from the cached helper: a suite before this one may have restarted the sandbox on another port.
      const client = new OtoClient({ baseUrl: await copied('oto.copySandboxBaseUrl'), refreshToken: await copied('oto.copySandboxRefreshToken'), timeoutMs: 5_000 });
      const queue = await client.getPackingOrders('RUH-WH1');
      orderId = queue[queue.length - 1].orderId;
      await client.updatePackingStatus({ orderId, packingStatus: 'picked' });
      await client.updatePackingStatus({ orderId, packingStatus: 'packed' });
      const found = await waitFor('the packed event', rows, (seen) => row(seen, `orderStatus · ${orderId}`, /^packed · valid signature · \d\d:\d\d:\d\d$/) !== undefined);
      assert.ok(row(found, `orderStatus · ${orderId}`, /^picked · valid signature/), 'the picked event too');
      assert.strictEqual(found?.[0].description.startsWith('packed'), true, 'newest first');
    });

    it('shows a delivery whose connection dropped mid-body as cut short', async () => {
      const client = new OtoClient({ baseUrl: await copied('oto.copySandboxBaseUrl'), refreshToken: await copied('oto.copySandboxRefreshToken'), timeoutMs: 5_000 });
      const inbox = new URL((await client.listWebhooks()).find((hook) => hook.url.endsWith('/orderStatus'))?.url ?? '');
      const socket = net.connect(Number(inbox.port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(`POST ${inbox.pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"orderId": `);
      await new Promise((resolve) => setTimeout(resolve, 200));
      socket.destroy();
      await waitFor('the cut-short delivery', rows, (seen) => (seen ?? []).some((candidate) => /^cut short · /.test(candidate.description)));
    });

    it('advances the order from its row: the next statuses offered, orderStatus fired and shown', async () => {
      const advancing = vscode.commands.executeCommand('oto.advanceOrderStatus', { orderId });
      await answerQuickInput('(2/2)', 'shipmentCreated');
      await finished('advancing the order', advancing);
      await waitFor('the shipmentCreated event', rows, (seen) => row(seen, `orderStatus · ${orderId}`, /^shipmentCreated · valid signature/) !== undefined);
    });

    it('advances an order from its card in the packing page: the same command, orderStatus in the inbox, the order gone from the queue', async () => {
      const client = new OtoClient({ baseUrl: await copied('oto.copySandboxBaseUrl'), refreshToken: await copied('oto.copySandboxRefreshToken'), timeoutMs: 5_000 });
      const queue = (await client.getPackingOrders('RUH-WH1')).map((order) => order.orderId);
      const target = queue[0];
      await vscode.commands.executeCommand('oto.openPackingQueue', { kind: 'location', location: { kind: 'warehouse', code: 'RUH-WH1', name: 'Riyadh' } });
      const card = `.card[data-order-id="${target}"]`;
      const advance = await waitFor('the Advance status… button on the card', () => webviewTexts(`${card} [data-action="advance"]`).catch(() => []), (shown) => shown.length === 1);
      assert.deepStrictEqual(advance, ['Advance status…']);
      await useTheme('light');
      await screenshot('packing-advance-light');
      await useTheme('dark');
      await screenshot('packing-advance-dark');
      await useTheme('light');
      await webviewClick(`${card} [data-action="advance"]`);
      // Offered whatever the order's status so far; a status past packed takes it out of the queue.
      await answerQuickInput('(2/2)', 'delivered');
      await waitFor('orderStatus delivered for the card\'s order', rows, (seen) => row(seen, `orderStatus · ${target}`, /^delivered · valid signature/) !== undefined);
      await waitFor('the packed order gone from the queue', () => webviewTexts('.card:not([hidden]) .order-id span:last-child').catch(() => [] as string[]), (shown) => shown.length === queue.length - 1 && !shown.includes(target));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('shows a delivery the sandbox was told to sign wrong (Inject Sandbox Fault…) as an invalid signature', async () => {
      const injecting = vscode.commands.executeCommand('oto.injectSandboxFault');
      await answerQuickInput('(1/5)', 'Webhook deliveries');
      await answerQuickInput('(2/4)', 'Wrong signature');
      await answerQuickInput('(3/4)', 'orderStatus');
      await answerQuickInput('(4/4)', '1', false);
      await finished('injecting the delivery fault', injecting);
      const advancing = vscode.commands.executeCommand('oto.advanceOrderStatus', { orderId });
      await answerQuickInput('(2/2)', 'goingToPickup');
      await finished('advancing the order', advancing);
      await waitFor('the wrongly signed event', rows, (seen) => row(seen, `orderStatus · ${orderId}`, /^goingToPickup · invalid signature/) !== undefined);
    });

    it('opens an event as a read-only document: the verdict and why, the Authorization key shortened', async () => {
      const opening = vscode.commands.executeCommand('oto.openWebhookEvent');
      await answerQuickInput('Open Webhook Event', 'shipmentCreated · valid');
      await finished('opening the event', opening);
      const editor = await waitFor('the event document', async () => vscode.window.activeTextEditor?.document, (document) => document?.uri.scheme === 'oto-webhook');
      const parsed = JSON.parse(editor!.getText()) as { signature: { verdict: string; why: string }; authorization: { check: string }; request: { headers: Record<string, string>; body: { status: string } } };
      assert.strictEqual(parsed.signature.verdict, 'valid');
      assert.match(parsed.signature.why, new RegExp(`HMAC-SHA256 of "${orderId}:(shipmentCreated|packed|picked):\\d+"`));
      assert.strictEqual(parsed.authorization.check, 'matches');
      assert.match(parsed.request.headers.authorization, /^…[\w-]{4}$/);
      await vscode.commands.executeCommand('oto.webhookInbox.focus');
      await sideBarWidth(760);
      await useTheme('light');
      await screenshot('webhook-inbox-light');
      await useTheme('dark');
      await screenshot('webhook-inbox-dark');
      await useTheme('light');
    });

    it('forwards every event to the ERP\'s receiver, and Trigger sends an edited payload there through the Send CodeLens', async () => {
      void vscode.commands.executeCommand('oto.forwardWebhooks');
      await answerQuickInput('Forward Webhooks to', erp.url, false);
      await waitFor('the forward notice', notificationCenter, (shown) => shown.some((message) => message.includes(`forwarded to ${erp.url}`)));
      void vscode.commands.executeCommand('oto.triggerWebhookEvent');
      await answerQuickInput('(1/2)', 'shipmentError');
      await answerQuickInput('(2/2)', orderId);
      const editor = await waitFor('the trigger document', async () => vscode.window.activeTextEditor, (shown) => shown?.document.uri.path.endsWith(`shipmentError-${orderId}.oto-webhook.json`) === true);
      const document = editor!.document;
      const event = JSON.parse(document.getText()) as { type: string; orderId: string; fields: Record<string, unknown> };
      assert.deepStrictEqual([event.type, event.orderId, event.fields.errorCode], ['shipmentError', orderId, 'deliveryCompanyError']);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      const send = lenses.find((lens) => lens.command?.command === 'oto.sendWebhookEvent');
      assert.ok(send?.command, 'a Send CodeLens');
      // The user's own data: an error code their ERP must handle.
      const edited = JSON.stringify({ ...event, fields: { ...event.fields, errorCode: 'addressNotFound' } }, null, 2);
      await editor!.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), edited));
      await useTheme('dark');
      await screenshot('webhook-trigger-dark');
      await useTheme('light');
      await finished('Send', vscode.commands.executeCommand(send.command.command, ...(send.command.arguments ?? [])));
      const forwarded = await waitFor('the forwarded delivery', async () => erp.bodies, (bodies) => bodies.some((body) => body.errorCode === 'addressNotFound'));
      const body = forwarded.find((candidate) => candidate.errorCode === 'addressNotFound');
      assert.strictEqual(body?.orderId, orderId);
      assert.strictEqual(typeof body?.signature, 'string', 'signed by the sandbox');
      await waitFor('the ERP\'s answer beside the event', rows, (seen) => row(seen, `shipmentError · ${orderId}`, /^addressNotFound · valid signature · \d\d:\d\d:\d\d · → 202$/) !== undefined);
      await vscode.commands.executeCommand('oto.webhookInbox.focus');
      await sideBarWidth(760);
      await screenshot('webhook-inbox-forwarded-light');
      await useTheme('dark');
      await screenshot('webhook-inbox-forwarded-dark');
      await useTheme('light');
    });
  });
}
