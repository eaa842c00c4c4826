// A server for the traffic benchmark, in its own process so the load generator does not share its
// thread: `bare` (node:http answering a fixed JSON body, the limit on this machine), `busy` (bare
// plus the microseconds of work after it), `off` (the sandbox library without capture), `on` (with
// capture and lint, as the extension's in-process sandbox runs) or `webhooks` (`on` with an orderStatus webhook registered to the URL after it, and
// events fired at the rate after that). The sandbox is the shipped bundle (dist/sandbox.js). Prints
// one line once it listens, `listening <base URL> <refresh token>`. The CLI as shipped is run by the
// bench itself.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const FIXED_BODY = JSON.stringify({ success: true, stock: { 'AJW-DATES-500': [{ minInventory: 10, sku: 'AJW-DATES-500', quantityOnHand: 120 }] } });

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind === 'bare' || kind === 'busy') {
    // `busy`: bare plus a fixed spell of work per request, to show what a ratio to bare means on
    // this machine in microseconds of a server's own work (see BUSY_MICROSECONDS in the bench).
    const busyMs = kind === 'busy' ? Number(process.argv[3]) / 1000 : 0;
    const server = http.createServer((_request, response) => {
      if (busyMs > 0) {
        const until = performance.now() + busyMs;
        while (performance.now() < until) {
          // The work: nothing but time on the CPU.
        }
      }
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(FIXED_BODY);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    console.log(`listening http://127.0.0.1:${port}/rest/v2 -`);
    return;
  }
  const { startSandbox } = require(path.join(__dirname, '..', '..', '..', 'dist', 'sandbox.js')) as typeof import('../../src/sandbox');
  const receiver = process.argv[3];
  const sandbox = await startSandbox({
    port: 0,
    ...(kind === 'on' || kind === 'webhooks' ? {} : { traffic: false }),
    ...(kind === 'webhooks' && receiver ? { webhooks: { register: [{ url: receiver, secretKey: 'bench-secret' }] } } : {}),
  });
  // `webhooks` with a rate after the URL fires that many orderStatus events a second from inside
  // the sandbox's process, as packing would, so only the deliveries' cost is measured.
  const rate = Number(process.argv[4] ?? 0);
  if (kind === 'webhooks' && rate > 0) {
    const orderId = sandbox.exportState().orders[0].orderId;
    setInterval(() => sandbox.webhooks.trigger({ type: 'orderStatus', orderId, fields: { status: 'shipmentCreated' } }), 1000 / rate).unref();
  }
  console.log(`listening ${sandbox.baseUrl} ${sandbox.refreshToken}`);
}

void main();
