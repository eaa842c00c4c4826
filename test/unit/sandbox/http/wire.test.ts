// What clients on other stacks send, byte for byte over a raw socket (curl, .NET, Java, a shell
// script's printf): what a polite Node client never sends, and what the sandbox answers and
// records for it.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as zlib from 'node:zlib';
import { received, sentTo } from '../../fakes/journal';
import { until } from '../../until';
import { useSandbox } from '../../fakes/sandboxHttp';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

/**
 * Writes `parts` (a request's bytes, in as many writes as given) and reads answers until `count`
 * whole ones have come or the server closes; an answer is read by its Content-Length.
 */
function raw(port: number, parts: ReadonlyArray<string | Buffer>, count = 1): Promise<{ answers: RawAnswer[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    const answers: RawAnswer[] = [];
    let closed = false;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answers, closed });
    };
    const timer = setTimeout(finish, 5_000);
    const take = (): void => {
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) {
          return;
        }
        const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
        const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
        const status = Number(statusLine.slice(9, 12));
        const length = status === 100 ? 0 : Number(headers['content-length'] ?? 0);
        if (buffer.length < end + 4 + length) {
          return;
        }
        const text = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
        buffer = buffer.subarray(end + 4 + length);
        if (status !== 100) {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          answers.push({ status, headers, text, json });
        }
        if (answers.length >= count) {
          finish();
          return;
        }
      }
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      take();
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', reject);
    socket.on('connect', () => {
      for (const part of parts) {
        socket.write(part);
      }
    });
  });
}

/** A request's head (Host added) and its body, as one Buffer. */
function request(method: string, target: string, headers: Record<string, string | number>, body: string | Buffer = ''): Buffer {
  const head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), typeof body === 'string' ? Buffer.from(body) : body]);
}

