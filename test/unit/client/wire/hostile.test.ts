// The client against a small hostile server on 127.0.0.1: answers too large (gzip bombs and endless
// bodies included), bodies cut short, tokens that cannot go in a header, SKUs named `__proto__`,
// tokens echoed back escaped. Each test's server answers what it is told and closes afterwards.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { OtoClient, OtoClientOptions, OtoRequestEvent } from '../../../../src/client';
import { until } from '../../until';
import { failure } from '../../fakes/clientSandbox';

const ACCESS_TOKEN = 'at-hostile-0123456789abcdef';
const REFRESH_TOKEN = 'rt-hostile-0123456789abcdef';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse, endpoint: string) => void;

describe('OtoClient against a hostile server', () => {
  let server: http.Server;
  let handler: Handler;
  let hits: string[];
  let events: OtoRequestEvent[];
  let baseUrl: string;

  beforeEach(async () => {
    hits = [];
    events = [];
    handler = () => undefined;
    server = http.createServer((request, response) => {
      const endpoint = (request.url ?? '').replace(/^\/rest\/v2\//, '').replace(/\?.*$/, '');
      hits.push(endpoint);
      if (endpoint === 'refreshToken' && !hits.includes('custom-refresh')) {
        json(response, { access_token: ACCESS_TOKEN, expires_in: 3600 });
        return;
      }
      handler(request, response, endpoint);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/v2`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (options: Partial<OtoClientOptions> = {}): OtoClient => new OtoClient({
    baseUrl, refreshToken: REFRESH_TOKEN, timeoutMs: 5_000, retry: { baseDelayMs: 5, maxDelayMs: 20 }, onRequest: (event) => events.push(event), ...options,
  });
  const json = (response: http.ServerResponse, body: unknown, status = 200): void => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  };
  const account = { name: 'Hostile', email: 'h@example.com', packageName: 'EnterprisePackage' };
  const count = (endpoint: string): number => hits.filter((hit) => hit === endpoint).length;

  describe('answer size', () => {
    it('fails once, clearly, when an answer is larger than maxAnswerBytes', async () => {
      handler = (_request, response) => json(response, { ...account, padding: 'p'.repeat(3_000_000) });
      const error = await failure(client({ maxAnswerBytes: 1_048_576 }).getAccountInfo());
      assert.equal(error.kind, 'api');
      assert.equal(error.answerTooLarge, true);
      assert.match(error.message, /answer to accountInfo \(HTTP 200\) is larger than 1 MB, so it was not read/);
      assert.equal(error.attempts, 1);
      assert.equal(count('accountInfo'), 1);
    });

    it('stops reading an endless body at the cap, and closes the connection', async () => {
      let closed = false;
      handler = (_request, response) => {
        response.writeHead(503, { 'Content-Type': 'application/json' });
        const chunk = Buffer.alloc(65_536, 0x20);
        const timer = setInterval(() => response.write(chunk), 1);
        response.on('close', () => {
          closed = true;
          clearInterval(timer);
        });
      };
      const started = Date.now();
      // Ending in half the timeout proves the cap ended it, with room for a loaded machine.
      const error = await failure(client({ maxAnswerBytes: 1_048_576, timeoutMs: 10_000 }).getAccountInfo());
      assert.equal(error.answerTooLarge, true);
      assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
      assert.equal(count('accountInfo'), 1, 'a 503 too large to read is not asked for again');
      await until('the server to see the client close the connection', () => closed);
    });

    it('stops inflating a gzip bomb at the default 32 MB, once', async () => {
      const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
      assert.ok(bomb.length < 100_000);
      handler = (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': bomb.length });
        response.end(bomb);
      };
      const error = await failure(client().getAccountInfo());
      assert.equal(error.answerTooLarge, true);
      assert.match(error.message, /larger than 32 MB/);
      assert.equal(count('accountInfo'), 1);
    });

    it('refuses a maxAnswerBytes that is not a positive whole number', () => {
      for (const maxAnswerBytes of [0, -1, 1.5, Number.NaN]) {
        assert.throws(() => client({ maxAnswerBytes }), /maxAnswerBytes must be a positive whole number/);
      }
    });

    it('still reads a gzipped answer of normal size', async () => {
      handler = (_request, response) => {
        const body = zlib.gzipSync(JSON.stringify(account));
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
        response.end(body);
      };
      assert.deepEqual(await client().getAccountInfo(), account);
    });
  });

  it('reports an answer that will not decompress as unreadable (not as a network failure cut short), and does not ask again', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      hits.length = 0;
      handler = (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Content-Length': 13 });
        response.end('{"name":"Ha"}');
      };
      const error = await failure(client().getAccountInfo());
      assert.equal(error.kind, 'api', encoding);
      assert.equal(error.status, 200);
      assert.equal(error.unreadable, true);
      assert.match(error.message, new RegExp(`^OTO's answer to accountInfo \\(HTTP 200\\) could not be decompressed \\(Content-Encoding: ${encoding}: .+\\)$`));
      assert.equal(error.attempts, 1);
      assert.equal(count('accountInfo'), 1, 'the same bytes would come again');
    }
  });

  it('reports a body cut short as a network error at once, not after the timeout', async () => {
    handler = (_request, response) => {
      response.socket?.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"Ha');
      response.socket?.destroy();
    };
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 8_000, retry: { maxAttempts: 2, baseDelayMs: 5 } }).getAccountInfo());
    assert.equal(error.kind, 'network');
    assert.match(error.message, /cut short/);
    assert.equal(error.attempts, 2);
    // Both attempts inside half of one timeout: neither waited for it, with room for a loaded machine.
    assert.ok(Date.now() - started < 4_000, `took ${Date.now() - started} ms`);
  });

  describe('a catalogue past what the client lists', () => {
    const page = (currentPage: number, size = 100): Array<{ name: string; sku: string }> =>
      Array.from({ length: size }, (_, index) => ({ name: 'Item', sku: `SKU-${currentPage}-${index}` }));
    const pageAsked = async (request: http.IncomingMessage): Promise<number> => {
      let text = '';
      for await (const chunk of request) {
        text += String(chunk);
      }
      return (JSON.parse(text) as { currentPage: number }).currentPage;
    };

    it('refuses a productCount past 100,000 products at once, clearly, without asking for its pages', async () => {
      for (const productCount of [1e12, 100_001]) {
        hits.length = 0;
        handler = (_request, response) => json(response, { success: true, productCount, products: page(1) });
        const error = await failure(client().listProducts());
        assert.equal(error.kind, 'api');
        assert.equal(error.endpoint, 'productList');
        assert.equal(error.message, `OTO's answer to productList counts ${productCount} products; the client lists at most 100,000`);
        assert.equal(count('productList'), 1);
      }
    });

    it('stops a catalogue without a count that never ends (every page new SKUs) after 1,000 pages', async () => {
      handler = (request, response) => void pageAsked(request).then((currentPage) => json(response, { success: true, products: page(currentPage) }));
      const error = await failure(client().listProducts());
      assert.equal(error.kind, 'api');
      assert.equal(error.message, "OTO's answer to productList counts more than 100,000 products; the client lists at most 100,000");
      assert.equal(count('productList'), 1_001, 'the page after the 1,000th had new SKUs still');
    });

    it('still lists exactly 100,000 products, counted or not', async () => {
      handler = (request, response) => void pageAsked(request).then((currentPage) => json(response, { success: true, productCount: 100_000, products: page(currentPage) }));
      assert.equal((await client().listProducts()).length, 100_000);
      hits.length = 0;
      handler = (request, response) => void pageAsked(request).then((currentPage) => json(response, { success: true, products: page(currentPage, currentPage <= 1_000 ? 100 : 0) }));
      assert.equal((await client().listProducts()).length, 100_000);
      assert.equal(count('productList'), 1_001);
    });
  });

  describe('access tokens that cannot go in a header', () => {
    for (const [what, token] of [['a line break', 'abc\r\nX-Injected: 1'], ['a space', 'abc def'], ['non-ASCII text', 'tökén-0123456789'], ['nothing', '']]) {
      it(`refuses a token with ${what} when it is issued, and does not keep it`, async () => {
        hits.push('custom-refresh');
        handler = (_request, response, endpoint) => (endpoint === 'refreshToken' ? json(response, { access_token: token, expires_in: 3600 }) : json(response, account));
        const oto = client();
        for (let call = 1; call <= 2; call++) {
          const error = await failure(oto.getAccountInfo());
          assert.equal(error.kind, 'api');
          assert.match(error.message, /access_token should be a token that can be sent in an HTTP header/);
          assert.equal(error.attempts, 1);
          assert.equal(count('refreshToken'), call, 'asked for a new token on each call: the bad one was not cached');
        }
        assert.equal(count('accountInfo'), 0);
      });
    }
  });

  describe('SKUs named like Object.prototype members', () => {
    const entry = (sku: string, quantityOnHand: number) => ({ sku, quantityOnHand, quantityForecasted: quantityOnHand, pickupLocationCode: 'L1' });
    const stockOf = (url: string): Record<string, unknown[]> => {
      const skus = new URL(url, 'http://x').searchParams.get('sku')?.split(',') ?? [];
      return Object.fromEntries(skus.map((sku, index) => [sku, [entry(sku, index + 1)]]));
    };
    beforeEach(() => {
      handler = (request, response) => {
        // JSON.stringify writes a "__proto__" key that Object.fromEntries made an own property.
        json(response, { success: true, stock: stockOf(request.url ?? '') });
      };
    });

    it('keeps __proto__ as an entry of checkGlobalStock, leaving the prototype alone', async () => {
      const stock = await client().checkGlobalStock(['__proto__', 'A', 'constructor']);
      assert.equal(Object.getPrototypeOf(stock), null);
      assert.deepEqual(Object.keys(stock).sort(), ['A', '__proto__', 'constructor']);
      assert.equal(stock.__proto__.quantityOnHand, 1);
      assert.equal(stock['constructor' as string].quantityOnHand, 3);
    });

    it('keeps __proto__ as an entry when checkInventoryStock merges batches', async () => {
      const skus = ['__proto__', ...Array.from({ length: 30 }, (_, index) => `SKU-${String(index).padStart(40, '0')}`)];
      const stock = await client({ maxUrlLength: 400 }).checkInventoryStock(skus);
      assert.ok(count('checkInventoryStock') > 1, 'read in several batches');
      assert.equal(Object.getPrototypeOf(stock), null);
      assert.equal(Object.keys(stock).length, skus.length);
      assert.ok(Array.isArray(stock.__proto__));
      assert.equal(stock.__proto__[0].sku, '__proto__');
    });
  });

  describe('tokens echoed back', () => {
    it('a token where another type belongs is not quoted in the error or the event: type and length only', async () => {
      const foreign = 'sk_live_secret_value_0123456789';
      handler = (_request, response) => json(response, { ...account, remainingCredit: foreign });
      const error = await failure(client().getAccountInfo());
      assert.match(error.message, /accountInfo\.remainingCredit should be a number but is a string of 31 characters$/);
      assert.ok(events.every((event) => !(event.error?.message ?? '').includes('sk_live')));
    });

    const escapes: Array<[string, string, (token: string) => string]> = [
      ['\\/', 'at-hostile/0123456789abcdef', (token) => token.replace('/', '\\/')],
      ['\\"', 'at-hostile"0123456789abcdef', (token) => token.replace('"', '\\"')],
      ['\\u002d', 'at-hostile-0123456789abcdef', (token) => token.replace(/-/g, '\\u002d')],
    ];
    for (const [escape, issued, escaped] of escapes) {
      it(`redacts a known token echoed JSON-escaped with ${escape} in the event's body`, async () => {
        hits.push('custom-refresh');
        handler = (_request, response, endpoint) => {
          if (endpoint === 'refreshToken') {
            json(response, { access_token: issued, expires_in: 3600 });
            return;
          }
          response.writeHead(400, { 'Content-Type': 'application/json' });
          response.end(`{"success":false,"otoErrorCode":"OTO1010","otoErrorMessage":"bad request","echo":"${escaped(issued)}"}`);
        };
        await failure(client().getAccountInfo());
        const event = events.find((item) => item.endpoint === 'accountInfo');
        assert.ok(event?.responseBody?.includes('"echo":"***"'), event?.responseBody);
        assert.ok(!JSON.stringify(events).includes('0123456789abcdef'));
      });
    }
  });
});
