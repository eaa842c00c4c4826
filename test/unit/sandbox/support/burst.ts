// A load generator in its own process: opens `count` connections at once to `url`, one request
// each, and prints what each got: an HTTP status (with Retry-After on a 503) or a socket error.
// Run as a child process (node out/test/unit/sandbox/support/burst.js URL COUNT [BODY_BYTES]).
import * as http from 'node:http';

const [url, countText, bodyBytesText] = process.argv.slice(2);
const count = Number(countText);
const bodyBytes = Number(bodyBytesText ?? 0);
const outcomes: Record<string, number> = {};
let busyWithoutRetryAfter = 0;
let malformed = 0;
let done = 0;

function finish(key: string): void {
  outcomes[key] = (outcomes[key] ?? 0) + 1;
  if (++done === count) {
    process.stdout.write(JSON.stringify({ outcomes, busyWithoutRetryAfter, malformed }) + '\n');
  }
}

for (let i = 0; i < count; i++) {
  const request = http.request(url, { method: bodyBytes > 0 ? 'POST' : 'GET', agent: false, headers: bodyBytes > 0 ? { 'content-type': 'application/json', 'content-length': bodyBytes } : {} }, (response) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk) => chunks.push(chunk));
    response.on('end', () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        malformed++;
      }
      if (response.statusCode === 503 && response.headers['retry-after'] === undefined) {
        busyWithoutRetryAfter++;
      }
      finish(String(response.statusCode));
    });
    response.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 'error'));
  });
  request.setTimeout(30_000, () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
  request.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 'error'));
  if (bodyBytes > 0) {
    // Written in 1 MB chunks, as a client streaming a big upload does.
    const chunk = Buffer.alloc(Math.min(bodyBytes, 1 << 20), 0x20);
    let left = bodyBytes;
    const write = (): void => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!request.write(piece)) {
          request.once('drain', write);
          return;
        }
      }
      request.end();
    };
    write();
  } else {
    request.end();
  }
}
