// The sandbox's webhooks: deliveries per second to a local receiver (events triggered through the
// control room, each signed, delivered and kept as an outbound exchange), and what firing them
// costs the /rest/v2/ traffic beside them. The sandbox runs in a child process, the receiver and
// the load here; loopback only, a fixed number of events and requests.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startServer, type Server } from './traffic.bench';

const EVENTS = 1_000;
/** At most this many events waiting for delivery: the sandbox queues 1,000 and drops past that. */
const OUTSTANDING = 200;
const TRIGGER_CONCURRENCY = 16;
const READS = 5_000;
const READ_CONCURRENCY = 50;
/** Events a second fired while the reads are measured. */
const BACKGROUND_RATE = 100;
const ROUNDS = 3;

/** The sandbox with capture and lint, and with an orderStatus webhook to `receiver` firing `eventsPerSecond`. */
function startSandbox(kind: 'on' | 'webhooks', receiver: string, eventsPerSecond = 0): Promise<Server> {
  return startServer(kind, [receiver, String(eventsPerSecond)]);
}

async function startReceiver(): Promise<{ url: string; received: () => number; close: () => void }> {
  let count = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      count++;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oto`, received: () => count, close: () => server.close() };
}

async function orderIdOf(server: Server): Promise<string> {
  const answer = await fetch(`${server.baseUrl}/getPackingOrders`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: '{"warehouseCode":"RUH-WH1"}' });
  return ((await answer.json()) as { orders: Array<{ orderId: string }> }).orders[0].orderId;
}

function trigger(server: Server, orderId: string, agent: http.Agent): Promise<void> {
  const control = new URL(server.baseUrl.replace(/\/rest\/v2$/, '/__oto/webhooks/trigger'));
  const body = JSON.stringify({ type: 'orderStatus', orderId, fields: { status: 'shipmentCreated' } });
  return new Promise((resolve, reject) => {
    const request = http.request({ host: control.hostname, port: control.port, path: control.pathname, method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) {
      throw new Error('webhooks bench: the deliveries did not arrive in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function deliveriesPerSecond(): Promise<number> {
  const receiver = await startReceiver();
  const server = await startSandbox('webhooks', receiver.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: TRIGGER_CONCURRENCY });
  try {
    const orderId = await orderIdOf(server);
    await trigger(server, orderId, agent);
    await until(() => receiver.received() >= 1);
    const start = receiver.received();
    const started = performance.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: TRIGGER_CONCURRENCY }, async () => {
        while (sent < EVENTS) {
          sent++;
          await until(() => sent - (receiver.received() - start) <= OUTSTANDING);
          await trigger(server, orderId, agent);
        }
      }),
    );
    await until(() => receiver.received() - start >= EVENTS);
    return EVENTS / ((performance.now() - started) / 1000);
  } finally {
    agent.destroy();
    server.child.kill();
    receiver.close();
  }
}

async function reads(server: Server, requests: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: READ_CONCURRENCY });
  const base = new URL(`${server.baseUrl}/checkGlobalStock?sku=AJW-DATES-500`);
  let next = 0;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const request = http.request({ host: base.hostname, port: base.port, path: `${base.pathname}${base.search}`, agent, headers: { Authorization: `Bearer ${server.token}` } }, (response) => {
        response.resume();
        response.on('end', () => resolve());
      });
      request.on('error', reject);
      request.end();
    });
  const started = performance.now();
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, async () => {
    while (next++ < requests) {
      await one();
    }
  }));
  agent.destroy();
  return requests / ((performance.now() - started) / 1000);
}

/**
 * Reads per second on a sandbox without webhooks, and on one whose own process fires
 * BACKGROUND_RATE events a second (as packing would) to a receiver here.
 */
async function readsBeside(): Promise<{ quiet: number; firing: number; delivered: number }> {
  const receiver = await startReceiver();
  const quiet = await startSandbox('on', receiver.url);
  const firing = await startSandbox('webhooks', receiver.url, BACKGROUND_RATE);
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  try {
    await reads(quiet, 2_000);
    await reads(firing, 2_000);
    const figures = { quiet: [] as number[], firing: [] as number[] };
    const before = receiver.received();
    const started = performance.now();
    // Rounds alternate the order, so load from elsewhere on the machine hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? (['quiet', 'firing'] as const) : (['firing', 'quiet'] as const)) {
        figures[kind].push(await reads(kind === 'quiet' ? quiet : firing, READS));
      }
    }
    const delivered = (receiver.received() - before) / ((performance.now() - started) / 1000);
    return { quiet: median(figures.quiet), firing: median(figures.firing), delivered };
  } finally {
    quiet.child.kill();
    firing.child.kill();
    receiver.close();
  }
}

export async function run(): Promise<void> {
  const rate = await deliveriesPerSecond();
  console.log(`webhooks: ${EVENTS.toLocaleString('en')} orderStatus events triggered ${TRIGGER_CONCURRENCY} at a time, signed and delivered to a local receiver: ${rate.toFixed(0)} deliveries/s`);
  const beside = await readsBeside();
  console.log(
    `webhooks: checkGlobalStock at ${READ_CONCURRENCY} clients, ${ROUNDS} rounds of ${READS.toLocaleString('en')}, medians: ${beside.quiet.toFixed(0)} requests/s without webhooks, ` +
      `${beside.firing.toFixed(0)} while the sandbox fires ${BACKGROUND_RATE} events/s (${beside.delivered.toFixed(0)} delivered a second): ${(beside.firing / beside.quiet).toFixed(2)}× (goal ≥ 0.90)`,
  );
}
