// The sandbox's accounts: each an OTO merchant of its own, with its own state (stock, orders,
// packing queues), tokens, faults, clock and journal, so parallel test workers never see each
// other. An OTO request acts on the account its access token (or, for refreshToken, its refresh
// token) belongs to; anything else is the default account's.
import { Emitter } from '../../common/emitter';
import type { RawExchange } from '../../traffic/capture';
import { TrafficStore, type TrafficStoreOptions } from '../../traffic/store';
import { bearerToken, randomToken, Tokens } from '../http/auth';
import { FaultQueue } from '../http/faults';
import { routes, type Route } from '../http/routes';
import { DEFAULT_DIALECT } from '../endpoints/dialect';
import type { SandboxState } from '../state/model';
import type { TrafficExchange } from '../../traffic/exchange';
import { createScenarioState, createState, type SeedOptions } from '../state/seed';
import { importState, type SandboxSnapshot } from '../state/snapshot';
import type { Dialect, Fault, SandboxScenario } from '../types';
import { ControlError } from './problems';
import { createWebhooks, mergeWebhookSettings, receiverRules, type WebhookHub, type WebhookSettings } from '../webhooks';
import { registrationProblems } from '../webhooks/registry';
import type { WebhookInput } from '../webhooks/types';
import { hideUrlCredentials } from '../../client/engine/urlCredentials';

/** A webhook URL as an answer names it: its password hidden (`hideUrlCredentials`). */
function shownUrl(url: string | undefined): string | undefined {
  return url === undefined ? undefined : hideUrlCredentials(url);
}

export const DEFAULT_ACCOUNT = 'default';
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
/** Accounts at once, the default one included: each keeps a journal of its own. */
export const MAX_ACCOUNTS = 64;
/** An added account's journal keeps at most this many bytes of bodies (the default one: its options'). */
export const ADDED_ACCOUNT_JOURNAL_BYTES = 8 * 1024 * 1024;

/** What an account's data is made from, and made again from on a reset. */
export type AccountOrigin =
  | { kind: 'demo'; seed: SeedOptions }
  | { kind: 'scenario'; scenario: SandboxScenario }
  | { kind: 'state'; snapshot: SandboxSnapshot };

/** The sandbox's options that win over a starting scenario's (flags of the CLI, `startSandbox` options). */
export interface AccountDefaults {
  refreshToken?: string;
  accessTokenTtlSeconds?: number;
  latencyMs?: number;
  dialect?: Dialect;
  /** Armed before the scenario's own faults. */
  faults?: readonly Fault[];
  seed?: number;
  /** Ids to continue from (a saved state's), so no transaction or OTO id is ever given twice. */
  idsFrom?: { transactionId?: number; otoId?: number };
  /** Webhooks registered, choices and delivery faults, on top of the scenario's. */
  webhooks?: WebhookSettings;
}

export interface AccountSetup {
  id: string;
  origin: AccountOrigin;
  /** Win over the origin's scenario (at start); a scenario posted later wins over them. */
  defaults: AccountDefaults;
  /** The sandbox's clock; the account's own runs ahead of it by what `advanceClock` added. */
  baseClock: () => number;
  /** Capture options of the journal, or false for none. */
  traffic: TrafficStoreOptions | false;
}

/**
 * Refuses a scenario whose webhooks OTO would refuse, together with the sandbox's own (`--webhook`):
 * a 400 naming each, before anything of the account changes (a reset half done left it unresettable).
 */
export function checkScenarioWebhooks(scenario: SandboxScenario | undefined, defaults: AccountDefaults): void {
  const own = scenario?.webhooks?.register ?? [];
  const problems = registrationProblems(mergeWebhookSettings(scenario?.webhooks, defaults.webhooks).register ?? []);
  if (problems.length > 0) {
    throw new ControlError(
      400,
      problems.map(({ index, field, message }) =>
        index < own.length
          ? { field: `webhooks.register[${index}]${field === '' ? '' : `.${field}`}`, message }
          : { field: 'webhooks.register', message: `${message} (with the sandbox's own webhook ${JSON.stringify(shownUrl(defaults.webhooks?.register?.[index - own.length]?.url))}, from --webhook or its options)` },
      ),
    );
  }
}

