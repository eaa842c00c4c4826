// The client's bounded connection pool, over real sockets to the sandbox: a burst of calls opens at
// most `maxConnections` of them and queues the rest in order; a queued call can still be cancelled
// (then it provably never reached the server), and a queued call's timeout starts when it is sent.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { OtoClient, type OtoClientOptions } from '../../../../src/client';
import { failure, useSandbox } from '../../fakes/clientSandbox';
import { until } from '../../until';
import { faultTaken } from '../../fakes/journal';

/** A TCP relay in front of the sandbox that counts the client's sockets ('connection' events). */
interface Relay {
  baseUrl: string;
  opened: number;
  open: number;
  peak: number;
  close(): Promise<void>;
}

async function relayTo(baseUrl: string): Promise<Relay> {
  const target = new URL(baseUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer();
  const relay = { baseUrl: '', opened: 0, open: 0, peak: 0 } as Relay;
  server.on('connection', (socket) => {
    relay.opened++;
    relay.open++;
    relay.peak = Math.max(relay.peak, relay.open);
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(socket).add(upstream);
    socket.pipe(upstream).pipe(socket);
    const end = (): void => {
      socket.destroy();
      upstream.destroy();
    };
    socket.once('close', () => {
      relay.open--;
      end();
    });
    upstream.once('close', end);
    socket.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  relay.baseUrl = `http://127.0.0.1:${port}${target.pathname}`;
  relay.close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) {
      socket.destroy();
    }
  });
  return relay;
}

