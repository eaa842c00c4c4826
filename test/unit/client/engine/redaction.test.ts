// No token in any event or error: checked by scanning everything a run of calls produced, including
// failures whose bodies echo a token back.
import * as assert from 'node:assert/strict';
import { credentialHeaderKind, OtoError, redact, redactHeaders } from '../../../../src/client';
import { shortenHeader, shortenTokens } from '../../../../src/traffic/tokens';
import { failure, useSandbox } from '../../fakes/clientSandbox';

const REFRESH_TOKEN = 'rt-sandbox-secret-0123456789abcdef';

describe('token redaction', () => {
  describe('in events and errors', () => {
    const t = useSandbox({ refreshToken: REFRESH_TOKEN, extra: { locations: [{ code: 'ASDS', kind: 'warehouse' }] } });

    it('no event and no error carries the refresh token or an access token', async () => {
      const errors: unknown[] = [];
      await t.client.getAccountInfo();
      await t.client.checkInventoryStock(['SKU-1']);
      t.sandbox.addFaults([
        { endpoint: 'accountInfo', status: 401, body: '{"message":"Jwt is expired","code":401}', times: 1 },
        { endpoint: 'getPickupLocationList', status: 400, body: `{"success":false,"errorCode":4,"errorMsg":"bad token ${REFRESH_TOKEN}"}`, times: 1 },
        { endpoint: 'orderDetails', status: 500, body: `<html>refresh_token=${REFRESH_TOKEN}</html>` },
      ]);
      await t.client.getAccountInfo();
      errors.push(await failure(t.client.getPickupLocations()));
      errors.push(await failure(t.client.getOrderDetails('X')));
      errors.push(await failure(t.newClient({ refreshToken: `${REFRESH_TOKEN}-wrong` }).getAccountInfo()));

      const accessTokens = t.events.filter((event) => event.endpoint === 'refreshToken' && event.status === 200)
        .map((event) => JSON.parse(event.responseBody ?? '{}').access_token as string);
      assert.ok(accessTokens.length >= 2 && accessTokens.every((token) => token === '***'), 'access tokens in refresh answers are redacted');
      const everything = JSON.stringify([t.events, errors.map((error) => ({ ...(error as object), message: (error as Error).message }))]);
      assert.ok(!everything.includes(REFRESH_TOKEN), 'refresh token leaked');
      assert.ok(!/Bearer (?!\*\*\*)/.test(everything), 'a bearer token leaked');
      const authorized = t.events.filter((event) => event.requestHeaders.Authorization !== undefined);
      assert.ok(authorized.length > 3);
      assert.ok(authorized.every((event) => event.requestHeaders.Authorization === 'Bearer ***'));
      assert.deepEqual(JSON.parse(t.events[0].requestBody ?? '{}'), { refresh_token: '***' });
    });

    it('hides a token that OTO echoes in its warnings, plain or JSON-escaped, and keeps the rest of them', async () => {
      await t.client.getAccountInfo();
      const escaped = JSON.stringify(REFRESH_TOKEN).slice(1, -1).replace(/-/g, '\\u002d');
      const warnings = [`echo ${REFRESH_TOKEN}`, `{"given":"${escaped}"}`, 'Inventory quantity set to the given qty according to the action type'];
      t.sandbox.addFaults([{ endpoint: 'getPickupLocationList', status: 400, body: JSON.stringify({ success: false, errorCode: 4, errorMsg: 'bad', warnings }), times: 1 }]);
      const error = await failure(t.client.getPickupLocations());
      assert.deepEqual(error.warnings, ['echo ***', '{"given":"***"}', warnings[2]]);
    });

    it('a refused refresh token keeps the words of OTO\'s message', async () => {
      const error = await failure(t.newClient({ refreshToken: `${REFRESH_TOKEN}-wrong` }).getAccountInfo());
      assert.match(error.message, /^OTO refused the refresh token: This action is not allowed for this token$/);
    });

    it('events still carry what a request log needs', async () => {
      await t.client.checkInventoryStock(['SKU-1'], { pickupLocationCode: 'ASDS' });
      const event = t.events.find((item) => item.endpoint === 'checkInventoryStock');
      assert.ok(event);
      assert.equal(event.method, 'GET');
      assert.equal(event.operation, 'read');
      assert.equal(event.status, 200);
      assert.equal(event.attempt, 1);
      assert.equal(event.url, `${t.sandbox.baseUrl}/checkInventoryStock?sku=SKU-1&pickupLocationCode=ASDS`);
      assert.ok(event.durationMs >= 0);
      assert.ok(event.responseBody?.includes('"success":true'));
      assert.ok(t.events.map((item) => item.id).every((id, index, ids) => index === 0 || id > ids[index - 1]));
    });

    it('a failing listener does not fail the call', async () => {
      const client = t.newClient({ onRequest: () => { throw new Error('listener broke'); } });
      assert.deepEqual(await client.healthCheck(), { status: 'ok' });
    });
  });

  describe('of every token the client has held lately', () => {
    // The sandbox's refresh answers are replaced by ones with known access tokens, each for a minute;
    // the clock moves on a minute before each call, so each call refreshes once.
    let time = Date.now();
    const t = useSandbox({ refreshToken: REFRESH_TOKEN }, { now: () => time });
    const accessToken = (n: number): string => `at-known-${n}-0123456789abcdef`;

    it('keeps the refresh token and the four latest access tokens out of what OTO echoes back', async () => {
      const issued = [1, 2, 3, 4, 5, 6].map(accessToken);
      t.sandbox.addFaults(issued.map((token) => ({
        endpoint: 'refreshToken', status: 200, times: 1,
        body: JSON.stringify({ success: true, access_token: token, token_type: 'Bearer', expires_in: '60' }),
      })));
      const echo = JSON.stringify({ success: false, errorCode: 4, errorMsg: 'echo', warnings: [REFRESH_TOKEN, ...issued] });
      t.sandbox.addFaults([{ endpoint: 'getPickupLocationList', status: 400, body: echo }]);
      let error: OtoError | undefined;
      for (let call = 0; call < issued.length; call++) {
        time += 61_000;
        error = await failure(t.client.getPickupLocations());
      }
      assert.equal(t.sent('refreshToken').length, issued.length);
      const [refresh, ...access] = error?.warnings ?? [];
      assert.equal(refresh, '***', 'the refresh token, however many access tokens came after it');
      assert.deepEqual(access.slice(-4), ['***', '***', '***', '***'], 'the four latest access tokens');
      // What it remembers is bounded: the oldest access tokens, long replaced, are let go.
      assert.equal(access[0], issued[0]);
    });
  });

  describe('redact()', () => {
    it('removes known secrets wherever they appear', () => {
      assert.equal(redact(`x ${REFRESH_TOKEN} y`, [REFRESH_TOKEN]), 'x *** y');
    });

    it('removes token fields in JSON, query strings and prose', () => {
      assert.equal(redact('{"refresh_token": "abc\\"def", "x": 1}'), '{"refresh_token": "***", "x": 1}');
      assert.equal(redact('{"access_token":"ey.a.b","token_type":"Bearer"}'), '{"access_token":"***","token_type":"Bearer"}');
      assert.equal(redact('?refresh_token=abcdef&x=1'), '?refresh_token=***&x=1');
      assert.equal(redact('refresh_token: rt-abc123'), 'refresh_token: ***');
      assert.equal(redact('refreshToken: abcDEFghi'), 'refreshToken: ***');
    });

    it('hides tokens, not words, after a credential\'s name in prose: "Invalid refreshToken: expired" stays as it is', () => {
      for (const prose of ['Invalid refreshToken: expired', 'refresh_token: missing', 'secretKey: the key is required', 'authorizationKey: None given']) {
        assert.equal(redact(prose), prose);
      }
    });

    it('removes bearer tokens and anything shaped like a JWT', () => {
      assert.equal(redact('-H "Authorization: Bearer abc.def-ghi"'), '-H "Authorization: Bearer ***"');
      assert.equal(redact('token eyJhbGciOi.eyJzdWIiOi.sig_nature here'), 'token *** here');
    });

    it('hides tokens, not words: a bare "token:" or "Bearer" hides only what looks like a credential', () => {
      for (const prose of ['OTO refused the refresh token: This action is not allowed for this token', 'Expected a Bearer token', 'token: expired, sign in again']) {
        assert.equal(redact(prose), prose);
      }
      assert.equal(redact('token: 9f8e7d6c5b4a3210'), 'token: ***');
      assert.equal(redact('Bearer at-9f8e7d6c5b4a'), 'Bearer ***');
      assert.equal(redact('?token=abc&x=1'), '?token=***&x=1');
    });

    it('redacts known secrets and token fields inside JSON-escaped strings', () => {
      const secret = 'at-0123456789/abcdef';
      assert.equal(redact('{"echo":"at\\u002d0123456789\\/abcdef"}', [secret]), '{"echo":"***"}');
      assert.equal(redact('{"message":"refresh_token: abc\\u0031def"}'), '{"message":"refresh_token: ***"}');
    });

    it('redacts a known secret written with JSON escapes outside a whole literal: a body cut mid-string, an escaped quote before it, escaped twice over', () => {
      const secret = 'sandbox-rt-0123456789abcdef/0123';
      assert.equal(redact('{"body":"x sandbox\\u002drt\\u002D0123456789abcdef\\/0123', [secret]), '{"body":"x ***');
      assert.equal(redact('{"x":"sandbox\\u002drt-0123456789abcdef/0123\\"}', [secret]), '{"x":"***\\"}');
      assert.equal(redact('"{\\"echo\\":\\"sandbox\\\\u002drt-0123456789abcdef\\\\/0123 and more', [secret]), '"{\\"echo\\":\\"*** and more');
      // What is not the secret keeps its escapes.
      assert.equal(redact('{"body":"sandbox\\u002drt\\u002d999', [secret]), '{"body":"sandbox\\u002drt\\u002d999');
    });

    it('draws the line of "looks like a credential" at 24 characters, or 8 mixing letters with digits or punctuation', () => {
      assert.equal(redact('token: abcdefghijklmnopqrstuvw'), 'token: abcdefghijklmnopqrstuvw');
      assert.equal(redact('token: abcdefghijklmnopqrstuvwx'), 'token: ***');
      assert.equal(redact('token: abc-1234'), 'token: ***');
      assert.equal(redact('token: abc-123'), 'token: abc-123');
      assert.equal(redact('token: abcdefgh'), 'token: abcdefgh');
      assert.equal(redact('token: 12345678'), 'token: 12345678');
    });

    it('hides a known secret of 8 characters or more, never a shorter one', () => {
      assert.equal(redact('x abcdefgh y', ['abcdefgh']), 'x *** y');
      assert.equal(redact('x abcdefg y', ['abcdefg']), 'x abcdefg y');
    });

    it('matches labels in any case, every time they occur', () => {
      assert.equal(redact('REFRESH_TOKEN=abc&refresh_token=def'), 'REFRESH_TOKEN=***&refresh_token=***');
      assert.equal(redact('{"Refresh_Token":"x","ACCESS_TOKEN":"y"}'), '{"Refresh_Token":"***","ACCESS_TOKEN":"***"}');
      assert.equal(redact('authorization: bearer abc'), 'authorization: bearer ***');
      assert.equal(redact('Authorization: Bearer abc'), 'Authorization: Bearer ***');
      assert.equal(redact('TOKEN: abc-12345678, then bearer xyz-98765432'), 'TOKEN: ***, then bearer ***');
    });

    it('leaves the escapes of text that holds no token as they were, and a literal it cannot read', () => {
      assert.equal(redact('{"path":"a\\/b","note":"\\u0041"}'), '{"path":"a\\/b","note":"\\u0041"}');
      assert.equal(redact('"bad \\x escape" token: abc-12345678'), '"bad \\x escape" token: ***');
    });

    it('leaves ordinary text and short values alone', () => {
      assert.equal(redact('{"sku":"SKU-1","qty":3}', ['abc']), '{"sku":"SKU-1","qty":3}');
    });

    it('redactHeaders keeps the scheme of Authorization only', () => {
      assert.deepEqual(redactHeaders({ Authorization: 'Bearer abc', Accept: 'application/json' }), { Authorization: 'Bearer ***', Accept: 'application/json' });
      assert.deepEqual(redactHeaders({ authorization: 'abc' }), { authorization: '***' });
      assert.deepEqual(redactHeaders({ authorization: ' abc' }), { authorization: '***' });
    });

    it('redactHeaders hides every credential header: cookies to their names, Proxy-Authorization to its scheme, API keys whole', () => {
      const basic = Buffer.from('me:proxy-pass-8e6c4a2f').toString('base64');
      assert.deepEqual(redactHeaders({
        Cookie: 'session=sess-9f2c4e6a8b0d1f3e; lang=ar',
        'Set-Cookie': ['session=issued-71c3e5a9b2d4; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT; HttpOnly', 'theme=dark'],
        'Proxy-Authorization': `Basic ${basic}`,
        'X-Api-Key': 'key-live-3b5d7f9a1c3e',
        'Ocp-Apim-Subscription-Key': 'abc',
        'X-Request-Id': 'req-42',
      }), {
        Cookie: 'session=***; lang=***',
        'Set-Cookie': 'session=***; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT; HttpOnly, theme=***',
        'Proxy-Authorization': 'Basic ***',
        'X-Api-Key': '***',
        'Ocp-Apim-Subscription-Key': '***',
        'X-Request-Id': 'req-42',
      });
    });

    it('redactHeaders and captured traffic agree on which headers carry a credential (one rule)', () => {
      const names = ['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key', 'Api-Key', 'X-Auth-Token', 'X-Amz-Security-Token', 'X-Functions-Key', 'Accept', 'Content-Type', 'X-Request-Id', 'User-Agent'];
      const value = 'Scheme s3cr3t-v4lue-0123456789=abc';
      for (const name of names) {
        const hidden = redactHeaders({ [name]: value })[name] !== value;
        const shortened = shortenHeader(name.toLowerCase(), value) !== value;
        assert.equal(hidden, shortened, name);
        assert.equal(hidden, credentialHeaderKind(name) !== undefined, name);
      }
    });

    it('redact hides the credential of a header line quoted in text, and keeps prose naming a header', () => {
      assert.equal(redact('curl -H "Cookie: session=sess-9f2c4e6a8b0d; lang=ar" -H "X-Api-Key: key-live-3b5d7f9a"'), 'curl -H "Cookie: session=***; lang=***" -H "X-Api-Key: ***"');
      assert.equal(redact('Proxy-Authorization: Basic bWU6cGFzcw==\r\nSet-Cookie: s=v; Path=/'), 'Proxy-Authorization: Basic ***\r\nSet-Cookie: s=***; Path=/');
      // Captured traffic keeps the last characters, by the same rule; a bearer value as its token patterns keep it.
      assert.equal(shortenTokens('-H "Cookie: session=sess-9f2c4e6a8b0d" -H "X-Api-Key: key-live-3b5d7f9a"'), '-H "Cookie: session=…8b0d" -H "X-Api-Key: …7f9a"');
      assert.equal(shortenTokens('Authorization: Bearer at-0123456789abcdef'), 'Authorization: Bearer …cdef');
      for (const prose of ['Authorization: missing', 'Cookie: none sent', 'X-Api-Key: required', 'the api-key: header']) {
        assert.equal(redact(prose), prose);
      }
    });
  });
});
