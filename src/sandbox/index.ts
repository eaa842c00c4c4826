// The local OTO sandbox: a real HTTP server on 127.0.0.1 that speaks OTO REST v2 with seeded,
// stateful demo data. The extension starts it in-process for its `sandbox` environment.
import type { AddressInfo } from 'node:net';
import { captureExchange } from '../traffic/capture';
import { TrafficStore } from '../traffic/store';
import { randomToken, Tokens } from './http/auth';
import { DEFAULT_DIALECT, DIALECTS, isDialect } from './endpoints/dialect';
import { FaultQueue } from './http/faults';
import { Emitter } from '../common/emitter';
import { createScenarioState, createState } from './state/seed';
import { exportState, importState } from './state/snapshot';
import { resolveLimits, stopServer } from '../common/serverLimits';
import { RequestLog } from './http/requestLog';
import { routes } from './http/routes';
import { API_PREFIX, createServer } from './http/server';
import type { RunningSandbox, SandboxOptions } from './types';
import { createWebhooks, mergeWebhookSettings, receiverRules, type WebhookHub } from './webhooks';

export * from './types';
export { DIALECTS } from './endpoints/dialect';
export { SNAPSHOT_FORMAT, SnapshotError, type SandboxSnapshot } from './state/snapshot';
export { loadScenarioFile, parseScenario, ScenarioError, type ScenarioProblem } from './scenario/scenario';
export { scenarioFromState } from './scenario/scenarioSave';
export { randomToken } from './http/auth';
export * from './webhooks/types';
export { WebhookError, MAX_WEBHOOKS, STALE_BY_MS, SLOW_RECEIVER_MS, RECEIVER_BODY_LIMIT } from './webhooks';
export { isSimulatedWrite, simulateWrite, type SimulatedWrite, type SimulationInput, type SimulationResult } from './simulation';

const DEFAULT_TOKEN_TTL_SECONDS = 3600;
const NO_REQUESTS: RunningSandbox['requests'] = Object.freeze([]);

function checkOptions(options: SandboxOptions): void {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  for (const [name, value] of [['latencyMs', options.latencyMs], ['accessTokenTtlSeconds', options.accessTokenTtlSeconds]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`${name} must be a non-negative number, got ${value}`);
    }
  }
  if (options.dialect !== undefined && !isDialect(options.dialect)) {
    throw new RangeError(`dialect must be ${DIALECTS.map((name) => `"${name}"`).join(' or ')}, got ${JSON.stringify(options.dialect)}`);
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  checkOptions(options);
  const scenario = options.scenario;
  const state =
    options.state !== undefined
      ? importState(options.state)
      : scenario
        ? createScenarioState({ ...scenario, seed: options.seed ?? scenario.seed })
        : createState({ seed: options.seed, products: options.products, extra: options.extra });
  const tokens = new Tokens(
    options.refreshToken ?? scenario?.refreshToken ?? randomToken('rt'),
    options.accessTokenTtlSeconds ?? scenario?.accessTokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    options.clock,
  );
  const faults = new FaultQueue(options.clock);
  faults.add([...(options.faults ?? []), ...(options.state === undefined ? (scenario?.faults ?? []) : [])]);
  const limits = resolveLimits(options.limits);
  // Two records of the same requests, each with a job the other cannot do. `requests` (this log)
  // is what tests and scripts assert on: the exact bodies, tokens included, listed as each request
  // arrives (one still hanging or delayed by a fault is in it), and kept with capture off.
  // `traffic` is what people read: finished exchanges with their answers and the lint's findings,
  // tokens shortened, so `requests` cannot be derived from it. Each is bounded (10,000 entries or
  // about 8 MB here, 1,000 exchanges or 32 MB there); where nobody reads `requests` (the
  // extension's in-process sandbox, the CLI), `requestLog: false` leaves the traffic store alone.
  const log = options.requestLog === false ? undefined : new RequestLog();
  const closing = new AbortController();
  const stateChanges = new Emitter<void>();
  const trafficOptions = options.traffic || {};
  const traffic = new TrafficStore({ ...trafficOptions, rules: [...(trafficOptions.rules ?? []), ...receiverRules(() => webhooks)] });
  const onExchange = options.traffic === false ? undefined : (raw: Parameters<typeof captureExchange>[0]) => traffic.record(captureExchange(raw));
  const webhooks: WebhookHub = createWebhooks(state, mergeWebhookSettings(scenario?.webhooks, options.webhooks), options.traffic === false ? undefined : traffic, closing.signal, () => stateChanges.fire());
  const server = createServer({
    state, tokens, faults, latencyMs: options.latencyMs ?? scenario?.latencyMs ?? 0, dialect: options.dialect ?? scenario?.dialect ?? DEFAULT_DIALECT, log, limits, closing: closing.signal, onExchange,
    stateChanged: () => stateChanges.fire(),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const port = options.port ?? 0;
      // The code stays, so a caller can fall back to another port.
      reject(error.code === 'EADDRINUSE' ? Object.assign(new Error(`OTO sandbox: port ${port} on 127.0.0.1 is already in use`), { code: error.code }) : error);
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;

  return {
    baseUrl: `http://127.0.0.1:${port}${API_PREFIX.replace(/\/$/, '')}`,
    refreshToken: tokens.refreshToken,
    addFaults: (more) => void faults.add(more),
    endpoints: Object.keys(routes(tokens, DEFAULT_DIALECT)),
    faults: {
      add: (more) => faults.add(more),
      list: () => faults.list(),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      onDidChange: faults.onDidChange,
    },
    get requests() {
      return log?.entries ?? NO_REQUESTS;
    },
    exportState: () => exportState(state),
    onDidChangeState: stateChanges.event,
    traffic,
    webhooks,
    close() {
      if (!closed) {
        closing.abort();
        faults.dispose();
        stateChanges.dispose();
        closed = stopServer(server);
      }
      return closed;
    },
  };
}
