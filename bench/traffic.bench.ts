// The sandbox's throughput, memory and start-up beside bare node:http answering a fixed JSON body
// (the limit on this machine). Every server runs in a process of its own, and so does the load
// generator (autocannon, 50 keep-alive connections): a client in the bench's own thread saturates
// first and hides the gap. A round lasts a fixed time (ROUND_SECONDS: a round of a fixed 10,000
// requests lasted a second or two and its figure moved with its first and last few milliseconds);
// rounds alternate the servers' order, so load from elsewhere on the machine (other people share
// it) hits each alike; figures are medians of the rounds, and ratios compare servers round by
// round (pairedRatio), with the range of the rounds beside the median. Loopback only.
//
// Servers: `bare`; `busy` bare with BUSY_MICROSECONDS of work a request; `cli` the sandbox as
// shipped (`dist/oto-sandbox.js`: capture, lint and its line per exchange on stdout); `on` the
// library with capture and lint (the extension's in-process sandbox); `off` the library with
// capture off.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Amount, LoadFigures, LoadJob, WorkloadName } from './support/loadDriver';

export type Kind = 'bare' | 'busy' | 'cli' | 'on' | 'off' | 'webhooks';

/**
 * The work `busy` adds to bare per request. A ratio to bare is not a count of microseconds: every
 * microseconds a server adds also makes the kernel's side of each answer dearer on a machine whose
 * other core runs the load generator. `busy` beside the sandbox shows, in the same run, what the
 * goal of 0.50× allows a server to do per request here.
 */
export const BUSY_MICROSECONDS = 20;

export const CONNECTIONS = 50;
/** Each server's first run, not counted: the JIT's warm-up. */
const WARM_UP: Amount = { seconds: 2 };
export const ROUND_SECONDS = 4;
/** Odd, so the median is one round's figure. */
export const ROUNDS = 5;
const RSS_REQUESTS = 100_000;
const CLOCK_TICKS_PER_SECOND = 100;
const COLD_STARTS = 3;
const ROOT = path.join(__dirname, '..', '..');
const REFRESH_TOKEN = 'bench-refresh-token';

export const LABELS: Record<Kind | 'wiremock', string> = {
  wiremock: 'WireMock 3.13, no journal',
  bare: 'bare node:http',
  busy: `bare + ${BUSY_MICROSECONDS} µs work`,
  cli: 'sandbox CLI as shipped',
  on: 'sandbox, capture+lint',
  off: 'sandbox, capture off',
  webhooks: 'sandbox, capture+lint, webhooks firing',
};

export interface Server {
  kind: Kind | 'wiremock';
  child: ChildProcess;
  baseUrl: string;
  token: string;
  /** From spawning the process to the server listening. */
  coldMs: number;
}

/**
 * Spawns the server and waits for its line saying where it listens; its output is read and dropped
 * from then on. `args` go to the server after its kind (the webhook bench's receiver and rate; the
 * CLI's flags).
 */
export async function startServer(kind: Kind, args: readonly string[] = []): Promise<Server> {
  const started = performance.now();
  const child = kind === 'cli'
    ? spawn(process.execPath, [path.join(ROOT, 'dist', 'oto-sandbox.js'), '--port', '0', '--refresh-token', REFRESH_TOKEN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, [path.join(__dirname, 'support', 'trafficServer.js'), kind, ...(kind === 'busy' ? [String(BUSY_MICROSECONDS)] : []), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stdout = child.stdout as NodeJS.ReadableStream;
  const { baseUrl, refreshToken } = await new Promise<{ baseUrl: string; refreshToken: string }>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      const found = kind === 'cli'
        ? /base URL:\s+(\S+)[\s\S]*refresh token:\s+(\S+)/.exec(text)
        : /listening (\S+) (\S+)/.exec(text);
      if (found) {
        stdout.removeListener('data', onData);
        resolve({ baseUrl: found[1], refreshToken: found[2] });
      }
    };
    stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before listening`)));
  });
  const coldMs = performance.now() - started;
  // Drained as a terminal would be: the CLI's line per exchange is part of what it costs.
  stdout.resume();
  let token = '';
  if (refreshToken !== '-') {
    const answer = await fetch(`${baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: refreshToken }) });
    token = ((await answer.json()) as { access_token: string }).access_token;
  }
  return { kind, child, baseUrl, token, coldMs };
}

export function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      resolve();
      return;
    }
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

