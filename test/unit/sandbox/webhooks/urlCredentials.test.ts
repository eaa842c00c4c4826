// A webhook URL with a user name and password (`http://user:pass@host/hook`): the deliveries use
// them (Basic auth), but nothing the sandbox journals or logs, and no row the Webhooks view shows,
// holds the password. OTO's own API answer keeps the URL as registered, as OTO does.
import * as assert from 'node:assert/strict';
import { OtoClient } from '../../../../src/client';
import { redact } from '../../../../src/client/engine/redact';
import { hideUrlCredentials } from '../../../../src/client';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox';
import { formatTrafficLine } from '../../../../src/traffic/report';
import { shortenTokens } from '../../../../src/traffic/tokens';
import { webhookRowText } from '../../../../src/webhooks/accountWebhooks';
import { call } from '../../fakes/sandboxHttp';
import { startReceiver, type Receiver } from './receiver';

const PASSWORD = 'hook-pass-7e3a9c1f5b';

describe('sandbox webhooks: a URL with a password', () => {
  let sandbox: RunningSandbox;
  let receiver: Receiver;
  let hookUrl: string;

  beforeEach(async () => {
    receiver = await startReceiver();
    hookUrl = receiver.url.replace('http://', `http://erp:${PASSWORD}@`);
    sandbox = await startSandbox({ webhooks: { register: [{ url: hookUrl }] } });
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('delivers with the credentials but journals, logs and lists the URL without its password', async () => {
    const control = `${sandbox.baseUrl.replace(/\/rest\/v2$/, '/__oto')}`;
    const orderId = sandbox.control.state().packingOrders?.[0]?.orderId ?? '';
    const trigger = await call(`${control}/webhooks/trigger`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'orderStatus', orderId }) });
    assert.equal(trigger.status, 200);
    const [delivery] = await receiver.received(1);
    assert.equal(delivery.headers.authorization, `Basic ${Buffer.from(`erp:${PASSWORD}`).toString('base64')}`);
    await sandbox.webhooks.idle();

    // The account's webhooks through OTO's API, as the Webhooks view reads them.
    const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, timeoutMs: 5_000 });
    const [listed] = await client.listWebhooks();
    assert.equal(listed.url, hookUrl);
    const row = JSON.stringify(webhookRowText(listed));
    assert.ok(!row.includes(PASSWORD), row);
    assert.ok(row.includes(receiver.url.replace('http://', 'http://erp:…@')));

    const journal = await call(`${control}/requests`);
    const lines = sandbox.traffic.history().map(formatTrafficLine).join('\n');
    for (const [name, text] of Object.entries({ journal: journal.text, lines, store: JSON.stringify(sandbox.traffic.history()) })) {
      assert.ok(!text.includes(PASSWORD), `${name} holds the password`);
    }
    assert.ok(lines.includes('http://erp:…@127.0.0.1'), lines);

    // A scenario registering the same URL again is refused, naming the sandbox's own webhook: not its password.
    const reset = await call(`${control}/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ webhooks: { register: [{ url: hookUrl }] } }) });
    assert.equal(reset.status, 400);
    assert.match((reset.json as { message: string }).message, /sandbox's own webhook "http:\/\/erp:…@127\.0\.0\.1/);
    assert.ok(!reset.text.includes(PASSWORD), reset.text);
  });

  it('hides the password (a lone user name too) in every form a text may hold a URL, and nothing else', () => {
    assert.equal(hideUrlCredentials('POST http://erp:s3cret@127.0.0.1:9/hook'), 'POST http://erp:…@127.0.0.1:9/hook');
    assert.equal(hideUrlCredentials('https://sk_live_1234@erp.example/x', '***'), 'https://***@erp.example/x');
    assert.equal(shortenTokens('{"url":"http:\\/\\/erp:s3cret@erp.example\\/hook"}'), '{"url":"http:\\/\\/erp:…@erp.example\\/hook"}');
    assert.equal(shortenTokens(JSON.stringify(JSON.stringify({ url: 'http://erp:s3cret@erp.example/hook' }))).includes('s3cret'), false);
    assert.equal(redact('{"url":"http://erp:s3cret@erp.example/hook","email":"a@b.sa"}'), '{"url":"http://erp:***@erp.example/hook","email":"a@b.sa"}');
    // An address in a path or query, an e-mail, a time: not credentials.
    for (const text of ['http://erp.example/hook?email=ops@erp.sa', 'mailto:ops@erp.sa', 'at 10:30 by ops@erp.sa', 'http://erp.example:8080/a@b']) {
      assert.equal(hideUrlCredentials(text), text);
      assert.equal(shortenTokens(text), text);
    }
  });
});
