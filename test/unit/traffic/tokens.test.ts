// Token shortening: every form a token takes in headers and bodies, and never ordinary words.
import * as assert from 'node:assert';
import { shortenAuthorization, shortenToken, shortenTokens } from '../../../src/traffic/tokens';

const TOKEN = 'sandbox-rt-00112233445566778899aabbccddeeff0011223344556677';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlWFla';

describe('traffic token shortening', () => {
  it('keeps only the last 4 characters, and none of a short value', () => {
    assert.strictEqual(shortenToken(TOKEN), '…6677');
    assert.strictEqual(shortenToken('abc'), '…');
  });

  it('shortens tokens in JSON, escaped JSON, doubly escaped JSON and form bodies', () => {
    assert.strictEqual(shortenTokens(`{"refresh_token": "${TOKEN}"}`), '{"refresh_token": "…6677"}');
    assert.strictEqual(shortenTokens(`{"note":"{\\"access_token\\":\\"${TOKEN}\\"}"}`), '{"note":"{\\"access_token\\":\\"…6677\\"}"}');
    assert.strictEqual(shortenTokens(`\\\\\\"refreshToken\\\\\\":\\\\\\"${TOKEN}\\\\\\"`), '\\\\\\"refreshToken\\\\\\":\\\\\\"…6677\\\\\\"');
    assert.strictEqual(shortenTokens(`grant=x&refresh_token=${TOKEN}&y=1`), 'grant=x&refresh_token=…6677&y=1');
  });

  it('keeps an escaped slash inside the value instead of leaving the rest of the token', () => {
    assert.strictEqual(shortenTokens('{"access_token":"abc\\/defghijklmnop"}'), '{"access_token":"…mnop"}');
  });

  it('shortens bearer values, JWTs and sandbox tokens wherever they appear', () => {
    assert.strictEqual(shortenTokens(`error: header was Bearer ${JWT}.`), 'error: header was Bearer …WFla.');
    assert.strictEqual(shortenTokens(`{"jwt":"${JWT}"}`), '{"jwt":"…WFla"}');
    assert.strictEqual(shortenTokens(`token ${TOKEN} rejected`), 'token …6677 rejected');
  });

  it('is idempotent and leaves ordinary words alone', () => {
    const once = shortenTokens(`{"refresh_token":"${TOKEN}"}`);
    assert.strictEqual(shortenTokens(once), once);
    for (const text of ['The token expired; refresh it.', 'Bearer of bad news…', '{"tokenCount": 3}', 'refresh_token is required']) {
      assert.strictEqual(shortenTokens(text), text);
    }
  });

  it('shortens Authorization values, keeping the scheme', () => {
    assert.strictEqual(shortenAuthorization(`Bearer ${TOKEN}`), 'Bearer …6677');
    assert.strictEqual(shortenAuthorization(TOKEN), '…6677');
  });
});
