// GET /__oto/state, posted back to POST /__oto/reset, gives the account it was taken from: its
// webhook registrations (made through OTO's API, with their ids) included, the sandbox's own not doubled.
import * as assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox';
import { call, type Answer } from '../../fakes/sandboxHttp';
import { startReceiver, type Receiver } from './receiver';

describe('sandbox webhooks: a saved state keeps the registrations', () => {
  let sandbox: RunningSandbox;
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
    // The sandbox's own webhook (as --webhook registers it): registered wherever the sandbox starts, so never part of a state.
    sandbox = await startSandbox({ webhooks: { register: [{ url: `${receiver.url}/own`, secretKey: 'own-secret-1' }] } });
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });
  const control = (method: string, path: string, body?: unknown): Promise<Answer> =>
    call(`${sandbox.baseUrl.replace(/\/rest\/v2$/, '/__oto')}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const api = async (method: string, endpoint: string, body?: unknown): Promise<Answer> => {
    const token = ((await call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: sandbox.refreshToken }) })).json as { access_token: string }).access_token;
    return call(`${sandbox.baseUrl}/${endpoint}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  };
  const listed = async (): Promise<Array<{ id: number; url: string; webhookType: string; secretKey: string | null }>> =>
    ((await api('GET', 'webhook')).json as { webhooks: Array<{ id: number; url: string; webhookType: string; secretKey: string | null }> }).webhooks;

  it('GET /__oto/state holds the webhooks an ERP registered, ids kept; a reset to it has them again, and the ERP can still remove its own by id', async () => {
    for (const path of ['/a', '/b', '/c']) {
      assert.equal((await api('POST', 'webhook', { url: `${receiver.url}${path}`, method: 'post', webhookType: 'orderStatus', secretKey: `erp-secret${path}` })).status, 200);
    }
    // ids: own 1, a 2, b 3, c 4; b removed, so the ERP's stored ids are 2 and 4.
    assert.equal((await api('DELETE', 'webhook?id=3')).status, 200);
    const before = await listed();
    const state = (await control('GET', '/state')).json as { webhooks?: { register?: Array<{ id?: number; url: string }> } };
    assert.deepEqual(state.webhooks?.register?.map(({ id, url }) => [id, url]), [[2, `${receiver.url}/a`], [4, `${receiver.url}/c`]]);

    await api('DELETE', 'webhook?id=2');
    const reset = await control('POST', '/reset', state);
    assert.equal(reset.status, 200, JSON.stringify(reset.json));
    const after = await listed();
    assert.deepEqual(after.map(({ id, url }) => [id, url]).sort(), before.map(({ id, url }) => [id, url]).sort());
    assert.equal((await api('DELETE', 'webhook?id=4')).status, 200, 'the id the ERP kept still names its webhook');
    assert.deepEqual((await listed()).map(({ url }) => url).sort(), [`${receiver.url}/a`, `${receiver.url}/own`]);
    // A registration made after the restore takes an id past every kept one.
    const made = (await api('POST', 'webhook', { url: `${receiver.url}/d`, method: 'post', webhookType: 'orderStatus' })).json as { id: string };
    assert.equal(made.id, '5');
  });

  it('the state of an account with no registration of its own has no webhooks; a scenario with two registrations under one id is refused by field', async () => {
    assert.equal(((await control('GET', '/state')).json as { webhooks?: unknown }).webhooks, undefined);
    const clash = await control('POST', '/reset', { webhooks: { register: [{ url: `${receiver.url}/x`, id: 7 }, { url: `${receiver.url}/y`, id: 7 }] } });
    assert.equal(clash.status, 400);
    assert.deepEqual((clash.json as { problems: Array<{ field: string }> }).problems.map((problem) => problem.field), ['webhooks.register[1].id']);
  });
});
