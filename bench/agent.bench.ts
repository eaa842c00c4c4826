// The agent tools' read of 1,000 SKUs (`oto_stock`) against the sandbox: requests against the URL
// floor (as few as 2,048-character URLs allow) and the time per call. The tools load lazily, so
// the activation and dist/extension.js figures of the activation bench are theirs too.
import { performance } from 'node:perf_hooks';
import { callTool } from '../src/agent/core';
import { OtoClient } from '../src/client';
import { startSandbox } from '../src/sandbox';

const SKUS = 1000;
const RUNS = 15;
const WARM_UP = 3;

export async function run(): Promise<void> {
  const sandbox = await startSandbox({ products: SKUS + 40 });
  let requests = 0;
  const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, onRequest: (event) => void (event.endpoint === 'checkInventoryStock' && requests++) });
  try {
    const skus = Array.from({ length: SKUS }, (_, index) => `GEN-${String(index + 41).padStart(6, '0')}`);
    const ctx = { getClient: () => Promise.resolve(client), environment: () => 'sandbox', secrets: () => [sandbox.refreshToken] };
    const floor = Math.ceil(skus.join(',').length / (2048 - `${sandbox.baseUrl}/checkInventoryStock?sku=`.length));
    const times: number[] = [];
    let perCall = 0;
    for (let round = 0; round < WARM_UP + RUNS; round++) {
      const before = requests;
      const started = performance.now();
      const answer = await callTool(ctx, 'oto_stock', { skus, limit: 10 }, 'off');
      const elapsed = performance.now() - started;
      if (answer.isError) {
        throw new Error(answer.text);
      }
      perCall = requests - before;
      if (round >= WARM_UP) {
        times.push(elapsed);
      }
    }
    times.sort((a, b) => a - b);
    console.log(`oto_stock over ${SKUS} SKUs: ${perCall} requests (URL floor ${floor}), median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, min ${times[0].toFixed(1)} ms (${RUNS} calls)`);
    if (perCall > floor + 1) {
      console.error(`OVER BUDGET: ${perCall} requests where ${floor} URLs would do`);
      process.exitCode = 1;
    }
  } finally {
    await sandbox.close();
  }
}