export class SandboxAccount {
  readonly id: string;
  state: SandboxState;
  readonly tokens: Tokens;
  readonly faults: FaultQueue;
  /** The journal: every finished exchange of this account, with the lint's findings. */
  readonly traffic: TrafficStore;
  latencyMs: number;
  dialect: Dialect;
  /** The endpoints as this account answers them (its tokens, its dialect). */
  routes: Record<string, Route>;
  /** How far `advanceClock` moved this account's clock ahead of the sandbox's, in milliseconds. */
  offsetMs = 0;
  private origin: AccountOrigin;
  private readonly capture: boolean;
  private readonly stateChanges = new Emitter<void>();
  readonly onDidChangeState = this.stateChanges.event;
  readonly now: () => number;
  /** OTO's webhooks of this account: its registrations, its events, its deliveries. */
  readonly webhooks: WebhookHub;
  private readonly webhooksClosing = new AbortController();

  constructor(private readonly setup: AccountSetup) {
    this.id = setup.id;
    this.origin = setup.origin;
    this.now = () => setup.baseClock() + this.offsetMs;
    const scenario = this.scenario;
    const { defaults } = setup;
    this.tokens = new Tokens(
      defaults.refreshToken ?? scenario?.refreshToken ?? randomToken('rt'),
      defaults.accessTokenTtlSeconds ?? scenario?.accessTokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      this.now,
    );
    this.latencyMs = defaults.latencyMs ?? scenario?.latencyMs ?? 0;
    this.dialect = defaults.dialect ?? scenario?.dialect ?? DEFAULT_DIALECT;
    this.routes = routes(this.tokens, this.dialect);
    this.faults = new FaultQueue(this.now);
    this.capture = setup.traffic !== false;
    const journal = setup.traffic || {};
    this.traffic = new TrafficStore({ ...journal, rules: [...(journal.rules ?? []), ...receiverRules(() => this.webhooks)] });
    this.state = this.freshState();
    this.faults.add(this.startingFaults());
    this.webhooks = createWebhooks({
      state: () => this.state,
      settings: () => mergeWebhookSettings(this.scenario?.webhooks, defaults.webhooks),
      traffic: this.capture ? this.traffic : undefined,
      closing: this.webhooksClosing.signal,
      changed: () => this.changed(),
      // Outbound exchanges are timed like inbound ones (the lint's windows compare them).
      wallClock: () => Date.now() + this.offsetMs,
    });
  }

  /** The scenario the account starts from, if it starts from one. */
  get scenario(): SandboxScenario | undefined {
    return this.origin.kind === 'scenario' ? this.origin.scenario : undefined;
  }

  /** Keeps a finished exchange in the journal (the lint judges it there). */
  record(raw: RawExchange): void {
    if (this.capture) {
      // Exchanges are timed by the account's clock, so the lint's windows follow `advanceClock`.
      this.traffic.capture(this.offsetMs === 0 ? raw : { ...raw, startedAt: raw.startedAt + this.offsetMs });
    }
  }

  /** An endpoint or a control call changed the state. */
  changed(): void {
    this.stateChanges.fire();
  }

