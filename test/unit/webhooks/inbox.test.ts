// The Webhook Inbox's core over real HTTP: the sandbox registered with the receiver in one action,
// each event read and its signature checked with the inbox's secret (faults that sign wrong or
// stale included), the receiver's bounds, the kept-events cap, the documents, and Forward to….
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';
import { startSandbox, type RunningSandbox, type WebhookSettings } from '../../../src/sandbox';
import { connectInbox, disconnectInbox, inboxUrl, isConnected } from '../../../src/webhooks/connect';
import { formatInboxDocument, formatVerificationDocument } from '../../../src/webhooks/document';
import { checkSavedForwardTarget, FORWARDED_HEADER, forwardEvent, parseForwardTarget } from '../../../src/webhooks/forward';
import { Inbox, MAX_EVENTS, type InboxEvent, type InboxKeys } from '../../../src/webhooks/inbox';
import { startReceiver, type RunningReceiver } from '../../../src/webhooks/receiver';
import { forwardText, rowText } from '../../../src/webhooks/rowText';
import { startReceiver as startErpReceiver, type Receiver as ErpReceiver } from '../sandbox/webhooks/receiver';
import { signIn } from '../fakes/sandboxHttp';

const SECRET = 'inbox-secret-7f3a9c2e11d04b5a';
const AUTHORIZATION = 'inbox-auth-2b8e6d4c90a1f357';
const KEYS: InboxKeys = { secrets: [{ name: 'inbox secret', secret: SECRET }], authorizationKey: AUTHORIZATION };

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: Record<string, unknown>;
}

function request(port: number, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port, method, path, headers: { 'Content-Type': 'application/json', ...headers }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Resolves with the inbox's events once it holds `count`. */
function eventsOnce(inbox: Inbox, count: number, timeoutMs = 5000): Promise<InboxEvent[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (inbox.list().length >= count) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(inbox.list());
        return true;
      }
      return false;
    };
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`${inbox.list().length} of ${count} events arrived`));
    }, timeoutMs);
    const subscription = inbox.onDidChange(() => void check());
    check();
  });
}

