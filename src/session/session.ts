// The one session of the active environment: which environment is active, whether it is signed
// in, and the OtoClient every feature goes through. Plain TypeScript, so it is tested in Node.

import { OtoClient, OtoError } from '../client';
import type { AccountInfo, OtoClientOptions, OtoRequestEvent } from '../client';
import { Emitter } from '../common/emitter';
import type { Disposable, Event } from '../common/emitter';
import type { RunningSandbox } from '../sandbox/types';
import { checkBaseUrl, isRemote, REMOTE_BASE_URLS, tokenKey } from './environment';
import type { Environment, RemoteEnvironment } from './environment';
import { BaseUrlError, EnvironmentSwitchError, KeyringError, WrongEnvironmentError } from './errors';
import type { SandboxStarter, SecretStore, SessionSettings } from './ports';

export interface SessionDeps {
  settings: SessionSettings;
  secrets: SecretStore;
  startSandbox: SandboxStarter;
  /** Where staging and production live when `oto.baseUrl` does not say; OTO's URLs by default. */
  remoteBaseUrls?: Readonly<Record<RemoteEnvironment, string>>;
  /**
   * Options passed to every client (e.g. a shorter timeout in tests), read as each client is made:
   * a getter gives the current value of a setting.
   */
  clientOptions?: Pick<OtoClientOptions, 'timeoutMs' | 'retry' | 'userAgent' | 'maxConnections'>;
}

export interface SessionChange {
  environment: Environment;
  signedIn: boolean;
  reason: 'environment' | 'baseUrl' | 'signedIn' | 'signedOut' | 'sandboxRestarted';
}

/** A client's request event, tagged with the environment it went to. */
export type SessionRequestEvent = OtoRequestEvent & { environment: Environment };

/** Where an integration under test reaches the sandbox the extension shows. */
export interface SandboxEndpoint {
  baseUrl: string;
  refreshToken: string;
}

export class Session implements Disposable {
  private env: Environment;
  private baseUrlOverride: string | undefined;
  private signedIn = false;
  /** One client per environment, created on first use; a promise so concurrent callers share it. */
  private readonly clients = new Map<Environment, Promise<OtoClient>>();
  private readonly accounts = new Map<Environment, Promise<AccountInfo>>();
  /** The token each cached remote client was made with, to tell our own keyring writes from others'. */
  private readonly clientTokens = new Map<RemoteEnvironment, string>();
  private sandbox: Promise<RunningSandbox> | undefined;
  /** Bumped on every change of state, so answers that arrive after a newer change are dropped. */
  private changes = 0;
  private settling: Promise<void> = Promise.resolve();
  private readonly changeEmitter = new Emitter<SessionChange>();
  private readonly requestEmitter = new Emitter<SessionRequestEvent>();
  private readonly sandboxEmitter = new Emitter<RunningSandbox | undefined>();
  private readonly subscriptions: Disposable[] = [];
  private readonly remoteBaseUrls: Readonly<Record<RemoteEnvironment, string>>;

  /** Environment switched, signed in or signed out: whatever shows data resets. */
  readonly onDidChange: Event<SessionChange> = this.changeEmitter.event;
  /** Every HTTP exchange of every client of this session (tokens redacted by the client). */
  readonly onRequest: Event<SessionRequestEvent> = this.requestEmitter.event;
  /** The in-process sandbox started (with it) or stopped (`undefined`): its traffic view follows it. */
  readonly onDidChangeSandbox: Event<RunningSandbox | undefined> = this.sandboxEmitter.event;

  /** The in-process sandbox when it is running or starting, without starting it. */
  get runningSandbox(): Promise<RunningSandbox> | undefined {
    return this.sandbox;
  }

  static async create(deps: SessionDeps): Promise<Session> {
    const session = new Session(deps);
    await session.settle();
    return session;
  }

