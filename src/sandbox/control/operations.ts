// The control room's operations, one core for every way in: the `/__oto/` HTTP calls, the
// functions of `require('oto-sandbox.js').startSandbox()`, and the editor's commands (Inject Sandbox
// Fault…, Reset Sandbox, Save State). Input is checked here, whoever sends it; a call that fails
// throws a ControlError naming every problem and changes nothing.
import type { TrafficExchange } from '../../traffic/exchange';
import { scenarioFromState } from '../scenario/scenarioSave';
import { parseScenario, ScenarioError } from '../scenario/scenario';
import { compileSchema, describeSchemaError, fieldName } from '../scenario/schema';
import SCENARIO_SCHEMA from '../scenario/scenario.schema.json';
import { exportState } from '../state/snapshot';
import type { ActiveFault, Fault, SandboxFaults, SandboxScenario } from '../types';
import type { Accounts, SandboxAccount } from './accounts';
import { checkFilter, checkMatcher, countRequests, findingsOf, selectRequests, type FindingsReport, type JournalFilter, type JournalMatcher } from './journal';
import type { SandboxWebhooks } from '../webhooks/types';
import { ControlError, isObject, Problems } from './problems';
import { faultHeaderProblems } from '../http/faults';
import { applyStockSettings, checkStockSettings, type StockSetting } from './stock';
import { SANDBOX_VERSION } from './version';

/** Ten years: a clock moved further is a mistake in the test. */
export const MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 3600;
/**
 * How far ahead of the sandbox's clock an account's may be moved in all. Without a bound, moves
 * of ten years each passed the last date JavaScript can hold and every dated answer became a 500.
 */
export const MAX_CLOCK_OFFSET_SECONDS = 10 * MAX_ADVANCE_SECONDS;

/** What a test can do to one account. */
export interface AccountControl {
  /** The account's id (`default` for the sandbox's own). */
  readonly id: string;
  /** The refresh token its requests sign in with. */
  readonly refreshToken: string;
  /** Back to its starting scenario (or to `scenario`, a scenario object or its JSON text, which replaces it). */
  reset(scenario?: SandboxScenario | string): void;
  /** Its data in the scenario format (what Save Sandbox State as Scenario writes). */
  state(): SandboxScenario;
  /** Arranges stock without traffic. */
  setStock(rows: readonly StockSetting[]): void;
  /** The journal, oldest first: each exchange as a `--log` JSONL line holds it. */
  requests(filter?: JournalFilter): TrafficExchange[];
  /** How many exchanges match, and their ids. */
  count(matcher?: JournalMatcher): { count: number; ids: number[] };
  /** Empties the journal (and so its findings). */
  clearRequests(): void;
  /** The lint's findings and their summary by rule, as the CLI prints at exit. */
  findings(): FindingsReport;
  /** Its faults: add (checked against the scenario's fault schema), list, remove, clear. */
  readonly faults: SandboxFaults;
  /** Moves its clock on: token expiry, fault windows and the lint's time windows follow. */
  advanceClock(seconds: number): { now: string; offsetSeconds: number };
  /** Its clock, in epoch milliseconds (the sandbox's, plus what `advanceClock` added). */
  now(): number;
  /** Its webhooks: registrations, order events, triggers, delivery faults. */
  readonly webhooks: SandboxWebhooks;
}

export interface Health {
  ok: true;
  version: string;
  accounts: number;
  /** Exchanges in the journals of every account. */
  exchanges: number;
}

/** The default account's operations, and the accounts. */
export interface SandboxControl extends AccountControl {
  /** One account's operations; a 404 ControlError for an unknown id. */
  account(id?: string): AccountControl;
  /** A new isolated account (the demo data, or `scenario`), with its own refresh token. */
  createAccount(scenario?: SandboxScenario | string): { account: string; refreshToken: string };
  removeAccount(id: string): void;
  accounts(): string[];
  health(): Health;
}

type FaultChecker = ReturnType<typeof compileSchema<Fault>>;
let faultSchema: FaultChecker | undefined;

/** Faults checked against the scenario file's fault schema: every problem named, by index. */
export function checkFaults(value: unknown): Fault[] {
  faultSchema ??= compileSchema<Fault>(SCENARIO_SCHEMA.definitions.fault);
  const list = Array.isArray(value) ? value : [value];
  const problems = new Problems();
  const example = 'e.g. {"endpoint": "updateStockQuantity", "status": 503, "times": 1}';
  if (list.length === 0) {
    problems.add('', `is empty: give a fault, ${example}`);
  }
  list.forEach((fault: unknown, index) => {
    if (!isObject(fault)) {
      // An empty body or a bare value: the schema's "must be object" would not say what was wanted.
      problems.add(Array.isArray(value) ? `[${index}]` : '', `must be a fault object, ${example}`);
    } else if (!faultSchema!(fault)) {
      for (const error of faultSchema!.errors ?? []) {
        const { path, message } = describeSchemaError(error);
        problems.add(fieldName(Array.isArray(value) ? [String(index), ...path] : path), message);
      }
    } else {
      for (const [name, message] of faultHeaderProblems(fault.headers)) {
        problems.add(fieldName(Array.isArray(value) ? [String(index), 'headers', name] : ['headers', name]), message);
      }
    }
  });
  problems.check();
  return list as Fault[];
}

