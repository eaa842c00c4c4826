// OTO's management API /rest/v2/webhook over real HTTP: every call, every answer, every error.
import * as assert from 'node:assert/strict';
import { call, useSandbox, type Answer } from '../../fakes/sandboxHttp';

describe('sandbox webhooks: management API', () => {
  const context = useSandbox();
  const send = (method: string, body?: unknown, query = ''): Promise<Answer> =>
    call(`${context.sandbox.baseUrl}/webhook${query}`, {
      method,
      headers: { Authorization: `Bearer ${context.api.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const error = (answer: Answer, status: number, code: string, message?: string): void => {
    assert.equal(answer.status, status, answer.text);
    const body = answer.json as Record<string, unknown>;
    assert.equal(body.success, false);
    assert.equal(body.otoErrorCode, code);
    if (message !== undefined) {
      assert.equal(body.otoErrorMessage, message);
    }
  };

  it('creates with OTO answer (id as a string) and lists with the id as a number and the secret in clear', async () => {
    const created = await send('POST', {
      method: 'post', url: 'http://127.0.0.1:9/hook', webhookType: 'orderStatus', secretKey: 'shh-secret', authorizationKey: 'auth-key-1', timestampFormat: '2025-01-01 13:14:34', orderPrefix: 'ERP-',
    });
    assert.deepEqual(created.json, { success: true, id: '1', message: 'webhook has been created' });
    const listed = await send('GET');
    assert.deepEqual(listed.json, {
      webhooks: [{ id: 1, method: 'post', url: 'http://127.0.0.1:9/hook', webhookType: 'orderStatus', secretKey: 'shh-secret', authorizationKey: 'auth-key-1', timestampFormat: '2025-01-01 13:14:34', orderPrefix: 'ERP-' }],
      success: true,
    });
    await send('POST', { method: 'PUT', url: 'http://127.0.0.1:9/other', webhookType: 'newOrders' });
    const one = (await send('GET', undefined, '?id=2')).json as { webhooks: Array<Record<string, unknown>> };
    assert.deepEqual(one.webhooks, [{ id: 2, method: 'put', url: 'http://127.0.0.1:9/other', webhookType: 'newOrders', secretKey: null, authorizationKey: null, timestampFormat: null, orderPrefix: null }]);
    assert.deepEqual(((await send('GET', undefined, '?id=99')).json as { webhooks: unknown[] }).webhooks, []);
  });

  it('updates the given fields and keeps the others; OTO1125 without an id, 404 for an unknown one', async () => {
    await send('POST', { method: 'post', url: 'http://127.0.0.1:9/a', secretKey: 'keep-me' });
    assert.deepEqual((await send('PUT', { id: '1', url: 'http://127.0.0.1:9/b', method: 'put' })).json, { success: true, message: 'webhook has been updated' });
    const [hook] = context.sandbox.webhooks.list();
    assert.deepEqual(hook, { id: 1, method: 'put', url: 'http://127.0.0.1:9/b', webhookType: 'orderStatus', secretKey: 'keep-me' });
    error(await send('PUT', { url: 'http://127.0.0.1:9/c' }), 400, 'OTO1125', 'webhook id is required');
    error(await send('PUT', { id: 7, url: 'http://127.0.0.1:9/c' }), 404, 'OTO1125');
    error(await send('PUT', { id: 1, method: 'get' }), 400, 'OTO1121');
  });

  it('refuses a PUT whose webhookType is null, rather than reading it as left out and turning the webhook into orderStatus', async () => {
    await send('POST', { method: 'post', url: 'http://127.0.0.1:9/errors', webhookType: 'shipmentError' });
    error(await send('PUT', { id: 1, webhookType: null }), 400, 'OTO1010');
    assert.equal(context.sandbox.webhooks.list()[0].webhookType, 'shipmentError');
  });

  it('deletes by id in the query or the body; OTO1125 without one, 404 for an unknown one', async () => {
    await send('POST', { method: 'post', url: 'http://127.0.0.1:9/a' });
    await send('POST', { method: 'post', url: 'http://127.0.0.1:9/b' });
    assert.deepEqual((await send('DELETE', undefined, '?id=1')).json, { success: true, message: 'webhook has been deleted' });
    assert.deepEqual((await send('DELETE', { id: 2 })).json, { success: true, message: 'webhook has been deleted' });
    assert.deepEqual(context.sandbox.webhooks.list(), []);
    error(await send('DELETE'), 400, 'OTO1125', 'webhook id is required');
    error(await send('DELETE', undefined, '?id=2'), 404, 'OTO1125');
  });

  it('answers OTO1120 for the eleventh webhook of the account', async () => {
    for (let i = 0; i < 10; i++) {
      assert.equal((await send('POST', { method: 'post', url: `http://127.0.0.1:9/h${i}` })).status, 200);
    }
    error(await send('POST', { method: 'post', url: 'http://127.0.0.1:9/h10' }), 400, 'OTO1120', 'You cannot register more than 10 webhooks');
    assert.equal(context.sandbox.webhooks.list().length, 10);
  });

  it('answers OTO1121 without url or method, or with a method or URL OTO cannot call', async () => {
    error(await send('POST', { method: 'post' }), 400, 'OTO1121', 'url, method must be provided.');
    error(await send('POST', { url: 'http://127.0.0.1:9/a' }), 400, 'OTO1121', 'url, method must be provided.');
    error(await send('POST', { method: 'patch', url: 'http://127.0.0.1:9/a' }), 400, 'OTO1121', 'method must be "post" or "put", got "patch"');
    error(await send('POST', { method: 'post', url: 'ftp://127.0.0.1/a' }), 400, 'OTO1121');
    error(await send('POST', { method: 'post', url: 'http://127.0.0.1:9/a', webhookType: 'stockChanged' }), 400, 'OTO1010');
    assert.deepEqual(context.sandbox.webhooks.list(), []);
  });

  it('answers OTO1122 for a URL already registered, OTO1123 and OTO1124 for keys over 255 characters', async () => {
    await send('POST', { method: 'post', url: 'http://127.0.0.1:9/a' });
    error(await send('POST', { method: 'put', url: 'http://127.0.0.1:9/a', webhookType: 'newOrders' }), 400, 'OTO1122', 'Url already registered for this company');
    error(await send('POST', { method: 'post', url: 'http://127.0.0.1:9/b', authorizationKey: 'k'.repeat(256) }), 400, 'OTO1123', 'authorizationKey size is longer than 255');
    error(await send('POST', { method: 'post', url: 'http://127.0.0.1:9/b', secretKey: 's'.repeat(256) }), 400, 'OTO1124', 'secretKey size is longer than 255');
    assert.equal((await send('POST', { method: 'post', url: 'http://127.0.0.1:9/b', secretKey: 's'.repeat(255) })).status, 200);
  });

  it('refuses an authorizationKey no Authorization header can carry (OTO1123), by POST and by PUT; the next delivery would have thrown', async () => {
    const why = 'authorizationKey is sent in the Authorization header, so it may hold only printable characters (no line breaks, nothing past Latin-1)';
    for (const authorizationKey of ['\u2026ey-1', 'key\r\nX-Injected: 1', 'tab\u0000']) {
      error(await send('POST', { method: 'post', url: 'http://127.0.0.1:9/c', authorizationKey }), 400, 'OTO1123', why);
    }
    assert.equal((await send('POST', { method: 'post', url: 'http://127.0.0.1:9/c', authorizationKey: 'Clé\tlatin-1 ok' })).status, 200);
    error(await send('PUT', { id: 1, authorizationKey: 'cl\u00e9-\u0661' }), 400, 'OTO1123', why);
    const listed = (await send('GET')).json as { webhooks: Array<{ authorizationKey: string | null }> };
    assert.deepEqual(listed.webhooks.map((hook) => hook.authorizationKey), ['Clé\tlatin-1 ok']);
  });

  it('refuses a call without a valid token (401) and a method OTO does not have (405), gateway-shaped', async () => {
    const anonymous = await call(`${context.sandbox.baseUrl}/webhook`);
    assert.equal(anonymous.status, 401);
    const patch = await send('PATCH', {});
    assert.equal(patch.status, 405);
    assert.deepEqual(patch.json, { message: 'webhook expects GET or POST or PUT or DELETE', code: 405 });
    error(await send('POST', [1]), 400, 'OTO1075');
  });

  it('never keeps a secretKey or authorizationKey whole in the traffic store', async () => {
    await send('POST', { method: 'post', url: 'http://127.0.0.1:9/a', secretKey: 'my-very-secret-key-9876', authorizationKey: 'erp-auth-key-5432' });
    await send('GET');
    const text = JSON.stringify(context.sandbox.traffic.list());
    assert.ok(!text.includes('my-very-secret-key-9876') && !text.includes('erp-auth-key-5432'), text);
    assert.ok(text.includes('…9876') && text.includes('…5432'));
  });

  it('keeps registrations made through the running sandbox to the same rules', () => {
    context.sandbox.webhooks.register({ url: 'http://127.0.0.1:9/a' });
    assert.throws(() => context.sandbox.webhooks.register({ url: 'http://127.0.0.1:9/a' }), /OTO1122/);
    assert.equal(context.sandbox.webhooks.remove(1), true);
    assert.equal(context.sandbox.webhooks.remove(1), false);
  });
});