  private constructor(private readonly deps: SessionDeps) {
    this.remoteBaseUrls = deps.remoteBaseUrls ?? REMOTE_BASE_URLS;
    const initial = deps.settings.read();
    this.env = initial.environment;
    this.baseUrlOverride = initial.baseUrl;
    this.settling = this.refreshSignedIn('environment', false);
    this.subscriptions.push(deps.settings.onDidChange(() => this.applySettings()));
    if (deps.secrets.onDidChange) {
      this.subscriptions.push(deps.secrets.onDidChange(({ key }) => void this.onSecretChanged(key)));
    }
  }

  get environment(): Environment {
    return this.env;
  }

  get isSignedIn(): boolean {
    return this.signedIn;
  }

  /**
   * Changes on every sign-in, sign-out and environment (or base URL) switch. An answer read under
   * one generation is never acted on under another: the same order id or SKU may name something
   * else in another environment or account.
   */
  get generation(): number {
    return this.changes;
  }

  /** Resolves once the latest settings or secret change has been taken into account. */
  settle(): Promise<void> {
    return this.settling;
  }

  /**
   * The client of the active environment. For the sandbox this starts it on first use; for
   * staging and production it rejects with an OtoError of kind `auth` when no token is stored.
   */
  async getClient(): Promise<OtoClient> {
    await this.settling;
    return this.clientFor(this.env);
  }

  /** Who is signed in and on which plan (read once per environment and client). */
  async getAccountInfo(): Promise<AccountInfo> {
    await this.settling;
    const environment = this.env;
    return shared(this.accounts, environment, async () => (await this.clientFor(environment)).getAccountInfo());
  }

  /** The running sandbox's URL and token; starts it if needed. Only while the sandbox is active. */
  async getSandbox(): Promise<SandboxEndpoint> {
    await this.settling;
    if (this.env !== 'sandbox') {
      throw new WrongEnvironmentError(`The sandbox is not the active environment (${this.env} is).`);
    }
    const { baseUrl, refreshToken } = await this.startSandbox();
    return { baseUrl, refreshToken };
  }

  /**
   * Checks the token against the environment's `refreshToken` endpoint, stores it only if OTO
   * accepts it, and makes that environment the active one. Resolves with the account when
   * `accountInfo` answers (it may not: a plan or gateway can refuse it for a valid token). Rejects
   * with the client's OtoError (kind `auth` for a wrong token), a BaseUrlError or a KeyringError,
   * and then nothing is stored; or, once stored, with an EnvironmentSwitchError if the setting
   * can't be written.
   */
  /** `signal`: the user gave up while the token was checked; then nothing is stored (an `aborted` OtoError). */
  async signIn(environment: RemoteEnvironment, refreshToken: string, signal?: AbortSignal): Promise<AccountInfo | undefined> {
    const token = refreshToken.trim();
    // The key is fixed now, with the URL the token is checked against, not after the check.
    const key = this.tokenKeyFor(environment);
    const client = this.newClient(environment, this.remoteBaseUrl(environment), token);
    await client.checkToken({ signal });
    const account = await client.getAccountInfo({ signal }).catch(() => undefined);
    if (signal?.aborted) {
      throw new OtoError({ kind: 'aborted', endpoint: 'accountInfo', message: 'Signing in was cancelled' });
    }
    this.dropClient(environment);
    // Recorded before storing, so the keyring's change event for this write is known as ours.
    this.clientTokens.set(environment, token);
    try {
      await this.deps.secrets.store(key, token);
    } catch (error) {
      this.clientTokens.delete(environment);
      throw new KeyringError('store', error);
    }
    this.clients.set(environment, Promise.resolve(client));
    if (account) {
      this.accounts.set(environment, Promise.resolve(account));
    }
    if (this.env === environment) {
      await this.markSignedIn(true, 'signedIn');
    } else {
      await this.useEnvironment(environment);
    }
    return account;
  }

  /** Deletes the environment's stored token (the active one by default). */
  async signOut(environment?: RemoteEnvironment): Promise<void> {
    const target = environment ?? this.env;
    if (!isRemote(target)) {
      throw new WrongEnvironmentError('The sandbox signs itself in; there is nothing to sign out of.');
    }
    try {
      await this.deps.secrets.delete(this.tokenKeyFor(target));
    } catch (error) {
      throw new KeyringError('delete', error);
    }
    this.dropClient(target);
    if (this.env === target) {
      await this.markSignedIn(false, 'signedOut');
    }
  }