describe('webhook inbox: receiving from the sandbox', () => {
  let sandbox: RunningSandbox | undefined;
  let receiver: RunningReceiver | undefined;
  let inbox: Inbox;
  const start = async (webhooks: WebhookSettings = {}): Promise<RunningSandbox> => {
    inbox = new Inbox(() => KEYS);
    receiver = await startReceiver({ port: 0, onReceive: inbox.receive });
    sandbox = await startSandbox({ webhooks });
    return sandbox;
  };
  afterEach(async () => {
    await sandbox?.close();
    await receiver?.close();
    sandbox = receiver = undefined;
  });

  it('registers the inbox for every type in one action, replacing its earlier registrations and leaving others alone', async () => {
    const running = await start({ register: [{ url: 'http://127.0.0.1:9/erp', webhookType: 'orderStatus' }] });
    const origin = receiver!.origin;
    assert.equal(isConnected(running.webhooks, origin), false);
    const hooks = connectInbox(running.webhooks, origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION });
    assert.deepEqual(hooks.map((hook) => hook.url), ['orderStatus', 'newOrders', 'shipmentError', 'walletTransaction'].map((type) => `${origin}/${type}`));
    connectInbox(running.webhooks, origin, { secretKey: `${SECRET}-2`, authorizationKey: AUTHORIZATION });
    const listed = running.webhooks.list();
    assert.equal(listed.length, 5, 'connecting again replaces, OTO1122 would refuse a URL twice');
    assert.equal(listed.find((hook) => hook.url === inboxUrl(origin, 'orderStatus'))?.secretKey, `${SECRET}-2`);
    assert.ok(isConnected(running.webhooks, origin));
    assert.equal(disconnectInbox(running.webhooks, origin), 4);
    assert.deepEqual(running.webhooks.list().map((hook) => hook.url), ['http://127.0.0.1:9/erp']);
  });

  it('connects for every type or none: with room for only some (OTO1120), it registers nothing and says why', async () => {
    const others = Array.from({ length: 8 }, (_, index) => ({ url: `http://127.0.0.1:9/erp-${index}` }));
    const running = await start({ register: others });
    assert.throws(() => connectInbox(running.webhooks, receiver!.origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION }), /OTO1120/);
    assert.deepEqual(running.webhooks.list().map((hook) => hook.url), others.map((hook) => hook.url));
  });

  it('shows orderStatus picked and packed with a valid signature, order and status, newest first, when the packing endpoint marks an order', async () => {
    const running = await start();
    connectInbox(running.webhooks, receiver!.origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION });
    const api = await signIn(running);
    const queue = (await api.post('getPackingOrders', { warehouseCode: 'RUH-WH1' })).json as { orders: Array<{ orderId: string }> };
    const orderId = queue.orders[0].orderId;
    await api.post('updatePackingStatus', { orderId, packingStatus: 'picked' });
    await api.post('updatePackingStatus', { orderId, packingStatus: 'packed' });
    const [packed, picked] = await eventsOnce(inbox, 2);
    assert.deepEqual([picked.type, picked.orderId, picked.status], ['orderStatus', orderId, 'picked']);
    assert.deepEqual([packed.type, packed.orderId, packed.status], ['orderStatus', orderId, 'packed']);
    assert.equal(packed.verification.verdict, 'valid');
    assert.equal(packed.verification.match?.signingString, `${orderId}:packed:${String(packed.payload?.timestamp)}`);
    assert.equal(packed.verification.match?.secretName, 'inbox secret');
    assert.equal(packed.verification.timestamp?.stale, false);
    assert.equal(packed.authorization, 'matches');
    assert.ok(packed.id > picked.id);
  });

  it('says invalid for a delivery the sandbox signed wrong on purpose, and stale for a day-old timestamp', async () => {
    const running = await start();
    connectInbox(running.webhooks, receiver!.origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION });
    running.webhooks.faults.add([{ kind: 'wrongSignature', times: 1 }]);
    const orderId = running.exportState().orders[0].orderId;
    running.webhooks.trigger({ type: 'walletTransaction', orderId });
    const [wrong] = await eventsOnce(inbox, 1);
    assert.equal(wrong.type, 'walletTransaction');
    assert.equal(wrong.verification.verdict, 'invalid');
    assert.deepEqual(wrong.verification.tried.map((candidate) => candidate.field), ['transactionStatus']);
    assert.match(formatInboxDocument(wrong), /No kept secret gives this signature over any of: /);
    running.webhooks.faults.add([{ kind: 'staleTimestamp', times: 1 }]);
    running.webhooks.trigger({ type: 'orderStatus', orderId });
    const [stale] = await eventsOnce(inbox, 2);
    assert.equal(stale.verification.verdict, 'valid', 'a stale delivery is signed correctly');
    assert.equal(stale.verification.timestamp?.stale, true);
    assert.match(formatInboxDocument(stale), /Stale timestamp: 24 h old/);
  });

  it('judges timestamps by the sandbox\'s clock once advanceClock moved it on: fresh then, while a receiver on this machine\'s clock refuses them as replays', async () => {
    const running = await start();
    running.control.advanceClock(2 * 3600);
    const followsSandbox = new Inbox(() => KEYS, () => running.control.now() - Date.now());
    const second = await startReceiver({ port: 0, onReceive: followsSandbox.receive });
    try {
      connectInbox(running.webhooks, receiver!.origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION });
      connectInbox(running.webhooks, second.origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION });
      running.webhooks.trigger({ type: 'orderStatus', orderId: running.exportState().orders[0].orderId });
      const [[onMachineClock], [onSandboxClock]] = await Promise.all([eventsOnce(inbox, 1), eventsOnce(followsSandbox, 1)]);
      assert.equal(onMachineClock.verification.timestamp?.stale, true, 'two hours ahead of this machine');
      assert.equal(onMachineClock.answer.status, 401);
      assert.equal(onSandboxClock.verification.verdict, 'valid');
      assert.equal(onSandboxClock.verification.timestamp?.stale, false);
      assert.ok(Math.abs(onSandboxClock.verification.timestamp?.ageMs ?? Infinity) < 60_000, String(onSandboxClock.verification.timestamp?.ageMs));
      assert.equal(onSandboxClock.answer.status, 200);
    } finally {
      await second.close();
    }
  });

  it('finds which string a shipmentError was signed over, whichever the scenario chose', async () => {
    for (const shipmentErrorSigning of ['status', 'errorCode'] as const) {
      const running = await start({ shipmentErrorSigning });
      connectInbox(running.webhooks, receiver!.origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION });
      const orderId = running.exportState().orders[0].orderId;
      running.webhooks.trigger({ type: 'shipmentError', orderId, fields: { status: 'shipmentCreated' } });
      const [event] = await eventsOnce(inbox, 1);
      assert.equal(event.status, 'deliveryCompanyError');
      assert.equal(event.verification.verdict, 'valid');
      assert.equal(event.verification.match?.field, shipmentErrorSigning);
      assert.match(formatInboxDocument(event), new RegExp(`this one was signed over ${shipmentErrorSigning}`));
      await sandbox?.close();
      await receiver?.close();
    }
    sandbox = receiver = undefined;
  });

  it('shows newOrders unsigned, with its nested order read', async () => {
    const running = await start();
    connectInbox(running.webhooks, receiver!.origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION });
    running.webhooks.addOrder({ orderId: 'INBOX-1', warehouseCode: 'RUH-WH1', items: [{ sku: 'INBOX-SKU', quantity: 2, name: 'Inbox test item', price: 10 }] });
    const [event] = await eventsOnce(inbox, 1);
    assert.deepEqual([event.type, event.orderId, event.status, event.verification.verdict], ['newOrders', 'INBOX-1', 'assignedToWarehouse', 'unsigned']);
    assert.match(formatInboxDocument(event), /OTO sends newOrders without one/);
  });
});

