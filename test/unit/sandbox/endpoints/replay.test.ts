// Replays every example request of OTO's Postman collection against the sandbox and compares the
// answers with OTO's example answers: same status, same shape, and the same error bodies.
import * as assert from 'node:assert';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox';
import { call } from '../../fakes/sandboxHttp';
import { EXAMPLE_REFRESH_TOKEN, endpointPath, exampleData, fixture, statusOf, type Example, type FixtureEndpoint } from './fixture';
import { missingFrom, unknownIn } from './shape';

/** Examples whose recorded request lost what caused the answer: the query that makes it happen. */
const REQUEST_FIXES: Record<string, string> = {
  'Get Pickup Location List / 400 Bad Request': 'getPickupLocationList?maxDate=2024-02-30',
};

/** Top-level answer fields whose values (not just types) the sandbox must match. */
const EXACT_FIELDS: Record<string, string[]> = {
  'Refresh Token': ['success', 'token_type', 'expires_in'],
  'Health Check': ['status'],
  'Update Stock Quantity': ['success', 'warnings'],
  'Create Inventory Order': ['success', 'warnings'],
  'Update Packing Status': ['success', 'message'],
};

const NO_TOKEN = new Set(['Refresh Token', 'Health Check']);

async function replay(sandbox: RunningSandbox, endpoint: FixtureEndpoint, example: Example) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (!NO_TOKEN.has(endpoint.name) && statusOf(example) !== 401) {
    const token = await call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: sandbox.refreshToken }) });
    headers.Authorization = `Bearer ${(token.json as { access_token: string }).access_token}`;
  }
  const target = REQUEST_FIXES[`${endpoint.name} / ${example.name}`] ?? endpointPath(example.request.url);
  const body = example.request.method === 'GET' || !example.request.body ? undefined : example.request.body;
  return call(`${sandbox.baseUrl}/${target}`, { method: example.request.method, headers, body });
}

describe('sandbox replays OTO’s example requests', () => {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ refreshToken: EXAMPLE_REFRESH_TOKEN, extra: exampleData });
  });
  afterEach(() => sandbox.close());

  for (const endpoint of fixture.endpoints) {
    for (const example of endpoint.examples) {
      it(`${endpoint.name}: ${example.name}`, async () => {
        const answer = await replay(sandbox, endpoint, example);
        const expected = JSON.parse(example.responseBody) as Record<string, unknown>;
        assert.strictEqual(answer.status, statusOf(example), answer.text);
        assert.ok(answer.json !== undefined, `not JSON: ${answer.text}`);
        if (statusOf(example) !== 200) {
          assert.deepStrictEqual(answer.json, expected);
          return;
        }
        const siblings = endpoint.examples.filter((other) => statusOf(other) === 200).map((other) => JSON.parse(other.responseBody) as unknown);
        assert.deepStrictEqual(missingFrom(expected, answer.json), [], 'keys or types OTO sends that the sandbox lacks');
        assert.deepStrictEqual(unknownIn(answer.json, siblings), [], 'keys or types the sandbox sends that OTO does not');
        const actual = answer.json as Record<string, unknown>;
        for (const field of EXACT_FIELDS[endpoint.name] ?? ['success']) {
          if (field in expected) {
            assert.deepStrictEqual(actual[field], expected[field], field);
          }
        }
      });
    }
  }

  it('getPickupLocationList with the collection’s own filters finds the locations created in range', async () => {
    const endpoint = fixture.endpoints.find((candidate) => candidate.name === 'Get Pickup Location List');
    assert.ok(endpoint);
    const answer = await replay(sandbox, endpoint, { ...endpoint.examples[0], request: { method: 'GET', url: endpoint.url, body: null } });
    const body = answer.json as { warehouses: Array<{ code: string }>; branches: Array<{ code: string }> };
    assert.deepStrictEqual(body.warehouses.map((location) => location.code), ['WHA']);
    assert.deepStrictEqual(body.branches.map((location) => location.code), ['br12']);
    assert.deepStrictEqual(missingFrom(JSON.parse(endpoint.examples[0].responseBody), body), []);
  });

  it('uses OTO’s own error codes and messages', async () => {
    const { OTO_MESSAGES } = await import('../../../../src/sandbox/http/errors');
    const table = new Map(fixture.errorCodes.map((entry) => [entry.code, entry.message]));
    for (const [code, message] of Object.entries(OTO_MESSAGES)) {
      assert.strictEqual(message, table.get(code), code);
    }
  });
});
