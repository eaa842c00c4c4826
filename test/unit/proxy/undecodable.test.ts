// An upstream answer that says it is compressed but will not decompress (or decompresses past the
// answer bound): the client still gets it byte for byte, and the capture says why it kept no body
// instead of showing an empty answer as if OTO had sent one.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { formatTrafficLine } from '../../../src/traffic/report';
import { proxyTo, type ProxyHarness } from './support';

describe('recording proxy: an answer that will not decompress', () => {
  let upstream: http.Server;
  let harness: ProxyHarness | undefined;
  let answer: { encoding: string; body: Buffer };

  beforeEach(async () => {
    upstream = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': answer.encoding, 'Content-Length': String(answer.body.length) });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await harness?.proxy.close();
    await new Promise<void>((resolve) => {
      upstream.close(() => resolve());
      upstream.closeAllConnections();
    });
  });
  const base = (): string => `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/rest/v2`;
  const fetchRaw = async (): Promise<Buffer> => {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(`${harness?.proxy.baseUrl}/checkInventoryStock?sku=A`, resolve).on('error', reject));
    const chunks: Buffer[] = [];
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  };

  it('forwards a corrupt gzip answer as it came and records why its body is empty', async () => {
    harness = await proxyTo(base());
    answer = { encoding: 'gzip', body: Buffer.from('{"success":true} but not gzip') };
    assert.deepEqual(await fetchRaw(), answer.body);
    const [exchange] = harness.exchanges;
    assert.equal(exchange.responseBody?.text, '');
    assert.match(exchange.fault ?? '', /would not decompress \(Content-Encoding: gzip: .+\)$/);
    assert.match(formatTrafficLine(exchange), /would not decompress/);
  });

  it('says so when the answer decompresses past the bound, and records a good one with no note', async () => {
    harness = await proxyTo(base(), { limits: { maxAnswerBytes: 1024 } });
    answer = { encoding: 'deflate', body: zlib.deflateSync(Buffer.from(`{"success":true,"pad":"${' '.repeat(4096)}"}`)) };
    await fetchRaw();
    answer = { encoding: 'br', body: zlib.brotliCompressSync(Buffer.from('{"success":true}')) };
    await fetchRaw();
    const [big, good] = harness.exchanges;
    assert.match(big.fault ?? '', /Content-Encoding: deflate: more than 1024 bytes once decompressed\)$/);
    assert.equal(good.fault, undefined);
    assert.equal(good.responseBody?.text, '{"success":true}');
  });
});