describe('sandbox at the wire: what other stacks send', () => {
  const t = useSandbox();
  const port = (): number => Number(new URL(t.sandbox.baseUrl).port);
  const path = (endpoint: string): string => `${new URL(t.sandbox.baseUrl).pathname}/${endpoint}`;

  it('takes the Bearer scheme in any case and after several spaces (RFC 9110 §11.1, §11.4), and sees the same token in its journal', async () => {
    for (const authorization of [`bearer ${t.api.token}`, `BEARER ${t.api.token}`, `Bearer  ${t.api.token}`]) {
      const { answers } = await raw(port(), [request('GET', path('checkInventoryStock?sku=AJW-DATES-500'), { Authorization: authorization })]);
      assert.equal(answers[0].status, 200, authorization);
    }
    const logged = received(t.sandbox).filter((exchange) => exchange.endpoint === 'checkInventoryStock');
    assert.deepEqual(logged.map((exchange) => exchange.authorized), [true, true, true]);
  });

  it('records an absolute-form or dot-segment target under the endpoint it answered, not an empty one', async () => {
    const base = new URL(t.sandbox.baseUrl);
    for (const target of [`${base.origin}${path('checkInventoryStock?sku=AJW-DATES-500')}`, path('x/../checkInventoryStock?sku=AJW-DATES-500')]) {
      const { answers } = await raw(port(), [request('GET', target, { Authorization: `Bearer ${t.api.token}` })]);
      assert.equal(answers[0].status, 200, target);
    }
    const logged = received(t.sandbox).filter((exchange) => exchange.method === 'GET').slice(-2);
    assert.deepEqual(logged.map((exchange) => exchange.endpoint), ['checkInventoryStock', 'checkInventoryStock']);
  });

  it('records a client that left mid-body as a request without an answer, not as a 500 it never sent', async () => {
    const head = request('POST', path('updateStockQuantity'), { Authorization: `Bearer ${t.api.token}`, 'Content-Type': 'application/json', 'Content-Length': 100 }, '{"actionType":"adj');
    for (const extra of [{}, { Expect: '100-continue' }] as Array<Record<string, string>>) {
      const socket = net.connect(port(), '127.0.0.1');
      await new Promise((resolve) => socket.on('connect', resolve));
      socket.write(Object.keys(extra).length ? request('POST', path('updateStockQuantity'), { Authorization: `Bearer ${t.api.token}`, 'Content-Length': 100, ...extra }) : head);
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
    }
    await until('both cut requests in the journal', () => sentTo(t.sandbox, 'updateStockQuantity').length === 2);
    assert.deepEqual(sentTo(t.sandbox, 'updateStockQuantity').map((exchange) => [exchange.exchange.status, exchange.exchange.otoCode]), [[undefined, undefined], [undefined, undefined]]);
  });

  it('answers an HTTP/1.1 request without Host in JSON (an HTTP/1.0 one as usual), and each malformed request saying what is wrong', async () => {
    const noHost = await raw(port(), [`GET ${path('healthCheck')} HTTP/1.1\r\n\r\n`]);
    assert.deepEqual([noHost.answers[0].status, noHost.answers[0].json, noHost.answers[0].headers.connection], [400, { message: 'Bad request: HTTP/1.1 needs a Host header (RFC 9112 §3.2), e.g. Host: 127.0.0.1', code: 400 }, 'close']);
    assert.equal((await raw(port(), [`GET ${path('healthCheck')} HTTP/1.0\r\n\r\n`])).answers[0].status, 200);
    const problems: Array<[string, Buffer | string, RegExp]> = [
      ['raw UTF-8 in the target', Buffer.concat([Buffer.from(`GET ${path('checkInventoryStock')}?sku=`), Buffer.from('تمر'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]), /percent-encode them as UTF-8/],
      ['a lower-case method', `get ${path('healthCheck')} HTTP/1.1\r\nHost: x\r\n\r\n`, /a method in upper case/],
      ['Content-Length with chunked', `POST ${path('healthCheck')} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, /Transfer-Encoding: chunked alone/],
    ];
    for (const [what, bytes, message] of problems) {
      const { answers } = await raw(port(), [bytes]);
      assert.equal(answers[0].status, 400, what);
      assert.match((answers[0].json as { message: string }).message, message, what);
      assert.equal(answers[0].headers.connection, 'close', what);
    }
    // Each is in the journal (the CLI's line, --log) with the request line as far as it was read.
    await until('the refusals journalled', () => received(t.sandbox).filter((exchange) => exchange.exchange.status === 400).length === 4);
    const refused = received(t.sandbox).filter((exchange) => exchange.exchange.status === 400);
    assert.deepEqual(refused.map((exchange) => [exchange.method, exchange.endpoint]), [['GET', 'healthCheck'], ['GET', 'checkInventoryStock'], ['get', 'healthCheck'], ['POST', 'healthCheck']]);
    assert.deepEqual(refused[1].query, { sku: 'تمر' });
    assert.match(refused[2].exchange.responseBody?.text ?? '', /a method in upper case/);
  });

  it('answers a write whose Content-Length fell short of its bytes first, then refuses the rest, so the client sees the change it made', async () => {
    const body = JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 });
    const before = (await t.api.get('checkInventoryStock?sku=AJW-DATES-500')).json as { stock: Record<string, Array<{ quantityOnHand: number }>> };
    const { answers } = await raw(port(), [request('POST', path('updateStockQuantity'), { Authorization: `Bearer ${t.api.token}`, 'Content-Type': 'application/json', 'Content-Length': body.length }, `${body}xyz`)], 2);
    assert.deepEqual(answers.map((answer) => answer.status), [200, 400]);
    assert.match((answers[1].json as { message: string }).message, /does its Content-Length count bytes/);
    const after = (await t.api.get('checkInventoryStock?sku=AJW-DATES-500')).json as typeof before;
    assert.equal(after.stock['AJW-DATES-500'][0].quantityOnHand, before.stock['AJW-DATES-500'][0].quantityOnHand + 1);
    // The journal keeps the write as answered, and the stray bytes as a refusal of no request line, not of the write.
    await until('the refusal journalled', () => received(t.sandbox).some((exchange) => exchange.exchange.status === 400));
    assert.deepEqual(sentTo(t.sandbox, 'updateStockQuantity').map((exchange) => exchange.exchange.status), [200]);
    assert.deepEqual(received(t.sandbox).filter((exchange) => exchange.exchange.status === 400).map((exchange) => [exchange.method, exchange.url]), [['', '']]);
  });

  it('refuses a query that is not percent-encoded UTF-8, naming it, rather than answering for U+FFFD; reads Arabic SKUs encoded, + and %20 alike', async () => {
    for (const query of ['sku=%FF%FE', 'sku=%D8%AA%D9%85%D8%B', 'sku=100%', 'pickupLocationCode=RUH-WH1&sku=AJW-DATES-500%2C%E0']) {
      const { answers } = await raw(port(), [request('GET', path(`checkInventoryStock?${query}`), { Authorization: `Bearer ${t.api.token}` })]);
      assert.equal(answers[0].status, 400, query);
      assert.match((answers[0].json as { message: string }).message, /^Bad query: sku=\S+ is not percent-encoded UTF-8/, query);
    }
    const read = async (query: string): Promise<Readonly<Record<string, string>>> => {
      await raw(port(), [request('GET', path(`checkInventoryStock?${query}`), { Authorization: `Bearer ${t.api.token}` })]);
      return received(t.sandbox).at(-1)?.query ?? {};
    };
    assert.deepEqual(await read('sku=%D8%AA%D9%85%D8%B1'), { sku: 'تمر' });
    assert.deepEqual(await read('sku=A+B'), await read('sku=A%20B'));
  });

  it('names the endpoint meant when a 404 differs from one only in case or slashes', async () => {
    for (const endpoint of ['checkinventorystock', '/checkInventoryStock', 'CHECKINVENTORYSTOCK/']) {
      const { answers } = await raw(port(), [request('GET', `${new URL(t.sandbox.baseUrl).pathname}/${endpoint}?sku=AJW-DATES-500`, { Authorization: `Bearer ${t.api.token}` })]);
      assert.equal(answers[0].status, 404, endpoint);
      assert.match((answers[0].json as { message: string }).message, /: did you mean \/rest\/v2\/checkInventoryStock\? \(paths are case-sensitive\)$/, endpoint);
    }
    const { answers } = await raw(port(), [request('GET', path('nothingLikeIt'), { Authorization: `Bearer ${t.api.token}` })]);
    assert.equal((answers[0].json as { message: string }).message, 'No endpoint nothingLikeIt');
  });
});

describe('sandbox at the wire: request bodies in other encodings', () => {
  const ARABIC = 'تمر-سكري';
  const LATIN = 'CAFÉ-250';
  const t = useSandbox({ extra: { products: [ARABIC, LATIN].map((sku) => ({ sku, name: sku, stock: { 'RUH-WH1': { onHand: 10 } } })) } });
  const port = (): number => Number(new URL(t.sandbox.baseUrl).port);
  const path = (endpoint: string): string => `${new URL(t.sandbox.baseUrl).pathname}/${endpoint}`;
  const adjust = (sku: string): string => JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku, qty: 1 });
  const post = async (body: Buffer, headers: Record<string, string> = {}): Promise<RawAnswer> =>
    (await raw(port(), [request('POST', path('updateStockQuantity'), { Authorization: `Bearer ${t.api.token}`, 'Content-Type': 'application/json', 'Content-Length': body.length, ...headers }, body)])).answers[0];
  const onHand = async (sku: string): Promise<number> => {
    const stock = (await t.api.get(`checkInventoryStock?sku=${encodeURIComponent(sku)}`)).json as { stock: Record<string, Array<{ quantityOnHand: number }>> };
    return stock.stock[sku][0].quantityOnHand;
  };

  it('reads a body in its Content-Type charset, after a byte order mark, and UTF-16 by its byte order mark, as Jackson does', async () => {
    const sent: Array<[string, Buffer, Record<string, string>]> = [
      ['UTF-8 with a BOM', Buffer.from(`\ufeff${adjust(ARABIC)}`), {}],
      ['windows-1256', Buffer.from(new Uint8Array([...Buffer.from(adjust('').slice(0, -10), 'latin1'), 0xca, 0xe3, 0xd1, 0x2d, 0xd3, 0xdf, 0xd1, 0xed, ...Buffer.from('","qty":1}', 'latin1')])), { 'Content-Type': 'application/json; charset=windows-1256' }],
      ['UTF-16LE with a BOM, no charset', Buffer.from(`\ufeff${adjust(ARABIC)}`, 'utf16le'), {}],
      ['quoted ISO-8859-1', Buffer.from(adjust(LATIN), 'latin1'), { 'Content-Type': 'application/json;charset="ISO-8859-1"' }],
    ];
    for (const [what, body, headers] of sent) {
      const answer = await post(body, headers);
      assert.equal(answer.status, 200, `${what}: ${answer.text}`);
    }
    assert.deepEqual([await onHand(ARABIC), await onHand(LATIN)], [13, 11]);
    // The journal shows what was meant, not the bytes read as UTF-8.
    assert.deepEqual(sentTo(t.sandbox, 'updateStockQuantity').map((exchange) => (exchange.body as { sku: string }).sku), [ARABIC, ARABIC, ARABIC, LATIN]);
  });

  it('refuses bytes that are not the UTF-8 they are taken to be "Invalid Json format", as a strict JSON reader does; a real U+FFFD is text', async () => {
    const latin1 = await post(Buffer.from(adjust(LATIN), 'latin1'));
    assert.deepEqual([latin1.status, latin1.json], [400, { success: false, otoErrorCode: 'OTO1075', otoErrorMessage: 'Invalid Json format' }]);
    const declared = await post(Buffer.from(adjust(LATIN), 'latin1'), { 'Content-Type': 'application/json; charset=utf-8' });
    assert.equal(declared.status, 400);
    assert.equal(await onHand(LATIN), 10);
    // The journal shows what came, with U+FFFD where it broke.
    assert.equal((sentTo(t.sandbox, 'updateStockQuantity')[0].body as { sku: string }).sku, 'CAF\ufffd-250');
    const replacement = await post(Buffer.from(adjust('NO-SUCH-\ufffd')));
    assert.equal((replacement.json as { otoErrorCode: string }).otoErrorCode, 'OTO1126', 'a U+FFFD sent as UTF-8 is a character like any other');
  });

  it('refuses a compressed body or an unknown charset with a 415 saying so, changing nothing', async () => {
    const gzip = await post(zlib.gzipSync(adjust(ARABIC)), { 'Content-Encoding': 'gzip' });
    assert.deepEqual([gzip.status, gzip.json], [415, { message: 'Content-Encoding: gzip is not supported: send the request body uncompressed (OTO does not say it reads compressed bodies)', code: 415 }]);
    const charset = await post(Buffer.from(adjust(ARABIC)), { 'Content-Type': 'application/json; charset=x-klingon' });
    assert.deepEqual([charset.status, charset.json], [415, { message: 'charset=x-klingon is not supported: send the body as UTF-8', code: 415 }]);
    assert.equal((await post(Buffer.from(adjust(ARABIC)), { 'Content-Encoding': 'identity' })).status, 200);
    assert.equal(await onHand(ARABIC), 11);
  });
});
