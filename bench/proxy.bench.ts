// The latency the recording proxy adds on loopback (goal: p50 ≤ 1 ms), with capture, the
// contract lint and drift detection on: the same requests sent straight to the upstream and
// through the proxy, interleaved one by one so both see the same machine load.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startProxy } from '../src/proxy';
import { startSandbox } from '../src/sandbox';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(url, { agent, headers }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => resolve(performance.now() - started));
      })
      .on('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function compare(label: string, upstreamBase: string, path: string, headers: Record<string, string>, requests: number): Promise<void> {
  const proxy = await startProxy({ upstream: upstreamBase, environment: 'bench' });
  try {
    const direct: number[] = [];
    const proxied: number[] = [];
    for (let i = 0; i < 200; i++) {
      await get(`${upstreamBase}/${path}`, headers);
      await get(`${proxy.baseUrl}/${path}`, headers);
    }
    for (let i = 0; i < requests; i++) {
      direct.push(await get(`${upstreamBase}/${path}`, headers));
      proxied.push(await get(`${proxy.baseUrl}/${path}`, headers));
    }
    direct.sort((a, b) => a - b);
    proxied.sort((a, b) => a - b);
    const [d50, d99, p50, p99] = [percentile(direct, 0.5), percentile(direct, 0.99), percentile(proxied, 0.5), percentile(proxied, 0.99)];
    console.log(
      `${label}, ${requests} requests one at a time: direct p50 ${d50.toFixed(2)} ms, p99 ${d99.toFixed(2)} ms; ` +
        `through the proxy p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms; added p50 ${(p50 - d50).toFixed(2)} ms, p99 ${(p99 - d99).toFixed(2)} ms (goal: p50 ≤ 1 ms)`,
    );
  } finally {
    await proxy.close();
  }
}

export async function run(): Promise<void> {
  // A bare server answering a fixed JSON body: the upstream costs almost nothing, so what is left is the proxy.
  const body = JSON.stringify({ success: true, stock: { 'AJW-DATES-500': [{ pickupLocationCode: 'RUH-WH1', sku: 'AJW-DATES-500', quantityForecasted: 171, quantityOnHand: 176 }] } });
  const bare = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const sandbox = await startSandbox({ traffic: false });
  try {
    const bareBase = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/rest/v2`;
    await compare('bare upstream, checkInventoryStock', bareBase, 'checkInventoryStock?sku=AJW-DATES-500', { Authorization: 'Bearer bench-token-0123456789' }, 3000);
    const refreshed = await fetch(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: sandbox.refreshToken }) });
    const { access_token: token } = (await refreshed.json()) as { access_token: string };
    await compare('sandbox upstream, checkInventoryStock of 3 SKUs', sandbox.baseUrl, 'checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250,COF-KHW-500', { Authorization: `Bearer ${token}` }, 2000);
  } finally {
    agent.destroy();
    await sandbox.close();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
  }
}
