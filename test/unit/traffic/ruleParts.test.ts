// The questions several lint rules ask of an exchange (traffic/rules/rule.ts): who is one client,
// did the answer say yes, what the body holds, how a message quotes and words a value.
import * as assert from 'node:assert';
import { clientLabel, ENGLISH, findBack, orderItems, quote, requestObject, rule, sameClient, sameToken, succeeded } from '../../../src/traffic/rules/rule';
import type { TrafficExchange } from '../../../src/traffic/exchange';
import { ADJUST, exchange, READ } from './build';

/** An exchange whose client is exactly `client` (no family unless given). */
function from(client: Partial<TrafficExchange['client']>, id = 1): TrafficExchange {
  const one = exchange(id, READ);
  return { ...one, client: { address: '127.0.0.1', port: 50000, own: false, ...client } };
}

describe('lint rule building blocks', () => {
  describe('wording', () => {
    it('fills each {name} it has a value for and leaves the others as written', () => {
      assert.strictEqual(ENGLISH.t('{sku} at {location}: {sku} {missing} {}', { sku: 'A', location: 'RUH-WH1' }), 'A at RUH-WH1: A {missing} {}');
      assert.strictEqual(ENGLISH.t('{toString} {constructor}', {}), '{toString} {constructor}', 'nothing inherited counts as a value');
      assert.strictEqual(ENGLISH.t('{a_1}', { a_1: 0 }), '0');
    });
    it('words a count of many', () => {
      assert.strictEqual(ENGLISH.pluralOfMany(7, '{0} refreshes'), '7 refreshes');
    });
    it('builds findings that name the exchange first, then those it relates to, worded in English', () => {
      const built = rule('demo', 'info', (l10n, p) => l10n.t('saw {n}', p), (history) => history.map((earlier) => ({ params: { n: earlier.id }, ...(earlier.id === 1 ? {} : { related: [earlier.id] }) })));
      const [first, second] = built.check([exchange(1, READ), exchange(2, READ)], exchange(3, READ), { duplicateWindowSeconds: 10 });
      assert.deepStrictEqual(first, { rule: 'demo', severity: 'info', message: 'saw 1', exchangeIds: [3], params: { n: 1 } });
      assert.deepStrictEqual(second.exchangeIds, [3, 2]);
      assert.deepStrictEqual(built.check([], exchange(3, READ), { duplicateWindowSeconds: 10 }), []);
    });
  });

  describe('quote', () => {
    it('quotes a value as JSON, up to 60 characters whole, longer ones cut to 57 and an ellipsis', () => {
      assert.strictEqual(quote('40.5'), '"40.5"');
      assert.strictEqual(quote(1.5), '1.5');
      assert.strictEqual(quote(undefined), 'missing');
      const sixty = 'x'.repeat(58);
      assert.strictEqual(quote(sixty), `"${sixty}"`);
      assert.strictEqual(quote(`${sixty}y`), `"${'x'.repeat(56)}…`);
    });
  });

  describe('who is one client', () => {
    it('is the token family when either side has one', () => {
      assert.ok(sameClient(from({ family: 'F1' }), from({ family: 'F1', address: '10.0.0.9', userAgent: 'other' })));
      assert.ok(!sameClient(from({ family: 'F1', userAgent: 'erp' }), from({ family: 'F2', userAgent: 'erp' })));
      assert.ok(!sameClient(from({ family: 'F1', userAgent: 'erp' }), from({ userAgent: 'erp' })), 'a request with a family and one without are two clients');
      assert.ok(!sameClient(from({ userAgent: 'erp' }), from({ family: 'F1', userAgent: 'erp' })));
    });
    it('is address and User-Agent without a family, whatever the port', () => {
      assert.ok(sameClient(from({ userAgent: 'erp', port: 1 }), from({ userAgent: 'erp', port: 2 })));
      assert.ok(!sameClient(from({ userAgent: 'erp' }), from({ userAgent: 'curl' })), 'another User-Agent');
      assert.ok(!sameClient(from({ userAgent: 'erp' }), from({ userAgent: 'erp', address: '10.0.0.9' })), 'another address');
    });
    it('is the access token, for the rules whose finding is an error', () => {
      assert.ok(sameToken(from({ token: 't1', family: 'F1' }), from({ token: 't1', family: 'F2' })));
      assert.ok(!sameToken(from({ token: 't1', family: 'F1' }), from({ token: 't2', family: 'F1' })), 'one family, two tokens: two workers');
      assert.ok(!sameToken(from({ family: 'F1' }), from({ token: 't1', family: 'F1' })));
      assert.ok(!sameToken(from({ token: 't1', family: 'F1' }), from({ family: 'F1' })), 'a token on either side');
      assert.ok(sameToken(from({ family: 'F1' }), from({ family: 'F1' })), 'no tokens: the family decides');
      assert.ok(!sameToken(from({ family: 'F1' }), from({ family: 'F2' })));
    });
    it('names a client by its User-Agent, else its address, then its family', () => {
      assert.strictEqual(clientLabel(from({ userAgent: 'erp/2', family: 'F3' })), 'erp/2 (F3)');
      assert.strictEqual(clientLabel(from({ address: '10.0.0.9', family: 'F3' })), '10.0.0.9 (F3)');
      assert.strictEqual(clientLabel(from({ userAgent: 'erp/2' })), 'erp/2');
    });
  });

  describe('what the answer said', () => {
    const answered = (status: number | undefined, response: unknown = { success: true }): TrafficExchange =>
      exchange(1, status === undefined ? { body: ADJUST, noAnswer: true } : { body: ADJUST, status, response });
    it('succeeded: a 2xx without an OTO error code', () => {
      assert.ok(succeeded(answered(200)));
      assert.ok(succeeded(answered(299)));
      assert.ok(!succeeded(answered(300)), 'a 3xx did not apply anything');
      assert.ok(!succeeded(answered(200, { success: false, errorCode: 7 })), 'OTO refused it with a 200');
      assert.ok(!succeeded(answered(undefined)), 'no answer');
    });
  });

  describe('what the body holds', () => {
    const posted = (text: string): TrafficExchange => exchange(1, { text });
    it('reads a JSON object body, and nothing else, as the request object', () => {
      assert.deepStrictEqual(requestObject(posted('{"sku":"A"}')), { sku: 'A' });
      for (const text of ['null', '[{"sku":"A"}]', '"A"', '5', 'not json', '']) {
        assert.strictEqual(requestObject(posted(text)), undefined, text);
      }
    });
    it("takes an order's items that are objects, keeping their index, and none when items is not a list", () => {
      assert.deepStrictEqual(orderItems({ items: [null, 'A', { sku: 'B' }, ['C'], 5, { sku: 'D' }] }), [
        { index: 2, item: { sku: 'B' } },
        { index: 5, item: { sku: 'D' } },
      ]);
      for (const items of ['AB', { 0: { sku: 'A' }, length: 1 }, undefined, null]) {
        assert.deepStrictEqual(orderItems({ items }), [], JSON.stringify(items) ?? 'undefined');
      }
    });
  });

  describe('findBack', () => {
    const history = [1, 2, 3, 4, 5].map((id) => exchange(id, { ...READ, at: id }));
    it('walks back from the newest, returning the first match, down to the oldest', () => {
      assert.strictEqual(findBack(history, () => true, (one) => one.id % 2 === 0)?.id, 4);
      assert.strictEqual(findBack(history, () => true, (one) => one.id === 1)?.id, 1);
      assert.strictEqual(findBack(history, () => true, () => false), undefined);
      assert.strictEqual(findBack([], () => true, () => true), undefined);
    });
    it('stops where keep says so, before looking at that exchange', () => {
      assert.strictEqual(findBack(history, (one) => one.id > 3, (one) => one.id === 2), undefined);
      assert.strictEqual(findBack(history, (one) => one.id > 3, (one) => one.id === 3), undefined);
      assert.strictEqual(findBack(history, (one) => one.id > 3, (one) => one.id === 4)?.id, 4);
    });
  });
});
