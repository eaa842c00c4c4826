// A server for the traffic benchmark, in its own process so the load generator does not share its
// thread: `bare` (node:http answering a fixed JSON body, the limit on this machine), `off` (the
// sandbox without capture), `on` (the sandbox with capture and lint, as the extension runs it) or
// `webhooks` (`on` with a webhook registered to the URL after it, and events fired at the rate after that).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../src/sandbox';

const FIXED_BODY = JSON.stringify({ success: true, stock: { 'AJW-DATES-500': [{ minInventory: 10, sku: 'AJW-DATES-500', quantityOnHand: 120 }] } });

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind === 'bare') {
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(FIXED_BODY);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    process.send?.({ baseUrl: `http://127.0.0.1:${port}/rest/v2`, refreshToken: '' });
    return;
  }
  // `on` as the extension's in-process sandbox runs: capture and lint, no request log beside them;
  // `webhooks` the same with an orderStatus webhook to the receiver URL given after it.
  const receiver = process.argv[3];
  const sandbox = await startSandbox(
    kind === 'on' || kind === 'webhooks'
      ? { traffic: {}, requestLog: false, ...(kind === 'webhooks' && receiver ? { webhooks: { register: [{ url: receiver, secretKey: 'bench-secret' }] } } : {}) }
      : { traffic: false },
  );
  // `webhooks` with a rate after the URL fires that many orderStatus events a second from inside
  // the sandbox's process, as packing would, so only the deliveries' cost is measured.
  const rate = Number(process.argv[4] ?? 0);
  if (kind === 'webhooks' && rate > 0) {
    const orderId = sandbox.exportState().orders[0].orderId;
    setInterval(() => sandbox.webhooks.trigger({ type: 'orderStatus', orderId, fields: { status: 'shipmentCreated' } }), 1000 / rate).unref();
  }
  process.send?.({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken });
}

void main();
