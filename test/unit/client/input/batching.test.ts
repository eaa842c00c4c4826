// Long SKU lists over real HTTP: split into URLs within 2,048 characters, run a few at a time,
// merged with nothing lost or repeated, and any character in a SKU arriving intact.
import * as assert from 'node:assert/strict';
import { MAX_URL_LENGTH, OtoRequestEvent } from '../../../../src/client';
import { failure, useSandbox } from '../../fakes/clientSandbox';
import { received } from '../../fakes/journal';

const ODD_SKUS = ['ä/ö?&=#% +', 'سكو-١٢٣', 'a"b\'c<d>', '100%', 'L'.repeat(400)];
const extra = {
  locations: [{ code: 'ASDS', kind: 'warehouse' as const }],
  products: ODD_SKUS.map((sku, index) => ({ sku, name: `Odd ${index}`, stock: { ASDS: { onHand: index + 1 } } })),
};

/** Most exchanges of `endpoint` that were in flight at the same moment. */
function peakConcurrency(events: OtoRequestEvent[], endpoint: string): number {
  const edges = events.filter((event) => event.endpoint === endpoint)
    .flatMap((event) => [[event.startedAt, 1], [event.startedAt + event.durationMs, -1]])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, change] of edges) {
    current += change;
    peak = Math.max(peak, current);
  }
  return peak;
}

describe('OtoClient SKU batching', () => {
  const t = useSandbox({ products: 2_000, latencyMs: 20, extra }, { concurrency: 3 });

  it('reads the stock of 2,000 SKUs in URLs of at most 2,048 characters, nothing lost or repeated', async () => {
    const skus = (await t.client.listProducts()).map((product) => product.sku);
    assert.ok(skus.length >= 2_000);
    const stock = await t.client.checkInventoryStock(skus);
    assert.deepEqual(Object.keys(stock).sort(), [...skus].sort());
    const requests = t.sent('checkInventoryStock');
    assert.ok(requests.length > 1, 'the list was split');
    const sent = requests.flatMap((request) => request.query.sku.split(','));
    assert.equal(sent.length, skus.length, 'no SKU sent twice');
    assert.deepEqual(new Set(sent), new Set(skus));
    const urls = t.events.filter((event) => event.endpoint === 'checkInventoryStock').map((event) => event.url);
    assert.ok(urls.every((url) => url.length <= MAX_URL_LENGTH), `longest URL ${Math.max(...urls.map((url) => url.length))}`);
    assert.ok(urls.some((url) => url.length > MAX_URL_LENGTH - 100), 'batches are filled, not tiny');
  });

  it('counts the whole URL, host included, against the limit', async () => {
    const client = t.newClient({ maxUrlLength: 200 });
    const skus = (await client.listProducts()).map((product) => product.sku).slice(0, 120);
    const stock = await client.checkGlobalStock(skus);
    assert.equal(Object.keys(stock).length, skus.length);
    const urls = t.events.filter((event) => event.endpoint === 'checkGlobalStock').map((event) => event.url);
    assert.ok(urls.every((url) => url.length <= 200 && url.startsWith('http://127.0.0.1:')), `longest ${Math.max(...urls.map((url) => url.length))}`);
    assert.ok(urls.length >= 120 / 15, `${urls.length} requests`);
  });

  it('runs batches with bounded concurrency', async () => {
    const skus = (await t.client.listProducts()).map((product) => product.sku);
    await t.client.checkGlobalStock(skus);
    const peak = peakConcurrency(t.events, 'checkGlobalStock');
    assert.ok(peak >= 2 && peak <= 3, `peak ${peak}`);
  });

  it('percent-encodes SKUs so any character arrives intact', async () => {
    const stock = await t.client.checkInventoryStock(ODD_SKUS, { pickupLocationCode: 'ASDS' });
    ODD_SKUS.forEach((sku, index) => assert.equal(stock[sku]?.[0].quantityOnHand, index + 1, sku));
    const global = await t.client.checkGlobalStock(ODD_SKUS);
    assert.deepEqual(Object.keys(global).sort(), [...ODD_SKUS].sort());
  });

  it('sends a SKU listed twice only once', async () => {
    await t.client.checkGlobalStock(['100%', '100%', 'a"b\'c<d>']);
    assert.deepEqual(t.sent('checkGlobalStock')[0].query.sku.split(',').sort(), ['100%', 'a"b\'c<d>']);
  });

  it('answers an empty list without a request', async () => {
    assert.deepEqual(await t.client.checkInventoryStock([]), Object.create(null));
    assert.equal(received(t.sandbox).length, 0);
  });

  it('refuses a SKU too long for any URL, sending nothing', async () => {
    const error = await failure(t.client.checkGlobalStock(['ok', 'X'.repeat(3_000)]));
    assert.equal(error.kind, 'validation');
    assert.equal(received(t.sandbox).length, 0);
  });

  it('fails the whole read when one batch fails for good', async () => {
    const skus = (await t.client.listProducts()).map((product) => product.sku);
    t.sandbox.addFaults([{ endpoint: 'checkGlobalStock', status: 400, body: '{"success":false,"otoErrorCode":"OTO1126","otoErrorMessage":"sku is missing or invalid"}', times: 1 }]);
    const error = await failure(t.client.checkGlobalStock(skus));
    assert.equal(error.code, 'OTO1126');
  });
});
