// The in-process sandbox's lifecycle: the same port and token for the workspace, its state kept
// across stops (a switch of environment, a reload) until a reset, and the scenario file. Real HTTP
// to real sandboxes on 127.0.0.1; only the storage is in memory.
import * as assert from 'node:assert';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sandboxModule from '../../../src/sandbox';
import type { RunningSandbox, SandboxSnapshot } from '../../../src/sandbox';
import { SandboxHost, type SandboxHostStorage, type SandboxIds } from '../../../src/sandboxHost/host';
import { sandboxFiles, STATE_FILE } from '../../../src/sandboxHost/stateFiles';
import { Session } from '../../../src/session';
import { MemorySecrets, MemorySettings } from '../session/fakes';
import { call, ok, signIn } from '../fakes/sandboxHttp';
import { until } from '../until';

class MemoryStorage implements SandboxHostStorage {
  state: SandboxSnapshot | undefined;
  token: string | undefined;
  stateWrites = 0;
  ids: SandboxIds | undefined;
  readState = async (): Promise<SandboxSnapshot | undefined> => this.state && (JSON.parse(JSON.stringify(this.state)) as SandboxSnapshot);
  writeState = async (snapshot: SandboxSnapshot | undefined): Promise<void> => {
    this.stateWrites++;
    this.state = snapshot && (JSON.parse(JSON.stringify(snapshot)) as SandboxSnapshot);
  };
  readIds = async (): Promise<SandboxIds | undefined> => this.ids;
  writeIds = async (ids: SandboxIds): Promise<void> => {
    this.ids = ids;
  };
  readToken = async (): Promise<string | undefined> => this.token;
  writeToken = async (token: string): Promise<void> => {
    this.token = token;
  };
}

