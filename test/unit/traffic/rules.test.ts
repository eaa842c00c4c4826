// Each contract rule, both ways: a request that trips it, and the nearest one that must not.
import * as assert from 'node:assert';
import { DEFAULT_LINT_OPTIONS, RULES } from '../../../src/traffic/lint';
import { noContentType, urlTooLong } from '../../../src/traffic/rules/requests';
import { ADJUST, exchange, lastFindings, lintAll, READ, rulesFired, SET, type Sent } from './build';

const ORDER = '/rest/v2/createInventoryOrder';
const order = (extra: Record<string, unknown> = {}): Sent => ({
  target: ORDER,
  body: { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 3 }], ...extra },
});
const fired = (...sent: Sent[]): string[] => rulesFired(...sent).pop()!;
/** Another worker: its own access token (and its own connection). */
const OTHER = { token: 'sandbox-at-ffffffffffffffffffffffffffffffff', port: 50001 };

describe('traffic lint rules', () => {
  it('has twelve rules with stable ids and fixed severities', () => {
    assert.deepStrictEqual(
      RULES.map((rule) => `${rule.id}:${rule.severity}`).sort(),
      [
        'date-format:warning',
        'duplicate-write:error',
        'expired-token-reused:warning',
        'no-content-type:info',
        'qty-not-integer:error',
        'repeated-json-key:error',
        'repeated-query-parameter:error',
        'retry-after-ignored:warning',
        'set-overwrote-change:warning',
        'sku-comma:error',
        'token-churn:warning',
        'url-too-long:warning',
      ],
    );
  });

  describe('qty-not-integer', () => {
    it('reads only the quantities of the two writes that carry one, sent as POST', () => {
      assert.deepStrictEqual(fired({ target: '/rest/v2/getPackingOrders', body: { qty: '1.5', items: [{ qty: '1.5' }] } }), [], 'another endpoint');
      assert.deepStrictEqual(fired({ method: 'PUT', body: { ...ADJUST, qty: '1.5' } }), [], 'not a POST');
      assert.deepStrictEqual(fired({ body: { ...ADJUST, qty: undefined } }), [], 'no qty at all is not this rule');
      assert.deepStrictEqual(fired(order({ items: [{ sku: 'A' }, null, 'B', { sku: 'C', qty: 2 }] })), [], 'items without a quantity');
      assert.deepStrictEqual(fired(order({ items: 'A:1.5' })), [], 'items that are not a list');
    });
    it('quotes the value it read, cut short when long', () => {
      const [finding] = lastFindings({ body: { ...ADJUST, qty: '1'.repeat(70) + '.5' } });
      assert.deepStrictEqual(finding.params, { field: 'qty', value: `"${'1'.repeat(56)}…`, problem: 'type' });
      assert.strictEqual(finding.message, `qty is "${'1'.repeat(56)}…, not an integer: OTO answers OTO1132 "Quantity is missing or invalid" and changes nothing. Send a whole number, e.g. 40 or "40".`);
    });
    for (const qty of ['40.5', 1.5, '1e3', '', null, 'ten']) {
      it(`fires for qty ${JSON.stringify(qty)}`, () => {
        const [finding] = lastFindings({ body: { ...ADJUST, qty } });
        assert.strictEqual(finding.rule, 'qty-not-integer');
        assert.strictEqual(finding.severity, 'error');
        assert.match(finding.message, /OTO1132/);
        assert.deepStrictEqual(finding.exchangeIds, [1]);
      });
    }
    it('says a whole number past ±2,147,483,647 is beyond the range, not "not an integer", quoting the digits sent', () => {
      for (const [qty, value] of [[2147483648, '2147483648'], ['-2147483648', '"-2147483648"'], [1e308, '1e+308']] as const) {
        const [finding] = lastFindings({ body: { ...ADJUST, qty } });
        assert.deepStrictEqual(finding.params, { field: 'qty', value, problem: 'range' }, String(qty));
        assert.match(finding.message, /, beyond ±2,147,483,647: OTO answers OTO1132/);
      }
      const text = JSON.stringify({ ...ADJUST, qty: 0 }).replace('"qty":0', '"qty":9007199254740993');
      assert.strictEqual(lastFindings({ text })[0].params?.value, '9007199254740993');
    });
    it('fires for an adjustment by zero (-0 too) and a set below zero, which OTO refuses; not for a set to zero', () => {
      assert.deepStrictEqual(lastFindings({ body: { ...ADJUST, qty: '0' } })[0].params, { field: 'qty', value: '"0"', problem: 'zero' });
      assert.deepStrictEqual(lastFindings({ text: JSON.stringify({ ...ADJUST, qty: 0 }).replace('"qty":0', '"qty":-0') })[0].params, { field: 'qty', value: '-0', problem: 'zero' });
      assert.match(lastFindings({ body: { ...SET, qty: -3 } })[0].message, /^qty is -3: stock cannot be set below zero/);
      assert.deepStrictEqual(fired({ body: { ...SET, qty: 0 } }), []);
    });
    it('fires for an inventory order item, naming the item', () => {
      const [finding] = lastFindings(order({ items: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: '2.5' }] }));
      assert.strictEqual(finding.params?.field, 'items[1].qty');
    });
    it('does not fire for whole numbers as numbers or digit strings', () => {
      for (const qty of [40, '40', -3, '-3']) {
        assert.deepStrictEqual(fired({ body: { ...ADJUST, qty } }), [], String(qty));
      }
      assert.deepStrictEqual(fired(order()), []);
    });
  });

  describe('repeated-json-key', () => {
    it('names a key given twice in one object, once, at any depth; not the same key in two objects, nor a key-like string value', () => {
      const names = (text: string): unknown[] => lastFindings({ text }).filter((finding) => finding.rule === 'repeated-json-key').map((finding) => finding.params?.name);
      assert.deepStrictEqual(names('{"actionType":"adjust","locationCode":"RUH-WH1","sku":"A","qty":1,"qty":1000,"qty":2}'), ['qty']);
      assert.deepStrictEqual(names('{"action":"inbound","items":[{"sku":"A","qty":1,"sku":"B"},{"sku":"C","qty":2}]}'), ['sku']);
      assert.deepStrictEqual(names('{"a\\"":1,"a\\u0022":2,"b":"\\"b\\":","c":[1,{"b":2}]}'), ['a"']);
      assert.deepStrictEqual(names(JSON.stringify(ADJUST)), []);
      assert.deepStrictEqual(fired({ method: 'PUT', text: '{"qty":1,"qty":2}' }), [], 'only POST bodies');
    });
  });

  describe('date-format', () => {
    it('suggests the DD/MM/YYYY form of what the value probably meant, else an example', () => {
      const example = (orderDate: unknown): unknown => lastFindings(order({ orderDate }))[0]?.params?.example;
      assert.strictEqual(example(' 2024-3-5 '), '05/03/2024');
      assert.strictEqual(example('2024/03/31T10:00:00Z'), '31/03/2024');
      assert.strictEqual(example('2024.12.01'), '01/12/2024');
      assert.strictEqual(example('5-3-2024'), '05/03/2024');
      assert.strictEqual(example('31.12.2024'), '31/12/2024');
      assert.strictEqual(example('2024-02-30'), '31/03/2024', 'no such day');
      assert.strictEqual(example('3/31/2024'), '31/03/2024', 'month first');
      assert.strictEqual(example('05-03-20245'), '31/03/2024', 'a five-digit year');
      assert.strictEqual(example('x2024-03-05'), '31/03/2024');
      assert.strictEqual(example('on 5-3-2024'), '31/03/2024', 'words around a date are not guessed at');
      assert.strictEqual(example(20240305), '31/03/2024');
      assert.strictEqual(example(null), '31/03/2024');
    });
    it('quotes the value and names the field in its words', () => {
      const [finding] = lastFindings(order({ deliveryDate: null }));
      assert.deepStrictEqual(finding.params, { field: 'deliveryDate', value: 'null', example: '31/03/2024' });
      assert.strictEqual(finding.message, '{field} is {value}, not a real DD/MM/YYYY date: OTO creates the order but drops the date, saying so only in a warning. Send "{example}".'.replace('{field}', 'deliveryDate').replace('{value}', 'null').replace('{example}', '31/03/2024'));
    });
    it('reads the dates of inventory orders only', () => {
      assert.deepStrictEqual(fired({ body: { ...ADJUST, orderDate: '2024-03-31' } }), []);
    });
    it('fires for an ISO date and suggests the DD/MM/YYYY form', () => {
      const [finding] = lastFindings(order({ orderDate: '2024-03-31' }));
      assert.strictEqual(finding.rule, 'date-format');
      assert.strictEqual(finding.severity, 'warning');
      assert.match(finding.message, /drops the date/);
      assert.strictEqual(finding.params?.example, '31/03/2024');
    });
    it('fires for a date that does not exist, and for each date field', () => {
      assert.deepStrictEqual(fired(order({ orderDate: '31/02/2024', deliveryDate: 20240301 })), ['date-format', 'date-format']);
    });
    it('does not fire for real DD/MM/YYYY dates or an order without dates', () => {
      assert.deepStrictEqual(fired(order({ orderDate: '29/02/2024', deliveryDate: '01/03/2024' })), []);
      assert.deepStrictEqual(fired(order()), []);
    });
  });

  describe('duplicate-write', () => {
    it('counts a write up to exactly the window back, and words what it saw', () => {
      const findings = lastFindings({ body: ADJUST }, { body: ADJUST, at: 10_000 });
      assert.deepStrictEqual(findings.map((finding) => finding.params), [{ endpoint: 'updateStockQuantity', seconds: '10.0', earlier: 1 }]);
      assert.strictEqual(
        findings[0].message,
        'The same updateStockQuantity was sent again 10.0 s after #1: OTO has no idempotency key, so if both arrived the change was applied twice. Resend a write only when it provably never reached OTO; read the stock first.',
      );
    });
    it('counts an earlier write unless a 4xx refused it', () => {
      const after = (status: number): string[] => fired({ body: ADJUST, status, response: { success: status < 400 } }, { body: ADJUST, at: 100 });
      assert.deepStrictEqual([399, 400, 404, 499, 500, 502].map((status) => [status, after(status)]), [
        [399, ['duplicate-write']],
        [400, []],
        [404, []],
        [499, []],
        [500, ['duplicate-write']],
        [502, ['duplicate-write']],
      ]);
    });
    it('takes a refusal under HTTP 200 (success: false, however the server spaces it) as a refusal', () => {
      const spaced = '{"success": false, "otoErrorCode": "OTO1132", "otoErrorMessage": "Quantity is missing or invalid"}';
      assert.strictEqual(exchange(1, { body: ADJUST, responseText: spaced }).otoCode, 'OTO1132');
      assert.strictEqual(exchange(1, { body: ADJUST, responseText: '{\n  "success" :\tfalse,\n  "errorCode": 7,\n  "errorMsg": "qty must be a number"\n}' }).otoCode, '7');
      const after = (text: string): string[] => fired({ body: ADJUST, responseText: text }, { body: ADJUST, at: 100 });
      assert.deepStrictEqual(after('{"success":false,"otoErrorCode":"OTO1132","otoErrorMessage":"Quantity is missing or invalid"}'), []);
      assert.deepStrictEqual(after(spaced), []);
      assert.deepStrictEqual(after('{"success": true, "note": "success: false is only words here"}'), ['duplicate-write']);
    });
    it('points at the latest earlier copy when there are several', () => {
      assert.deepStrictEqual(lastFindings({ body: ADJUST }, { body: ADJUST, at: 100 }, { body: ADJUST, at: 200 })[0].exchangeIds, [3, 2]);
    });
    it('looks only at POSTed adjusts and orders to the same endpoint', () => {
      assert.deepStrictEqual(fired({ method: 'PUT', body: ADJUST }, { method: 'PUT', body: ADJUST, at: 100 }), [], 'not a POST');
      assert.deepStrictEqual(fired({ target: '/rest/v2/getPackingOrders', body: ADJUST }, { target: '/rest/v2/getPackingOrders', body: ADJUST, at: 100 }), [], 'another endpoint');
      const body = { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 3 }] };
      assert.deepStrictEqual(fired({ body }, { target: ORDER, body, at: 100 }), [], 'the same body sent to another write');
    });
    it('compares bodies that are not JSON as text', () => {
      assert.deepStrictEqual(fired({ target: ORDER, text: 'items=A:3' }, { target: ORDER, text: 'items=A:3', at: 100 }), ['duplicate-write']);
      assert.deepStrictEqual(fired({ target: ORDER, text: 'items=A:3' }, { target: ORDER, text: 'items=B:3', at: 100 }), []);
    });
    it('fires for the same adjust from the same client within the window, pointing at both', () => {
      const findings = lastFindings({ body: ADJUST }, { body: ADJUST, at: 800 });
      assert.deepStrictEqual(
        findings.map((finding) => [finding.rule, finding.exchangeIds]),
        [['duplicate-write', [2, 1]]],
      );
      assert.strictEqual(findings[0].params?.seconds, '0.8');
    });
    it('fires for the same inventory order sent twice', () => {
      assert.deepStrictEqual(fired(order(), { ...order(), at: 3000 }), ['duplicate-write']);
    });
    it('does not fire after the window, for another body, another client, a set, or after a 4xx', () => {
      assert.deepStrictEqual(fired({ body: ADJUST }, { body: ADJUST, at: 10_001 }), []);
      assert.deepStrictEqual(fired({ body: ADJUST }, { body: { ...ADJUST, qty: '6' }, at: 100 }), []);
      assert.deepStrictEqual(fired({ body: ADJUST }, { body: ADJUST, at: 100, ...OTHER }), []);
      assert.deepStrictEqual(fired({ body: SET }, { body: SET, at: 100 }), []);
      assert.deepStrictEqual(fired({ body: ADJUST, status: 400, response: { success: false, otoErrorCode: 'OTO1133' } }, { body: ADJUST, at: 100 }), []);
    });
    it('fires for the same body spaced differently, and not for a body that differs', () => {
      const spaced = JSON.stringify(ADJUST, null, 2);
      assert.deepStrictEqual(fired({ body: ADJUST }, { text: spaced, at: 100 }), ['duplicate-write']);
      assert.deepStrictEqual(fired({ body: ADJUST }, { text: spaced.replace('"5"', '"6"'), at: 100 }), []);
    });
    it('fires for the same body with its members in another order', () => {
      const reordered = '{"items":[{"qty":3,"sku":"AJW-DATES-500"}],"locationCode":"RUH-WH1","action":"inbound"}';
      assert.deepStrictEqual(fired(order(), { target: ORDER, text: reordered, at: 100 }), ['duplicate-write']);
    });
    it('does not fire for two long bodies that differ only in the middle of a long field', () => {
      const notes = 'Inbound from the ERP import, batch notes: '.padEnd(8_000, 'x');
      const other = `${notes.slice(0, 4_000)}y${notes.slice(4_001)}`;
      assert.deepStrictEqual(fired(order({ description: notes }), { ...order({ description: other }), at: 100 }), []);
      assert.deepStrictEqual(fired(order({ description: notes }), { ...order({ description: notes }), at: 100 }), ['duplicate-write']);
    });
    it('serialises each body once, not once per pair, when a bulk import sends many writes in the window', () => {
      // An ERP importing 200 different inventory orders within seconds: each is compared with
      // every earlier one; serialising both bodies per comparison made that quadratic.
      const orders = Array.from({ length: 200 }, (_, i) => ({ ...order({ items: [{ sku: `SKU-${i}`, qty: i + 1 }] }), at: i }));
      const serialise = JSON.stringify;
      let calls = 0;
      JSON.stringify = ((...args: Parameters<typeof serialise>) => {
        calls++;
        return serialise(...args);
      }) as typeof JSON.stringify;
      let findings: string[][];
      try {
        findings = rulesFired(...orders);
      } finally {
        JSON.stringify = serialise;
      }
      assert.deepStrictEqual(findings.flat(), [], 'no two of them are the same');
      // The fixtures' own bodies are serialised once each by the builder; the rule adds at most one more each.
      assert.ok(calls <= orders.length * 3, `${calls} serialisations for ${orders.length} writes`);
    });
    it('counts a write that got no answer (it may have been applied)', () => {
      assert.deepStrictEqual(fired({ body: ADJUST, status: 503 }, { body: ADJUST, at: 100 }), ['duplicate-write']);
      assert.deepStrictEqual(fired({ body: ADJUST, noAnswer: true }, { body: ADJUST, at: 100 }), ['duplicate-write'], 'the resend after a timeout');
      assert.deepStrictEqual(fired({ body: ADJUST, status: 201 }, { body: ADJUST, at: 100 }), ['duplicate-write'], 'any 2xx applied');
    });
    it('does not fire for two workers on one machine and one User-Agent, each with its own token, sending the same adjust', () => {
      // Twenty CI workers, each refreshing once and selling one unit of the same SKU.
      const sell = { ...ADJUST, qty: -1 };
      const workers = Array.from({ length: 20 }, (_, i) => ({ token: `sandbox-at-${String(i).padStart(32, '0')}`, port: 51000 + i }));
      const sent: Sent[] = [
        ...workers.map((worker, i) => ({ target: '/rest/v2/refreshToken', body: { refresh_token: 'shared' }, token: null, port: worker.port, at: i, response: { success: true, access_token: worker.token } })),
        ...workers.map((worker, i) => ({ body: sell, token: worker.token, port: worker.port, at: 100 + i, userAgent: 'node' })),
      ];
      assert.deepStrictEqual(rulesFired(...sent).flat(), []);
    });
    it('does not tie two workers together through a connection their process pool shares', () => {
      // One process, two workers: the second refreshes over the socket the first used, then both sell one.
      const [a, b] = ['sandbox-at-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'sandbox-at-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'];
      const refresh = (token: string, at: number): Sent => ({ target: '/rest/v2/refreshToken', body: { refresh_token: 'shared' }, token: null, at, response: { success: true, access_token: token } });
      assert.deepStrictEqual(rulesFired(refresh(a, 0), { body: ADJUST, token: a, at: 10 }, refresh(b, 20), { body: ADJUST, token: b, at: 30 }).flat(), []);
    });
  });

  describe('set-overwrote-change', () => {
    it('words the lost change: which stock, who changed it, where', () => {
      const [finding] = lastFindings(READ, { body: ADJUST, ...OTHER, at: 100 }, { body: SET, at: 200 });
      assert.deepStrictEqual(finding.params, { sku: 'AJW-DATES-500', location: 'RUH-WH1', other: 'erp/1.0 (F2)', earlier: 2 });
      assert.strictEqual(
        finding.message,
        'This set of AJW-DATES-500 at RUH-WH1 replaced a quantity that erp/1.0 (F2) changed (#2) after this client last read it: that change is lost. Read the stock right before a set, or send an adjust.',
      );
    });
    it('names the latest change when several were lost, and fires for a set nobody read before', () => {
      assert.deepStrictEqual(lastFindings({ body: ADJUST, ...OTHER }, { body: { ...ADJUST, qty: '9' }, ...OTHER, at: 50 }, { body: SET, at: 200 })[0].exchangeIds, [3, 2]);
      assert.deepStrictEqual(fired({ body: SET, ...OTHER }, { body: SET, at: 100 }), ['set-overwrote-change'], "the other client's set is a change too");
    });
    it('asks only of a set with a SKU and a location, and only of changes that name both', () => {
      assert.deepStrictEqual(fired({ body: ADJUST, ...OTHER }, { body: { ...SET, sku: 5 } }), []);
      assert.deepStrictEqual(fired({ body: ADJUST, ...OTHER }, { body: { ...SET, locationCode: undefined } }), []);
      assert.deepStrictEqual(fired({ body: { ...ADJUST, locationCode: 7 }, ...OTHER }, { body: SET }), []);
      assert.deepStrictEqual(fired({ target: ORDER, body: { ...ADJUST }, ...OTHER }, { body: SET }), [], 'an inventory order is no updateStockQuantity');
      assert.deepStrictEqual(fired({ body: ADJUST, ...OTHER }, { body: { ...SET, actionType: 'adjust' }, at: 100 }), []);
    });
    it("reports a lost change once: the client's own set since then knew what it replaced", () => {
      // A sync job that sets the SKU every minute without reading: the other client's adjust is lost
      // at the first set, and the later sets replace only the job's own figure.
      const sent: Sent[] = [READ, { body: ADJUST, ...OTHER, at: 100 }, { body: SET, at: 200 }, { body: { ...SET, qty: '41' }, at: 60_200 }, { body: { ...SET, qty: '42' }, at: 120_200 }];
      assert.deepStrictEqual(rulesFired(...sent), [[], [], ['set-overwrote-change'], [], []]);
      const another = { ...SET, sku: 'COF-SAU-250' };
      assert.deepStrictEqual(fired(READ, { body: ADJUST, ...OTHER, at: 100 }, { body: another, at: 150 }, { body: SET, at: 200 }), ['set-overwrote-change'], 'its set of another SKU does not count');
      const elsewhere = { ...SET, locationCode: 'JED-WH1' };
      assert.deepStrictEqual(fired(READ, { body: ADJUST, ...OTHER, at: 100 }, { body: elsewhere, at: 150 }, { body: SET, at: 200 }), ['set-overwrote-change'], 'nor its set of that SKU elsewhere');
      const refused = { body: SET, at: 150, status: 400, response: { success: false, otoErrorCode: 'OTO1132' } };
      assert.deepStrictEqual(fired(READ, { body: ADJUST, ...OTHER, at: 100 }, refused, { body: SET, at: 200 }), ['set-overwrote-change'], 'nor a set OTO refused');
      assert.deepStrictEqual(fired(READ, { body: ADJUST, ...OTHER, at: 100 }, { body: ADJUST, at: 150 }, { body: SET, at: 200 }), ['set-overwrote-change'], 'its own adjust built on the lost change');
    });
    it('takes only a successful checkInventoryStock as a read, not a global total', () => {
      const change: Sent = { body: ADJUST, ...OTHER, at: 100 };
      assert.deepStrictEqual(fired(READ, change, { target: '/rest/v2/checkGlobalStock?sku=AJW-DATES-500', at: 150 }, { body: SET, at: 200 }), ['set-overwrote-change']);
      assert.deepStrictEqual(fired(READ, change, { target: ORDER, body: SET, at: 200 }), [], 'an inventory order is no set, whatever its body says');
    });
    it('takes a read of all locations as a read of that stock', () => {
      assert.deepStrictEqual(fired({ body: ADJUST, ...OTHER }, { target: '/rest/v2/checkInventoryStock?sku=AJW-DATES-500', at: 100 }, { body: SET, at: 200 }), []);
      assert.deepStrictEqual(fired({ body: ADJUST, ...OTHER }, { target: '/rest/v2/checkInventoryStock', at: 100 }, { body: SET, at: 200 }), ['set-overwrote-change'], 'a read without SKUs read none');
      assert.deepStrictEqual(fired({ body: ADJUST, ...OTHER }, { target: '/rest/v2/checkInventoryStock?sku=AJW-DATES-5000', at: 100 }, { body: SET, at: 200 }), ['set-overwrote-change'], 'a SKU that only starts the same');
    });
    it('does not take a change another client sent and OTO refused under HTTP 200 (success: false) for a change', () => {
      const refusedSet: Sent = { body: { ...SET, qty: 3 }, ...OTHER, responseText: '{"success": false, "otoErrorCode": "OTO1132", "otoErrorMessage": "Quantity is missing or invalid"}' };
      assert.deepStrictEqual(fired({ ...READ }, refusedSet, { body: SET, at: 100 }), []);
      assert.deepStrictEqual(fired({ ...READ }, { ...refusedSet, responseText: '{"success": true}' }, { body: SET, at: 100 }), ['set-overwrote-change']);
    });
    it('fires when another client changed the quantity after this client last read it', () => {
      const findings = lastFindings(READ, { body: ADJUST, userAgent: 'oto-stock-vscode/0.1.0', ...OTHER, at: 100 }, { body: SET, at: 200 });
      assert.strictEqual(findings[0].rule, 'set-overwrote-change');
      assert.deepStrictEqual(findings[0].exchangeIds, [3, 2]);
      assert.strictEqual(findings[0].params?.other, 'oto-stock-vscode/0.1.0 (F2)');
    });
    it('does not fire when the client read again after the other change, or the change was elsewhere', () => {
      assert.deepStrictEqual(fired({ body: ADJUST, ...OTHER }, { ...READ, at: 100 }, { body: SET, at: 200 }), []);
      assert.deepStrictEqual(fired(READ, { body: { ...ADJUST, locationCode: 'JED-WH1' }, ...OTHER }, { body: SET }), []);
      assert.deepStrictEqual(fired(READ, { body: { ...ADJUST, sku: 'COF-SAU-250' }, ...OTHER }, { body: SET }), [], 'another SKU at the same location');
      assert.deepStrictEqual(fired(READ, { body: ADJUST, ...OTHER, status: 400, response: { success: false, otoErrorCode: 'OTO1132' } }, { body: SET }), [], 'a change OTO refused changed nothing');
      assert.deepStrictEqual(fired(READ, { body: ADJUST, ...OTHER, status: 200, response: { success: false, errorCode: 7 } }, { body: SET }), [], 'nor one refused with a 200');
      assert.deepStrictEqual(fired(READ, { body: ADJUST }, { body: SET }), [], 'its own adjust is no lost update');
      assert.deepStrictEqual(fired(READ, { body: ADJUST, ...OTHER }, { body: SET, status: 400, response: { success: false, otoErrorCode: 'OTO1132' } }), [], 'a set that failed replaced nothing');
    });
    it('fires when what the client read since was not that stock: another SKU, another location, or a read that failed', () => {
      const change: Sent = { body: ADJUST, ...OTHER, at: 100 };
      for (const [read, why] of [
        [{ target: '/rest/v2/checkInventoryStock?sku=COF-SAU-250' }, 'another SKU'],
        [{ target: '/rest/v2/checkInventoryStock?sku=AJW-DATES-500&pickupLocationCode=JED-WH1' }, 'another location'],
        [{ ...READ, status: 500, response: { success: false } }, 'a failed read'],
        [{ target: '/rest/v2/getPackingOrders', body: {} }, 'another endpoint'],
      ] as Array<[Sent, string]>) {
        assert.deepStrictEqual(fired(READ, change, { ...read, at: 150 }, { body: SET, at: 200 }), ['set-overwrote-change'], why);
      }
      const atLocation = { target: '/rest/v2/checkInventoryStock?sku=X,AJW-DATES-500&pickupLocationCode=RUH-WH1' };
      assert.deepStrictEqual(fired(READ, change, { ...atLocation, at: 150 }, { body: SET, at: 200 }), [], 'read again, at that location, in a list');
      assert.deepStrictEqual(fired(change, { target: '/rest/v2/checkInventoryStock?sku=X%2CAJW-DATES-500', at: 150 }, { body: SET, at: 200 }), [], 'read again in an encoded list');
    });
  });

  describe('retry-after-ignored', () => {
    const limited: Sent = { ...READ, status: 429, responseHeaders: { 'retry-after': '5' }, response: { success: false, otoErrorCode: 'OTO1143' } };
    it('fires when the client comes back before Retry-After', () => {
      const [finding] = lastFindings(limited, { ...READ, at: 2005 });
      assert.strictEqual(finding.rule, 'retry-after-ignored');
      assert.strictEqual(finding.params?.retryAfter, 5);
      assert.strictEqual(finding.params?.seconds, '2.0');
    });
    it('does not fire once Retry-After has passed, or for another client', () => {
      assert.deepStrictEqual(fired(limited, { ...READ, at: 5005 }), []);
      assert.deepStrictEqual(fired(limited, { ...READ, at: 100, ...OTHER }), []);
    });
    it('does not fire for a call to another endpoint while one waits out its 429', () => {
      assert.deepStrictEqual(fired(limited, { body: ADJUST, at: 100 }), []);
      assert.deepStrictEqual(fired(limited, { body: ADJUST, at: 100 }, { ...READ, at: 200 }), ['retry-after-ignored'], 'the retry of the limited endpoint still counts');
    });
    it('words what it saw: how soon, after which answer, what it asked', () => {
      const [finding] = lastFindings({ ...limited, responseHeaders: { 'retry-after': '120' } }, { ...READ, at: 30_005 });
      assert.deepStrictEqual(finding.params, { seconds: '30.0', status: 429, earlier: 1, retryAfter: 120 });
      assert.deepStrictEqual(finding.exchangeIds, [2, 1]);
      assert.strictEqual(finding.message, 'Sent 30.0 s after a 429 (#1) that asked to wait 120 s: a client that does not back off keeps being refused. Wait at least Retry-After before retrying.');
    });
    it('counts from when the answer came: a request sent before it arrived is no retry, one sent the moment it arrived is', () => {
      const slow: Sent = { ...limited, durationMs: 500 };
      assert.deepStrictEqual(fired(slow, { ...READ, at: 200 }), [], 'sent while the 429 was on its way');
      assert.deepStrictEqual(fired(slow, { ...READ, at: 500 }), ['retry-after-ignored']);
      assert.deepStrictEqual(fired(slow, { ...READ, at: 5499 }), ['retry-after-ignored']);
      assert.deepStrictEqual(fired(slow, { ...READ, at: 5500 }), []);
    });
    it('looks back over the last 256 exchanges, anyone\'s, for the answer that asked it to wait', () => {
      const between = (count: number): Sent[] => Array.from({ length: count }, (_, i) => ({ body: { ...ADJUST, qty: i + 1 }, at: 10 + i }));
      assert.deepStrictEqual(fired(limited, ...between(255), { ...READ, at: 1000 }), ['retry-after-ignored']);
      assert.deepStrictEqual(fired(limited, ...between(256), { ...READ, at: 1000 }), []);
    });
    it('ignores a Retry-After that is neither delay-seconds nor an HTTP date', () => {
      for (const value of ['2.5', '2099-01-01', 'Jan 1 2099']) {
        assert.deepStrictEqual(fired({ ...limited, responseHeaders: { 'retry-after': value } }, { ...READ, at: 100 }), [], value);
      }
    });
    it('only asks the latest answer of that endpoint: a later one without Retry-After lifts the wait', () => {
      assert.deepStrictEqual(fired(limited, { ...READ, at: 5005 }, { ...READ, at: 5100 }), []);
    });
    it('takes Retry-After only from an answer that asked to back off: 429, 503 or OTO\'s rate-limit codes', () => {
      const after = (status: number, response: unknown): string[] => fired({ ...READ, status, responseHeaders: { 'retry-after': '5' }, response }, { ...READ, at: 100 });
      assert.deepStrictEqual(after(503, { message: 'Service Unavailable', code: 503 }), ['retry-after-ignored']);
      assert.deepStrictEqual(after(200, { success: false, otoErrorCode: 'OTO1105', otoErrorMessage: 'Wait for 1 minute before request again!' }), ['retry-after-ignored']);
      assert.deepStrictEqual(after(200, { success: true, stock: {} }), [], 'a success a gateway stamped with Retry-After asked nothing');
      assert.deepStrictEqual(after(301, { message: 'Moved' }), []);
      assert.deepStrictEqual(after(500, { message: 'Internal error', code: 500 }), []);
    });
    it('reads an HTTP-date Retry-After: fires before that time and not after', () => {
      // The answer ends 5 ms after the start of the history (T0); the date asks to wait 3 s from then.
      const date: Sent = { ...limited, responseHeaders: { 'retry-after': new Date(Date.UTC(2026, 0, 15, 9, 0, 3)).toUTCString() } };
      assert.deepStrictEqual(fired(date, { ...READ, at: 1000 }), ['retry-after-ignored']);
      assert.deepStrictEqual(fired(date, { ...READ, at: 3100 }), []);
      // Counted from when the answer came (500 ms after T0): 2.5 s more.
      const slow: Sent = { ...date, durationMs: 500 };
      assert.deepStrictEqual(fired(slow, { ...READ, at: 2999 }), ['retry-after-ignored']);
      assert.deepStrictEqual(fired(slow, { ...READ, at: 3000 }), []);
      const [finding] = lastFindings(slow, { ...READ, at: 1000 });
      assert.strictEqual(finding.params?.retryAfter, 2.5);
      const past: Sent = { ...limited, responseHeaders: { 'retry-after': new Date(Date.UTC(2026, 0, 15, 8, 0, 0)).toUTCString() } };
      assert.deepStrictEqual(fired(past, { ...READ, at: 10 }), [], 'a date already past asks no wait');
      for (const value of ['soon', '5s', ' ', '-5', '1.5 s', 'in 5']) {
        assert.deepStrictEqual(fired({ ...limited, responseHeaders: { 'retry-after': value } }, { ...READ, at: 100 }), [], `an unreadable value asks nothing: ${JSON.stringify(value)}`);
      }
      assert.deepStrictEqual(fired({ ...limited, responseHeaders: { 'retry-after': ' 5 ' } }, { ...READ, at: 100 }), ['retry-after-ignored'], 'spaces around a number');
    });
  });

  describe('token-churn', () => {
    it('counts a refresh exactly ten minutes back, and points at the five before this one', () => {
      const findings = lintAll([0, 60, 120, 180, 240, 300, 600].map((s) => ({ target: '/rest/v2/refreshToken', body: { refresh_token: 'x' }, at: s * 1000 })));
      assert.deepStrictEqual(findings.map((one) => one.findings.map((finding) => finding.exchangeIds)), [[], [], [], [], [], [[6, 5, 4, 3, 2, 1]], [[7, 6, 5, 4, 3, 2]]]);
      assert.deepStrictEqual(findings[6].findings[0].params, { count: 7 });
      assert.strictEqual(findings[6].findings[0].message, '7 token refreshes in 10 minutes: access tokens last an hour (expires_in). Keep the access token and refresh it shortly before it expires or after a 401.');
    });
    it("does not count another client's refreshes", () => {
      const mixed = [0, 1, 2, 3, 4, 5, 6, 7].map((s): Sent => ({ target: '/rest/v2/refreshToken', body: { refresh_token: 'x' }, at: s * 1000, ...(s % 2 === 0 ? {} : OTHER) }));
      assert.deepStrictEqual(rulesFired(...mixed).flat(), []);
    });
    const refresh = (at: number): Sent => ({ target: '/rest/v2/refreshToken', body: { refresh_token: 'x' }, at });
    it('fires on the sixth refresh within ten minutes', () => {
      const runs = rulesFired(...[0, 60, 120, 180, 240, 300].map((s) => refresh(s * 1000)));
      assert.deepStrictEqual(runs.map((rules) => rules.includes('token-churn')), [false, false, false, false, false, true]);
    });
    it('does not fire for refreshes spread beyond ten minutes', () => {
      assert.deepStrictEqual(rulesFired(...[0, 150, 300, 450, 600, 750].map((s) => refresh(s * 1000))).flat(), []);
    });
    it('counts refreshes only, not the calls between them', () => {
      const reads = Array.from({ length: 8 }, (_, i) => ({ ...READ, at: 1000 + i }));
      assert.deepStrictEqual(rulesFired(refresh(0), ...reads, refresh(2000)).flat(), []);
    });
    it('fires for one worker that refreshes before every call over its connection, and not for twenty workers refreshing once each', () => {
      const minted = (i: number): string => `sandbox-at-${String(i).padStart(32, '0')}`;
      const refreshOn = (port: number, i: number): Sent => ({ target: '/rest/v2/refreshToken', body: { refresh_token: 'shared' }, token: null, port, at: i * 100, response: { success: true, access_token: minted(i) } });
      const churner = Array.from({ length: 6 }, (_, i) => [refreshOn(52000, i), { body: { ...ADJUST, qty: i + 1 }, token: minted(i), port: 52000, at: i * 100 + 50 }]).flat();
      assert.deepStrictEqual(rulesFired(...churner).map((rules) => rules.includes('token-churn')), [false, false, false, false, false, false, false, false, false, false, true, false]);
      const workers = Array.from({ length: 20 }, (_, i) => [refreshOn(53000 + i, i), { body: { ...ADJUST, qty: -1 }, token: minted(i), port: 53000 + i, at: i * 100 + 50 }]).flat();
      assert.deepStrictEqual(rulesFired(...workers).flat(), []);
    });
  });

  describe('url-too-long', () => {
    it('words the length, and measures the query map when the target was not kept', () => {
      const long = `/rest/v2/checkInventoryStock?sku=${'A'.repeat(3000)}`;
      const [finding] = lastFindings({ target: long });
      assert.deepStrictEqual(finding.params, { length: long.length });
      assert.match(finding.message, new RegExp(`^The request URL is ${long.length} characters, over 2,048`));
      const kept = exchange(1, { target: long });
      assert.strictEqual(urlTooLong.check([], { ...kept, target: undefined }, DEFAULT_LINT_OPTIONS)[0]?.params?.length, long.length);
      const short = exchange(1, READ);
      assert.deepStrictEqual(urlTooLong.check([], { ...short, target: undefined }, DEFAULT_LINT_OPTIONS), []);
    });
    it('fires past 2,048 characters and not at 2,048', () => {
      const base = '/rest/v2/checkInventoryStock?sku=';
      assert.deepStrictEqual(fired({ target: base + 'A'.repeat(2049 - base.length) }), ['url-too-long']);
      assert.deepStrictEqual(fired({ target: base + 'A'.repeat(2048 - base.length) }), []);
    });
  });

  describe('repeated-query-parameter', () => {
    it('fires once per name a query repeats, however it is encoded, naming it', () => {
      assert.deepStrictEqual(fired({ target: '/rest/v2/checkInventoryStock?sku=A&sku=B' }), ['repeated-query-parameter']);
      assert.deepStrictEqual(fired({ target: '/rest/v2/checkInventoryStock?sku=A&%73ku=B&pickupLocationCode=X&pickupLocationCode=Y&sku=C' }), ['repeated-query-parameter', 'repeated-query-parameter']);
      const [finding] = lastFindings({ target: '/rest/v2/checkGlobalStock?sku=A&sku=B' });
      assert.deepStrictEqual(finding.params, { name: 'sku' });
      assert.strictEqual(finding.message, 'The query gives "sku" more than once: OTO takes one value per parameter, and which one it would read is not documented. Send a SKU list as one value, sku=A,B.');
    });
    it('does not fire for one value per name, a comma list, or names that only look alike', () => {
      assert.deepStrictEqual(fired({ target: '/rest/v2/checkInventoryStock?sku=A,B&pickupLocationCode=X' }), []);
      assert.deepStrictEqual(fired({ target: '/rest/v2/checkInventoryStock?sku=A&SKU=B&sku_=C' }), []);
      assert.deepStrictEqual(fired({ target: '/rest/v2/checkInventoryStock?sku=A#sku=B' }), []);
    });
  });

  describe('sku-comma', () => {
    it('quotes a SKU up to 80 characters whole, a longer one cut to 77 and an ellipsis', () => {
      const eighty = `A,${'B'.repeat(78)}`;
      assert.strictEqual(lastFindings({ body: { ...ADJUST, sku: eighty } })[0].params?.sku, eighty);
      assert.strictEqual(lastFindings({ body: { ...ADJUST, sku: `${eighty}C` } })[0].params?.sku, `${eighty.slice(0, 77)}…`);
      assert.strictEqual(lastFindings({ body: { ...ADJUST, sku: 'A,B' } })[0].message, 'SKU "A,B" contains a comma: OTO splits SKU lists on commas, so it reads this SKU as several and can never look it up. Use SKUs without commas.');
    });
    it('reads the SKUs of POSTed writes only, and only SKUs that are strings', () => {
      assert.deepStrictEqual(fired({ method: 'PUT', body: { ...ADJUST, sku: 'A,B' } }), []);
      assert.deepStrictEqual(fired({ target: '/rest/v2/getPackingOrders', body: { sku: 'A,B', items: [{ sku: 'A,B' }] } }), []);
      assert.deepStrictEqual(fired({ body: { ...ADJUST, sku: ['A', 'B'] } }), []);
      assert.deepStrictEqual(fired(order({ items: [{ sku: 'A,B', qty: 1 }, { sku: 'C,D', qty: 1 }] })), ['sku-comma', 'sku-comma']);
    });
    it('fires for a SKU with a comma in a write or an order item', () => {
      assert.deepStrictEqual(fired({ body: { ...ADJUST, sku: 'TEA,GREEN' } }), ['sku-comma']);
      const [finding] = lastFindings(order({ items: [{ sku: 'A', qty: 1 }, { sku: 'A,B', qty: 1 }] }));
      assert.strictEqual(finding.params?.sku, 'A,B');
    });
    it('does not fire for a list of SKUs however it is encoded (URLSearchParams, urlencode, axios and requests send %2C)', () => {
      assert.deepStrictEqual(fired(READ), []);
      assert.deepStrictEqual(fired({ body: ADJUST }), []);
      const encoded = `/rest/v2/checkInventoryStock?${new URLSearchParams({ sku: 'AJW-DATES-500,COF-SAU-250' }).toString()}`;
      assert.match(encoded, /%2C/);
      assert.deepStrictEqual(fired({ target: encoded }), []);
      assert.deepStrictEqual(fired({ target: '/rest/v2/checkInventoryStock?sku=A%2cB&pickupLocationCode=RUH-WH1' }), []);
    });
  });

  describe('no-content-type', () => {
    it('takes application/json in any case, after spaces, with parameters; not a type that only starts with it', () => {
      const ruled = (contentType: string): string[] => fired({ body: ADJUST, headers: { 'content-type': contentType } });
      assert.deepStrictEqual(ruled('Application/JSON'), []);
      assert.deepStrictEqual(ruled(' application/json;charset=utf-8'), []);
      assert.deepStrictEqual(ruled('application/jsonp'), ['no-content-type']);
      assert.deepStrictEqual(ruled('text/plain; application/json'), ['no-content-type']);
    });
    it('quotes what was sent, cut to 60 characters, or a dash when nothing was', () => {
      const long = `text/plain; ${'x'.repeat(80)}`;
      assert.deepStrictEqual(lastFindings({ body: ADJUST, headers: { 'content-type': long } })[0].params, { contentType: long.slice(0, 60) });
      const bare = exchange(1, { body: ADJUST });
      const headers = { ...bare.requestHeaders };
      delete headers['content-type'];
      const [finding] = noContentType.check([], { ...bare, requestHeaders: headers }, DEFAULT_LINT_OPTIONS);
      assert.deepStrictEqual(finding.params, { contentType: '—' });
      assert.strictEqual(finding.message, 'POST without Content-Type: application/json (sent: —): OTO may not read the body as JSON. Send the header with every POST.');
    });
    it('fires for a POST without application/json, as info', () => {
      const [finding] = lastFindings({ body: ADJUST, headers: { 'content-type': 'text/plain' } });
      assert.strictEqual(finding.rule, 'no-content-type');
      assert.strictEqual(finding.severity, 'info');
    });
    it('does not fire with application/json (any charset) or for a GET', () => {
      assert.deepStrictEqual(fired({ body: ADJUST, headers: { 'content-type': 'application/json; charset=utf-8' } }), []);
      assert.deepStrictEqual(fired(READ), []);
    });
  });

  describe('expired-token-reused', () => {
    it('words which refusal it repeats, and looks past other clients to this one\'s last call', () => {
      const findings = lastFindings({ ...READ, status: 401, response: { message: 'Jwt is expired', code: 401 } }, { ...READ, ...OTHER, at: 50 }, { ...READ, status: 401, response: { message: 'Jwt is expired', code: 401 }, at: 100 });
      assert.deepStrictEqual(findings.map((finding) => [finding.rule, finding.exchangeIds, finding.params]), [['expired-token-reused', [3, 1], { earlier: 1 }]]);
      assert.match(findings[0].message, /^The same access token was sent again after a 401 \(#1\) without a refresh/);
    });
    it('does not fire when the token worked again, or for another token of the same client', () => {
      const expired: Sent = { ...READ, status: 401, response: { message: 'Jwt is expired', code: 401 } };
      assert.deepStrictEqual(fired(expired, { ...READ, at: 100 }), [], 'answered this time');
      // One client (one connection) whose two refreshes minted two tokens, each refused once.
      const [a, b] = ['sandbox-at-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'sandbox-at-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'];
      const refresh = (token: string, at: number): Sent => ({ target: '/rest/v2/refreshToken', body: { refresh_token: 'shared' }, token: null, at, response: { success: true, access_token: token } });
      assert.deepStrictEqual(rulesFired(refresh(a, 0), refresh(b, 10), { ...expired, token: a, at: 20 }, { ...expired, token: b, at: 30 }).flat(), []);
    });
    it('does not fire for 401s without any access token, or on a refresh', () => {
      const anonymous: Sent = { ...READ, token: null, status: 401, response: { message: 'Unauthorized', code: 401 } };
      assert.deepStrictEqual(fired(anonymous, { ...anonymous, at: 100 }), []);
      const refused: Sent = { target: '/rest/v2/refreshToken', body: { refresh_token: 'x' }, status: 401 };
      assert.deepStrictEqual(fired(refused, { ...refused, at: 100 }), []);
    });
    const expired: Sent = { ...READ, status: 401, response: { message: 'Jwt is expired', code: 401 } };
    it('fires on a second 401 in a row with the same token', () => {
      assert.deepStrictEqual(fired(expired, { ...expired, at: 100 }), ['expired-token-reused']);
    });
    it('does not fire when the earlier call with that token was answered, only this one refused', () => {
      assert.deepStrictEqual(fired({ ...READ }, { ...expired, at: 100 }), []);
      assert.deepStrictEqual(fired({ target: '/rest/v2/refreshToken', body: { refresh_token: 'x' }, status: 401 }, { ...expired, at: 100 }), [], 'a refused refresh is no reuse');
    });
    it('does not fire for concurrent calls refused together: only a call sent after the 401 came back repeats it', () => {
      const slow: Sent = { ...expired, durationMs: 50 };
      assert.deepStrictEqual(rulesFired(slow, { ...slow, at: 10 }, { ...slow, at: 20 }).flat(), [], 'three calls in flight when the token expired');
      assert.deepStrictEqual(fired(slow, { ...slow, at: 50 }), ['expired-token-reused'], 'sent the moment the 401 arrived');
      assert.deepStrictEqual(fired(slow, { ...slow, at: 10 }, { ...expired, at: 200 }), ['expired-token-reused']);
    });
    it('does not fire when the client refreshed in between or sent a new token', () => {
      assert.deepStrictEqual(fired(expired, { target: '/rest/v2/refreshToken', body: { refresh_token: 'x' }, at: 50 }, { ...expired, at: 100 }), []);
      assert.deepStrictEqual(fired(expired, { ...expired, headers: { authorization: 'Bearer sandbox-at-ffffffffffffffffffffffffffffffff' }, at: 100 }), []);
    });
  });

  describe('configured rules', () => {
    it('turns a rule off, or gives it another severity, and says nothing of the others', () => {
      const sent: Sent[] = [{ body: ADJUST }, { body: { ...ADJUST, qty: '1.5' }, at: 100 }, { body: ADJUST, at: 200 }];
      const severities = (options: Parameters<typeof lintAll>[1]): string[] => lintAll(sent, options).flatMap((one) => one.findings.map((finding) => `${finding.rule}:${finding.severity}`));
      assert.deepStrictEqual(severities({}), ['qty-not-integer:error', 'duplicate-write:error']);
      assert.deepStrictEqual(severities({ rules: { 'duplicate-write': 'off' } }), ['qty-not-integer:error']);
      assert.deepStrictEqual(severities({ rules: { 'duplicate-write': 'info', 'qty-not-integer': 'warning' } }), ['qty-not-integer:warning', 'duplicate-write:info']);
    });
    it('takes the duplicate window', () => {
      assert.deepStrictEqual(lintAll([{ body: ADJUST }, { body: ADJUST, at: 15_000 }], { duplicateWindowSeconds: 20 }).pop()!.findings.map((finding) => finding.rule), ['duplicate-write']);
    });
  });
});