describe('webhook inbox: answering as a careful receiver', () => {
  let sandbox: RunningSandbox | undefined;
  let receiver: RunningReceiver | undefined;
  afterEach(async () => {
    await sandbox?.close();
    await receiver?.close();
    sandbox = receiver = undefined;
  });
  const signed = (secret: string, fields: Record<string, unknown>): string => {
    const text = `${String(fields.orderId)}:${String(fields.status)}:${String(fields.timestamp)}`;
    return JSON.stringify({ ...fields, signature: createHmac('sha256', secret).update(text).digest('base64') });
  };

  it('answers 401 in OTO\'s gateway JSON to a signature no kept secret gives and to a stale timestamp; 200 to a valid one, an unsigned one, and a signed one it has no secret for', async () => {
    let keys: InboxKeys = KEYS;
    const inbox = new Inbox(() => keys);
    receiver = await startReceiver({ port: 0, onReceive: inbox.receive });
    const now = Date.now();
    const post = (body: string): Promise<Raw> => request(receiver!.port, 'POST', '/orderStatus', body, { Authorization: AUTHORIZATION });
    const fresh = { orderId: '1042', status: 'packed', timestamp: now };
    assert.deepEqual((await post(signed(SECRET, fresh))).json, { success: true });
    const wrong = await post(signed('not-the-secret', fresh));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.code, 401);
    assert.match(String(wrong.json.message), /^The signature does not match: it is not Base64\(HMAC-SHA256\(secretKey, orderId:status:timestamp\)\)/);
    const stale = await post(signed(SECRET, { ...fresh, timestamp: now - 24 * 3600_000 }));
    assert.deepEqual([stale.status, stale.json.code], [401, 401]);
    assert.match(String(stale.json.message), /possible replay/);
    assert.equal((await post(JSON.stringify(fresh))).status, 200, 'unsigned: OTO signs only with a secretKey');
    keys = { secrets: [] };
    assert.equal((await post(signed('whatever', fresh))).status, 200, 'no secret kept: nothing to judge with');
    // Every delivery is kept, a refused one too, with what it was answered.
    assert.deepEqual(inbox.list().map((event) => event.answer.status), [200, 200, 401, 401, 200]);
    assert.match(formatInboxDocument(inbox.list()[2]), /"answered": \{\s+"status": 401,\s+"why": "The timestamp is more than 5 minutes/);
  });

  it('so the sandbox finds nothing against it: no bad-signature or stale finding, nor a missed acknowledgement, for the deliveries it spoils on purpose', async () => {
    const inbox = new Inbox(() => KEYS);
    receiver = await startReceiver({ port: 0, onReceive: inbox.receive });
    sandbox = await startSandbox({});
    connectInbox(sandbox.webhooks, receiver.origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION });
    const orderId = sandbox.exportState().orders[0].orderId;
    sandbox.webhooks.faults.add([{ kind: 'wrongSignature', times: 1 }]);
    sandbox.webhooks.trigger({ type: 'shipmentError', orderId });
    await sandbox.webhooks.idle();
    sandbox.webhooks.faults.add([{ kind: 'staleTimestamp', times: 1 }]);
    sandbox.webhooks.trigger({ type: 'orderStatus', orderId });
    await sandbox.webhooks.idle();
    sandbox.webhooks.trigger({ type: 'walletTransaction', orderId });
    await sandbox.webhooks.idle();
    const outbound = sandbox.traffic.list().filter((exchange) => exchange.direction === 'outbound').reverse();
    assert.deepEqual(outbound.map((exchange) => exchange.status), [401, 401, 200]);
    assert.deepEqual(outbound.flatMap((exchange) => exchange.findings.map((finding) => finding.rule)), []);
    assert.deepEqual(inbox.list().map((event) => [event.type, event.verification.verdict, event.answer.status]), [
      ['walletTransaction', 'valid', 200],
      ['orderStatus', 'valid', 401],
      ['shipmentError', 'invalid', 401],
    ]);
  });
});

