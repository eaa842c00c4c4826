// `npm run bench:peers` (optional, not part of `npm run bench`): the sandbox as shipped beside
// WireMock (the `wiremock` devDependency's standalone jar, `--no-request-journal`, stubs answering
// the same endpoints with fixed bodies, warmed 20 s), on the traffic bench's workloads, alternating
// rounds, autocannon in its own process. Skipped with a note when Java is missing. Loopback only.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LABELS, load, median, ROUND_SECONDS, ROUNDS, rssMb, startServer, stopServer, type Server } from './traffic.bench';
import type { LoadFigures, WorkloadName } from './support/loadDriver';

const WARM_MS = 20_000;
const JAR = path.join(__dirname, '..', '..', 'node_modules', 'wiremock', 'build', 'wiremock-standalone-3.13.2.jar');
const STOCK = JSON.stringify({ success: true, stock: { 'AJW-DATES-500': [{ minInventory: 10, sku: 'AJW-DATES-500', quantityOnHand: 120 }] } });
const ADJUSTED = JSON.stringify({ success: true, transactionID: 1 });

function javaMissing(): string | undefined {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    return 'no java on PATH';
  }
  return fs.existsSync(JAR) ? undefined : `no ${path.basename(JAR)} (npm ci installs it)`;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startWireMock(): Promise<Server> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-wiremock-'));
  process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'mappings'));
  const stub = (method: string, urlPath: string, body: string): unknown => ({
    request: { method, urlPath }, response: { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body },
  });
  fs.writeFileSync(path.join(root, 'mappings', 'oto.json'), JSON.stringify({ mappings: [stub('GET', '/rest/v2/checkGlobalStock', STOCK), stub('POST', '/rest/v2/updateStockQuantity', ADJUSTED)] }));
  const port = await freePort();
  const started = performance.now();
  const child = spawn('java', ['-jar', JAR, '--port', String(port), '--bind-address', '127.0.0.1', '--no-request-journal', '--disable-banner', '--root-dir', root], { stdio: ['ignore', 'ignore', 'inherit'] });
  const baseUrl = `http://127.0.0.1:${port}/rest/v2`;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/checkGlobalStock`)).ok) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null) {
      throw new Error(`WireMock exited (${child.exitCode}) before answering`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { kind: 'wiremock', child, baseUrl, token: '-', coldMs: performance.now() - started };
}

async function compare(workload: WorkloadName, servers: Server[]): Promise<Map<Server, LoadFigures>> {
  const rounds = new Map<Server, LoadFigures[]>(servers.map((server) => [server, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
      rounds.get(server)?.push(await load(server, workload));
    }
  }
  const result = new Map<Server, LoadFigures>();
  console.log(`${workload === 'read' ? 'checkGlobalStock' : '9 reads : 1 adjust'}: ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s, medians`);
  for (const server of servers) {
    const figures = rounds.get(server) ?? [];
    const rps = median(figures.map((f) => f.rps));
    result.set(server, { rps, answered: figures.reduce((sum, f) => sum + f.answered, 0), p99: median(figures.map((f) => f.p99)), failures: figures.reduce((sum, f) => sum + f.failures, 0) });
    console.log(`  ${LABELS[server.kind].padEnd(26)} ${rps.toFixed(0).padStart(6)} requests/s${result.get(server)?.failures ? '  with FAILURES' : ''}`);
  }
  return result;
}

async function main(): Promise<void> {
  const missing = javaMissing();
  if (missing) {
    console.log(`bench:peers skipped: ${missing}; WireMock needs Java 11 or later.`);
    return;
  }
  const servers: Server[] = [];
  try {
    servers.push(await startServer('cli'), await startWireMock());
    const [sandbox, wiremock] = servers;
    console.log(`cold start: sandbox CLI ${sandbox.coldMs.toFixed(0)} ms (to listening), WireMock ${wiremock.coldMs.toFixed(0)} ms (to its first answer)`);
    const warmed = performance.now();
    while (performance.now() - warmed < WARM_MS) {
      await load(wiremock, 'mixed');
    }
    await load(sandbox, 'mixed');
    for (const workload of ['read', 'mixed'] as const) {
      const figures = await compare(workload, servers);
      const ratio = (figures.get(sandbox)?.rps ?? 0) / (figures.get(wiremock)?.rps ?? 1);
      console.log(`  sandbox / WireMock: ${ratio.toFixed(2)}× (goal ≥ 1.00: ${ratio >= 1 ? 'met' : 'MISSED'})`);
    }
    console.log(`RSS: sandbox CLI ${rssMb(sandbox.child.pid)?.toFixed(0) ?? 'n/a'} MB, WireMock ${rssMb(wiremock.child.pid)?.toFixed(0) ?? 'n/a'} MB`);
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