  /**
   * Back to where the account started (or to `scenario`, which becomes where it starts from):
   * state made anew, journal and findings cleared, clock back in step, the faults of its start
   * armed again. Access tokens already issued stay valid (a test's client keeps its token).
   */
  reset(scenario?: SandboxScenario): void {
    if (scenario) {
      checkScenarioWebhooks(scenario, this.setup.defaults);
      this.origin = { kind: 'scenario', scenario };
      const { defaults } = this.setup;
      this.tokens.refreshToken = scenario.refreshToken ?? this.tokens.refreshToken;
      this.tokens.ttlSeconds = scenario.accessTokenTtlSeconds ?? defaults.accessTokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
      this.latencyMs = scenario.latencyMs ?? defaults.latencyMs ?? 0;
      const dialect = scenario.dialect ?? defaults.dialect ?? DEFAULT_DIALECT;
      if (dialect !== this.dialect) {
        this.dialect = dialect;
        this.routes = routes(this.tokens, dialect);
      }
    }
    this.offsetMs = 0;
    this.state = this.freshState(this.state);
    this.traffic.clear();
    this.faults.clear();
    this.faults.add(this.startingFaults());
    // Registrations and delivery faults are the account's too: back to those it started with.
    this.webhooks.restart();
    this.changed();
  }

  /**
   * The account's registrations as a scenario registers them, ids kept: those made through OTO's
   * API or the control room as well as the scenario's, but not the sandbox's own (`--webhook`,
   * the options), which it registers again wherever it starts.
   */
  registrations(): WebhookInput[] {
    const own = new Set((this.setup.defaults.webhooks?.register ?? []).map((input) => input.url.trim()));
    return this.webhooks.list()
      .filter((hook) => !own.has(hook.url))
      .map(({ id, method, url, webhookType, secretKey, authorizationKey, timestampFormat, orderPrefix }) => ({
        id,
        url,
        method,
        webhookType,
        ...(secretKey === undefined ? {} : { secretKey }),
        ...(authorizationKey === undefined ? {} : { authorizationKey }),
        ...(timestampFormat === undefined ? {} : { timestampFormat }),
        ...(orderPrefix === undefined ? {} : { orderPrefix }),
      }));
  }

  /** Moves the account's clock on; faults whose time is up end now. */
  advanceClock(seconds: number): void {
    this.offsetMs += seconds * 1000;
    this.faults.clockMoved();
  }

  /** The journal stays readable (a view may still show it once the sandbox has stopped). */
  dispose(): void {
    this.webhooksClosing.abort();
    this.faults.dispose();
    this.stateChanges.dispose();
  }

  /** The starting state, its ids continuing past `previous`'s and the saved ones: an id is never given twice. */
  private freshState(previous?: SandboxState): SandboxState {
    const now = (): Date => new Date(this.now());
    const state =
      this.origin.kind === 'state'
        ? importState(this.origin.snapshot, now)
        : this.origin.kind === 'scenario'
          ? createScenarioState({ ...this.origin.scenario, seed: this.setup.defaults.seed ?? this.origin.scenario.seed }, now)
          : createState({ ...this.origin.seed, now });
    const ids = this.setup.defaults.idsFrom;
    state.nextTransactionId = Math.max(state.nextTransactionId, ids?.transactionId ?? 0, previous?.nextTransactionId ?? 0);
    state.nextOtoId = Math.max(state.nextOtoId, ids?.otoId ?? 0, previous?.nextOtoId ?? 0);
    return state;
  }

  private startingFaults(): Fault[] {
    return [...(this.setup.defaults.faults ?? []), ...(this.scenario?.faults ?? [])];
  }
}

/** An exchange recorded in an account's journal. */
export interface AccountExchange {
  account: string;
  exchange: TrafficExchange;
}

/** Every account of one sandbox, found by id or by token. */
export class Accounts {
  readonly default: SandboxAccount;
  private readonly added = new Map<string, SandboxAccount>();
  private nextNumber = 1;
  private readonly recorded = new Emitter<AccountExchange>();
  /** Every account's exchanges as they are recorded (the CLI prints, logs and sums them all). */
  readonly onDidRecord = this.recorded.event;

  constructor(
    first: Omit<AccountSetup, 'id'>,
    /** How accounts added later are made: a scenario given then, else the sandbox's scenario, else its demo data. */
    private readonly template: Omit<AccountSetup, 'id' | 'origin'> & { demo: SeedOptions; scenario?: SandboxScenario },
  ) {
    this.default = this.listen(new SandboxAccount({ ...first, id: DEFAULT_ACCOUNT }));
  }

