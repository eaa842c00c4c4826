// A control call the sandbox refuses answers the status that says why (400 bad input, 404 no such
// thing, 409 not now) and changes nothing: an ERP's test suite that arranges state through the
// control API must never be left with half an arrangement.
import * as assert from 'node:assert';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox';
import { signIn, type Answer } from '../../fakes/sandboxHttp';
import { control, okJson } from './support';

describe('sandbox control room: refused calls change nothing', () => {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  const state = (): string => JSON.stringify(sandbox.control.state());
  const refused = (answer: Answer): [number, string[]] => [answer.status, (answer.json as { problems: Array<{ field: string }> }).problems.map((problem) => problem.field)];
  const packedOrder = async (): Promise<string> => {
    const orderId = sandbox.control.state().packingOrders?.find((order) => order.packingStatus === undefined)?.orderId ?? '';
    okJson(await control(sandbox, 'POST', `/orders/${orderId}/status`, { status: 'packed' }));
    return orderId;
  };

  it('a body nested deeper than 64 levels: 400 saying so, for a scenario to reset to and any other call', async () => {
    const before = state();
    const deep = `{"seed": 1, "products": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    for (const [method, path] of [['POST', '/reset'], ['PUT', '/stock'], ['POST', '/requests/count']]) {
      const answer = await control(sandbox, method, path, deep);
      assert.deepStrictEqual(refused(answer), [400, ['']], `${method} ${path}`);
      assert.match(answer.text, /the body nests deeper than 64 levels/);
    }
    assert.strictEqual(state(), before);
  });

  it('a query that gives a name twice: 400 naming it, and the call is not made (a filter would be half what was asked)', async () => {
    const made = sandbox.control.createAccount();
    const before = state();
    assert.deepStrictEqual(refused(await control(sandbox, 'GET', '/requests?status=200&status=4xx&limit=1&limit=2')), [400, ['status', 'limit']]);
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', `/reset?account=default&account=${made.account}`)), [400, ['account']]);
    const stock = await control(sandbox, 'PUT', '/stock?account=default&%61ccount=default', [{ sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', quantityOnHand: 1 }]);
    assert.deepStrictEqual(refused(stock), [400, ['account']]);
    assert.match(stock.text, /is given more than once/);
    assert.strictEqual(state(), before);
    assert.strictEqual((await control(sandbox, 'GET', '/requests?status=200&limit=1')).status, 200);
  });

  it('an order status that does not fit the order now: 409 naming the status', async () => {
    const orderId = await packedOrder();
    const before = state();
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', `/orders/${orderId}/status`, { status: 'packed' })), [409, ['status']]);
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', `/orders/${orderId}/status`, { status: 'picked' })), [409, ['status']]);
    assert.strictEqual(state(), before);
  });

  it('a status that is none of OTO’s: 400 naming the status; an order that does not exist: 404 naming the order', async () => {
    const orderId = sandbox.control.state().packingOrders?.[0]?.orderId ?? '';
    const before = state();
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', `/orders/${orderId}/status`, { status: 'not a status' })), [400, ['status']]);
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', `/orders/${orderId}/status`, {})), [400, ['status']]);
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', '/orders/NO-SUCH/status', { status: 'packed' })), [404, ['orderId']]);
    assert.strictEqual(state(), before);
  });

  it('a new order with a problem: 400, and the packing queue is as it was', async () => {
    const before = state();
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', '/orders', { orderId: 'SO-9', warehouseCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', quantity: 0 }] }))[0], 400);
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', '/orders', [{ orderId: 'SO-9' }])), [400, ['']]);
    assert.strictEqual(state(), before);
  });

  it('stock rows with any bad row: 400, and not even the good rows are applied', async () => {
    const before = state();
    const answer = await control(sandbox, 'PUT', '/stock', [
      { sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', quantityOnHand: 3 },
      { sku: 'AJW-DATES-500', locationCode: 'JED-WH1' },
      'row',
      { sku: '', locationCode: 7, quantityOnHand: 1 },
    ]);
    assert.deepStrictEqual(refused(answer), [400, ['[1].quantityOnHand', '[2]', '[3].sku', '[3].locationCode']]);
    assert.match(JSON.stringify(answer.json), /must be a non-empty string/);
    assert.match(JSON.stringify(answer.json), /it is required/);
    assert.deepStrictEqual(refused(await control(sandbox, 'PUT', '/stock', [])), [400, ['']]);
    assert.strictEqual(state(), before);
  });

  it('a clock move, a fault or a delivery fault that is refused leaves the clock and the faults as they were', async () => {
    const faults = async (): Promise<unknown> => [okJson(await control(sandbox, 'GET', '/faults')), okJson(await control(sandbox, 'GET', '/webhooks/faults'))];
    const faultsBefore = await faults();
    assert.strictEqual(refused(await control(sandbox, 'POST', '/clock', { advanceSeconds: 0 }))[0], 400);
    assert.strictEqual(refused(await control(sandbox, 'POST', '/faults', [{ endpoint: 'updateStockQuantity', status: 503 }, { kind: 'explode' }]))[0], 400);
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', '/webhooks/faults', [{ kind: 'drop' }, { kind: 'explode' }])), [400, ['[1].kind']]);
    // Each delivery-fault problem under its own field (all were filed under "kind").
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', '/webhooks/faults', { kind: 'drop', times: 0, colour: 'red' })), [400, ['times', 'colour']]);
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', '/webhooks/faults', [{ kind: 'drop' }, 7])), [400, ['[1]']]);
    assert.deepStrictEqual(refused(await control(sandbox, 'DELETE', '/faults/1x')), [400, ['id']]);
    // Headers Node cannot send (every faulted answer became a 500), or that would misframe the
    // answer and the next one on the connection.
    const badHeaders = await control(sandbox, 'POST', '/faults', { endpoint: 'healthCheck', status: 503, headers: { 'Retry-After': '5', 'Content-Length': '5', 'transfer-encoding': 'chunked', 'Bad Header': 'x', 'X-A': 'a\r\nInjected: 1' } });
    assert.deepStrictEqual(refused(badHeaders), [400, ['headers.Content-Length', 'headers.transfer-encoding', 'headers.Bad Header', 'headers.X-A']]);
    assert.match(badHeaders.text, /is the sandbox's own .*use \\"reset\\"/);
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', '/faults', [{ endpoint: '*', headers: { Connection: 'close' } }])), [400, ['[0].headers.Connection']]);
    // A missing field is named as itself, as a wrong one is.
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', '/faults', {})), [400, ['endpoint']]);
    for (const [body, fields] of [[undefined, ['']], ['null', ['']], ['[{"endpoint": "*", "status": 503}, 7]', ['[1]']]] as const) {
      const answer = await control(sandbox, 'POST', '/faults', body);
      assert.deepStrictEqual(refused(answer), [400, fields], String(body));
      assert.match(answer.text, /must be a fault object, e\.g\. \{\\"endpoint\\": \\"updateStockQuantity\\"/);
    }
    assert.deepStrictEqual(refused(await control(sandbox, 'POST', '/faults', [{ status: 503 }, { endpoint: '*', status: 'x' }])), [400, ['[0].endpoint', '[1].status']]);
    assert.deepStrictEqual(await faults(), faultsBefore);
    assert.deepStrictEqual(okJson(await control(sandbox, 'POST', '/clock', { advanceSeconds: 60 })).offsetSeconds, 60, 'the refused move moved nothing');
  });

  it('faults past 100 active at once: 409, none of them added (each may hold a 1 MB body)', async () => {
    const fault = { endpoint: 'healthCheck', latencyMs: 1, body: 'x'.repeat(5_000), status: 503 };
    okJson(await control(sandbox, 'POST', '/faults', Array.from({ length: 99 }, () => fault)));
    const answer = await control(sandbox, 'POST', '/faults', [fault, fault]);
    assert.strictEqual(answer.status, 409);
    assert.match((answer.json as { message: string }).message, /at most 100 faults active at once \(99 now\)/);
    assert.strictEqual(okJson<{ faults: unknown[] }>(await control(sandbox, 'GET', '/faults')).faults.length, 99);
    okJson(await control(sandbox, 'POST', '/faults', fault));
    // Delivery faults likewise.
    okJson(await control(sandbox, 'POST', '/webhooks/faults', Array.from({ length: 100 }, () => ({ kind: 'drop' }))));
    const deliveries = await control(sandbox, 'POST', '/webhooks/faults', { kind: 'drop' });
    assert.strictEqual(deliveries.status, 409);
    assert.match((deliveries.json as { message: string }).message, /at most 100 delivery faults active at once \(100 now\)/);
  });

  it('a clock moved past 100 years ahead in all: 400, the clock where it was, dated calls still answered', async () => {
    const tenYears = 10 * 365 * 24 * 3600;
    for (let i = 0; i < 10; i++) {
      okJson(await control(sandbox, 'POST', '/clock', { advanceSeconds: i === 0 ? tenYears - 60 : tenYears }));
    }
    const before = sandbox.control.now();
    const answer = await control(sandbox, 'POST', '/clock', { advanceSeconds: 61 });
    assert.deepStrictEqual(refused(answer), [400, ['advanceSeconds']]);
    assert.match((answer.json as { message: string }).message, /at most 3153600000 seconds \(100 years\) ahead in all, 60 more now; POST \/__oto\/reset/);
    assert.ok(sandbox.control.now() - before < 5_000, 'the refused move moved nothing');
    assert.strictEqual(okJson(await control(sandbox, 'POST', '/clock', { advanceSeconds: 60 })).offsetSeconds, 10 * tenYears);
    const api = await signIn(sandbox);
    assert.strictEqual((await api.post('createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 1 }] })).status, 200);
  });
});
