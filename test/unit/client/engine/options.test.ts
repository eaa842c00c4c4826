// What the engine does with its options and the refresh token's source: bad options refused when
// the client is made, the refresh token hidden from the first exchange on, a source that fails or
// gives blank text treated as "not signed in", a token without a lifetime kept for OTO's documented
// 30 minutes, and the plain facts of each exchange (operation, URL, User-Agent).
import * as assert from 'node:assert/strict';
import { OtoClient, OtoError } from '../../../../src/client';
import { failure, useSandbox } from '../../fakes/clientSandbox';
import { received } from '../../fakes/journal';

const REFRESH_TOKEN = 'rt-options-secret-0123456789abcdef';

function refusedOption(make: () => unknown): OtoError {
  try {
    make();
  } catch (error) {
    assert.ok(error instanceof OtoError);
    return error;
  }
  assert.fail('the client was made');
}

describe('OtoClient options', () => {
  let time = Date.now();
  const t = useSandbox({ refreshToken: REFRESH_TOKEN }, { now: () => time });

  it('refuses a blank refresh token and an answer limit under one byte when made', () => {
    const blank = refusedOption(() => new OtoClient({ baseUrl: t.sandbox.baseUrl, refreshToken: '  ' }));
    assert.equal(blank.kind, 'validation');
    assert.equal(blank.field, 'refreshToken');
    assert.equal(blank.endpoint, 'refreshToken');
    const none = refusedOption(() => t.newClient({ maxAnswerBytes: 0 }));
    assert.equal(none.field, 'maxAnswerBytes');
    assert.equal(none.message, 'maxAnswerBytes must be a positive whole number of bytes');
    assert.ok(t.newClient({ maxAnswerBytes: 1 }));
  });

  it('hides the refresh token from an answer that echoes it before any token was asked for', async () => {
    t.sandbox.addFaults([{ endpoint: 'healthCheck', status: 500, body: `{"message":"echo ${REFRESH_TOKEN}"}`, times: 1 }]);
    const error = await failure(t.client.healthCheck());
    assert.equal(error.message, 'echo ***');
    assert.equal(t.sent('refreshToken').length, 0);
  });

  it('hides a refresh token read from a function, once it has been read', async () => {
    const client = t.newClient({ refreshToken: async () => REFRESH_TOKEN });
    await client.getAccountInfo();
    t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 400, body: `{"message":"echo ${REFRESH_TOKEN}"}`, times: 1 }]);
    assert.equal((await failure(client.getAccountInfo())).message, 'echo ***');
  });

  it('treats a source that fails, or gives blank text, as not signed in, and sends nothing', async () => {
    const failing = await failure(t.newClient({ refreshToken: async () => { throw new Error('keychain locked'); } }).getAccountInfo());
    assert.equal(failing.kind, 'auth');
    assert.equal(failing.endpoint, 'refreshToken');
    assert.equal(failing.message, 'No refresh token: keychain locked');
    for (const source of [async () => '   ', async () => 42 as unknown as string]) {
      const blank = await failure(t.newClient({ refreshToken: source }).getAccountInfo());
      assert.equal(blank.kind, 'auth');
      assert.equal(blank.endpoint, 'refreshToken');
      assert.equal(blank.message, 'No refresh token is set: sign in first');
    }
    assert.equal(received(t.sandbox).length, 0);
  });

  it('keeps a token whose answer gives no usable lifetime for 30 minutes (less the margin), not for no time', async () => {
    // A refresh answer without a lifetime: a real access token of the sandbox's, asked for directly
    // (the client keeps its own out of sight), handed to the client with expires_in "0".
    const client = t.newClient();
    const issued = { success: true, token_type: 'Bearer', expires_in: '0' };
    const response = await fetch(`${t.sandbox.baseUrl}/refreshToken`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: REFRESH_TOKEN }),
    });
    const { access_token: accessToken } = await response.json() as { access_token: string };
    t.sandbox.addFaults([{ endpoint: 'refreshToken', status: 200, body: JSON.stringify({ ...issued, access_token: accessToken }), times: 1 }]);
    const before = t.sent('refreshToken').length;
    await client.getAccountInfo();
    time += 20 * 60_000;
    await client.getAccountInfo();
    assert.equal(t.sent('refreshToken').length - before, 1, 'reused after 20 minutes');
    time += 10 * 60_000;
    t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 400, body: '{"message":"no"}', times: 1 }]);
    await failure(client.getAccountInfo());
    assert.equal(t.sent('refreshToken').length - before, 2, 'refreshed before 30 minutes were up');
  });

  it('reports each exchange with its operation, its URL as sent and our User-Agent', async () => {
    await t.client.getAccountInfo();
    const [refresh, call] = t.events;
    assert.equal(refresh.operation, 'auth');
    assert.equal(call.operation, 'read');
    assert.equal(call.url, `${t.sandbox.baseUrl}/accountInfo`);
    assert.match(call.requestHeaders['User-Agent'], /^oto-stock-vscode\/\S+$/);
  });
});