  private listen(account: SandboxAccount): SandboxAccount {
    account.traffic.onDidRecord((exchange) => this.recorded.fire({ account: account.id, exchange }));
    return account;
  }

  /** The account `id` names (the default one when absent); a 404 ControlError naming it otherwise. */
  get(id: string | undefined): SandboxAccount {
    const account = id === undefined || id === DEFAULT_ACCOUNT ? this.default : this.added.get(id);
    if (!account) {
      throw new ControlError(404, [{ field: 'account', message: `no account "${id}"; accounts: ${this.ids().join(', ')}` }]);
    }
    return account;
  }

  ids(): string[] {
    return [DEFAULT_ACCOUNT, ...this.added.keys()];
  }

  all(): SandboxAccount[] {
    return [this.default, ...this.added.values()];
  }

  /** A new account from the sandbox's demo data, or from `scenario`; its own refresh token unless the scenario names one. */
  create(scenario?: SandboxScenario): SandboxAccount {
    if (this.added.size + 1 >= MAX_ACCOUNTS) {
      throw new ControlError(409, [{ field: '', message: `at most ${MAX_ACCOUNTS} accounts at once; DELETE /__oto/accounts/{id} ones no longer used` }]);
    }
    const taken = scenario?.refreshToken !== undefined && this.byRefreshToken(scenario.refreshToken);
    if (taken) {
      throw new ControlError(400, [{ field: 'refreshToken', message: `already the refresh token of account "${taken.id}"; every account needs its own` }]);
    }
    const { demo, scenario: shared, ...setup } = this.template;
    const from = scenario ?? shared;
    checkScenarioWebhooks(from, setup.defaults);
    const id = `account-${this.nextNumber++}`;
    const account = new SandboxAccount({
      ...setup,
      id,
      origin: from ? { kind: 'scenario', scenario: from } : { kind: 'demo', seed: demo },
      // The sandbox's token belongs to the default account; a new one gets its own.
      defaults: { ...setup.defaults, refreshToken: scenario?.refreshToken ?? randomToken('rt') },
    });
    this.added.set(id, this.listen(account));
    return account;
  }

  remove(id: string): void {
    if (id === DEFAULT_ACCOUNT) {
      throw new ControlError(400, [{ field: 'account', message: 'the default account cannot be removed (reset it instead)' }]);
    }
    this.get(id).dispose();
    this.added.delete(id);
  }

  /**
   * The account that issued the header's access token, and whether the token is still alive;
   * undefined for a token no account issued (or one long expired).
   */
  byAuthorization(authorization: string | undefined): { account: SandboxAccount; alive: boolean } | undefined {
    const token = bearerToken(authorization);
    if (token === undefined) {
      return undefined;
    }
    if (this.default.tokens.issued(token)) {
      return { account: this.default, alive: this.default.tokens.acceptsToken(token) };
    }
    for (const account of this.added.values()) {
      if (account.tokens.issued(token)) {
        return { account, alive: account.tokens.acceptsToken(token) };
      }
    }
    return undefined;
  }

  byRefreshToken(token: unknown): SandboxAccount | undefined {
    return this.all().find((account) => account.tokens.refreshToken === token);
  }

  /** Refuses a refresh token another account already has (a reset's scenario must not take one). */
  checkRefreshToken(account: SandboxAccount, token: string | undefined): void {
    const owner = token === undefined ? undefined : this.byRefreshToken(token);
    if (owner && owner !== account) {
      throw new ControlError(400, [{ field: 'refreshToken', message: `already the refresh token of account "${owner.id}"; every account needs its own` }]);
    }
  }

  dispose(): void {
    for (const account of this.all()) {
      // What ended before the close is recorded and told while its listeners still hear it.
      account.traffic.flush();
      account.dispose();
    }
    this.recorded.dispose();
  }
}