/** A scenario object or its text, checked as a scenario file is: a 400 naming each problem's line and field. */
export function checkScenario(value: SandboxScenario | string, source = 'scenario'): SandboxScenario {
  try {
    return parseScenario(typeof value === 'string' ? value : JSON.stringify(value, null, 1), source);
  } catch (error) {
    if (error instanceof ScenarioError) {
      throw new ControlError(400, error.problems.map((problem) => ({ field: problem.field, message: `line ${problem.line}: ${problem.message}` })));
    }
    throw error;
  }
}

function checkAdvance(seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_ADVANCE_SECONDS) {
    throw new ControlError(400, [{ field: 'advanceSeconds', message: `must be a number of seconds above 0 and at most ${MAX_ADVANCE_SECONDS}` }]);
  }
  return seconds;
}

/** Faults active at once in an account, as many as a scenario file may arm: each may carry a 1 MB body. */
export const MAX_ACTIVE_FAULTS = SCENARIO_SCHEMA.properties.faults.maxItems;

function faultsOf(account: SandboxAccount): SandboxFaults {
  const queue = account.faults;
  return {
    add: (faults) => {
      const checked = checkFaults(faults);
      const active = queue.list().length;
      if (active + checked.length > MAX_ACTIVE_FAULTS) {
        throw new ControlError(409, [{ field: '', message: `at most ${MAX_ACTIVE_FAULTS} faults active at once (${active} now); DELETE /__oto/faults/{id} or DELETE /__oto/faults those no longer wanted` }]);
      }
      return queue.add(checked);
    },
    list: (): ActiveFault[] => queue.list(),
    remove: (id) => queue.remove(id),
    clear: () => queue.clear(),
    onDidChange: queue.onDidChange,
  };
}

function accountControl(accounts: Accounts, account: SandboxAccount): AccountControl {
  return {
    id: account.id,
    get refreshToken() {
      return account.tokens.refreshToken;
    },
    reset: (scenario) => {
      const checked = scenario === undefined ? undefined : checkScenario(scenario);
      accounts.checkRefreshToken(account, checked?.refreshToken);
      account.reset(checked);
    },
    state: () => {
      // Registrations are the merchant's data as much as its stock: a state restored without them
      // would deliver nothing where the saved run delivered. The scenario's settings (signing,
      // delivery faults) are kept as the scenario had them, as its request faults are.
      const base = account.scenario ?? {};
      const register = account.registrations();
      const webhooks = base.webhooks === undefined && register.length === 0 ? undefined : { ...base.webhooks, register };
      return scenarioFromState(exportState(account.state), { ...base, ...(webhooks === undefined ? {} : { webhooks }) });
    },
    setStock: (rows) => {
      applyStockSettings(account.state, checkStockSettings(rows, account.state));
      account.changed();
    },
    requests: (filter = {}) => selectRequests(account.traffic, checkFilter(filter)),
    count: (matcher = {}) => countRequests(account.traffic, checkMatcher(matcher)),
    clearRequests: () => account.traffic.clear(),
    findings: () => findingsOf(account.traffic),
    faults: faultsOf(account),
    advanceClock: (seconds) => {
      if (account.offsetMs / 1000 + checkAdvance(seconds) > MAX_CLOCK_OFFSET_SECONDS) {
        const left = Math.max(0, MAX_CLOCK_OFFSET_SECONDS - account.offsetMs / 1000);
        throw new ControlError(400, [{ field: 'advanceSeconds', message: `the clock may run at most ${MAX_CLOCK_OFFSET_SECONDS} seconds (100 years) ahead in all, ${left} more now; POST /__oto/reset puts it back in step` }]);
      }
      account.advanceClock(seconds);
      return { now: new Date(account.now()).toISOString(), offsetSeconds: account.offsetMs / 1000 };
    },
    now: account.now,
    webhooks: account.webhooks,
  };
}

export function sandboxControl(accounts: Accounts): SandboxControl {
  const handles = new WeakMap<SandboxAccount, AccountControl>();
  const handle = (account: SandboxAccount): AccountControl => {
    let control = handles.get(account);
    if (!control) {
      control = accountControl(accounts, account);
      handles.set(account, control);
    }
    return control;
  };
  const own = handle(accounts.default);
  return {
    ...own,
    // A getter does not survive the spread: the default account's token can change on a reset.
    get refreshToken() {
      return own.refreshToken;
    },
    account: (id) => handle(accounts.get(id)),
    createAccount: (scenario) => {
      const account = accounts.create(scenario === undefined ? undefined : checkScenario(scenario));
      return { account: account.id, refreshToken: account.tokens.refreshToken };
    },
    removeAccount: (id) => accounts.remove(id),
    accounts: () => accounts.ids(),
    health: () => ({
      ok: true,
      version: SANDBOX_VERSION,
      accounts: accounts.ids().length,
      exchanges: accounts.all().reduce((sum, account) => sum + account.traffic.size, 0),
    }),
  };
}