const SKU = 'AJW-DATES-500';
const onHand = async (sandbox: RunningSandbox): Promise<number> => {
  const api = await signIn(sandbox);
  const stock = ok<{ stock: Record<string, Array<{ pickupLocationCode?: string; quantityOnHand: number }>> }>(await api.get(`checkInventoryStock?sku=${SKU}`)).stock;
  return stock[SKU].find((entry) => entry.pickupLocationCode === 'RUH-WH1')!.quantityOnHand;
};
const adjust = async (sandbox: RunningSandbox, qty: number): Promise<void> => {
  ok(await (await signIn(sandbox)).post('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty }));
};

describe('sandbox host', () => {
  let storage: MemoryStorage;
  let scenario: string | undefined;
  let port: number;
  let host: SandboxHost;
  const running: RunningSandbox[] = [];
  const start = async (): Promise<RunningSandbox> => {
    const sandbox = await host.start();
    running.push(sandbox);
    return sandbox;
  };

  beforeEach(() => {
    storage = new MemoryStorage();
    scenario = undefined;
    port = 0;
    host = new SandboxHost({ load: () => sandboxModule, storage, port: () => port, readScenario: async () => scenario, saveDelayMs: 50 });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
    host.dispose();
  });

  it('speaks the dialect of oto.sandbox.dialect unless the scenario names one', async () => {
    let dialect: 'oto-codes' | 'numeric-codes' = 'numeric-codes';
    host = new SandboxHost({ load: () => sandboxModule, storage, port: () => port, dialect: () => dialect, readScenario: async () => scenario, saveDelayMs: 50 });
    const badQty = async (sandbox: RunningSandbox): Promise<unknown> =>
      (await (await signIn(sandbox)).post('updateStockQuantity', { actionType: 'set', locationCode: 'RUH-WH1', sku: SKU, qty: 'x' })).json;
    const numeric = await start();
    assert.deepStrictEqual(await badQty(numeric), { success: false, errorCode: 7, errorMsg: 'qty must be a number' });
    await numeric.close();
    scenario = '{"dialect": "oto-codes"}';
    dialect = 'numeric-codes';
    assert.strictEqual(((await badQty(await start())) as { otoErrorCode: string }).otoErrorCode, 'OTO1132');
  });

  it('keeps a bounded record of the traffic: the Sandbox Traffic store', async () => {
    const sandbox = await start();
    await adjust(sandbox, 1);
    await until('the adjust in the traffic store', () => sandbox.traffic.list().some((exchange) => exchange.endpoint === 'updateStockQuantity'));
  });

  it('keeps one refresh token for the workspace across starts, unless the scenario names one', async () => {
    const first = await start();
    assert.match(first.refreshToken, /^sandbox-rt-[0-9a-f]{48}$/);
    await first.close();
    assert.strictEqual((await start()).refreshToken, first.refreshToken);
    assert.strictEqual(storage.token, first.refreshToken);
    await running.pop()!.close();
    scenario = '{"refreshToken": "my-erp-test-token"}';
    assert.strictEqual((await start()).refreshToken, 'my-erp-test-token');
  });

  it('listens on the configured port, and on a free one (saying so) when it is taken', async () => {
    const squatter = await sandboxModule.startSandbox();
    try {
      port = Number(new URL(squatter.baseUrl).port);
      const starts: string[] = [];
      let busy: number | undefined;
      host.onDidStart((event) => {
        starts.push(event.baseUrl);
        busy = event.busyPort;
      });
      const sandbox = await start();
      assert.notStrictEqual(sandbox.baseUrl, squatter.baseUrl);
      assert.deepStrictEqual([starts, busy], [[sandbox.baseUrl], port]);
      assert.strictEqual(await onHand(sandbox), await onHand(squatter));
      await squatter.close();
      await sandbox.close();
      // Once free, the configured port is used again.
      assert.strictEqual(new URL((await start()).baseUrl).port, String(port));
      assert.strictEqual(busy, undefined);
    } finally {
      await squatter.close();
    }
  });

  it('saves the state shortly after a write and starts the next sandbox from it', async () => {
    // Both writes must land within one save delay: 50 ms is less than two requests can take on a loaded machine.
    host.dispose();
    host = new SandboxHost({ load: () => sandboxModule, storage, port: () => port, readScenario: async () => scenario, saveDelayMs: 500 });
    const first = await start();
    const before = await onHand(first);
    const api = await signIn(first);
    for (const qty of [-9, -1]) {
      ok(await api.post('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty }));
    }
    await until('the state to be saved', () => storage.stateWrites > 0);
    assert.strictEqual(storage.stateWrites, 1, 'two writes in a row are saved once');
    let origin: string | undefined;
    host.onDidStart((event) => (origin = event.origin));
    await first.close();
    const second = await start();
    assert.strictEqual(origin, 'saved');
    assert.strictEqual(await onHand(second), before - 10);
  });

  it('saves a change not yet saved when the sandbox stops', async () => {
    const first = await start();
    const before = await onHand(first);
    await adjust(first, 4);
    await first.close();
    assert.strictEqual(await onHand(await start()), before + 4);
  });

  it('saves a change still waiting when the host is disposed (a reload)', async () => {
    const sandbox = await start();
    const before = await onHand(sandbox);
    await adjust(sandbox, 3);
    host.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    const restored = await sandboxModule.startSandbox({ state: await storage.readState() });
    running.push(restored);
    assert.strictEqual(await onHand(restored), before + 3);
  });

  it('keeps the stock across a switch to staging and back', async () => {
    const settings = new MemorySettings({ environment: 'sandbox' });
    const session = await Session.create({ settings, secrets: new MemorySecrets(), startSandbox: host.start });
    try {
      const client = await session.getClient();
      const read = async () =>
        (await (await session.getClient()).checkInventoryStock([SKU], { pickupLocationCode: 'RUH-WH1' }))[SKU][0].quantityOnHand;
      const before = await read();
      await client.updateStockQuantity({ actionType: 'adjust', sku: SKU, locationCode: 'RUH-WH1', qty: -6 });
      const { refreshToken } = await session.getSandbox();
      await session.useEnvironment('staging');
      assert.strictEqual(host.current, undefined, 'the sandbox stops while staging is active');
      await session.useEnvironment('sandbox');
      assert.strictEqual(await read(), before - 6);
      assert.strictEqual((await session.getSandbox()).refreshToken, refreshToken, 'an ERP keeps its configuration');
    } finally {
      await session.dispose();
    }
  });

  it('resets to the scenario: the saved state is forgotten and the sandbox restarted', async () => {
    const first = await start();
    const demo = await onHand(first);
    await adjust(first, 25);
    await host.flush();
    scenario = JSON.stringify({ products: [{ sku: SKU, name: 'Ajwa', stock: { 'RUH-WH1': 3 } }] });
    const reading = await host.reset(async () => {
      await first.close();
    });
    assert.strictEqual(reading.kind, 'ok');
    assert.strictEqual(storage.state, undefined);
    assert.strictEqual(await onHand(await start()), 3);
    scenario = undefined;
    await host.reset(() => running.pop()!.close());
    assert.strictEqual(await onHand(await start()), demo);
  });

  it('keeps the state when the scenario is broken, and says where it is broken', async () => {
    const first = await start();
    await adjust(first, 2);
    await host.flush();
    const kept = storage.state;
    scenario = '{\n  "refreshToken": 42\n}';
    let restarted = false;
    const reading = await host.reset(async () => {
      restarted = true;
    });
    assert.deepStrictEqual(reading, { kind: 'broken', message: '.oto/sandbox.json: line 2, refreshToken: must be string' });
    assert.strictEqual(restarted, false);
    assert.deepStrictEqual(storage.state, kept);
    // A start with the broken file uses the saved state and says why the file was not used.
    let problem: string | undefined;
    host.onDidStart((event) => (problem = event.scenarioProblem));
    await first.close();
    const before = kept!.products.find((product) => product.sku === SKU)!.stock.find((record) => record.code === 'RUH-WH1')!.onHand;
    assert.strictEqual(await onHand(await start()), before);
    assert.match(problem ?? '', /line 2, refreshToken/);
  });

  it('starts afresh, saying why, when the saved state cannot be restored', async () => {
    const demo = await sandboxModule.startSandbox();
    running.push(demo);
    storage.state = { ...demo.exportState(), format: 'oto-sandbox-state/0' } as unknown as SandboxSnapshot;
    let event: { origin?: string; stateProblem?: string } = {};
    host.onDidStart((started) => (event = started));
    const sandbox = await start();
    assert.strictEqual(event.origin, 'demo');
    assert.match(event.stateProblem ?? '', /saved sandbox state: format/);
    assert.strictEqual(await onHand(sandbox), await onHand(demo));
  });

  it('tells of fault changes, and writes the state as a scenario keeping the file’s settings', async () => {
    scenario = '{"refreshToken": "my-erp-test-token", "latencyMs": 1}';
    const sandbox = await start();
    let changes = 0;
    host.onDidChangeFaults(() => changes++);
    assert.strictEqual(host.addFaults([{ endpoint: '*', status: 500, clients: 'others' }]), true);
    assert.strictEqual(host.faults().length, 1);
    sandbox.webhooks.faults.add([{ kind: 'drop', times: 1 }]);
    assert.strictEqual(host.deliveryFaultCount(), 1);
    host.clearFaults();
    assert.deepStrictEqual([host.faults(), changes], [[], 2]);
    assert.deepStrictEqual([sandbox.webhooks.faults.list(), host.deliveryFaultCount()], [[], 0], 'Clear Sandbox Faults clears the delivery faults too');
    const text = await host.scenarioText();
    const saved = sandboxModule.parseScenario(text!);
    assert.deepStrictEqual([saved.refreshToken, saved.latencyMs, saved.products?.length], ['my-erp-test-token', 1, 40]);
    await sandbox.close();
    assert.strictEqual(await host.scenarioText(), undefined, 'nothing to save once stopped');
    assert.strictEqual(host.addFaults([{ endpoint: '*', status: 500 }]), false);
  });

  it('shares one fault queue with the control API: a fault added over HTTP is the editor’s to show and remove, and back', async () => {
    const sandbox = await start();
    let changes = 0;
    host.onDidChangeFaults(() => changes++);
    const url = sandbox.baseUrl.replace(/\/rest\/v2$/, '/__oto/faults');
    const added = ok<{ id: number }>(await call(url, { method: 'POST', body: JSON.stringify({ endpoint: 'accountInfo', status: 503, times: 3 }) }));
    assert.deepStrictEqual([host.faults().map((entry) => entry.id), changes], [[added.id], 1]);
    host.removeFault(added.id);
    host.addFaults([{ endpoint: 'productList', hang: true }]);
    const listed = ok<{ faults: Array<{ fault: unknown }> }>(await call(url));
    assert.deepStrictEqual([listed.faults.map((entry) => entry.fault), changes], [[{ endpoint: 'productList', hang: true }], 3]);
  });

  describe('kept as files with the extension host (every window and browser of the workspace)', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'oto-sandbox-files-'));
    });
    afterEach(async () => {
      // Closing saves into the folder: closed first, so nothing is written while it is removed.
      await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
      host.dispose();
      await host.flush();
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    });

    const fileStorage = (): SandboxHostStorage => {
      const files = sandboxFiles(dir);
      let token: string | undefined;
      return { ...files, readToken: async () => token, writeToken: async (value) => void (token = value) };
    };
    const transaction = async (sandbox: RunningSandbox, qty: number): Promise<number> =>
      ok<{ transactionID: number }>(await (await signIn(sandbox)).post('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty })).transactionID;

    it('a second window starts from the state the first left, and continues its transaction IDs', async () => {
      host = new SandboxHost({ load: () => sandboxModule, storage: fileStorage(), port: () => 0, readScenario: async () => undefined, saveDelayMs: 50 });
      const first = await start();
      const before = await onHand(first);
      const ids = [await transaction(first, 5)];
      await until('the state to be saved', () => fs.stat(path.join(dir, STATE_FILE)).then(() => true, () => false));
      await host.flush();
      // Another window: its own host and sandbox over the same folder, the first still running.
      const other = new SandboxHost({ load: () => sandboxModule, storage: fileStorage(), port: () => 0, readScenario: async () => undefined, saveDelayMs: 50 });
      try {
        const second = await other.start();
        running.push(second);
        assert.strictEqual(await onHand(second), before + 5);
        ids.push(await transaction(second, 1));
        assert.ok(ids[1] > ids[0], `IDs continue: ${ids.join(', ')}`);
      } finally {
        other.dispose();
      }
    });

    it('after a reset the fresh sandbox gives IDs no earlier change had', async () => {
      host = new SandboxHost({ load: () => sandboxModule, storage: fileStorage(), port: () => 0, readScenario: async () => undefined, saveDelayMs: 50 });
      const first = await start();
      const given = [await transaction(first, 1), await transaction(first, 1)];
      await host.reset(() => running.pop()!.close());
      const fresh = await start();
      const next = await transaction(fresh, 1);
      assert.ok(next > Math.max(...given), `${next} follows ${given.join(', ')}`);
      // And again after a reload of the window: the IDs are on disk, not in this host.
      await host.reset(() => running.pop()!.close());
      host.dispose();
      host = new SandboxHost({ load: () => sandboxModule, storage: fileStorage(), port: () => 0, readScenario: async () => undefined, saveDelayMs: 50 });
      assert.ok((await transaction(await start(), 1)) > next);
    });

    it('a torn state file starts afresh, saying why', async () => {
      await fs.writeFile(path.join(dir, STATE_FILE), '{"format": "oto-sandbox-st');
      host = new SandboxHost({ load: () => sandboxModule, storage: fileStorage(), port: () => 0, readScenario: async () => undefined, saveDelayMs: 50 });
      let event: { origin?: string; stateProblem?: string } = {};
      host.onDidStart((started) => (event = started));
      await start();
      assert.strictEqual(event.origin, 'demo');
      assert.match(event.stateProblem ?? '', /state\.json: not JSON/);
    });
  });
});