describe('OtoClient connection pool', () => {
  const t = useSandbox();
  let relay: Relay;
  beforeEach(async () => {
    relay = await relayTo(t.sandbox.baseUrl);
  });
  afterEach(async () => {
    await relay.close();
  });

  const clientOf = (options: Partial<OtoClientOptions> = {}): OtoClient => t.newClient({ baseUrl: relay.baseUrl, ...options });

  async function target(client: OtoClient): Promise<{ sku: string; code: string; before: number }> {
    const code = (await client.getPickupLocations()).find((location) => location.kind === 'warehouse')?.code;
    assert.ok(code, 'the sandbox has a warehouse');
    const [{ sku }] = await client.listProducts();
    return { sku, code, before: await onHand(client, sku, code) };
  }

  async function onHand(client: OtoClient, sku: string, code: string): Promise<number> {
    return (await client.checkInventoryStock([sku]))[sku]?.find((entry) => entry.pickupLocationCode === code)?.quantityOnHand ?? 0;
  }

  async function burst(clients: OtoClient[], calls: number): Promise<void> {
    const { sku, code, before } = await target(clients[0]);
    const sentBefore = t.sent('updateStockQuantity').length;
    const results = await Promise.allSettled(Array.from({ length: calls }, (_, index) =>
      clients[index % clients.length].updateStockQuantity({ actionType: 'adjust', locationCode: code, sku, qty: 1 })));
    const failed = results.filter((result) => result.status === 'rejected');
    assert.equal(failed.length, 0, `${failed.length} calls failed, the first: ${String((failed[0] as PromiseRejectedResult | undefined)?.reason)}`);
    assert.equal(t.sent('updateStockQuantity').length - sentBefore, calls, 'each adjust reached the sandbox once');
    assert.equal(await onHand(clients[0], sku, code), before + calls, 'each adjust applied once');
  }

  it('1,000 concurrent adjusts through one client all apply once, over at most 8 connections', async () => {
    await burst([clientOf()], 1_000);
    assert.ok(relay.peak <= 8, `${relay.peak} connections open at once`);
    assert.ok(relay.opened <= 16, `${relay.opened} connections opened for 1,000 calls`);
  });

  it('1,000 concurrent adjusts through ten clients all apply once, and the clients share the bound', async () => {
    await burst(Array.from({ length: 10 }, () => clientOf()), 1_000);
    assert.ok(relay.peak <= 8, `${relay.peak} connections open at once`);
  });

  it('keeps to a bound of its own, and sends queued calls in the order they were made', async () => {
    const client = clientOf({ maxConnections: 1 });
    const { sku, code } = await target(client);
    const quantities = Array.from({ length: 20 }, (_, index) => index + 1);
    await Promise.all(quantities.map((qty) => client.updateStockQuantity({ actionType: 'set', locationCode: code, sku, qty })));
    assert.deepEqual(t.sent('updateStockQuantity').map((request) => (request.body as { qty: number }).qty), quantities);
    assert.equal(await onHand(client, sku, code), 20);
    assert.equal(relay.peak, 1);
  });

  it('a queued write cancelled before it has a connection is unsent and never reaches the server', async () => {
    const client = clientOf({ maxConnections: 1, timeoutMs: 5_000 });
    const { sku, code, before } = await target(client);
    t.sandbox.addFaults([{ endpoint: 'healthCheck', latencyMs: 400, times: 1 }]);
    const holding = client.healthCheck();
    const controller = new AbortController();
    const queued = client.updateStockQuantity({ actionType: 'adjust', locationCode: code, sku, qty: 5 }, { signal: controller.signal });
    queued.catch(() => undefined);
    // The write is queued by the time the call ahead of it is at the sandbox.
    await until('the call ahead at the sandbox', () => faultTaken(t.sandbox, 'healthCheck'));
    controller.abort();
    const error = await failure(queued);
    assert.deepEqual([error.kind, error.unsent], ['aborted', true]);
    await holding;
    // The connection the cancelled call would have had serves the next call.
    await client.updateStockQuantity({ actionType: 'adjust', locationCode: code, sku, qty: 1 });
    assert.deepEqual(t.sent('updateStockQuantity').map((request) => (request.body as { qty: number }).qty), [1]);
    assert.equal(await onHand(client, sku, code), before + 1);
  });

  it('a queued read cancelled before it has a connection sends nothing', async () => {
    const client = clientOf({ maxConnections: 1 });
    await client.getAccountInfo();
    t.sandbox.addFaults([{ endpoint: 'healthCheck', latencyMs: 300, times: 1 }]);
    const holding = client.healthCheck();
    const controller = new AbortController();
    const queued = client.checkGlobalStock(['A-1'], { signal: controller.signal });
    queued.catch(() => undefined);
    await until('the call ahead at the sandbox', () => faultTaken(t.sandbox, 'healthCheck'));
    controller.abort();
    assert.deepEqual((await failure(queued)).unsent, true);
    await holding;
    assert.equal(t.sent('checkGlobalStock').length, 0);
  });

  it("a queued write's timeout counts from when it is sent, not while it waits", async () => {
    // Two slow reads hold the one connection for about 1.2 s, longer than the 1 s timeout; each is
    // within its own timeout, and so is the write once it is sent.
    const client = clientOf({ maxConnections: 1, timeoutMs: 1_000, retry: { maxAttempts: 1 } });
    const { sku, code, before } = await target(client);
    t.sandbox.addFaults([{ endpoint: 'healthCheck', latencyMs: 600, times: 2 }]);
    const reads = [client.healthCheck(), client.healthCheck()];
    const started = Date.now();
    await client.updateStockQuantity({ actionType: 'adjust', locationCode: code, sku, qty: 3 });
    assert.ok(Date.now() - started > 1_000, `the write waited ${Date.now() - started} ms for its turn`);
    await Promise.all(reads);
    assert.equal(await onHand(client, sku, code), before + 3);
  });

  it('refuses a bound that is not a whole number from 1 to 64', () => {
    for (const maxConnections of [0, -1, 1.5, 65, Number.NaN]) {
      assert.throws(() => clientOf({ maxConnections }), (error: Error & { field?: string }) => error.field === 'maxConnections', String(maxConnections));
    }
  });
});
