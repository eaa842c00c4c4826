// The client's webhook calls (`/rest/v2/webhook`) against the real sandbox over HTTP: typed answers,
// OTO's checks before anything is sent, OTO's refusals as OtoErrors with their code, and the
// webhook's secretKey and authorizationKey never in the request events.
import * as assert from 'node:assert/strict';
import { failure, useSandbox } from '../fakes/clientSandbox';

const SECRET = 'erp-secret-7f3a9c1d2e';
const KEY = 'erp-authorization-key-55b2';

describe('OtoClient webhooks', () => {
  const t = useSandbox();

  it('registers, lists and removes a webhook: ids as text, unset fields absent', async () => {
    assert.deepEqual(await t.client.listWebhooks(), []);
    const created = await t.client.createWebhook({ method: 'put', url: 'http://127.0.0.1:3000/oto', webhookType: 'shipmentError', secretKey: SECRET });
    assert.match(created.id, /^\d+$/);
    const [listed, ...rest] = await t.client.listWebhooks();
    assert.deepEqual(rest, []);
    assert.equal(listed.id, created.id);
    assert.equal(listed.method, 'put');
    assert.equal(listed.url, 'http://127.0.0.1:3000/oto');
    assert.equal(listed.webhookType, 'shipmentError');
    assert.equal(listed.secretKey, SECRET, 'OTO lists the secret in clear');
    assert.equal('authorizationKey' in listed, false, 'null is absent');
    await t.client.deleteWebhook(created.id);
    assert.deepEqual(await t.client.listWebhooks(), []);
    const deletes = t.events.filter((event) => event.method === 'DELETE');
    assert.equal(deletes.length, 1);
    assert.match(deletes[0].url, new RegExp(`/webhook\\?id=${created.id}$`));
    assert.equal(deletes[0].operation, 'write');
  });

  it('keeps the secretKey and authorizationKey out of every request event, sent and listed', async () => {
    await t.client.createWebhook({ method: 'post', url: 'http://127.0.0.1:3000/a', webhookType: 'orderStatus', secretKey: SECRET, authorizationKey: KEY });
    await t.client.createWebhook({ method: 'post', url: 'http://127.0.0.1:3000/b', webhookType: 'orderStatus', secretKey: 'short' });
    await t.client.listWebhooks();
    const texts = t.events.map((event) => `${event.url} ${event.requestBody ?? ''} ${event.responseBody ?? ''}`).join('\n');
    assert.ok(texts.includes('"url":"http://127.0.0.1:3000/a"'), 'the bodies are there');
    for (const secret of [SECRET, KEY, '"short"']) {
      assert.equal(texts.includes(secret), false, `${secret} is redacted`);
    }
    assert.ok(texts.includes('"secretKey":"***"'));
  });

  it('refuses before sending what OTO would refuse: url and method (OTO1121), keys over 255 characters (OTO1123, OTO1124)', async () => {
    const cases: Array<[Parameters<typeof t.client.createWebhook>[0], string, string]> = [
      [{ method: 'post', url: 'ftp://erp.example.com/oto', webhookType: 'orderStatus' }, 'OTO1121', 'url'],
      [{ method: 'patch' as 'post', url: 'http://127.0.0.1:3000/oto', webhookType: 'orderStatus' }, 'OTO1121', 'method'],
      [{ method: 'post', url: 'http://127.0.0.1:3000/oto', webhookType: 'orderStatus', authorizationKey: 'k'.repeat(256) }, 'OTO1123', 'authorizationKey'],
      [{ method: 'post', url: 'http://127.0.0.1:3000/oto', webhookType: 'orderStatus', secretKey: 's'.repeat(256) }, 'OTO1124', 'secretKey'],
      [{ method: 'post', url: 'http://127.0.0.1:3000/oto', webhookType: 'stockChanged' as 'orderStatus' }, 'OTO1010', 'webhookType'],
    ];
    for (const [registration, code, field] of cases) {
      const error = await failure(t.client.createWebhook(registration));
      assert.deepEqual([error.kind, error.code, error.field], ['validation', code, field], JSON.stringify(registration).slice(0, 80));
      assert.equal(error.message.includes('s'.repeat(256)), false);
    }
    await failure(t.client.deleteWebhook('not-a-number'));
    assert.equal(t.events.length, 0, 'nothing was sent');
  });

  it('gives OTO\'s refusals with their codes: a URL twice (OTO1122), an eleventh (OTO1120), an unknown id (OTO1125)', async () => {
    await t.client.createWebhook({ method: 'post', url: 'http://127.0.0.1:3000/0', webhookType: 'orderStatus' });
    const twice = await failure(t.client.createWebhook({ method: 'post', url: 'http://127.0.0.1:3000/0', webhookType: 'newOrders' }));
    assert.deepEqual([twice.kind, twice.code], ['api', 'OTO1122']);
    for (let n = 1; n < 10; n++) {
      await t.client.createWebhook({ method: 'post', url: `http://127.0.0.1:3000/${n}`, webhookType: 'orderStatus' });
    }
    const eleventh = await failure(t.client.createWebhook({ method: 'post', url: 'http://127.0.0.1:3000/10', webhookType: 'orderStatus' }));
    assert.deepEqual([eleventh.kind, eleventh.code], ['api', 'OTO1120']);
    const unknown = await failure(t.client.deleteWebhook('999'));
    assert.deepEqual([unknown.kind, unknown.code], ['api', 'OTO1125']);
    assert.equal((await t.client.listWebhooks()).length, 10);
  });
});
