// Each event OTO sends, in OTO's shape, signed as OTO signs, delivered over real HTTP to a receiver
// that checks the signature with node:crypto alone; each delivery an outbound exchange.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { startSandbox, type DeliveryOutcome, type RunningSandbox, type WebhookSettings } from '../../../../src/sandbox';
import { formatTrafficLine } from '../../../../src/traffic/report';
import { trafficRow } from '../../../../src/workbench/rows';
import { signIn, type Api } from '../../fakes/sandboxHttp';
import { hmac, startReceiver, verifies, type Receiver } from './receiver';

const ORDER_STATUS_FIELDS = [
  'orderId', 'parentOrderId', 'returnOrderId', 'otoId', 'entityId', 'brandId', 'brandedTrackingURL', 'status', 'dcStatus', 'returnStatus', 'note',
  'pickupLocationCode', 'driverName', 'driverPhone', 'driverEmail', 'driverId', 'printAWBURL', 'trackingNumber', 'dcTrackingNumber', 'trackingUrl',
  'deliveryCompany', 'shipmentWeight', 'attemptFailureReason', 'ref1', 'ref2', 'ref3', 'timestamp', 'signature',
];
const SECRET = 'erp-webhook-secret-4711';

describe('sandbox webhooks: events and delivery', () => {
  let sandbox: RunningSandbox;
  let api: Api;
  let receiver: Receiver;
  const start = async (settings: WebhookSettings = {}, type: 'orderStatus' | 'newOrders' | 'shipmentError' | 'walletTransaction' = 'orderStatus', extra: Record<string, string> = {}): Promise<void> => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhooks: { ...settings, register: [{ url: receiver.url, webhookType: type, secretKey: SECRET, ...extra }] } });
    api = await signIn(sandbox);
  };
  afterEach(async () => {
    await sandbox?.close();
    await receiver?.close();
  });
  const queuedOrder = async (): Promise<string> => {
    const answer = await api.post('getPackingOrders', { warehouseCode: 'RUH-WH1' });
    const orders = (answer.json as { orders: Array<{ orderId: string }> }).orders;
    return orders[orders.length - 1].orderId;
  };

  it('sends orderStatus picked then packed when the packing endpoint changes an order, signed over orderId:status:timestamp', async () => {
    await start({}, 'orderStatus', { authorizationKey: 'erp-auth-9911' });
    const orderId = await queuedOrder();
    const before = Date.now();
    assert.equal((await api.post('updatePackingStatus', { orderId, packingStatus: 'picked' })).status, 200);
    assert.equal((await api.post('updatePackingStatus', { orderId, packingStatus: 'packed' })).status, 200);
    const [picked, packed] = await receiver.received(2);
    for (const [delivery, status] of [[picked, 'picked'], [packed, 'packed']] as const) {
      assert.equal(delivery.method, 'POST');
      assert.equal(delivery.url, '/oto/webhook');
      assert.match(String(delivery.headers['content-type']), /^application\/json/);
      assert.equal(delivery.headers.authorization, 'erp-auth-9911');
      assert.deepEqual(Object.keys(delivery.json).sort(), [...ORDER_STATUS_FIELDS].sort());
      assert.equal(delivery.json.orderId, orderId);
      assert.equal(delivery.json.status, status);
      assert.equal(delivery.json.pickupLocationCode, 'RUH-WH1');
      const timestamp = delivery.json.timestamp as number;
      assert.ok(Number.isInteger(timestamp) && timestamp >= before - 1000 && timestamp <= Date.now() + 1000, `UTC epoch ms: ${timestamp}`);
      assert.equal(delivery.json.signature, hmac(SECRET, `${orderId}:${status}:${timestamp}`));
      assert.ok(verifies(delivery.json, SECRET, 'status'));
    }
    await sandbox.webhooks.idle();
    const outbound = sandbox.traffic.list().filter((exchange) => exchange.direction === 'outbound');
    assert.equal(outbound.length, 2);
    const [last] = outbound;
    assert.equal(last.method, 'POST');
    assert.equal(last.target, receiver.url);
    assert.equal(last.status, 200);
    assert.equal(last.responseBody?.text, '{"ok":true}');
    assert.equal(last.requestHeaders.authorization, '…9911', 'the authorization key is shortened');
    assert.ok(last.durationMs >= 0);
    assert.deepEqual(last.findings, []);
    assert.deepEqual({ ...last.webhook }, { webhookId: 1, type: 'orderStatus', orderId, event: 'packed', signedField: 'status', signature: 'valid', stale: false, faults: [], attempt: 1, sent: true });
    assert.ok(!JSON.stringify(sandbox.traffic.list()).includes(SECRET));
    assert.match(formatTrafficLine(last), new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} → orderStatus packed ${orderId} POST ${receiver.url} 200 \\d+ ms$`));
  });

  it('sends the authorizationKey after "Bearer " when the scenario says so, with PUT when registered so', async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhooks: { authorization: 'bearer', register: [{ url: receiver.url, method: 'put', authorizationKey: 'erp-auth-9911' }] } });
    api = await signIn(sandbox);
    await api.post('updatePackingStatus', { orderId: await queuedOrder(), packingStatus: 'packed' });
    const [delivery] = await receiver.received(1);
    assert.equal(delivery.method, 'PUT');
    assert.equal(delivery.headers.authorization, 'Bearer erp-auth-9911');
    assert.equal(delivery.json.signature, undefined, 'no secretKey, no signature');
  });

  it('fires orderStatus for each status set through the sandbox; the order leaves the packing queue once packed', async () => {
    await start();
    const orderId = await queuedOrder();
    sandbox.webhooks.setOrderStatus(orderId, 'shipmentCreated');
    sandbox.webhooks.setOrderStatus(orderId, 'delivered');
    const deliveries = await receiver.received(3);
    assert.deepEqual(deliveries.map((delivery) => delivery.json.status), ['packed', 'shipmentCreated', 'delivered']);
    assert.ok(deliveries.every((delivery) => verifies(delivery.json, SECRET, 'status')));
    const queue = (await api.post('getPackingOrders', { warehouseCode: 'RUH-WH1' })).json as { orders: Array<{ orderId: string }> };
    assert.ok(!queue.orders.some((order) => order.orderId === orderId));
    const details = (await api.get(`orderDetails?orderId=${orderId}`)).json as { status: string };
    assert.equal(details.status, 'delivered');
    assert.throws(() => sandbox.webhooks.setOrderStatus(orderId, 'packed'), /OTO1103/);
    assert.throws(() => sandbox.webhooks.setOrderStatus('no-such-order', 'delivered'), /OTO1002/);
    assert.throws(() => sandbox.webhooks.setOrderStatus(orderId, 'not a status!'), /OTO1010/);
  });

  it('fires newOrders with the whole order when one is added; it joins its warehouse packing queue', async () => {
    await start({}, 'newOrders');
    sandbox.webhooks.addOrder({ orderId: 'ERP-5001', warehouseCode: 'JED-WH1', items: [{ sku: 'AJW-DATES-500', quantity: 2 }, { sku: 'GIFT-WRAP', quantity: 1, name: 'Gift wrap' }] });
    const [delivery] = await receiver.received(1);
    const order = delivery.json.order as Record<string, unknown>;
    assert.deepEqual(Object.keys(delivery.json).sort(), ['order', 'timestamp']);
    assert.equal(order.orderId, 'ERP-5001');
    assert.equal(order.status, 'assignedToWarehouse');
    assert.equal(typeof order.warehouseId, 'number');
    assert.equal(typeof order.otoId, 'number');
    assert.equal(order.incrementId, 'ERP-5001');
    const items = order.items as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(items[0]).sort(), ['itemId', 'itemType', 'productId', 'productName', 'qtyOrdered', 'qtyReturned', 'sku']);
    assert.equal(items[0].qtyOrdered, 2);
    assert.equal(items[1].productId, null);
    const queue = (await api.post('getPackingOrders', { warehouseCode: 'JED-WH1' })).json as { orders: Array<{ orderId: string }> };
    assert.ok(queue.orders.some((queued) => queued.orderId === 'ERP-5001'));
    assert.throws(
      () => sandbox.webhooks.addOrder({ orderId: 'ERP-5001', warehouseCode: 'MED-BR1', items: [{ sku: 'NOPE', quantity: 0 }] }),
      (error: Error & { problems: string[] }) => error.problems.length === 4,
    );
  });

  it('signs shipmentError over orderId:errorCode:timestamp by default, over status when the scenario says so', async () => {
    await start({}, 'shipmentError');
    const orderId = await queuedOrder();
    assert.equal(sandbox.webhooks.trigger({ type: 'shipmentError', orderId }), 1);
    const [delivery] = await receiver.received(1);
    assert.deepEqual(Object.keys(delivery.json).sort(), ['deliveryCompany', 'deliveryCompanyResponse', 'errorCode', 'errorMessage', 'orderId', 'signature', 'timestamp']);
    assert.equal(delivery.json.errorCode, 'deliveryCompanyError');
    assert.ok(verifies(delivery.json, SECRET, 'errorCode'));
    await sandbox.close();
    await receiver.close();

    await start({ shipmentErrorSigning: 'status' }, 'shipmentError');
    sandbox.webhooks.trigger({ type: 'shipmentError', orderId, fields: { status: 'shipmentCreated' } });
    const [byStatus] = await receiver.received(1);
    assert.ok(verifies(byStatus.json, SECRET, 'status'));
    assert.ok(!verifies(byStatus.json, SECRET, 'errorCode'));
  });

  it('signs walletTransaction over orderId:transactionStatus:timestamp, with any field overridden', async () => {
    await start({}, 'walletTransaction');
    const orderId = await queuedOrder();
    sandbox.webhooks.trigger({ type: 'walletTransaction', orderId, fields: { amount: -42.5, transactionStatus: 'refunded', timestamp: 1767225600000 } });
    const [delivery] = await receiver.received(1);
    assert.deepEqual(Object.keys(delivery.json).sort(), ['amount', 'chargeType', 'orderId', 'remainingAmount', 'shipmentStatus', 'signature', 'timestamp', 'transactionStatus', 'transactionType']);
    assert.equal(delivery.json.amount, -42.5);
    assert.equal(delivery.json.timestamp, 1767225600000);
    assert.equal(delivery.json.signature, hmac(SECRET, `${orderId}:refunded:1767225600000`));
    assert.throws(() => sandbox.webhooks.trigger({ type: 'stock' as 'orderStatus', orderId }), /OTO1010/);
  });

  it('writes the timestamp as YYYY-MM-DD HH:mm:ss (UTC) for a webhook with a timestampFormat when the scenario says so', async () => {
    await start({ timestamps: 'timestampFormat' }, 'orderStatus', { timestampFormat: '2025-01-01 13:14:34' });
    await api.post('updatePackingStatus', { orderId: await queuedOrder(), packingStatus: 'packed' });
    const [delivery] = await receiver.received(1);
    assert.match(String(delivery.json.timestamp), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.ok(verifies(delivery.json, SECRET, 'status'));
  });

  it('sends nothing to an address that is not loopback unless allowed, and records why', async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhooks: { register: [{ url: 'http://203.0.113.7/hook' }, { url: receiver.url }] } });
    api = await signIn(sandbox);
    await api.post('updatePackingStatus', { orderId: await queuedOrder(), packingStatus: 'packed' });
    await sandbox.webhooks.idle();
    assert.equal(receiver.deliveries.length, 1);
    const refused = sandbox.traffic.list().find((exchange) => exchange.webhook?.webhookId === 1);
    assert.equal(refused?.webhook?.sent, false);
    assert.equal(refused?.webhook?.error, 'not loopback');
    assert.equal(refused?.status, undefined);
    assert.deepEqual(refused?.findings, [], 'not sent is not a receiver failure');
  });

  it('keeps a bounded part of a large receiver answer, with its real size', async () => {
    await start();
    receiver.answers = [{ status: 200, body: 'x'.repeat(300_000) }];
    await api.post('updatePackingStatus', { orderId: await queuedOrder(), packingStatus: 'packed' });
    await receiver.received(1);
    await sandbox.webhooks.idle();
    const [exchange] = sandbox.traffic.list().filter((candidate) => candidate.direction === 'outbound');
    assert.equal(exchange.status, 200);
    assert.ok((exchange.responseBody?.text.length ?? 0) <= 64 * 1024);
    assert.ok((exchange.responseBody?.bytes ?? 0) > 64 * 1024);
  });

  it('records an answer the receiver cut short (its status sent, then the connection closed mid-body) as reset, not as a clean acknowledgement', async () => {
    // A receiver that crashes while answering: 200 and a Content-Length of 100, then 3 bytes and a close.
    const crashing = net.createServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc'));
    });
    await new Promise<void>((resolve) => crashing.listen(0, '127.0.0.1', resolve));
    try {
      sandbox = await startSandbox({ webhooks: { register: [{ url: `http://127.0.0.1:${(crashing.address() as net.AddressInfo).port}/hook` }] } });
      api = await signIn(sandbox);
      await api.post('updatePackingStatus', { orderId: await queuedOrder(), packingStatus: 'packed' });
      await sandbox.webhooks.idle();
      const [exchange] = sandbox.traffic.list().filter((candidate) => candidate.direction === 'outbound');
      assert.equal(exchange.webhook?.error, 'reset');
      assert.equal(exchange.status, 200, 'the status it sent is known');
      assert.deepEqual(exchange.findings.map((finding) => finding.rule), ['webhook-not-acknowledged']);
    } finally {
      await new Promise((resolve) => crashing.close(resolve));
    }
  });

  it('keeps the status of a receiver that sent its status line, then took longer than the timeout to finish', async () => {
    const sockets: net.Socket[] = [];
    const slow = net.createServer((socket) => {
      sockets.push(socket);
      socket.once('data', () => socket.write('HTTP/1.1 202 Accepted\r\nContent-Length: 100\r\n\r\nabc'));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      sandbox = await startSandbox({ webhooks: { timeoutMs: 300, register: [{ url: `http://127.0.0.1:${(slow.address() as net.AddressInfo).port}/hook` }] } });
      api = await signIn(sandbox);
      const outcomes: DeliveryOutcome[] = [];
      sandbox.webhooks.onDidDeliver((outcome) => outcomes.push(outcome));
      await api.post('updatePackingStatus', { orderId: await queuedOrder(), packingStatus: 'packed' });
      await sandbox.webhooks.idle();
      const [exchange] = sandbox.traffic.list().filter((candidate) => candidate.direction === 'outbound');
      assert.equal(exchange.webhook?.error, 'timeout');
      assert.equal(exchange.status, 202);
      assert.match(formatTrafficLine(exchange), / 202 timeout /);
      assert.match(trafficRow(exchange).description, /^202 · timeout · /);
      assert.deepEqual(outcomes.map((outcome) => [outcome.status, outcome.error]), [[202, 'timeout']]);
      assert.deepEqual(exchange.findings.map((finding) => finding.rule), ['webhook-not-acknowledged'], 'not acknowledged, and not also "slow"');
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('answers the /rest/v2/ call before the webhook goes out', async () => {
    await start();
    let answered = false;
    receiver.onDelivery = () => assert.ok(answered, 'the delivery arrived before the packing call was answered');
    const pending = api.post('updatePackingStatus', { orderId: await queuedOrder(), packingStatus: 'packed' }).then((answer) => {
      answered = true;
      return answer;
    });
    assert.equal((await pending).status, 200);
    await receiver.received(1);
  });
});