/** One autocannon run against `server`, in a process of its own. */
export function load(server: Server, workload: WorkloadName, amount: Amount = { seconds: ROUND_SECONDS }): Promise<LoadFigures> {
  const job: LoadJob = { baseUrl: server.baseUrl, token: server.token, workload, amount, connections: CONNECTIONS };
  const driver = fork(path.join(__dirname, 'support', 'loadDriver.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    driver.once('message', (figures: LoadFigures) => resolve(figures));
    driver.once('exit', (code) => code !== 0 && reject(new Error(`the load driver exited with ${code}`)));
    driver.send(job);
  });
}

/**
 * CPU time (user + system) a process has used so far, in ms, from Linux's /proc; NaN elsewhere. A
 * server's CPU per request moves far less with others' load on the machine than its requests/s.
 */
export function cpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process, from Linux's /proc; undefined elsewhere. */
export function rssMb(pid: number | undefined): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function verdict(value: number, goal: number, atLeast = true): string {
  return (atLeast ? value >= goal : value <= goal) ? 'met' : 'MISSED';
}

/** Orders a bulk round imports: what an account keeps of 8 KB orders is bounded (src/sandbox/endpoints/capacity.ts), so each round starts from a reset. */
const BULK_ORDERS = 3_000;

/** Puts a sandbox's default account back to its start through the control API (outside the measured rounds). */
async function resetState(server: Server): Promise<void> {
  const answer = await fetch(`${server.baseUrl.replace(/\/rest\/v2$/, '')}/__oto/reset`, { method: 'POST' });
  if (answer.status !== 200) {
    throw new Error(`${server.kind}: POST /__oto/reset answered ${answer.status}`);
  }
}

interface Rounds {
  /** Each round's amount (default ROUND_SECONDS). */
  amount?: Amount;
  /** Run before each round (and the warm-up), not measured. */
  before?: (server: Server) => Promise<void>;
}

/** Alternating rounds of `workload` against each kind; medians per kind. */
/** A server's figures over the rounds: medians, and each round's requests/s in round order. */
interface Compared extends LoadFigures {
  readonly perRound: readonly number[];
}

/**
 * `a` against `b` round by round (each round's two figures were measured within seconds of each
 * other), as the median of those ratios and their range. The machine is shared and its speed
 * drifts between rounds by more than the gaps measured: a ratio of two medians can pair a fast
 * round of one server with a slow round of the other, a ratio within a round cannot.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): { median: number; low: number; high: number } {
  const ratios = a.map((value, round) => value / b[round]);
  return { median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

function ratioText(ratio: { median: number; low: number; high: number }): string {
  return `${ratio.median.toFixed(2)}× (rounds ${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)})`;
}

/** `a`/`b` as a goal reads it: the paired median, its rounds' range, and whether it meets `goal`. */
function goalText(a: Compared, b: Compared, goal: number): string {
  const ratio = pairedRatio(a.perRound, b.perRound);
  return `${ratioText(ratio)} ${verdict(ratio.median, goal)}`;
}

