// The Webhooks view's core against the real sandbox over HTTP, through the project's OtoClient:
// rows never show a key whole, Add Webhook…'s checks are OTO's (the sandbox refuses exactly what
// they refuse), OTO's webhook codes have their meaning, and a test event goes to the one webhook.
import * as assert from 'node:assert/strict';
import { OtoClient, isOtoError } from '../../../src/client';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { confirmationOf, keyInputProblem, urlInputProblem, webhookErrorMeaning, webhookRowText, type WebhookClient } from '../../../src/webhooks/accountWebhooks';
import { startReceiver, type Receiver } from '../sandbox/webhooks/receiver';

const SECRET = 'erp-secret-9d2f7a3c5e1b';
const KEY = 'erp-authorization-4c8a1e';

describe('Webhooks view core: the account\'s webhooks through OTO\'s API', () => {
  let sandbox: RunningSandbox;
  let client: OtoClient;
  let receiver: Receiver;

  beforeEach(async () => {
    sandbox = await startSandbox({});
    client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, timeoutMs: 5_000 });
    receiver = await startReceiver('/erp/orderStatus');
  });

  afterEach(async () => {
    await receiver.close();
    await sandbox.close();
  });

  it('shows each webhook with its keys shortened to their last 4 characters, never whole', async () => {
    const asView: WebhookClient = client;
    await asView.createWebhook({ method: 'post', url: receiver.url, webhookType: 'orderStatus', secretKey: SECRET, authorizationKey: KEY });
    await asView.createWebhook({ method: 'put', url: 'http://127.0.0.1:9/unsigned', webhookType: 'walletTransaction' });
    const [signed, unsigned] = (await asView.listWebhooks()).map(webhookRowText);
    assert.equal(signed.label, 'orderStatus · POST');
    assert.equal(signed.description, `${receiver.url} · signed`);
    const text = JSON.stringify(signed);
    assert.equal(text.includes(SECRET), false);
    assert.equal(text.includes(KEY), false);
    assert.ok(signed.details.includes(`secretKey: …${SECRET.slice(-4)}`));
    assert.ok(signed.details.includes(`authorizationKey: …${KEY.slice(-4)}`));
    assert.equal(unsigned.description, 'http://127.0.0.1:9/unsigned · unsigned');
    assert.ok(unsigned.details.includes('secretKey: none'));
  });

  it('refuses as the user types exactly what the sandbox refuses: a bad URL (OTO1121), one already registered (OTO1122), long keys (OTO1123, OTO1124)', async () => {
    await client.createWebhook({ method: 'post', url: receiver.url, webhookType: 'orderStatus' });
    const urls = (await client.listWebhooks()).map((hook) => hook.url);
    const cases: Array<{ url: string; secretKey?: string; authorizationKey?: string; shown: string | undefined; code?: string }> = [
      { url: 'erp.example.com/oto', shown: urlInputProblem('erp.example.com/oto', urls), code: 'OTO1121' },
      { url: 'ftp://erp.example.com/oto', shown: urlInputProblem('ftp://erp.example.com/oto', urls), code: 'OTO1121' },
      { url: ` ${receiver.url} `, shown: urlInputProblem(` ${receiver.url} `, urls), code: 'OTO1122' },
      { url: 'http://127.0.0.1:9/a', secretKey: 's'.repeat(256), shown: keyInputProblem('secretKey', 's'.repeat(256)), code: 'OTO1124' },
      { url: 'http://127.0.0.1:9/b', authorizationKey: 'k'.repeat(256), shown: keyInputProblem('authorizationKey', 'k'.repeat(256)), code: 'OTO1123' },
      { url: 'http://127.0.0.1:9/c', secretKey: 's'.repeat(255), authorizationKey: 'k'.repeat(255), shown: keyInputProblem('secretKey', 's'.repeat(255)) ?? urlInputProblem('http://127.0.0.1:9/c', urls) },
    ];
    for (const { url, secretKey, authorizationKey, shown, code } of cases) {
      // Straight to the sandbox, past the client's own checks: what OTO's side answers.
      const answer = await fetch(`${sandbox.baseUrl}/webhook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await accessToken(sandbox)}` },
        body: JSON.stringify({ method: 'post', url, webhookType: 'orderStatus', secretKey, authorizationKey }),
      });
      const body = (await answer.json()) as { otoErrorCode?: string };
      assert.equal(body.otoErrorCode, code, url.slice(0, 40));
      assert.equal(shown === undefined, code === undefined, `the box agrees for ${url.slice(0, 40)}`);
      if (code) {
        assert.match(shown ?? '', code === 'OTO1121' ? /http:\/\/ or https:\/\// : new RegExp(code));
      }
    }
  });

  it('words OTO\'s webhook codes with their meaning, from the client\'s own errors', async () => {
    for (let n = 0; n < 10; n++) {
      await client.createWebhook({ method: 'post', url: `http://127.0.0.1:9/${n}`, webhookType: 'orderStatus' });
    }
    const codes: string[] = [];
    for (const attempt of [
      () => client.createWebhook({ method: 'post', url: 'http://127.0.0.1:9/10', webhookType: 'orderStatus' }),
      () => client.deleteWebhook('999'),
      () => client.createWebhook({ method: 'post', url: 'http://127.0.0.1:9/x', webhookType: 'orderStatus', secretKey: 's'.repeat(300) }),
    ]) {
      const error = await attempt().then(() => undefined, (caught: unknown) => caught);
      assert.ok(isOtoError(error));
      codes.push(error.code ?? '');
      assert.match(webhookErrorMeaning(error.code) ?? '', new RegExp(`^${error.code}: `));
    }
    assert.deepEqual(codes, ['OTO1120', 'OTO1125', 'OTO1124']);
    assert.match(webhookErrorMeaning('OTO1120') ?? '', /10 webhooks.*Remove one first/);
    assert.equal(webhookErrorMeaning('OTO1133'), undefined);
  });

  it('sends a test event to the one webhook chosen, not to the others of its type', async () => {
    const other = await startReceiver('/other/orderStatus');
    try {
      const chosen = await client.createWebhook({ method: 'post', url: receiver.url, webhookType: 'orderStatus', secretKey: SECRET });
      await client.createWebhook({ method: 'post', url: other.url, webhookType: 'orderStatus' });
      const orderId = sandbox.exportState().orders[0].orderId;
      assert.equal(sandbox.webhooks.trigger({ type: 'orderStatus', orderId, webhookId: Number(chosen.id) }), 1);
      const [delivery] = await receiver.received(1);
      assert.equal(delivery.json.orderId, orderId);
      await sandbox.webhooks.idle();
      assert.equal(other.deliveries.length, 0);
      assert.throws(() => sandbox.webhooks.trigger({ type: 'newOrders', orderId, webhookId: Number(chosen.id) }), /registered for orderStatus, not newOrders/);
      assert.throws(() => sandbox.webhooks.trigger({ type: 'orderStatus', orderId, webhookId: 999 }), /OTO1125/);
    } finally {
      await other.close();
    }
  });
});

async function accessToken(sandbox: RunningSandbox): Promise<string> {
  const answer = await fetch(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: sandbox.refreshToken }) });
  return ((await answer.json()) as { access_token: string }).access_token;
}

describe('Webhooks view core: which changes ask first', () => {
  it('asks with a modal for every production change, in the quick input for a removal elsewhere, and not again for an addition elsewhere', () => {
    assert.deepEqual(
      ['sandbox', 'staging', 'production'].map((environment) => [confirmationOf(environment, 'add'), confirmationOf(environment, 'remove')]),
      [['none', 'quickPick'], ['none', 'quickPick'], ['modal', 'modal']],
    );
  });
});
