// The webhooks through the control room (/__oto/…) and per account: each account registers,
// fires and resets its own webhooks.
import * as assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox';
import { call, signIn, type Answer } from '../../fakes/sandboxHttp';
import { startReceiver, verifies, type Receiver } from './receiver';

describe('sandbox webhooks: control room and accounts', () => {
  let sandbox: RunningSandbox;
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhooks: { register: [{ url: receiver.url, secretKey: 'control-secret-1' }] } });
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });
  const control = (method: string, path: string, body?: unknown): Promise<Answer> =>
    call(`${sandbox.baseUrl.replace(/\/rest\/v2$/, '/__oto')}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const firstOrder = (): string => sandbox.control.state().packingOrders?.find((order) => order.packingStatus === undefined)?.orderId ?? '';

  it('POST /__oto/orders/{orderId}/status fires orderStatus; a bad call names every problem and changes nothing', async () => {
    const orderId = firstOrder();
    const answer = await control('POST', `/orders/${orderId}/status`, { status: 'shipmentCreated' });
    assert.deepEqual(answer.json, { ok: true, orderId, status: 'shipmentCreated' });
    const deliveries = await receiver.received(2);
    assert.deepEqual(deliveries.map((delivery) => delivery.json.status), ['packed', 'shipmentCreated']);
    assert.ok(verifies(deliveries[1].json, 'control-secret-1', 'status'));
    const unknown = await control('POST', '/orders/no-such/status', { status: 'delivered' });
    assert.equal(unknown.status, 404);
    assert.equal((unknown.json as { problems: Array<{ field: string }> }).problems[0].field, 'orderId');
    const bad = await control('POST', `/orders/${orderId}/status`, { status: 'not a status', extra: 1 });
    assert.equal(bad.status, 400);
    assert.deepEqual((bad.json as { problems: Array<{ field: string }> }).problems.map((problem) => problem.field), ['extra']);
  });

  it('POST /__oto/orders/{orderId}/status to the status the order already has is a 409 and sends nothing: one event per change', async () => {
    const orderId = firstOrder();
    await control('POST', `/orders/${orderId}/status`, { status: 'shipmentCreated' });
    await receiver.received(2);
    const again = await control('POST', `/orders/${orderId}/status`, { status: 'shipmentCreated' });
    assert.equal(again.status, 409);
    assert.match((again.json as { problems: Array<{ message: string }> }).problems[0].message, /already shipmentCreated/);
    await sandbox.webhooks.idle();
    assert.deepEqual(receiver.deliveries.map((delivery) => delivery.json.status), ['packed', 'shipmentCreated']);
  });

  it('POST /__oto/orders adds a newOrders-shaped order and fires newOrders; every problem named at once', async () => {
    sandbox.webhooks.register({ url: `${receiver.url}/new`, webhookType: 'newOrders' });
    const answer = await control('POST', '/orders', { orderId: 'WMS-77', pickupLocationCode: 'DMM-WH1', items: [{ sku: 'AJW-DATES-500', qtyOrdered: 3 }] });
    assert.deepEqual(answer.json, { ok: true, orderId: 'WMS-77' });
    const [delivery] = await receiver.received(1);
    assert.equal(delivery.url, '/oto/webhook/new');
    assert.equal(((delivery.json.order as { items: Array<{ qtyOrdered: number }> }).items[0]).qtyOrdered, 3);
    const bad = await control('POST', '/orders', { orderId: 'WMS-77', warehouseCode: 'MED-BR1', items: [] });
    assert.equal(bad.status, 400);
    assert.deepEqual((bad.json as { problems: Array<{ field: string }> }).problems.map((problem) => problem.field), ['orderId', 'warehouseCode', 'items']);
  });

  it('POST /__oto/webhooks/trigger sends any type with fields overridden; delivery faults over HTTP', async () => {
    const orderId = firstOrder();
    assert.deepEqual((await control('POST', '/webhooks/faults', { kind: 'wrongSignature', times: 1 })).json, { id: 1 });
    assert.deepEqual((await control('GET', '/webhooks/faults')).json, { faults: [{ id: 1, fault: { kind: 'wrongSignature', times: 1 }, left: 1 }] });
    const answer = await control('POST', '/webhooks/trigger', { type: 'orderStatus', orderId, fields: { status: 'delivered', note: 'left at the door' } });
    assert.deepEqual(answer.json, { ok: true, deliveries: 1 });
    const [delivery] = await receiver.received(1);
    assert.equal(delivery.json.note, 'left at the door');
    assert.ok(!verifies(delivery.json, 'control-secret-1', 'status'));
    const bad = await control('POST', '/webhooks/faults', { kind: 'explode' });
    assert.equal(bad.status, 400);
    assert.equal((await control('POST', '/webhooks/trigger', { type: 'stock', orderId })).status, 400);
  });

  it('POST /__oto/webhooks/trigger: a missing or non-string orderId and a malformed webhookId are 400s naming the field, an unknown webhookId a 404; nothing is sent', async () => {
    const orderId = firstOrder();
    const problems = (answer: Answer): Array<{ field: string; message: string }> => (answer.json as { problems: Array<{ field: string; message: string }> }).problems;
    const missing = await control('POST', '/webhooks/trigger', { type: 'orderStatus' });
    assert.equal(missing.status, 400);
    assert.equal(problems(missing)[0].field, 'orderId');
    assert.match(problems(missing)[0].message, /orderId must be .* got nothing/);
    const number = await control('POST', '/webhooks/trigger', { type: 'orderStatus', orderId: Number(orderId) });
    assert.deepEqual([number.status, problems(number)[0].field], [400, 'orderId']);
    assert.match(problems(number)[0].message, /as a string/);
    const word = await control('POST', '/webhooks/trigger', { type: 'orderStatus', orderId, webhookId: 'first' });
    assert.deepEqual([word.status, problems(word)[0].field], [400, 'webhookId']);
    const unknown = await control('POST', '/webhooks/trigger', { type: 'orderStatus', orderId, webhookId: 99 });
    assert.deepEqual([unknown.status, problems(unknown)[0].field], [404, 'webhookId']);
    await sandbox.webhooks.idle();
    assert.equal(receiver.deliveries.length, 0);
    // The id as POST /rest/v2/webhook answers it, a string of digits, is taken.
    const [hook] = sandbox.webhooks.list();
    assert.deepEqual((await control('POST', '/webhooks/trigger', { type: 'orderStatus', orderId, webhookId: String(hook.id) })).json, { ok: true, deliveries: 1 });
    await receiver.received(1);
  });

  it('DELETE /__oto/webhooks/faults/{id} removes one delivery fault; an unknown id is a 404 naming it, a bad one a 400', async () => {
    assert.deepEqual((await control('POST', '/webhooks/faults', [{ kind: 'drop' }, { kind: 'delay', delayMs: 10 }])).json, { ids: [1, 2] });
    assert.deepEqual((await control('DELETE', '/webhooks/faults/1')).json, { ok: true });
    assert.deepEqual(sandbox.webhooks.faults.list().map((fault) => fault.id), [2]);
    const again = await control('DELETE', '/webhooks/faults/1');
    assert.equal(again.status, 404);
    assert.equal((again.json as { problems: Array<{ field: string }> }).problems[0].field, 'id');
    assert.equal((await control('DELETE', '/webhooks/faults/one')).status, 400);
    assert.deepEqual(sandbox.webhooks.faults.list().map((fault) => fault.id), [2]);
  });

  it('refuses a reset or a new account whose scenario registers webhooks OTO would refuse (a URL twice, or the sandbox\'s own), naming them, with nothing changed', async () => {
    const fields = (answer: Answer): string[] => (answer.json as { problems: Array<{ field: string }> }).problems.map((problem) => problem.field);
    await signIn(sandbox);
    const before = sandbox.control.health().exchanges;
    assert.ok(before > 0);
    const twice = { webhooks: { register: [{ url: `${receiver.url}/a` }, { url: `${receiver.url}/a` }] } };
    const reset = await control('POST', '/reset', twice);
    assert.equal(reset.status, 400);
    assert.deepEqual(fields(reset), ['webhooks.register[1].url']);
    const own = await control('POST', '/reset', { webhooks: { register: [{ url: receiver.url }] } });
    assert.equal(own.status, 400);
    assert.deepEqual(fields(own), ['webhooks.register']);
    assert.match((own.json as { message: string }).message, /OTO1122.*sandbox's own webhook/);
    const account = await control('POST', '/accounts', twice);
    assert.deepEqual([account.status, fields(account)], [400, ['webhooks.register[1].url']]);
    assert.deepEqual(sandbox.control.accounts(), ['default']);
    // Nothing changed: the journal, the webhooks, and a plain reset still works.
    assert.equal(sandbox.control.health().exchanges, before);
    assert.deepEqual(sandbox.webhooks.list().map((hook) => hook.url), [receiver.url]);
    assert.equal((await control('POST', '/reset')).status, 200);
    assert.equal((await control('POST', '/reset', { webhooks: { register: [{ url: `${receiver.url}/b` }] } })).status, 200);
    assert.deepEqual(sandbox.webhooks.list().map((hook) => hook.url), [`${receiver.url}/b`, receiver.url]);
  });

  it('keeps each account its own webhooks, and a reset goes back to those it started with', async () => {
    const created = (await control('POST', '/accounts')).json as { account: string; refreshToken: string };
    const other = sandbox.control.account(created.account);
    assert.deepEqual(other.webhooks.list().map((hook) => hook.url), [receiver.url], 'an added account starts as the sandbox did');
    const token = ((await call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: created.refreshToken }) })).json as { access_token: string }).access_token;
    const registered = await call(`${sandbox.baseUrl}/webhook`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ method: 'post', url: `${receiver.url}/other` }) });
    assert.equal(registered.status, 200);
    assert.equal(other.webhooks.list().length, 2);
    assert.equal(sandbox.webhooks.list().length, 1, 'the default account did not get it');
    const api = await signIn(sandbox);
    assert.equal(((await api.get('webhook')).json as { webhooks: unknown[] }).webhooks.length, 1);
    other.reset();
    assert.equal(other.webhooks.list().length, 1);
    // After the reset the new state still fires the account's webhooks.
    other.webhooks.setOrderStatus(other.state().packingOrders?.find((order) => order.packingStatus === undefined)?.orderId ?? '', 'packed');
    await receiver.received(1);
  });
});
