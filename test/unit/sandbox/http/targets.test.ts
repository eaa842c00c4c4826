// Request targets as clients send them, byte for byte (fetch would tidy them first): the endpoint's
// own target is split without the URL parser, anything else still goes through it, so both answer
// alike.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { queryOf } from '../../../../src/sandbox/http/server';
import { useSandbox } from '../../fakes/sandboxHttp';

describe('sandbox request targets', () => {
  const t = useSandbox();

  function get(target: string, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; json: Record<string, unknown> }> {
    const base = new URL(t.sandbox.baseUrl);
    return new Promise((resolve, reject) => {
      const request = http.request({ host: base.hostname, port: base.port, path: `${base.pathname}/${target}`, headers: { Authorization: `Bearer ${t.api.token}`, ...headers }, agent: false }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
      });
      request.on('error', reject);
      request.end();
    });
  }

  const skusOf = (answer: { json: Record<string, unknown> }): string[] => Object.keys(answer.json.stock as object).sort();

  it('answers the same through plain, trailing-slash, dot-segment, encoded and fragment targets', async () => {
    for (const target of [
      'checkGlobalStock?sku=AJW-DATES-500,COF-SAU-250',
      'checkGlobalStock/?sku=AJW-DATES-500,COF-SAU-250',
      'x/../checkGlobalStock?sku=AJW-DATES-500,COF-SAU-250',
      'checkGlobalStock?sku=AJW%2DDATES-500%2CCOF-SAU-250',
      'checkGlobalStock?sku=AJW-DATES-500,COF-SAU-250#part',
      'checkGlobalStock?sku=NOPE&sku=AJW-DATES-500,COF-SAU-250',
    ]) {
      const answer = await get(target);
      assert.equal(answer.status, 200, target);
      assert.deepEqual(skusOf(answer), ['AJW-DATES-500', 'COF-SAU-250'], target);
    }
  });

  it('still reads the body of a request that announces one, and refuses a target that is none', async () => {
    assert.equal((await get('checkGlobalStock', { 'Content-Length': '0' })).status, 400);
    assert.equal((await get('checkGlobalStock?sku=AJW-DATES-500', { 'Content-Length': '0' })).status, 200);
    const base = new URL(t.sandbox.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request({ host: base.hostname, port: base.port, path: '//[', agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    assert.equal(status, 400);
  });

  it('splits a query exactly as URLSearchParams does, duplicates, empty pairs and odd names included', () => {
    const queries = [
      '', 'sku=A', 'sku=A,B', 'sku=A&sku=B', 'a=1&b=2&a=3', '&&sku=A&&', 'sku', 'sku=', '=x', 'a=b=c', 'sku=A?x=1',
      '2=two&1=one&b=B', 'sku=%41%2CB', 'sku=A+B', '__proto__=x', 'constructor=1&toString=2', 'a&b&c', 'x=1;y=2',
    ];
    // And a few hundred made of the characters that matter, in every arrangement they fall into.
    const alphabet = ['a', 'b', '=', '&', '%41', '+', '1'];
    let seed = 7;
    for (let index = 0; index < 400; index++) {
      let query = '';
      for (let length = index % 9; length > 0; length--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        query += alphabet[seed % alphabet.length];
      }
      queries.push(query);
    }
    for (const query of queries) {
      const expected = Object.fromEntries(new URLSearchParams(query));
      const split = queryOf(query);
      assert.deepEqual(Object.entries(split), Object.entries(expected), query);
      assert.equal(Object.getPrototypeOf(split), Object.prototype, query);
    }
  });
});
