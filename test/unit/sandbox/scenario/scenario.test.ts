// Scenario files (.oto/sandbox.json, `npm run sandbox -- --scenario FILE`): what they define is
// what clients see over HTTP, what they leave out is the demo data, and a broken file is refused
// with its line and field named.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseScenario, scenarioFromState, ScenarioError, startSandbox, type RunningSandbox, type SandboxOptions,
} from '../../../../src/sandbox';
import { LISTED_PROBLEMS } from '../../../../src/sandbox/scenario/scenario';
import type { TrafficExchange } from '../../../../src/traffic/exchange';
import { RULES } from '../../../../src/traffic/lint';
import { accessToken, call, ok, signIn, type Api } from '../../fakes/sandboxHttp';

type StockAnswer = { stock: Record<string, Array<{ pickupLocationCode?: string; quantityOnHand: number; quantityForecasted: number }>> };

describe('sandbox scenarios', () => {
  const running: RunningSandbox[] = [];
  const start = async (options: SandboxOptions): Promise<{ sandbox: RunningSandbox; api: Api }> => {
    const sandbox = await startSandbox(options);
    running.push(sandbox);
    return { sandbox, api: await signIn(sandbox) };
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  });

  it('accepts a file with only a refresh token, and serves the demo data with it', async () => {
    const scenario = parseScenario('{"refreshToken": "my-erp-test-token"}');
    const { sandbox, api } = await start({ scenario });
    assert.strictEqual(sandbox.refreshToken, 'my-erp-test-token');
    const refused = await call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: 'another-token' }) });
    assert.strictEqual(refused.status, 401);
    const demo = await start({});
    const query = 'checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250,HNY-SIDR-500';
    assert.deepStrictEqual(ok(await api.get(query)), ok(await demo.api.get(query)));
    assert.deepStrictEqual(ok(await api.post('getPackingOrders', { warehouseCode: 'JED-WH1' })), ok(await demo.api.post('getPackingOrders', { warehouseCode: 'JED-WH1' })));
  });

  const erpScenario = {
    refreshToken: 'my-erp-test-token',
    accessTokenTtlSeconds: 120,
    latencyMs: 5,
    locations: [
      { code: 'WH-A', kind: 'warehouse', name: 'Warehouse A', bins: ['A1'] },
      { code: 'BR-1', kind: 'branch', city: 'Jeddah' },
    ],
    products: [
      { sku: 'ERP-1', name: 'ERP product one', minInventory: 50, stock: { 'WH-A': 40, 'BR-1': 3 } },
      { sku: 'ERP-2', name: 'ERP product two', stock: { 'WH-A': 10 } },
    ],
    packingOrders: [
      { orderId: 'SO-1', warehouseCode: 'WH-A', items: [{ sku: 'ERP-1', quantity: 4 }, { sku: 'WRAP', name: 'Gift wrap', quantity: 1 }] },
      { orderId: 'SO-2', warehouseCode: 'WH-A', packingStatus: 'picked', items: [{ sku: 'ERP-2', quantity: 2 }] },
      { orderId: 'SO-3', warehouseCode: 'WH-A', packingStatus: 'packed', items: [{ sku: 'ERP-1', quantity: 5 }] },
    ],
    inventoryOrders: [{ action: 'inbound', locationCode: 'WH-A', items: [{ sku: 'ERP-2', qty: 30 }] }],
    faults: [{ endpoint: 'checkGlobalStock', status: 503, headers: { 'Retry-After': '3' }, times: 1 }],
  };

  it('serves exactly what a full scenario defines', async () => {
    const { sandbox, api } = await start({ scenario: parseScenario(JSON.stringify(erpScenario, null, 2)) });
    const token = await call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: 'my-erp-test-token' }) });
    assert.strictEqual((token.json as { expires_in: string }).expires_in, '120');
    const locations = ok<{ warehouses: Array<{ code: string }>; branches: Array<{ code: string }> }>(await api.get('getPickupLocationList'));
    assert.deepStrictEqual([locations.warehouses.map((l) => l.code), locations.branches.map((l) => l.code)], [['WH-A'], ['BR-1']]);
    const stock = ok<StockAnswer>(await api.get('checkInventoryStock?sku=ERP-1,ERP-2,AJW-DATES-500')).stock;
    assert.deepStrictEqual(Object.keys(stock).sort(), ['ERP-1', 'ERP-2'], 'the demo catalogue is replaced');
    const at = (sku: string, code: string) => stock[sku].find((entry) => entry.pickupLocationCode === code);
    // SO-1 reserves 4 of ERP-1; SO-3 is packed: on hand is as given, nothing reserved.
    assert.deepStrictEqual([at('ERP-1', 'WH-A')?.quantityOnHand, at('ERP-1', 'WH-A')?.quantityForecasted], [40, 36]);
    // SO-2 (picked) reserves 2 of ERP-2; 30 are coming in.
    assert.deepStrictEqual([at('ERP-2', 'WH-A')?.quantityOnHand, at('ERP-2', 'WH-A')?.quantityForecasted], [10, 38]);
    const queue = ok<{ orders: Array<{ orderId: string; items: Array<{ sku: string; productId?: number }> }> }>(await api.post('getPackingOrders', { warehouseCode: 'WH-A' }));
    assert.deepStrictEqual(queue.orders.map((order) => order.orderId), ['SO-1', 'SO-2']);
    assert.strictEqual(queue.orders[0].items[1].productId, undefined, 'a non-catalogue item carries no productId');
    const limited = await api.get('checkGlobalStock?sku=ERP-1');
    assert.deepStrictEqual([limited.status, limited.headers.get('retry-after')], [503, '3']);
    assert.deepStrictEqual(ok<StockAnswer>(await api.get('checkGlobalStock?sku=ERP-1')).stock['ERP-1'], [{ minInventory: 50, sku: 'ERP-1', quantityForecasted: 39, quantityOnHand: 43 }]);
  });

  it('lets options win over the scenario', async () => {
    const { sandbox } = await start({ scenario: parseScenario('{"refreshToken": "my-erp-test-token", "accessTokenTtlSeconds": 60}'), refreshToken: 'from-the-flag', accessTokenTtlSeconds: 30 });
    const token = await call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: 'from-the-flag' }) });
    assert.strictEqual((token.json as { expires_in: string }).expires_in, '30');
  });

  it('writes the state back as a scenario that starts the same stock and queues', async () => {
    const first = await start({ scenario: parseScenario(JSON.stringify(erpScenario)) });
    first.sandbox.faults.clear();
    ok(await first.api.post('updateStockQuantity', { actionType: 'adjust', locationCode: 'WH-A', sku: 'ERP-1', qty: -3 }));
    ok(await first.api.post('updatePackingStatus', { orderId: 'SO-1', packingStatus: 'packed' }));
    ok(await first.api.post('createInventoryOrder', { action: 'outbound', locationCode: 'BR-1', items: [{ sku: 'ERP-1', qty: 1 }] }));
    const saved = scenarioFromState(first.sandbox.exportState(), { refreshToken: 'my-erp-test-token', latencyMs: 5 });
    assert.strictEqual(saved.faults, undefined);
    const second = await start({ scenario: parseScenario(JSON.stringify(saved, null, 2)) });
    assert.strictEqual(second.sandbox.refreshToken, 'my-erp-test-token');
    const read = async (api: Api) => ({
      stock: ok(await api.get('checkInventoryStock?sku=ERP-1,ERP-2')).stock,
      global: ok(await api.get('checkGlobalStock?sku=ERP-1,ERP-2')).stock,
      queue: ok(await api.post('getPackingOrders', { warehouseCode: 'WH-A' })).orders,
    });
    assert.deepStrictEqual(await read(second.api), await read(first.api));
  });

  it('saves the demo data as a scenario that starts the same demo stock', async () => {
    const demo = await start({});
    const saved = await start({ scenario: parseScenario(JSON.stringify(scenarioFromState(demo.sandbox.exportState()))) });
    const query = 'checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250,HNY-SIDR-500,SKR-DATES-AR';
    assert.deepStrictEqual(ok(await saved.api.get(query)), ok(await demo.api.get(query)));
    for (const code of ['RUH-WH1', 'JED-WH1', 'DMM-WH1']) {
      assert.deepStrictEqual(ok(await saved.api.post('getPackingOrders', { warehouseCode: code })), ok(await demo.api.post('getPackingOrders', { warehouseCode: code })));
    }
  });

  describe('broken files', () => {
    const refused = (text: string): ScenarioError => {
      try {
        parseScenario(text, 'sandbox.json');
      } catch (error) {
        assert.ok(error instanceof ScenarioError, String(error));
        return error;
      }
      assert.fail(`accepted: ${text}`);
    };
    const cases: Array<[string, string, number, string, RegExp]> = [
      ['not JSON', '{\n  "refreshToken": "my-erp-test-token",\n  "seed": 1,,\n}', 3, '', /not valid JSON/],
      ['a comment', '{\n  // my ERP\n  "seed": 2\n}', 2, '', /not valid JSON/],
      ['a wrong type', '{\n  "seed": "one"\n}', 2, 'seed', /must be integer/],
      ['an unknown field', '{\n  "refreshToken": "my-erp-test-token",\n  "refresh_token": "x"\n}', 3, 'refresh_token', /unknown field "refresh_token"/],
      ['a missing field', '{\n  "products": [\n    {"sku": "A-1"}\n  ]\n}', 3, 'products[0].name', /^is required$/],
      ['a fractional quantity', '{\n  "products": [\n    {"sku": "A-1", "name": "A",\n     "stock": {"RUH-WH1": 4.5}}\n  ]\n}', 4, 'products[0].stock.RUH-WH1', /must be integer/],
      ['a SKU with a comma', '{"products": [{"sku": "A,B", "name": "A"}]}', 1, 'products[0].sku', /must match pattern/],
      ['a fault of an unknown kind of client', '{\n"faults": [{"endpoint": "*", "clients": "mine"}]}', 2, 'faults[0].clients', /must be one of "all", "others"/],
      ['stock at an unknown location', '{\n  "products": [\n    {"sku": "A-1", "name": "A", "stock": {\n      "RUH-WH9": 4}}\n  ]\n}', 4, 'products[0].stock.RUH-WH9', /no location "RUH-WH9" in the demo data/],
      ['an order at a branch', '{"packingOrders": [\n{"orderId": "1", "warehouseCode": "MED-BR1", "items": [{"sku": "AJW-DATES-500", "quantity": 1}]}]}', 2, 'packingOrders[0].warehouseCode', /is a branch/],
      ['an unnamed item not in the catalogue', '{"packingOrders": [{"orderId": "1", "warehouseCode": "RUH-WH1",\n "items": [{"sku": "NOPE", "quantity": 1}]}]}', 2, 'packingOrders[0].items[0]', /needs a "name"/],
      ['a SKU twice', '{"products": [\n{"sku": "A", "name": "A"},\n{"sku": "A", "name": "B"}]}', 3, 'products[1].sku', /SKU "A" appears more than once/],
      ['locations without a warehouse for the demo products', '{"locations": [{"code": "B", "kind": "branch"}]}', 1, 'locations', /at least one warehouse/],
      ['a fault header that would misframe the answer', '{"faults": [\n{"endpoint": "*", "status": 503,\n "headers": {"Content-Length": "5"}}]}', 3, 'faults[0].headers.Content-Length', /is the sandbox's own/],
      ['an empty file', '  \n', 1, '', /empty/],
      ['a value nested twenty thousand deep', `{\n"seed": 1,\n"products": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`, 3, '', /nested deeper than 64 levels/],
    ];
    for (const [what, text, line, field, message] of cases) {
      it(`names the line and field of ${what}`, () => {
        const error = refused(text);
        assert.deepStrictEqual([error.problems[0].line, error.problems[0].field], [line, field], error.message);
        assert.match(error.problems[0].message, message);
        assert.ok(error.message.startsWith(`sandbox.json: line ${line}${field ? `, ${field}` : ''}: `), error.message);
      });
    }

    it('names every problem in its message, each with its line and field', () => {
      const error = refused('{\n"seed": -1,\n"latencyMs": "x",\n"extra": 1}');
      assert.strictEqual(error.problems.length, 3);
      const lines = error.message.split('\n');
      assert.strictEqual(lines[0], 'sandbox.json: 3 problems');
      assert.deepStrictEqual(lines.slice(1).map((line) => line.replace(/:.*/, '')).sort(), ['  line 2, seed', '  line 3, latencyMs', '  line 4, extra'].sort());
      assert.match(error.message, /unknown field "extra" \(known: \$schema, refreshToken, .*, lint, webhooks\)/);
    });

    it('names a webhook OTO would refuse to register: the same URL twice', () => {
      const error = refused('{"webhooks": {"register": [\n{"url": "http://127.0.0.1:3000/a"},\n{"url": "http://127.0.0.1:3000/b"},\n{"url": "http://127.0.0.1:3000/a"}]}}');
      assert.deepStrictEqual(error.problems.map((problem) => [problem.line, problem.field]), [[4, 'webhooks.register[2].url']]);
      assert.match(error.message, /OTO1122/);
    });

    it('lists a bounded number of problems and counts the rest', () => {
      const products = Array.from({ length: 30 }, (_, i) => `{"sku": "S-${i}", "name": "N", "stock": {"NOPE-${i}": 1}}`).join(',\n');
      const error = refused(`{"products": [\n${products}]}`);
      assert.strictEqual(error.problems.length, 30);
      const lines = error.message.split('\n');
      assert.strictEqual(lines.length, 1 + LISTED_PROBLEMS + 1);
      assert.strictEqual(lines.at(-1), `  … and ${30 - LISTED_PROBLEMS} more`);
    });

    it('checks the lint section: rule names (naming the real ones), levels and the window, all at once', () => {
      const error = refused('{"lint": {"rules": {"duplicate-writes": "off", "sku-comma": "loud"},\n "duplicateWindowSeconds": 0}}');
      assert.strictEqual(error.problems.length, 3, error.message);
      assert.match(error.message, /lint\.rules\.duplicate-writes: unknown field "duplicate-writes" \(known: qty-not-integer, sku-comma, duplicate-write, /);
      assert.match(error.message, /lint\.rules\.sku-comma: must be one of "off", "info", "warning", "error"/);
      assert.match(error.message, /line 2, lint\.duplicateWindowSeconds: must be > 0/);
    });
  });

  it('lists in its schema exactly the lint\'s rules, so the editor offers each and no other', () => {
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../src/sandbox/scenario/scenario.schema.json'), 'utf8')) as { properties: { lint: { properties: { rules: { properties: object } } } } };
    assert.deepStrictEqual(Object.keys(schema.properties.lint.properties.rules.properties).sort(), RULES.map((rule) => rule.id).sort());
  });

  it('judges traffic with the scenario\'s lint section', async () => {
    const sandbox = await startSandbox({ scenario: parseScenario('{"lint": {"rules": {"qty-not-integer": "off", "no-content-type": "warning"}}}') });
    try {
      const token = await accessToken(sandbox);
      const recorded = new Promise<TrafficExchange>((resolve) => sandbox.traffic.onDidRecord((exchange) => exchange.endpoint === 'updateStockQuantity' && resolve(exchange)));
      await call(`${sandbox.baseUrl}/updateStockQuantity`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' }, body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '1.5' }) });
      assert.deepStrictEqual((await recorded).findings.map((finding) => `${finding.rule}:${finding.severity}`), ['no-content-type:warning']);
    } finally {
      await sandbox.close();
    }
  });

  it('uses the schema that package.json gives VS Code for .oto/sandbox.json', () => {
    const root = path.resolve(__dirname, '../../../../..');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ fileMatch: string | string[]; url: string }> } };
    const entry = manifest.contributes.jsonValidation.find((candidate) => [candidate.fileMatch].flat().some((match) => match.endsWith('.oto/sandbox.json')));
    assert.ok(entry, 'no jsonValidation entry for .oto/sandbox.json');
    // The build copies the loader's schema into dist/, the part of the package that ships.
    assert.strictEqual(path.resolve(root, entry.url), path.join(root, 'dist', 'scenario.schema.json'));
    assert.strictEqual(fs.readFileSync(path.join(root, 'dist', 'scenario.schema.json'), 'utf8'), fs.readFileSync(path.join(root, 'src', 'sandbox', 'scenario', 'scenario.schema.json'), 'utf8'));
    const vscodeignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    assert.match(vscodeignore, /^!dist\/scenario\.schema\.json$/m, 'the schema ships in the .vsix');
  });
});
