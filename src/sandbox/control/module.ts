// `require('./oto-sandbox.js').startSandbox({...})`: the one-file CLI is also a module, so a Node
// test suite starts the sandbox in its `before` hook and gets the control room's operations as
// functions (the same core as `/__oto/…`), then `close()`s it in `after`.
import { loadScenarioFile } from '../scenario/scenario';
import { startSandbox } from '../index';
import type { SandboxOptions, SandboxScenario } from '../types';
import { checkScenario, type AccountControl, type SandboxControl } from './operations';

export interface ModuleSandboxOptions extends Omit<SandboxOptions, 'scenario' | 'state'> {
  /** A scenario (the `.oto/sandbox.json` format), or the path of a scenario file; checked first. */
  scenario?: SandboxScenario | string;
}

/** A running sandbox, as the module gives it: the default account's operations, the accounts, close. */
export interface ModuleSandbox extends Omit<SandboxControl, 'refreshToken'> {
  /** e.g. `http://127.0.0.1:41234/rest/v2`: the base URL the ERP under test is given. */
  readonly baseUrl: string;
  /** e.g. `http://127.0.0.1:41234/__oto`: the control API, for callers in other processes. */
  readonly controlUrl: string;
  /** The default account's refresh token. */
  readonly refreshToken: string;
  close(): Promise<void>;
}

export async function startControlledSandbox(options: ModuleSandboxOptions = {}): Promise<ModuleSandbox> {
  const scenario = typeof options.scenario === 'string' ? loadScenarioFile(options.scenario) : options.scenario === undefined ? undefined : checkScenario(options.scenario);
  // A test asserts on the journal (`requests`, `count`); the unit tests' request log is not kept.
  const sandbox = await startSandbox({ ...options, scenario });
  const control = sandbox.control;
  const own: AccountControl = control;
  return {
    baseUrl: sandbox.baseUrl,
    controlUrl: sandbox.baseUrl.replace(/\/rest\/v2$/, '/__oto'),
    get refreshToken() {
      return own.refreshToken;
    },
    id: own.id,
    reset: own.reset,
    state: own.state,
    setStock: own.setStock,
    requests: own.requests,
    count: own.count,
    clearRequests: own.clearRequests,
    findings: own.findings,
    faults: own.faults,
    advanceClock: own.advanceClock,
    webhooks: own.webhooks,
    now: own.now,
    account: control.account,
    createAccount: control.createAccount,
    removeAccount: control.removeAccount,
    accounts: control.accounts,
    health: control.health,
    close: () => sandbox.close(),
  };
}
