// An unreachable OTO is told once, in words, whatever keeps running into it: real HTTP to a
// closed loopback port (connection refused), then to a sandbox that answers.
import * as assert from 'node:assert';
import * as net from 'node:net';
import { unreachableText } from '../../../src/common/text/unreachable';
import { ReachabilityWatch } from '../../../src/session/reachability';
import type { Outage } from '../../../src/session/reachability';
import { Session, tokenKey } from '../../../src/session';
import { startSandbox } from '../../../src/sandbox';
import type { RunningSandbox } from '../../../src/sandbox/types';
import { StockStore } from '../../../src/stock/store/store';
import { visibleIssues } from '../../../src/stock/controller';
import { MemorySecrets, MemorySettings } from './fakes';

/** A loopback URL nothing listens on: a port the system handed out, then closed again. */
async function closedUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/rest/v2`;
}

describe('ReachabilityWatch', () => {
  let sandbox: RunningSandbox;
  let session: Session;
  let settings: MemorySettings;
  let store: StockStore;
  let outages: Outage[];
  let watch: ReachabilityWatch;

  before(async () => {
    sandbox = await startSandbox({ seed: 5 });
  });

  after(async () => {
    await sandbox.close();
  });

  beforeEach(async () => {
    const secrets = new MemorySecrets();
    // A token that works against the sandbox, stored for OTO's URL (closed) and for the override.
    secrets.values.set(tokenKey('staging'), sandbox.refreshToken);
    secrets.values.set(tokenKey('staging', sandbox.baseUrl), sandbox.refreshToken);
    settings = new MemorySettings({ environment: 'staging' });
    const down = await closedUrl();
    session = await Session.create({
      settings,
      secrets,
      startSandbox: () => Promise.reject(new Error('no sandbox in this test')),
      remoteBaseUrls: { staging: down, production: down },
      clientOptions: { timeoutMs: 5000, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } },
    });
    outages = [];
    watch = new ReachabilityWatch((outage) => outages.push(outage));
    session.onRequest((event) => watch.observe(event));
    store = new StockStore({ getSource: () => session.getClient() });
  });

  afterEach(async () => {
    store.dispose();
    await session.dispose();
  });

  it('tells a refused connection once, however many refreshes (and retries) run into it', async () => {
    const requests: unknown[] = [];
    session.onRequest((event) => requests.push(event));
    for (let i = 0; i < 3; i++) {
      await store.refresh({ reloadCatalogue: true });
    }
    assert.ok(requests.length >= 3, `every refresh tried: ${requests.length} requests`);
    assert.strictEqual(outages.length, 1, JSON.stringify(outages));
    assert.strictEqual(outages[0].environment, 'staging');
    assert.match(outages[0].detail, /ECONNREFUSED/, 'the raw detail is kept for the log');
  });

  it('shows the view one worded message, without the transport text', async () => {
    await store.refresh({ reloadCatalogue: true });
    const issues = visibleIssues(store);
    assert.deepStrictEqual(issues.map((issue) => issue.message), [unreachableText()]);
    assert.strictEqual(issues[0].message, 'OTO cannot be reached — check your network or proxy.');
    assert.ok(store.lastResult && store.lastResult.issues.length >= 2, 'both the catalogue and the locations failed');
  });

  it('tells the next outage again after an answer came, or after the user acted', async () => {
    await store.refresh({ reloadCatalogue: true });
    assert.strictEqual(outages.length, 1);

    settings.set({ baseUrl: sandbox.baseUrl });
    await session.settle();
    const answered = await store.refresh({ reloadCatalogue: true });
    assert.deepStrictEqual(answered.issues, [], 'the sandbox answered');
    settings.set({ baseUrl: undefined });
    await session.settle();
    await store.refresh({ reloadCatalogue: true });
    assert.strictEqual(outages.length, 2, 'an answer in between makes the outage news again');

    await store.refresh();
    assert.strictEqual(outages.length, 2);
    watch.reset();
    await store.refresh();
    assert.strictEqual(outages.length, 3, 'Retry (a user action) tells it again if it still fails');
  });

  it('stays quiet while a command tells its own failure, and counts it as told', async () => {
    await assert.rejects(watch.quietly(() => session.signIn('staging', sandbox.refreshToken)), (error: Error) => /ECONNREFUSED/.test(error.message));
    assert.strictEqual(outages.length, 0);
    await store.refresh({ reloadCatalogue: true });
    assert.strictEqual(outages.length, 0, 'the sign-in already said it');
  });

  it('knows the environment is down from the refused connection until an answer comes, and says when it changes', async () => {
    const changes: boolean[] = [];
    const active = watch.of(() => session.environment);
    active.onDidChange(() => changes.push(active.unreachable()));
    assert.strictEqual(active.unreachable(), false, 'not known to be down before anything failed');
    await store.refresh({ reloadCatalogue: true });
    await store.refresh();
    assert.strictEqual(active.unreachable(), true);
    assert.deepStrictEqual(changes, [true], 'told once, however many requests failed');

    settings.set({ baseUrl: sandbox.baseUrl });
    await session.settle();
    await store.refresh({ reloadCatalogue: true });
    assert.strictEqual(active.unreachable(), false, 'the sandbox answered');
    assert.deepStrictEqual(changes, [true, false]);
    assert.strictEqual(watch.isUnreachable('sandbox'), false);
  });

  it('ignores the sandbox and answers that are errors of OTO', () => {
    watch.observe({ environment: 'sandbox', error: { kind: 'network', message: 'connect ECONNREFUSED' } });
    watch.observe({ environment: 'production', status: 500, error: { kind: 'api', message: 'HTTP 500' } });
    assert.deepStrictEqual(outages, []);
  });
});
