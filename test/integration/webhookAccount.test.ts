// The Webhooks view in a real VS Code: the sandbox account's webhooks through OTO's own management
// API (the session's client). Add Webhook… registers one pointing at the Webhook Inbox's receiver,
// the view lists it with no key in clear, Send Test Event delivers a real event through the
// sandbox's trigger that the inbox shows, and Remove Webhook (confirmed) takes it off the account.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { OtoClient } from '../../src/client';
import { activateExtension } from './support/extension';
import { copied } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { answerQuickInput, collapsePane, finished, notificationCenter, sideBarWidth, treeRows, uiAvailable, waitFor, type TreeRow } from './support/ui';

const VIEW = 'Webhooks';
const AUTHORIZATION_KEY = 'erp-authorization-3f9c2a7d18';

if (uiAvailable()) {
  describe('Webhooks view (OTO\'s webhook API) in a real VS Code', () => {
    let client: OtoClient;
    let url = '';
    let orderId = '';
    const ours = (rows: TreeRow[] | undefined): TreeRow | undefined => (rows ?? []).find((row) => row.label === 'orderStatus · POST' && row.description.startsWith(url));

    before(async function () {
      this.timeout(60_000);
      await activateExtension();
      await finished('connecting the inbox', vscode.commands.executeCommand('oto.connectWebhookInbox'));
      client = new OtoClient({ baseUrl: await copied('oto.copySandboxBaseUrl'), refreshToken: await copied('oto.copySandboxRefreshToken'), timeoutMs: 5_000 });
      // The inbox registered itself for every type; an ERP path of the same receiver is a URL of its own.
      const inbox = (await client.listWebhooks()).find((hook) => hook.url.endsWith('/orderStatus'));
      assert.ok(inbox, 'the inbox is registered');
      url = inbox.url.replace(/\/orderStatus$/, '/erp/orderStatus');
      const queue = await client.getPackingOrders('RUH-WH1');
      orderId = queue[0].orderId;
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    after(async () => {
      if (uiAvailable()) {
        await collapsePane(VIEW);
      }
      await vscode.commands.executeCommand('oto.disconnectWebhookInbox');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('adds a webhook through OTO\'s API and lists it, the authorization key never in clear', async () => {
      await vscode.commands.executeCommand('oto.webhooks.focus');
      const adding = vscode.commands.executeCommand('oto.addWebhook');
      await answerQuickInput('(1/5)', 'orderStatus');
      await answerQuickInput('(2/5)', url, false);
      await answerQuickInput('(3/5)', 'POST');
      await answerQuickInput('(4/5)', '', false);
      await answerQuickInput('(5/5)', AUTHORIZATION_KEY, false);
      await finished('adding the webhook', adding);
      const rows = await waitFor('the new webhook in the view', () => treeRows(VIEW), (seen) => ours(seen) !== undefined);
      assert.strictEqual(ours(rows)?.description, `${url} · unsigned`);
      assert.ok(!JSON.stringify(rows).includes(AUTHORIZATION_KEY), 'no key in the rows');
      const listed = (await client.listWebhooks()).find((hook) => hook.url === url);
      assert.deepStrictEqual([listed?.method, listed?.webhookType, listed?.authorizationKey, listed?.secretKey], ['post', 'orderStatus', AUTHORIZATION_KEY, undefined]);
      await waitFor('the added notice', notificationCenter, (shown) => shown.some((message) => message.includes(`OTO sends orderStatus to ${url}`)));
      await sideBarWidth(760);
      await useTheme('light');
      await screenshot('webhooks-view-light');
      await useTheme('dark');
      await screenshot('webhooks-view-dark');
      await useTheme('light');
    });

    it('sends a test event to it through the sandbox\'s trigger, which the inbox shows', async () => {
      const sending = vscode.commands.executeCommand('oto.sendTestWebhookEvent');
      await answerQuickInput('Send Test Event', '/erp/orderStatus');
      await answerQuickInput('Send Test Event: orderStatus', orderId);
      await finished('the test event', sending);
      await waitFor('the delivered notice', notificationCenter, (shown) => shown.some((message) => message.includes(`Test orderStatus for order ${orderId} delivered to ${url}: HTTP 200`)));
      await waitFor('the test event in the inbox', () => treeRows('Webhook Inbox'), (seen) => (seen ?? []).some((row) => row.label === `orderStatus · ${orderId}` && / · unsigned · /.test(row.description)));
    });

    it('removes it once confirmed: gone from the view and from the account', async () => {
      const removing = vscode.commands.executeCommand('oto.removeWebhook');
      await answerQuickInput('Remove Webhook', '/erp/orderStatus');
      await answerQuickInput('from OTO Sandbox?', 'Remove Webhook');
      await finished('removing the webhook', removing);
      await waitFor('the webhook gone from the view', () => treeRows(VIEW), (seen) => seen !== undefined && ours(seen) === undefined);
      assert.strictEqual((await client.listWebhooks()).some((hook) => hook.url === url), false);
    });
  });
}