async function compare(title: string, workload: WorkloadName, kinds: readonly Kind[], options: Rounds = {}): Promise<Record<string, Compared>> {
  const amount = options.amount ?? { seconds: ROUND_SECONDS };
  const servers: Server[] = [];
  try {
    for (const kind of kinds) {
      servers.push(await startServer(kind));
    }
    const rounds = new Map<Server, LoadFigures[]>(servers.map((server) => [server, []]));
    const cpuPerRequest = new Map<Server, number[]>(servers.map((server) => [server, []]));
    for (const server of servers) {
      await options.before?.(server);
      await load(server, workload, options.amount ?? WARM_UP);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
        await options.before?.(server);
        const cpuBefore = cpuMs(server.child.pid);
        const figures = await load(server, workload, amount);
        rounds.get(server)?.push(figures);
        cpuPerRequest.get(server)?.push(((cpuMs(server.child.pid) - cpuBefore) * 1000) / Math.max(1, figures.answered));
      }
    }
    const each = 'seconds' in amount ? `${amount.seconds} s` : `${amount.requests.toLocaleString('en')} requests`;
    console.log(`${title}: ${ROUNDS} alternating rounds of ${each}, ${CONNECTIONS} keep-alive connections, medians (load average ${os.loadavg()[0].toFixed(2)})`);
    const result: Record<string, Compared> = {};
    for (const server of servers) {
      const figures = rounds.get(server) ?? [];
      result[server.kind] = {
        rps: median(figures.map((f) => f.rps)),
        answered: figures.reduce((sum, f) => sum + f.answered, 0),
        p99: median(figures.map((f) => f.p99)),
        failures: figures.reduce((sum, f) => sum + f.failures, 0),
        perRound: figures.map((f) => f.rps),
      };
      const { rps, p99, failures, perRound } = result[server.kind];
      const cpu = median(cpuPerRequest.get(server) ?? []);
      const versusBare = result.bare && server.kind !== 'bare' ? `  ${ratioText(pairedRatio(perRound, result.bare.perRound))} bare` : result.bare ? '  1.00× bare' : '';
      console.log(`  ${LABELS[server.kind].padEnd(24)} ${rps.toFixed(0).padStart(6)} requests/s  p99 ${p99.toFixed(1)} ms  CPU ${Number.isNaN(cpu) ? 'n/a' : `${cpu.toFixed(0)} µs`}/request${versusBare}${failures ? `  ${failures} FAILED` : ''}`);
    }
    return result;
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

async function coldStarts(kinds: readonly Kind[]): Promise<void> {
  const times = new Map<Kind, number[]>(kinds.map((kind) => [kind, []]));
  for (let round = 0; round < COLD_STARTS; round++) {
    for (const kind of kinds) {
      const server = await startServer(kind);
      times.get(kind)?.push(server.coldMs);
      await stopServer(server);
    }
  }
  console.log(`cold start (spawn to listening), median of ${COLD_STARTS}:`);
  for (const kind of kinds) {
    console.log(`  ${LABELS[kind].padEnd(24)} ${median(times.get(kind) ?? []).toFixed(0).padStart(6)} ms`);
  }
}

async function memoryAfterLoad(kinds: readonly Kind[]): Promise<void> {
  console.log(`RSS after ${RSS_REQUESTS.toLocaleString('en')} reads (${CONNECTIONS} connections), a fresh server each:`);
  for (const kind of kinds) {
    const server = await startServer(kind);
    try {
      const { failures } = await load(server, 'read', { requests: RSS_REQUESTS });
      const rss = rssMb(server.child.pid);
      const goal = kind === 'cli' ? `  (goal < 80 MB: ${rss === undefined ? '?' : verdict(rss, 80, false)})` : '';
      console.log(`  ${LABELS[kind].padEnd(24)} ${rss === undefined ? '   n/a' : rss.toFixed(0).padStart(6)} MB${goal}${failures ? `  ${failures} FAILED` : ''}`);
    } finally {
      await stopServer(server);
    }
  }
}

export async function run(): Promise<void> {
  const all: Kind[] = ['bare', 'cli', 'on', 'off'];
  const read = await compare('checkGlobalStock, authorised', 'read', [...all, 'busy']);
  console.log(`  goals (each round's ratio, median and range): shipped ≥ 0.50× bare: ${goalText(read.cli, read.bare, 0.5)}; capture+lint+line cost ≤ 15 % (shipped / capture off ≥ 0.85): ` +
    `${goalText(read.cli, read.off, 0.85)} (library with capture: ${ratioText(pairedRatio(read.on.perRound, read.off.perRound))})`);
  console.log(`  for scale: bare with ${BUSY_MICROSECONDS} µs of work added to each request reaches ${ratioText(pairedRatio(read.busy.perRound, read.bare.perRound))} bare`);
  const mixed = await compare('9 reads : 1 adjust', 'mixed', all);
  console.log(`  goals: shipped ≥ 0.50× bare: ${goalText(mixed.cli, mixed.bare, 0.5)}; shipped / capture off ≥ 0.85: ` +
    `${goalText(mixed.cli, mixed.off, 0.85)} (library with capture: ${ratioText(pairedRatio(mixed.on.perRound, mixed.off.perRound))})`);
  const bulk = await compare('bulk import, 3,000 different 8 KB inventory orders from a reset', 'bulk', ['cli', 'on', 'off'], { amount: { requests: BULK_ORDERS }, before: resetState });
  console.log(`  goal: shipped ≥ 0.50× capture off: ${goalText(bulk.cli, bulk.off, 0.5)} (library with capture: ${ratioText(pairedRatio(bulk.on.perRound, bulk.off.perRound))})`);
  await memoryAfterLoad(['bare', 'cli', 'off']);
  await coldStarts(all);
}