describe('webhook inbox: the sandbox and the inbox agree on what a trigger wrote', () => {
  let sandbox: RunningSandbox | undefined;
  let receiver: RunningReceiver | undefined;
  let erp: ErpReceiver | undefined;
  afterEach(async () => {
    await sandbox?.close();
    await receiver?.close();
    await erp?.close();
    sandbox = receiver = erp = undefined;
  });

  it('a forged signature or an hour-old timestamp in the trigger\'s fields: refused by the inbox with nothing found, found against a receiver that takes it', async () => {
    const inbox = new Inbox(() => KEYS);
    receiver = await startReceiver({ port: 0, onReceive: inbox.receive });
    erp = await startErpReceiver('/erp/orderStatus');
    sandbox = await startSandbox({ webhooks: { register: [{ url: erp.url, secretKey: SECRET, webhookType: 'orderStatus' }] } });
    connectInbox(sandbox.webhooks, receiver.origin, { secretKey: SECRET, authorizationKey: AUTHORIZATION });
    const orderId = sandbox.exportState().orders[0].orderId;
    sandbox.webhooks.trigger({ type: 'orderStatus', orderId, fields: { signature: 'Zm9yZ2Vk' } });
    await sandbox.webhooks.idle();
    sandbox.webhooks.trigger({ type: 'orderStatus', orderId, fields: { timestamp: Date.now() - 3600_000 } });
    await sandbox.webhooks.idle();
    sandbox.webhooks.trigger({ type: 'orderStatus', orderId, fields: { status: 'delivered' } });
    await sandbox.webhooks.idle();
    const outbound = sandbox.traffic.list().filter((exchange) => exchange.direction === 'outbound').reverse();
    const by = (host: string): Array<[number | undefined, string[]]> =>
      outbound.filter((exchange) => (exchange.target ?? '').startsWith(host)).map((exchange) => [exchange.status, exchange.findings.map((finding) => finding.rule)]);
    assert.deepEqual(by(receiver.origin), [[401, []], [401, []], [200, []]]);
    assert.deepEqual(by(erp.url), [[200, ['webhook-bad-signature-accepted']], [200, ['webhook-stale-accepted']], [200, []]]);
  });
});