  /** Whether a token is stored for an environment (the sandbox always counts as signed in). */
  async hasToken(environment: Environment): Promise<boolean> {
    return !isRemote(environment) || (await this.readToken(environment)) !== undefined;
  }

  /** Writes `oto.environment` and waits until the session has switched to it. */
  async useEnvironment(environment: Environment): Promise<void> {
    try {
      await this.deps.settings.setEnvironment(environment);
    } catch (error) {
      throw new EnvironmentSwitchError(environment, error);
    }
    // The settings' change event may come later (or never, if the value was already set): apply now.
    this.applySettings();
    await this.settling;
  }

  /**
   * Closes the running sandbox (if any) and its client; the next use starts a new one. While the
   * sandbox is active, everything showing its data resets, as on a switch of environment.
   */
  async restartSandbox(): Promise<void> {
    await this.settling;
    this.dropClient('sandbox');
    await this.closeSandbox();
    if (this.env === 'sandbox') {
      await this.markSignedIn(this.signedIn, 'sandboxRestarted');
    }
  }

  /** Stops listening and closes the sandbox; resolves once its port is free again. */
  // VS Code ignores the promise; switching environments and the tests await it.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  dispose(): Promise<void> {
    this.changes++;
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.clients.clear();
    this.accounts.clear();
    this.changeEmitter.dispose();
    this.requestEmitter.dispose();
    const closing = this.closeSandbox();
    this.sandboxEmitter.dispose();
    return closing;
  }

  private applySettings(): void {
    const { environment, baseUrl } = this.deps.settings.read();
    const environmentChanged = environment !== this.env;
    const baseUrlChanged = baseUrl !== this.baseUrlOverride;
    if (!environmentChanged && !baseUrlChanged) {
      return;
    }
    if (baseUrlChanged) {
      this.baseUrlOverride = baseUrl;
      this.dropClient('staging');
      this.dropClient('production');
    }
    let closing = Promise.resolve();
    if (environmentChanged) {
      if (this.env === 'sandbox') {
        // The sandbox only runs while it is the active environment; its starter keeps its state.
        this.dropClient('sandbox');
        closing = this.closeSandbox();
      }
      this.env = environment;
    }
    const refreshing = this.refreshSignedIn(environmentChanged ? 'environment' : 'baseUrl', true);
    this.settling = Promise.all([closing, refreshing]).then(() => undefined);
  }

  /** Signed in or out in another window (SecretStorage is shared), or the echo of our own write. */
  private async onSecretChanged(key: string): Promise<void> {
    const environment = (['staging', 'production'] as const).find((env) => this.tokenKeyFor(env) === key);
    if (!environment) {
      return;
    }
    let token: string | undefined;
    try {
      token = await this.readToken(environment);
    } catch {
      token = undefined;
    }
    const hadClient = this.clientTokens.has(environment);
    if (hadClient && this.clientTokens.get(environment) === token) {
      return;
    }
    // This window's client for it holds a token that is no longer the stored one.
    this.dropClient(environment);
    if (environment !== this.env) {
      return;
    }
    if ((token !== undefined) !== this.signedIn || hadClient) {
      this.settling = this.refreshSignedIn(token === undefined ? 'signedOut' : 'signedIn', true);
    }
  }

  private async refreshSignedIn(reason: SessionChange['reason'], announce: boolean): Promise<void> {
    const generation = ++this.changes;
    let signedIn: boolean;
    try {
      signedIn = await this.hasToken(this.env);
    } catch {
      // An unreadable keyring means no usable token; getClient reports the keyring error itself.
      signedIn = false;
    }
    if (generation !== this.changes) {
      return;
    }
    this.signedIn = signedIn;
    if (announce) {
      this.changeEmitter.fire({ environment: this.env, signedIn, reason });
    }
  }

  private async markSignedIn(signedIn: boolean, reason: SessionChange['reason']): Promise<void> {
    await this.settling;
    this.changes++;
    this.signedIn = signedIn;
    this.changeEmitter.fire({ environment: this.env, signedIn, reason });
  }

  private clientFor(environment: Environment): Promise<OtoClient> {
    return shared(this.clients, environment, () => this.createClient(environment));
  }

  private async createClient(environment: Environment): Promise<OtoClient> {
    if (!isRemote(environment)) {
      const sandbox = await this.startSandbox();
      return this.newClient(environment, sandbox.baseUrl, sandbox.refreshToken);
    }
    const baseUrl = this.remoteBaseUrl(environment);
    const token = await this.readToken(environment);
    if (token === undefined) {
      throw notSignedIn(environment, this.baseUrlOverride);
    }
    this.clientTokens.set(environment, token);
    return this.newClient(environment, baseUrl, token);
  }

  private newClient(environment: Environment, baseUrl: string, refreshToken: string): OtoClient {
    return new OtoClient({
      ...this.deps.clientOptions,
      baseUrl,
      refreshToken,
      onRequest: (event) => this.requestEmitter.fire({ ...event, environment }),
    });
  }

  /** Where a remote environment is reached now: OTO's URL, or the `oto.baseUrl` override (checked). */
  upstreamOf(environment: RemoteEnvironment): string {
    return this.remoteBaseUrl(environment);
  }

  private remoteBaseUrl(environment: RemoteEnvironment): string {
    if (this.baseUrlOverride === undefined) {
      return this.remoteBaseUrls[environment];
    }
    const problem = checkBaseUrl(this.baseUrlOverride);
    if (problem) {
      throw new BaseUrlError(this.baseUrlOverride, problem);
    }
    return this.baseUrlOverride;
  }

  /** Where the environment's token is kept for the base URL in use (see tokenKey). */
  private tokenKeyFor(environment: RemoteEnvironment): string {
    return tokenKey(environment, this.baseUrlOverride);
  }

  private async readToken(environment: RemoteEnvironment): Promise<string | undefined> {
    try {
      const token = await this.deps.secrets.get(this.tokenKeyFor(environment));
      return token ? token : undefined;
    } catch (error) {
      throw new KeyringError('read', error);
    }
  }

  private startSandbox(): Promise<RunningSandbox> {
    if (!this.sandbox) {
      const starting = this.deps.startSandbox();
      this.sandbox = starting;
      starting.then(
        (sandbox) => {
          if (this.sandbox === starting) {
            this.sandboxEmitter.fire(sandbox);
          }
        },
        () => {
          if (this.sandbox === starting) {
            this.sandbox = undefined;
          }
        },
      );
    }
    return this.sandbox;
  }

  private async closeSandbox(): Promise<void> {
    const sandbox = this.sandbox;
    this.sandbox = undefined;
    if (!sandbox) {
      return;
    }
    this.sandboxEmitter.fire(undefined);
    try {
      await (await sandbox).close();
    } catch {
      // It never started, or is already gone: either way nothing is listening any more.
    }
  }

  private dropClient(environment: Environment): void {
    this.clients.delete(environment);
    this.accounts.delete(environment);
    if (isRemote(environment)) {
      this.clientTokens.delete(environment);
    }
  }
}

/**
 * One promise per key shared by concurrent callers. A failure (keyring, no token, sandbox not
 * starting, network) is not kept: the next call tries again.
 */
function shared<K, V>(cache: Map<K, Promise<V>>, key: K, create: () => Promise<V>): Promise<V> {
  const cached = cache.get(key);
  if (cached) {
    return cached;
  }
  const created = create();
  cache.set(key, created);
  created.catch(() => {
    if (cache.get(key) === created) {
      cache.delete(key);
    }
  });
  return created;
}

function notSignedIn(environment: RemoteEnvironment, baseUrlOverride: string | undefined): OtoError {
  const where = baseUrlOverride === undefined ? '' : ` at ${baseUrlOverride} (oto.baseUrl)`;
  return new OtoError({
    kind: 'auth',
    message: `Not signed in to OTO ${environment}${where}. Run "OTO: Sign In" with a refresh token from the OTO dashboard.`,
  });
}
