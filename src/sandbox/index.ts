// The local OTO sandbox: a real HTTP server on 127.0.0.1 that speaks OTO REST v2 with seeded,
// stateful demo data. The extension starts it in-process for its `sandbox` environment.
import type { AddressInfo } from 'node:net';
import { lintOptionsOf } from '../traffic/lintConfig';
import { DEFAULT_MAX_BYTES } from '../traffic/store';
import { DIALECTS, isDialect } from './endpoints/dialect';
import { exportState } from './state/snapshot';
import { resolveLimits, stopServer, trackActivity } from '../common/serverLimits';
import { API_PREFIX, createServer } from './http/server';
import { ADDED_ACCOUNT_JOURNAL_BYTES, Accounts, type AccountDefaults } from './control/accounts';
import { sandboxControl } from './control/operations';
import { controlRoom, isLoopbackHost } from './control/room';
import type { RunningSandbox, SandboxOptions } from './types';
import SCENARIO_SCHEMA from './scenario/scenario.schema.json';

export * from './types';
export { DIALECTS, isDialect } from './endpoints/dialect';
export { SNAPSHOT_FORMAT, SnapshotError, type SandboxSnapshot } from './state/snapshot';
export { loadScenarioFile, parseScenario, ScenarioError, type ScenarioProblem } from './scenario/scenario';
export { scenarioFromState } from './scenario/scenarioSave';
export { randomToken } from './http/auth';
export * from './webhooks/types';
export { WebhookError, MAX_WEBHOOKS, STALE_BY_MS, SLOW_RECEIVER_MS, RECEIVER_BODY_LIMIT } from './webhooks';
export { isLoopbackHost } from './control/room';
export { SANDBOX_VERSION } from './control/version';
export { isSimulatedWrite, simulateWrite, type SimulatedWrite, type SimulationInput, type SimulationResult } from './simulation';
export { ControlError, type ControlProblem } from './control/problems';
export type { AccountControl, Health, SandboxControl } from './control/operations';
export type { FindingsReport, JournalFilter, JournalMatcher } from './control/journal';
export type { StockSetting } from './control/stock';
export { startControlledSandbox, type ModuleSandbox, type ModuleSandboxOptions } from './control/module';

const DEFAULT_HOST = '127.0.0.1';

function checkOptions(options: SandboxOptions): void {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  // The scenario file's bounds, so a flag cannot ask for what the file may not: a latency past
  // Node's timer range would be no latency at all, tokens that live 0 s are born expired, and a
  // billion products is an out-of-memory crash rather than a message.
  const { properties } = SCENARIO_SCHEMA;
  for (const [name, value, min, max, integer] of [
    ['latencyMs', options.latencyMs, properties.latencyMs.minimum, properties.latencyMs.maximum, false],
    ['accessTokenTtlSeconds', options.accessTokenTtlSeconds, properties.accessTokenTtlSeconds.minimum, properties.accessTokenTtlSeconds.maximum, false],
    ['seed', options.seed, properties.seed.minimum, properties.seed.maximum, true],
    ['products', options.products, 0, properties.products.maxItems, true],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value)))) {
      throw new RangeError(`${name} must be a ${integer ? 'whole number' : 'number'} from ${min} to ${max}, got ${value}`);
    }
  }
  for (const [name, value] of Object.entries(options.idsFrom ?? {})) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new RangeError(`idsFrom.${name} must be a non-negative integer, got ${String(value)}`);
    }
  }
  if (options.dialect !== undefined && !isDialect(options.dialect)) {
    throw new RangeError(`dialect must be ${DIALECTS.map((name) => `"${name}"`).join(' or ')}, got ${JSON.stringify(options.dialect)}`);
  }
  if (options.controlToken !== undefined && !/^[\x21-\x7e]{16,512}$/.test(options.controlToken)) {
    throw new RangeError('controlToken must be 16 to 512 printable ASCII characters without spaces');
  }
  const host = options.host ?? DEFAULT_HOST;
  if (!isLoopbackHost(host) && options.controlToken === undefined) {
    throw new RangeError(`listening on ${host} (not loopback) needs a control token (--control-token): anyone who can reach it could reset the sandbox or read its journal`);
  }
}

/** The host part of the base URL: an address that listens everywhere is reached on loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') {
    return DEFAULT_HOST;
  }
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  checkOptions(options);
  const scenario = options.scenario;
  const clock = options.clock ?? Date.now;
  const limits = resolveLimits(options.limits);
  const demo = { seed: options.seed, products: options.products, extra: options.extra };
  // Options win over the scenario's settings; with a saved state, the scenario still gives those.
  const defaults: AccountDefaults = {
    refreshToken: options.refreshToken ?? scenario?.refreshToken,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? scenario?.accessTokenTtlSeconds,
    latencyMs: options.latencyMs ?? scenario?.latencyMs,
    dialect: options.dialect ?? scenario?.dialect,
    faults: options.faults,
    seed: options.seed,
    idsFrom: options.idsFrom,
    webhooks: options.webhooks,
  };
  // The scenario's `lint` section, unless the caller set lint options itself (the CLI's --rule adds to it).
  const traffic = { lint: lintOptionsOf(scenario?.lint), ...(options.traffic || {}) };
  const accounts = new Accounts(
    {
      origin: options.state !== undefined ? { kind: 'state', snapshot: options.state } : scenario ? { kind: 'scenario', scenario } : { kind: 'demo', seed: demo },
      defaults,
      baseClock: clock,
      traffic: options.traffic === false ? false : traffic,
    },
    {
      // An added account starts as the sandbox did: from its scenario, or the demo data.
      ...(scenario ? { scenario } : {}),
      demo,
      defaults,
      baseClock: clock,
      traffic: options.traffic === false ? false : { ...traffic, maxBytes: Math.min(traffic.maxBytes ?? DEFAULT_MAX_BYTES, ADDED_ACCOUNT_JOURNAL_BYTES) },
    },
  );
  const closing = new AbortController();
  const control = sandboxControl(accounts);
  const server = createServer({
    accounts, limits, closing: closing.signal, capture: options.traffic !== false, clock,
    control: controlRoom({ control, token: options.controlToken, maxBodyBytes: limits.maxBodyBytes }),
  });
  const host = options.host ?? DEFAULT_HOST;
  const own = accounts.default;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const port = options.port ?? 0;
      // The code stays, so a caller can fall back to another port.
      reject(error.code === 'EADDRINUSE' ? Object.assign(new Error(`OTO sandbox: port ${port} on ${host} is already in use`), { code: error.code }) : error);
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const activity = trackActivity(server);
  let closed: Promise<void> | undefined;

  return {
    baseUrl: `http://${urlHost(host)}:${port}${API_PREFIX.replace(/\/$/, '')}`,
    get refreshToken() {
      return own.tokens.refreshToken;
    },
    addFaults: (more) => void own.faults.add(more),
    endpoints: Object.keys(own.routes),
    faults: {
      add: (more) => own.faults.add(more),
      list: () => own.faults.list(),
      remove: (id) => own.faults.remove(id),
      clear: () => own.faults.clear(),
      onDidChange: own.faults.onDidChange,
    },
    exportState: () => exportState(own.state),
    onDidChangeState: own.onDidChangeState,
    traffic: own.traffic,
    control,
    activity,
    onDidRecordExchange: accounts.onDidRecord,
    webhooks: own.webhooks,
    close() {
      if (!closed) {
        closing.abort();
        accounts.dispose();
        closed = stopServer(server);
      }
      return closed;
    },
  };
}