describe('webhook inbox: the receiver is bounded', () => {
  let receiver: RunningReceiver | undefined;
  let inbox: Inbox;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });
  const start = async (limits = {}): Promise<number> => {
    inbox = new Inbox(() => KEYS);
    receiver = await startReceiver({ port: 0, onReceive: inbox.receive, limits });
    return receiver.port;
  };

  it('listens on 127.0.0.1 only and answers other methods 405 in OTO\'s gateway JSON', async () => {
    const port = await start();
    assert.equal(receiver!.origin, `http://127.0.0.1:${port}`);
    const answer = await request(port, 'GET', '/orderStatus');
    assert.equal(answer.status, 405);
    assert.equal(answer.headers.allow, 'POST, PUT');
    assert.deepEqual(answer.json, { message: 'The Webhook Inbox takes POST or PUT deliveries, not GET', code: 405 });
    assert.equal(inbox.list().length, 0);
  });

  it('refuses a body over the cap with 413 and keeps nothing; keeps a body that is not JSON and answers 400', async () => {
    const port = await start({ maxBodyBytes: 1024 });
    const big = await request(port, 'POST', '/orderStatus', Buffer.alloc(4096, 'a'));
    assert.equal(big.status, 413);
    assert.equal(big.json.code, 413);
    assert.equal(inbox.list().length, 0);
    const text = await request(port, 'POST', '/orderStatus', 'not json');
    assert.deepEqual([text.status, text.json.code], [400, 400]);
    assert.equal(inbox.list()[0].bodyText, 'not json');
    assert.equal(inbox.list()[0].verification.verdict, 'unsigned');
  });

  it('records a delivery whose connection dropped mid-body as cut short, answering nothing (no 413 for nobody)', async () => {
    const port = await start({ maxBodyBytes: 1024 });
    const arrived = eventsOnce(inbox, 1);
    const socket = net.connect(port, '127.0.0.1');
    let answered = '';
    socket.on('data', (chunk: Buffer) => (answered += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.write('POST /orderStatus HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"orderId": "1"');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    const [event] = await arrived;
    assert.deepEqual(event.cutShort, { bytes: 15, announced: 100 });
    assert.equal(event.bodyText, '{"orderId": "1"');
    assert.equal(answered, '');
    const row = rowText(event);
    assert.match(row.description, /cut short/);
    assert.ok(row.details.includes('The connection closed after 15 of 100 bytes, before the body was whole: nothing was answered.'), row.details.join(' | '));
    assert.equal(JSON.parse(formatInboxDocument(event)).answered, null);
    // Not forwarded: the ERP's receiver would get a body no sender finished.
    const erpReceiver = await startErpReceiver('/erp/oto');
    try {
      const result = await forwardEvent(event, new URL(erpReceiver.url), { signal: new AbortController().signal });
      assert.equal(result.error, 'cutShort');
      inbox.setForward(event.id, result);
      assert.match(rowText(inbox.get(event.id) as InboxEvent).description, /→ not forwarded: the delivery never came whole/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(erpReceiver.deliveries.length, 0);
      assert.equal(forwardText({ url: erpReceiver.url, error: 'busy', body: '', truncated: false, durationMs: 0 }), '→ not forwarded: too many forwards were under way');
    } finally {
      await erpReceiver.close();
    }
  });

  it('keeps a delivery nested too deep to show as JSON as its text, answers 400 saying so, and opens it as text', async () => {
    const port = await start({});
    const deep = `{"orderId": "1", "status": "delivered", "extra": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const answer = await request(port, 'POST', '/orderStatus', deep);
    assert.deepEqual([answer.status, answer.json.code], [400, 400]);
    assert.match(String(answer.json.message), /nests deeper than 64 levels/);
    const [event] = inbox.list();
    assert.equal(event.payload, undefined);
    assert.equal(event.bodyText, deep);
    assert.ok(formatInboxDocument(event).includes('"body": "{\\"orderId\\": \\"1\\"'), 'the document shows the body as text');
    assert.equal(formatVerificationDocument(deep, [], Date.now()), undefined, 'Verify Webhook Signature… takes it as no JSON object');
  });

  it('answers a request whose headers never finish 408, and a connection past the cap 503', async () => {
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnections: 1, busyAnswers: 1 });
    const stalled = net.connect(port, '127.0.0.1');
    const answered = new Promise<string>((resolve) => {
      let text = '';
      stalled.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      stalled.on('close', () => resolve(text));
    });
    stalled.write('POST /orderStatus HTTP/1.1\r\nHost: x\r\n');
    // The stalled socket holds the one connection: the next is turned away.
    await new Promise((resolve) => stalled.once('ready', resolve));
    const busy = await request(port, 'POST', '/orderStatus', '{}').catch((error: Error) => ({ status: -1, json: { error: error.message } }));
    assert.equal(busy.status, 503);
    assert.match(await answered, /^HTTP\/1\.1 408 .*"code":408/s);
  });

  it(`keeps the last ${MAX_EVENTS} events at most, newest first`, async () => {
    inbox = new Inbox(() => KEYS);
    for (let i = 0; i < MAX_EVENTS + 10; i++) {
      inbox.receive({ method: 'POST', path: '/orderStatus', headers: {}, body: Buffer.from(JSON.stringify({ orderId: `O${i}`, status: 'packed' })), receivedAt: Date.now() });
    }
    const events = inbox.list();
    assert.ok(events.length <= MAX_EVENTS);
    assert.equal(events[0].orderId, `O${MAX_EVENTS + 9}`);
    assert.ok(events.every((event, index) => index === 0 || event.id < events[index - 1].id));
  });

  it('shortens the Authorization value in the document and never shows the secret', () => {
    inbox = new Inbox(() => KEYS);
    inbox.receive({ method: 'POST', path: '/orderStatus', headers: { authorization: `Bearer ${AUTHORIZATION}` }, body: Buffer.from('{"orderId":"1","status":"packed","timestamp":1,"signature":"x"}'), receivedAt: Date.now() });
    const [event] = inbox.list();
    assert.equal(event.authorization, 'matches', 'Bearer and raw forms both match');
    const text = formatInboxDocument(event);
    assert.ok(!text.includes(AUTHORIZATION) && !text.includes(SECRET));
    assert.match(text, /"authorization": "Bearer …f357"/);
  });
});

describe('webhook inbox: Forward to…', () => {
  let erp: ErpReceiver | undefined;
  afterEach(async () => {
    await erp?.close();
    erp = undefined;
  });
  const event = (): InboxEvent => {
    const inbox = new Inbox(() => KEYS);
    inbox.receive({ method: 'POST', path: '/orderStatus', headers: { 'content-type': 'application/json', authorization: AUTHORIZATION, 'x-other': 'dropped' }, body: Buffer.from('{"orderId":"1042","status":"packed"}'), receivedAt: Date.now() });
    return inbox.list()[0];
  };

  it('resends the body and Authorization to a loopback receiver and keeps its answer', async () => {
    erp = await startErpReceiver('/erp/oto');
    erp.answers = [{ status: 500, body: '{"error":"duplicate key"}' }];
    const result = await forwardEvent(event(), new URL(erp.url), { signal: new AbortController().signal });
    const [delivery] = await erp.received(1);
    assert.equal(delivery.text, '{"orderId":"1042","status":"packed"}');
    assert.equal(delivery.headers.authorization, AUTHORIZATION);
    assert.equal(delivery.headers['x-other'], undefined);
    assert.deepEqual([result.status, result.body, result.url], [500, '{"error":"duplicate key"}', erp.url]);
  });

  it('forwards a body that is not UTF-8 byte for byte, and says so in the event\'s document', async () => {
    // Latin-1 "Café" and a lone continuation byte: decoded as UTF-8 they become U+FFFD.
    const sent = Buffer.concat([Buffer.from('{"orderId":"1042","status":"packed","note":"Caf'), Buffer.from([0xe9, 0x80]), Buffer.from('"}')]);
    const inbox = new Inbox(() => KEYS);
    const received: Buffer[] = [];
    const target = http.createServer((incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        received.push(Buffer.concat(chunks));
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const receiver = await startReceiver({ port: 0, onReceive: inbox.receive });
    try {
      await request(receiver.port, 'POST', '/orderStatus', sent, { Authorization: AUTHORIZATION });
      const [event] = await eventsOnce(inbox, 1);
      assert.equal(event.orderId, '1042');
      const result = await forwardEvent(event, new URL(`http://127.0.0.1:${(target.address() as net.AddressInfo).port}/erp`), { signal: new AbortController().signal });
      assert.equal(result.status, 200);
      assert.deepEqual(received, [sent]);
      assert.match(formatInboxDocument(event), /"bodyEncoding": "The body is not UTF-8/);
      // A UTF-8 body is kept once, as its text, and its document says nothing of its encoding.
      const utf8 = inbox.receive({ method: 'POST', path: '/orderStatus', headers: {}, body: Buffer.from('{"orderId":"1043","note":"مقهى"}'), receivedAt: Date.now() });
      assert.equal(utf8.status, 200);
      assert.equal(inbox.list()[0].rawBody, undefined);
      assert.doesNotMatch(formatInboxDocument(inbox.list()[0]), /bodyEncoding/);
    } finally {
      await receiver.close();
      await new Promise<void>((resolve) => target.close(() => resolve()));
    }
  });

  it('says refused when nothing listens, and sends nothing off this machine', async () => {
    const closed = await startErpReceiver();
    const url = new URL(closed.url);
    await closed.close();
    assert.equal((await forwardEvent(event(), url, { signal: new AbortController().signal })).error, 'refused');
    assert.equal(parseForwardTarget('http://192.0.2.10/hook'), 'notLoopback');
    assert.equal((await forwardEvent(event(), new URL('http://192.0.2.10/hook'), { signal: new AbortController().signal })).error, 'notLoopback');
    assert.equal(parseForwardTarget('ftp://127.0.0.1/x'), 'notHttp');
    assert.equal(parseForwardTarget('localhost:3000'), 'notHttp');
    assert.equal(parseForwardTarget('not a url'), 'notUrl');
    // Saved with the workspace in clear: a password (or a user name, often a key) is refused, not kept.
    assert.equal(parseForwardTarget('http://erp:s3cret@127.0.0.1:3000/oto'), 'credentials');
    assert.equal(parseForwardTarget('http://key-123@localhost:3000/oto'), 'credentials');
    assert.equal((parseForwardTarget(' http://localhost:3000/oto ') as URL).href, 'http://localhost:3000/oto');
  });

  it('says why a target saved by an earlier version is refused now, shows it without its password, and offers it without credentials', () => {
    assert.deepEqual(checkSavedForwardTarget('http://erp:s3cret-pass@127.0.0.1:3000/oto?x=1'), { problem: 'credentials', shown: 'http://erp:…@127.0.0.1:3000/oto?x=1', suggestion: 'http://127.0.0.1:3000/oto?x=1' });
    assert.deepEqual(checkSavedForwardTarget('http://key-123@localhost:3000/oto'), { problem: 'credentials', shown: 'http://…@localhost:3000/oto', suggestion: 'http://localhost:3000/oto' });
    // Off this machine with a password: refused for both, and nothing to offer (it would still go elsewhere).
    assert.deepEqual(checkSavedForwardTarget('http://erp:s3cret-pass@192.0.2.10/oto'), { problem: 'credentials', shown: 'http://erp:…@192.0.2.10/oto' });
    assert.deepEqual(checkSavedForwardTarget('http://192.0.2.10/oto'), { problem: 'notLoopback', shown: 'http://192.0.2.10/oto' });
    assert.equal((checkSavedForwardTarget('http://localhost:3000/oto') as URL).href, 'http://localhost:3000/oto');
  });

  it('never forwards what an inbox forwarded: an inbox forwarding to itself (or to another forwarding back) gets each delivery once, not in a loop', async () => {
    const inbox = new Inbox(() => KEYS);
    const signal = new AbortController().signal;
    let forwards = 0;
    // The controller's wiring: each event received is forwarded, and its answer kept beside it.
    const receiver = await startReceiver({
      port: 0,
      onReceive: (received) => {
        const answer = inbox.receive(received);
        const [latest] = inbox.list();
        forwards++;
        void forwardEvent(latest, new URL(`${receiver.origin}/orderStatus`), { signal }).then((result) => inbox.setForward(latest.id, result));
        return answer;
      },
    });
    try {
      assert.equal(parseForwardTarget(`http://localhost:${receiver.port}/orderStatus`, receiver.port), 'self');
      assert.ok(parseForwardTarget(`http://localhost:${receiver.port + 1}/erp`, receiver.port) instanceof URL);
      await request(receiver.port, 'POST', '/orderStatus', '{"orderId":"1042","status":"packed"}', { Authorization: AUTHORIZATION });
      const [again, first] = await eventsOnce(inbox, 2);
      // Both forwards have answered: a loop would have sent the second on, a third event.
      await new Promise<void>((resolve) => {
        const settled = (): boolean => inbox.list().every((event) => event.forward !== undefined);
        const subscription = inbox.onDidChange(() => settled() && (subscription.dispose(), resolve()));
        if (settled()) {
          subscription.dispose();
          resolve();
        }
      });
      assert.equal(inbox.list().length, 2);
      assert.equal(forwards, 2);
      assert.equal(again.headers[FORWARDED_HEADER], '1');
      assert.equal(again.bodyText, first.bodyText);
      assert.equal(again.headers.authorization, AUTHORIZATION);
      assert.equal(inbox.get(again.id)?.forward?.error, 'loop');
      assert.equal(inbox.get(first.id)?.forward?.status, 200);
    } finally {
      await receiver.close();
    }
  });
});
