// The OpenAPI document: valid OpenAPI 3.1 by a well-kept validator, one path per endpoint the
// sandbox serves, and the sandbox's real answers (real HTTP, both dialects) match its schemas.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { openApiDocument } from '../../../src/oto/openapi';
import { startSandbox, type Dialect, type RunningSandbox } from '../../../src/sandbox';

// A document and answers walked by path; assertions check the shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

interface OpenApiValidator {
  validate(document: object): Promise<{ valid: boolean; errors?: unknown }>;
  version: string;
}

/**
 * The validator is ESM only, and TypeScript's CommonJS output turns `import()` into `require`: a
 * Function keeps the real dynamic import (its README's way from CommonJS).
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ Validator: new () => OpenApiValidator }>;

const ROOT = path.resolve(__dirname, '../../../..');

describe('OpenAPI document', function () {
  this.timeout(60_000);
  const document = openApiDocument() as Json;

  it('is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator)', async () => {
    const { Validator } = await importEsm('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    assert.deepEqual(result.errors, undefined, JSON.stringify(result.errors, null, 2));
    assert.equal(result.valid, true);
    assert.equal(validator.version, '3.1');
  });

  it('is served by the sandbox at GET /__oto/openapi.json, listing the sandbox itself first', async () => {
    const sandbox = await startSandbox({ seed: 1 });
    try {
      const response = await fetch(new URL('/__oto/openapi.json', sandbox.baseUrl));
      assert.equal(response.status, 200);
      const served = (await response.json()) as Json;
      assert.deepEqual(served.servers[0], { url: '/rest/v2', description: 'This sandbox' });
      assert.deepEqual(served.paths, document.paths);
      const { Validator } = await importEsm('@seriousme/openapi-schema-validator');
      assert.equal((await new Validator().validate(served)).valid, true);
    } finally {
      await sandbox.close();
    }
  });

  it('is what the build wrote to dist/oto-openapi.json', () => {
    const written = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'oto-openapi.json'), 'utf8'));
    assert.deepEqual(written, JSON.parse(JSON.stringify(openApiDocument({ version: written.info.version }))));
  });

  for (const dialect of ['oto-codes', 'numeric-codes'] as Dialect[]) {
    describe(`the sandbox's answers in ${dialect}`, () => {
      let sandbox: RunningSandbox;
      let token: string;
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      ajv.addSchema({ $id: 'oto', components: document.components });
      const errorSchema = ajv.compile({ $ref: 'oto#/components/schemas/Error' });

      before(async () => {
        sandbox = await startSandbox({ seed: 1, dialect });
        const signIn = await fetch(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: sandbox.refreshToken }) });
        token = ((await signIn.json()) as Json).access_token;
      });
      after(() => sandbox.close());

      const call = async (endpoint: string, init: { body?: unknown; query?: string; auth?: boolean } = {}): Promise<{ status: number; json: Json }> => {
        const method = Object.keys(document.paths[`/${endpoint}`] ?? { post: true })[0].toUpperCase();
        const response = await fetch(`${sandbox.baseUrl}/${endpoint}${init.query ?? ''}`, {
          method,
          headers: { 'Content-Type': 'application/json', ...(init.auth === false || !token ? {} : { Authorization: `Bearer ${token}` }) },
          body: method === 'POST' ? JSON.stringify(init.body ?? {}) : undefined,
        });
        return { status: response.status, json: (await response.json()) as Json };
      };
      const operation = (endpoint: string): Json | undefined => Object.values((document.paths[`/${endpoint}`] ?? {}) as Json)[0] as Json | undefined;
      const assertAnswer = (endpoint: string, answer: { status: number; json: Json }): void => {
        if (answer.status === 200) {
          const schema = operation(endpoint)?.responses['200'].content['application/json'].schema;
          const validate = ajv.compile(schema);
          assert.ok(validate(answer.json), `${endpoint} 200 ${JSON.stringify(validate.errors)}\n${JSON.stringify(answer.json).slice(0, 400)}`);
        } else {
          const responses = operation(endpoint)?.responses ?? { default: true };
          assert.ok(String(answer.status) in responses || 'default' in responses, `${endpoint} ${answer.status} is documented`);
          assert.ok(errorSchema(answer.json), `${endpoint} ${answer.status} ${JSON.stringify(errorSchema.errors)} ${JSON.stringify(answer.json)}`);
        }
      };

      it('match the 200 schema of every endpoint', async () => {
        assertAnswer('refreshToken', await call('refreshToken', { body: { refresh_token: sandbox.refreshToken }, auth: false }));
        const products = await call('productList', { body: operation('productList')?.requestBody.content['application/json'].example });
        const sku = products.json.products[0].sku as string;
        const queue = await call('getPackingOrders', { body: operation('getPackingOrders')?.requestBody.content['application/json'].example });
        const orderId = queue.json.orders[0].orderId as string;
        const cities = await call('availableCitiesForPickup');
        const requests: Record<string, { body?: unknown; query?: string }> = {
          healthCheck: {},
          accountInfo: {},
          getPickupLocationList: { query: '?status=active' },
          checkInventoryStock: { query: `?sku=${encodeURIComponent(sku)},NO-SUCH-SKU` },
          checkGlobalStock: { query: `?sku=${encodeURIComponent(sku)}` },
          orderDetails: { query: `?orderId=${orderId}` },
          updatePackingStatus: { body: { orderId, packingStatus: 'picked' } },
          availableStoresForPickup: { body: { selectedCity: cities.json.cities[0], items: [{ sku: 'AJW-DATES-500', qty: 1 }] } },
        };
        const answered = new Set<string>();
        // `/webhook` has four methods: its own test below.
        for (const [name, { get, post }] of Object.entries(document.paths as Record<string, Json>).map(([key, value]) => [key.slice(1), value] as const).filter(([name]) => name !== 'webhook')) {
          const example = (get ?? post).requestBody?.content['application/json'].example;
          const answer = await call(name, name === 'refreshToken' ? { body: { refresh_token: sandbox.refreshToken }, auth: false } : requests[name] ?? { body: example });
          assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer.json)}`);
          assertAnswer(name, answer);
          answered.add(name);
        }
        // Every endpoint the sandbox serves has a path in the document (the webhook management's, below).
        assert.deepEqual([...answered, 'webhook'].sort(), [...sandbox.endpoints].sort());
      });

      it('match the webhook management\'s four operations, their examples and errors', async () => {
        const item = document.paths['/webhook'] as Json;
        assert.deepEqual(Object.keys(item).sort(), ['delete', 'get', 'post', 'put']);
        const send = async (method: string, body?: unknown, query = ''): Promise<{ status: number; json: Json }> => {
          const response = await fetch(`${sandbox.baseUrl}/webhook${query}`, {
            method,
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: response.status, json: (await response.json()) as Json };
        };
        const check = (method: string, answer: { status: number; json: Json }): void => {
          const responses = item[method].responses;
          if (answer.status === 200) {
            const validate = ajv.compile(responses['200'].content['application/json'].schema);
            assert.ok(validate(answer.json), `${method} ${JSON.stringify(validate.errors)} ${JSON.stringify(answer.json)}`);
          } else {
            assert.ok(String(answer.status) in responses, `${method} ${answer.status} is documented`);
            assert.ok(errorSchema(answer.json), `${method} ${answer.status} ${JSON.stringify(answer.json)}`);
          }
        };
        const created = await send('POST', item.post.requestBody.content['application/json'].example);
        assert.equal(created.status, 200);
        check('post', created);
        const again = await send('POST', item.post.requestBody.content['application/json'].example);
        assert.equal(again.json.otoErrorCode, 'OTO1122', 'one registration per URL');
        check('post', again);
        check('get', await send('GET'));
        const updated = await send('PUT', { ...item.put.requestBody.content['application/json'].example, id: Number(created.json.id) });
        assert.equal(updated.status, 200, JSON.stringify(updated.json));
        check('put', updated);
        const noId = await send('DELETE', {});
        assert.equal(noId.status, 400);
        check('delete', noId);
        const removed = await send('DELETE', undefined, `?id=${created.json.id as string}`);
        assert.equal(removed.status, 200);
        check('delete', removed);
      });

      it('match the error schemas, in every shape', async () => {
        const bad: Array<[string, { body?: unknown; query?: string; auth?: boolean }, number]> = [
          ['refreshToken', { body: { refresh_token: 'wrong' }, auth: false }, 401],
          ['refreshToken', { body: {}, auth: false }, 400],
          ['accountInfo', { auth: false }, 401],
          ['updateStockQuantity', { body: { actionType: 'set', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 'ten' } }, 400],
          ['updateStockQuantity', { body: { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 2147483647 } }, 400],
          ['updateStockQuantity', { body: { actionType: 'adjust', locationCode: 'JED-WH1', sku: 'NO-SUCH', qty: 1 } }, 400],
          ['createInventoryOrder', { body: { action: 'sideways', locationCode: 'RUH-WH1', items: [] } }, 400],
          ['getPickupLocationList', { query: '?status=lost' }, 400],
          ['orderDetails', { query: '?orderId=NO-SUCH-ORDER' }, 404],
          ['checkInventoryStock', { query: '' }, 400],
          ['noSuchEndpoint', {}, 404],
        ];
        for (const [endpoint, init, status] of bad) {
          const answer = await call(endpoint, init);
          assert.equal(answer.status, status, `${endpoint} ${JSON.stringify(init)}: ${JSON.stringify(answer.json)}`);
          assertAnswer(endpoint, answer);
        }
      });
    });
  }
});
