import { until } from '../until';
import * as assert from 'node:assert';
import { OtoError } from '../../../src/client';
import type { SessionChange, SessionRequestEvent } from '../../../src/session';
import { BaseUrlError, EnvironmentSwitchError, KeyringError, Session, tokenKey, WrongEnvironmentError } from '../../../src/session';
import type { SessionDeps } from '../../../src/session';
import { startSandbox } from '../../../src/sandbox';
import type { RunningSandbox } from '../../../src/sandbox/types';
import { MemorySecrets, MemorySettings } from './fakes';
import { faultTaken, fingerprint, received } from '../fakes/journal';

/** Resolves when nothing answers at the URL any more (connection refused). */
async function assertNothingListening(baseUrl: string): Promise<void> {
  await assert.rejects(fetch(`${baseUrl}/healthCheck`), /fetch failed/);
}

describe('Session', function () {
  // Two remote "environments", each a sandbox of its own with its own token, so a token sent to
  // the wrong one would be noticed.
  let staging: RunningSandbox;
  let production: RunningSandbox;
  const sessions: Session[] = [];

  before(async () => {
    staging = await startSandbox({ seed: 11 });
    production = await startSandbox({ seed: 22 });
    assert.notStrictEqual(staging.refreshToken, production.refreshToken, 'each environment needs its own token');
  });

  after(async () => {
    await Promise.all([staging.close(), production.close()]);
  });

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.dispose()));
  });

  interface Setup {
    session: Session;
    settings: MemorySettings;
    secrets: MemorySecrets;
    changes: SessionChange[];
    requests: SessionRequestEvent[];
    /** How many times the in-process sandbox was started. */
    starts: () => number;
    /** Every sandbox this session started. */
    started: RunningSandbox[];
  }

  async function setup(overrides: Partial<SessionDeps> & { settings?: MemorySettings; secrets?: MemorySecrets } = {}): Promise<Setup> {
    const settings = overrides.settings ?? new MemorySettings();
    const secrets = overrides.secrets ?? new MemorySecrets();
    const started: RunningSandbox[] = [];
    const session = await Session.create({
      settings,
      secrets,
      startSandbox: async () => {
        const sandbox = await startSandbox();
        started.push(sandbox);
        return sandbox;
      },
      remoteBaseUrls: { staging: staging.baseUrl, production: production.baseUrl },
      clientOptions: { timeoutMs: 5000 },
      ...overrides,
    });
    sessions.push(session);
    const changes: SessionChange[] = [];
    const requests: SessionRequestEvent[] = [];
    session.onDidChange((change) => changes.push(change));
    session.onRequest((event) => requests.push(event));
    return { session, settings, secrets, changes, requests, starts: () => started.length, started };
  }

  describe('sandbox environment', () => {
    it('starts nothing until the first getClient, then signs in to the sandbox by itself', async () => {
      const { session, starts, requests } = await setup();
      assert.strictEqual(session.environment, 'sandbox');
      assert.strictEqual(session.isSignedIn, true);
      assert.strictEqual(starts(), 0, 'no sandbox may run before a client is asked for');
      assert.strictEqual(requests.length, 0);

      const client = await session.getClient();
      assert.strictEqual(starts(), 1);
      const account = await client.getAccountInfo();
      assert.ok(account.name);
      assert.deepStrictEqual(
        requests.map((event) => [event.endpoint, event.status, event.environment]),
        [
          ['refreshToken', 200, 'sandbox'],
          ['accountInfo', 200, 'sandbox'],
        ],
      );
    });

    it('starts one sandbox for concurrent callers and reuses its client', async () => {
      const { session, starts } = await setup();
      const [a, b] = await Promise.all([session.getClient(), session.getClient()]);
      assert.strictEqual(a, b);
      assert.strictEqual(await session.getClient(), a);
      assert.strictEqual(starts(), 1);
    });

    it('gives the URL and token an integration can call the same sandbox with', async () => {
      const { session, started } = await setup();
      const endpoint = await session.getSandbox();
      assert.strictEqual(endpoint.baseUrl, started[0].baseUrl);
      const response = await fetch(`${endpoint.baseUrl}/refreshToken`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: endpoint.refreshToken }),
      });
      assert.strictEqual(response.status, 200);
      assert.strictEqual(((await response.json()) as { success: boolean }).success, true);
    });

    it('stops the sandbox when another environment becomes active, and starts a fresh one on return', async () => {
      const { session, settings, starts, started } = await setup();
      const { baseUrl } = await session.getSandbox();
      settings.set({ environment: 'staging' });
      await session.settle();
      await assertNothingListening(baseUrl);
      await assert.rejects(session.getSandbox(), WrongEnvironmentError);

      await session.useEnvironment('sandbox');
      assert.strictEqual(starts(), 1, 'returning to the sandbox starts nothing until it is used');
      await session.getClient();
      assert.strictEqual(starts(), 2);
      assert.notStrictEqual(started[1].baseUrl, baseUrl);
    });

    it('closes a sandbox whose start was overtaken by a switch to another environment', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const started: RunningSandbox[] = [];
      let calls = 0;
      const { session, settings } = await setup({
        startSandbox: async () => {
          calls++;
          await gate;
          const sandbox = await startSandbox();
          started.push(sandbox);
          return sandbox;
        },
      });
      const client = session.getClient();
      while (calls === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      settings.set({ environment: 'production' });
      release();
      await session.settle();
      assert.strictEqual(started.length, 1);
      await assertNothingListening(started[0].baseUrl);
      await client;
      await assert.rejects(session.getClient(), (error: unknown) => error instanceof OtoError && error.kind === 'auth');
    });

    it('retries the start after the sandbox failed to start', async () => {
      let attempts = 0;
      const { session } = await setup({
        startSandbox: async () => {
          attempts++;
          if (attempts === 1) {
            throw new Error('port in use');
          }
          return startSandbox();
        },
      });
      await assert.rejects(session.getClient(), /port in use/);
      const client = await session.getClient();
      assert.ok((await client.getAccountInfo()).name);
      assert.strictEqual(attempts, 2);
    });

    it('has nothing to sign out of', async () => {
      const { session } = await setup();
      await assert.rejects(session.signOut(), WrongEnvironmentError);
      assert.strictEqual(session.isSignedIn, true);
    });
  });

  describe('sign-in to staging and production', () => {
    it('checks a correct token against OTO, stores it and switches to that environment', async () => {
      const { session, settings, secrets, changes, starts } = await setup();
      const account = await session.signIn('staging', ` ${staging.refreshToken}\n`);
      assert.ok(account?.name);
      assert.strictEqual(secrets.values.get(tokenKey('staging')), staging.refreshToken, 'stored trimmed');
      assert.strictEqual(settings.read().environment, 'staging');
      assert.strictEqual(session.environment, 'staging');
      assert.strictEqual(session.isSignedIn, true);
      assert.deepStrictEqual(changes, [{ environment: 'staging', signedIn: true, reason: 'environment' }]);
      assert.strictEqual(starts(), 0, 'signing in to staging never starts the sandbox');

      const before = received(staging).length;
      await (await session.getClient()).getPickupLocations();
      assert.deepStrictEqual(
        received(staging).slice(before).map((request) => [request.endpoint, request.authorized]),
        [['getPickupLocationList', true]],
        'the client checked at sign-in is reused with its access token',
      );
      assert.deepStrictEqual(await session.getAccountInfo(), account);
    });

    it('signs in with a valid token even when accountInfo fails (404, plan-gated): the refresh proves the token', async () => {
      const { session, secrets } = await setup();
      for (const fault of [
        { status: 404, body: '{"success":false,"otoErrorMessage":"Not Found"}' },
        { status: 403, body: '{"success":false,"otoErrorCode":"OTO1150","otoErrorMessage":"Please upgrade your plan"}' },
      ]) {
        staging.addFaults([{ endpoint: 'accountInfo', times: 1, ...fault }]);
        const account = await session.signIn('staging', staging.refreshToken);
        assert.strictEqual(account, undefined, `no account for a ${fault.status}`);
        assert.strictEqual(secrets.values.get(tokenKey('staging')), staging.refreshToken, `stored after a ${fault.status} of accountInfo`);
        assert.strictEqual(session.isSignedIn, true);
      }
    });

    it('stores nothing and changes nothing when the user cancels while the token is checked', async () => {
      const { session, settings, secrets, changes } = await setup();
      staging.addFaults([{ endpoint: 'accountInfo', latencyMs: 10_000, times: 1 }]);
      const controller = new AbortController();
      const signing = session.signIn('staging', staging.refreshToken, controller.signal);
      await until('accountInfo at OTO', () => faultTaken(staging, 'accountInfo'));
      controller.abort();
      const error = await signing.then(() => assert.fail('a cancelled sign-in must not sign in'), (rejection: unknown) => rejection);
      assert.ok(error instanceof OtoError);
      assert.strictEqual(error.kind, 'aborted');
      assert.strictEqual(secrets.values.size, 0);
      assert.strictEqual(settings.read().environment, 'sandbox');
      assert.deepStrictEqual(changes, []);
    });

    it('stores nothing and changes nothing when OTO refuses the token', async () => {
      const { session, settings, secrets, changes } = await setup();
      const error = await session.signIn('production', 'not-the-token').then(
        () => assert.fail('a wrong token must not sign in'),
        (rejection: unknown) => rejection,
      );
      assert.ok(error instanceof OtoError);
      assert.strictEqual(error.kind, 'auth');
      assert.ok(!error.message.includes('not-the-token'), 'the token never appears in an error');
      assert.strictEqual(secrets.values.size, 0);
      assert.strictEqual(settings.read().environment, 'sandbox');
      assert.strictEqual(session.environment, 'sandbox');
      assert.deepStrictEqual(changes, []);
    });

    it('explains a keyring failure and stores nothing', async () => {
      const secrets = new MemorySecrets();
      const { session } = await setup({ secrets });
      secrets.failure = new Error('Cannot create an item in a locked collection');
      const error = await session.signIn('staging', staging.refreshToken).then(
        () => assert.fail('sign-in must fail when the token cannot be stored'),
        (rejection: unknown) => rejection,
      );
      assert.ok(error instanceof KeyringError);
      assert.match(error.message, /locked collection/);
      assert.ok(!error.message.includes(staging.refreshToken));
      secrets.failure = undefined;
      assert.strictEqual(secrets.values.size, 0);
      assert.strictEqual(session.environment, 'sandbox');
    });

    it('keeps the accepted token when only the switch of oto.environment fails', async () => {
      const settings = new MemorySettings();
      const { session, secrets } = await setup({ settings });
      settings.writeFailure = new Error('settings.json is read-only');
      await assert.rejects(
        session.signIn('staging', staging.refreshToken),
        (error: unknown) => error instanceof EnvironmentSwitchError && /read-only/.test(error.message),
      );
      assert.strictEqual(secrets.values.get(tokenKey('staging')), staging.refreshToken);
      assert.strictEqual(session.environment, 'sandbox');
      assert.strictEqual(await session.hasToken('staging'), true);
    });

    it('keeps one token per environment and never sends one to another', async () => {
      const { session, secrets } = await setup();
      const productionBefore = received(production).length;
      await session.signIn('staging', staging.refreshToken);

      await session.useEnvironment('production');
      assert.strictEqual(session.isSignedIn, false);
      const notSignedIn = await session.getClient().then(
        () => assert.fail('production has no token yet'),
        (rejection: unknown) => rejection,
      );
      assert.ok(notSignedIn instanceof OtoError);
      assert.strictEqual(notSignedIn.kind, 'auth');
      assert.strictEqual(received(production).length, productionBefore, "staging's token was never sent to production");

      await session.signIn('production', production.refreshToken);
      assert.strictEqual(secrets.values.get(tokenKey('production')), production.refreshToken);
      assert.strictEqual(secrets.values.get(tokenKey('staging')), staging.refreshToken);
      const productionTokens = received(production)
        .slice(productionBefore)
        .filter((request) => request.endpoint === 'refreshToken')
        .map((request) => request.refreshToken);
      assert.deepStrictEqual(productionTokens, [fingerprint(production.refreshToken)]);

      await session.useEnvironment('staging');
      assert.strictEqual(session.isSignedIn, true);
      const before = received(production).length;
      await (await session.getClient()).getAccountInfo();
      assert.strictEqual(received(production).length, before, 'staging calls go to staging only');
    });

    it('signs out: the token is deleted and the client refused', async () => {
      const { session, secrets, changes } = await setup();
      await session.signIn('staging', staging.refreshToken);
      await session.getClient();
      changes.length = 0;

      await session.signOut();
      assert.strictEqual(secrets.values.has(tokenKey('staging')), false);
      assert.strictEqual(session.isSignedIn, false);
      assert.deepStrictEqual(changes, [{ environment: 'staging', signedIn: false, reason: 'signedOut' }]);
      await assert.rejects(session.getClient(), (error: unknown) => error instanceof OtoError && error.kind === 'auth');
      await assert.rejects(session.getAccountInfo(), (error: unknown) => error instanceof OtoError && error.kind === 'auth');

      changes.length = 0;
      await session.signIn('staging', staging.refreshToken);
      assert.deepStrictEqual(changes, [{ environment: 'staging', signedIn: true, reason: 'signedIn' }]);
      assert.ok((await session.getAccountInfo()).name);
    });

    it('signs out of another environment without touching the active one', async () => {
      const { session, secrets, changes } = await setup();
      await session.signIn('production', production.refreshToken);
      await session.signIn('staging', staging.refreshToken);
      changes.length = 0;
      await session.signOut('production');
      assert.strictEqual(secrets.values.has(tokenKey('production')), false);
      assert.strictEqual(secrets.values.get(tokenKey('staging')), staging.refreshToken);
      assert.strictEqual(session.isSignedIn, true);
      assert.deepStrictEqual(changes, []);
    });

    it('notices a sign-in and sign-out made in another window', async () => {
      const { session, secrets, settings, changes } = await setup();
      settings.set({ environment: 'production' });
      await session.settle();
      changes.length = 0;

      const signedIn = new Promise<SessionChange>((resolve) => session.onDidChange(resolve));
      secrets.changeElsewhere(tokenKey('production'), production.refreshToken);
      assert.deepStrictEqual(await signedIn, { environment: 'production', signedIn: true, reason: 'signedIn' });
      await (await session.getClient()).getAccountInfo();

      const signedOut = new Promise<SessionChange>((resolve) => session.onDidChange(resolve));
      secrets.changeElsewhere(tokenKey('production'), undefined);
      assert.deepStrictEqual(await signedOut, { environment: 'production', signedIn: false, reason: 'signedOut' });
      await assert.rejects(session.getClient(), (error: unknown) => error instanceof OtoError && error.kind === 'auth');
    });

    it('changes its generation on every sign-in (even again in the same environment), sign-out and switch', async () => {
      const { session, settings } = await setup();
      const seen = [session.generation];
      const step = async (what: string, change: () => Promise<unknown>): Promise<void> => {
        await change();
        await session.settle();
        assert.ok(!seen.includes(session.generation), `${what} gave a new generation (${seen.join(', ')} → ${session.generation})`);
        seen.push(session.generation);
      };
      await step('sign-in to staging', () => session.signIn('staging', staging.refreshToken));
      await step('a second sign-in to staging (another account, say)', () => session.signIn('staging', staging.refreshToken));
      await step('sign-out', () => session.signOut());
      await step('switch to production', async () => settings.set({ environment: 'production' }));
      await step('switch back to the sandbox', () => session.useEnvironment('sandbox'));
      const before = session.generation;
      await (await session.getClient()).getPickupLocations();
      assert.strictEqual(session.generation, before, 'reading changes nothing');
    });

    it('reports an unreadable keyring from getClient instead of pretending to be signed out', async () => {
      const secrets = new MemorySecrets();
      const { session, settings } = await setup({ secrets });
      secrets.failure = new Error('no keyring daemon');
      settings.set({ environment: 'production' });
      await session.settle();
      assert.strictEqual(session.isSignedIn, false);
      await assert.rejects(session.getClient(), KeyringError);
    });
  });

  describe('environment switches', () => {
    it('announce every switch so views reset, and point the client at the new environment', async () => {
      const secrets = new MemorySecrets();
      secrets.values.set(tokenKey('staging'), staging.refreshToken);
      const { session, settings, changes, requests } = await setup({ secrets });
      const sandboxClient = await session.getClient();

      settings.set({ environment: 'staging' });
      await session.settle();
      assert.deepStrictEqual(changes, [{ environment: 'staging', signedIn: true, reason: 'environment' }]);
      const stagingClient = await session.getClient();
      assert.notStrictEqual(stagingClient, sandboxClient);
      await stagingClient.getAccountInfo();
      assert.ok(requests.length > 0);
      for (const event of requests) {
        assert.strictEqual(event.environment, 'staging');
        assert.ok(event.url.startsWith(staging.baseUrl), event.url);
      }

      settings.set({ environment: 'production' });
      await session.settle();
      assert.deepStrictEqual(changes.at(-1), { environment: 'production', signedIn: false, reason: 'environment' });
    });

    it('never sends a token to an oto.baseUrl it was not signed in against', async () => {
      const secrets = new MemorySecrets();
      secrets.values.set(tokenKey('production'), production.refreshToken);
      const { session, settings, changes } = await setup({ secrets, settings: new MemorySettings({ environment: 'production' }) });
      assert.ok((await (await session.getClient()).getAccountInfo()).name);

      // Pointing production somewhere else signs it out there: its token stays with the server that accepted it.
      const stagingRequests = received(staging).length;
      settings.set({ baseUrl: staging.baseUrl });
      await session.settle();
      assert.deepStrictEqual(changes, [{ environment: 'production', signedIn: false, reason: 'baseUrl' }]);
      await assert.rejects(session.getClient(), (error: unknown) =>
        error instanceof OtoError && error.kind === 'auth' && error.message.includes(staging.baseUrl));
      assert.strictEqual(received(staging).length, stagingRequests, 'nothing may reach the new URL before signing in there');

      // Signing in there keeps a token of its own, and clearing the override brings back the first one.
      await session.signIn('production', staging.refreshToken);
      assert.strictEqual(secrets.values.get(tokenKey('production', staging.baseUrl)), staging.refreshToken);
      assert.strictEqual(secrets.values.get(tokenKey('production')), production.refreshToken);
      settings.set({ baseUrl: undefined });
      await session.settle();
      assert.strictEqual(session.isSignedIn, true);
      assert.ok((await (await session.getClient()).getAccountInfo()).name);
      assert.ok(received(staging).every((request) => request.refreshToken !== fingerprint(production.refreshToken) && request.exchange.client.token !== fingerprint(production.refreshToken)));
    });

    it('refuses to send a token to a plain-http override that is not this machine', async () => {
      const secrets = new MemorySecrets();
      secrets.values.set(tokenKey('production'), production.refreshToken);
      const { session, requests } = await setup({
        secrets,
        settings: new MemorySettings({ environment: 'production', baseUrl: 'http://gateway.example.com/rest/v2' }),
      });
      await assert.rejects(session.getClient(), BaseUrlError);
      await assert.rejects(session.signIn('production', production.refreshToken), BaseUrlError);
      assert.strictEqual(requests.length, 0);
      assert.strictEqual(secrets.values.get(tokenKey('production')), production.refreshToken);
    });
  });
});
