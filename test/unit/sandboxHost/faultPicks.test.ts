// What "Inject Sandbox Fault…" makes of the answers, and how an active fault reads; then the
// fault itself, injected into a real sandbox, doing what its words say.
import * as assert from 'node:assert';
import { startSandbox } from '../../../src/sandbox';
import { DELIVERY_FAULT_KINDS } from '../../../src/sandbox';
import { deliveryFaultKinds, deliveryFaultOf, describeFault, faultKinds, faultOf, type FaultChoices } from '../../../src/sandboxHost/faultPicks';
import { call, signIn } from '../fakes/sandboxHttp';

const choices = (over: Partial<FaultChoices>): FaultChoices => ({ endpoint: '*', kind: 'serverError500', limit: { by: 'requests', count: 2 }, clients: 'all', ...over });

describe('sandbox fault picks', () => {
  it('offers every kind the issue names, each once', () => {
    assert.deepStrictEqual(
      faultKinds().map((item) => item.type),
      ['rateLimit', 'serverError500', 'serverError503', 'hang', 'drop', 'lostAnswer', 'expiredToken', 'latency'],
    );
    assert.deepStrictEqual(faultKinds().filter((item) => item.amount).map((item) => item.type), ['rateLimit', 'latency']);
  });

  it('offers every delivery fault the sandbox has, the delay with its milliseconds, and turns the answers into one', async () => {
    assert.deepStrictEqual(deliveryFaultKinds().map((item) => item.type), [...DELIVERY_FAULT_KINDS]);
    assert.deepStrictEqual(deliveryFaultKinds().filter((item) => item.amount).map((item) => item.type), ['delay']);
    assert.deepStrictEqual(deliveryFaultOf({ kind: 'delay', amount: 750, webhookType: 'orderStatus', times: 2 }), { kind: 'delay', times: 2, webhookType: 'orderStatus', delayMs: 750 });
    assert.deepStrictEqual(deliveryFaultOf({ kind: 'wrongSignature', times: 1 }), { kind: 'wrongSignature', times: 1 });
    // The sandbox takes what the picks make.
    const sandbox = await startSandbox();
    try {
      const [id] = sandbox.webhooks.faults.add([deliveryFaultOf({ kind: 'staleTimestamp', webhookType: 'walletTransaction', times: 3 })]);
      assert.deepStrictEqual(sandbox.webhooks.faults.list(), [{ id, fault: { kind: 'staleTimestamp', times: 3, webhookType: 'walletTransaction' }, left: 3 }]);
    } finally {
      await sandbox.close();
    }
  });

  it('turns the answers into the sandbox’s faults', () => {
    assert.deepStrictEqual(faultOf(choices({ kind: 'rateLimit', amount: 7, endpoint: 'checkInventoryStock', clients: 'others' })), {
      endpoint: 'checkInventoryStock', times: 2, clients: 'others', status: 429, headers: { 'Retry-After': '7' },
    });
    assert.deepStrictEqual(faultOf(choices({ kind: 'latency', amount: 1500, limit: { by: 'seconds', count: 30 } })), { endpoint: '*', seconds: 30, latencyMs: 1500 });
    assert.deepStrictEqual(faultOf(choices({ kind: 'lostAnswer' })), { endpoint: '*', times: 2, afterEffect: true });
    assert.deepStrictEqual(faultOf(choices({ kind: 'drop' })), { endpoint: '*', times: 2, reset: true });
    assert.deepStrictEqual(faultOf(choices({ kind: 'hang' })), { endpoint: '*', times: 2, hang: true });
    assert.deepStrictEqual(faultOf(choices({ kind: 'expiredToken' })).status, 401);
    assert.deepStrictEqual(faultOf(choices({ kind: 'serverError503' })).status, 503);
  });

  it('describes an active fault: effect, where, how long, for whom', () => {
    const now = 1_000_000;
    assert.strictEqual(
      describeFault({ id: 1, fault: faultOf(choices({ kind: 'rateLimit', amount: 7, clients: 'others' })), left: 2 }, now),
      '429 Retry-After 7 s · all endpoints · 2 requests left · other clients only',
    );
    assert.strictEqual(
      describeFault({ id: 2, fault: { endpoint: 'updateStockQuantity', afterEffect: true }, left: 1, expiresAt: now + 9_200 }, now),
      'applied, then the answer lost · updateStockQuantity · 1 request left · 10 s left · every client',
    );
    assert.strictEqual(describeFault({ id: 3, fault: { endpoint: '*', latencyMs: 250 } }, now), '+250 ms latency · all endpoints · until cleared · every client');
  });

  it('injects what it describes into a real sandbox', async () => {
    const sandbox = await startSandbox();
    try {
      const api = await signIn(sandbox);
      sandbox.faults.add([faultOf(choices({ kind: 'rateLimit', amount: 7, limit: { by: 'requests', count: 1 }, clients: 'others' }))]);
      const headers = { Authorization: `Bearer ${api.token}` };
      const own = await call(`${sandbox.baseUrl}/accountInfo`, { headers: { ...headers, 'User-Agent': 'oto-stock-vscode/0.1.0' } });
      const erp = await call(`${sandbox.baseUrl}/accountInfo`, { headers });
      assert.deepStrictEqual([own.status, erp.status, erp.headers.get('retry-after')], [200, 429, '7']);
      assert.deepStrictEqual(sandbox.faults.list(), []);
    } finally {
      await sandbox.close();
    }
  });
});
