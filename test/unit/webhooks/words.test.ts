// What the inbox, its documents and the traffic view say about webhooks, in English and, from the
// same wording, in Arabic: the rows' verdicts, the reasons, and the receiver findings.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox';
import { nextStatuses } from '../../../src/oto/webhooks';
import { findingText } from '../../../src/workbench/findingText';
import { Inbox } from '../../../src/webhooks/inbox';
import { rowText } from '../../../src/webhooks/rowText';
import { formatVerificationDocument } from '../../../src/webhooks/document';
import { parseTriggerDocument, triggerDocumentText } from '../../../src/webhooks/triggerDocument';
import { hmacBase64, readTimestamp, verifyPayload } from '../../../src/webhooks/verify';
import { arabicBundle, withBundle } from '../l10nBundle';

const SECRET = 'words-secret-0123456789';
const ARABIC = /[\u0600-\u06ff]/;

function received(body: Record<string, unknown>): ReturnType<Inbox['list']>[number] {
  const inbox = new Inbox(() => ({ secrets: [{ name: 'the inbox\'s secret', secret: SECRET }] }));
  inbox.receive({ method: 'POST', path: '/orderStatus', headers: {}, body: Buffer.from(JSON.stringify(body)), receivedAt: Date.UTC(2026, 11, 7, 10, 0, 0) });
  return inbox.list()[0];
}

describe('webhook words', () => {
  const timestamp = Date.UTC(2026, 11, 7, 10, 0, 0);
  const signed = { orderId: '1042', status: 'packed', timestamp, signature: hmacBase64(SECRET, `1042:packed:${timestamp}`) };

  it('reads a row as type · order, then status, verdict and time', () => {
    const row = rowText(received(signed));
    assert.equal(row.label, 'orderStatus · 1042');
    assert.match(row.description, /^packed · valid signature · \d\d:\d\d:\d\d$/);
    assert.equal(row.icon, 'valid');
    assert.match(row.details[0], /HMAC-SHA256 of "1042:packed:\d+" \(orderId:status:timestamp\) with the inbox's secret matches/);
  });

  it('marks a valid but stale delivery with a warning icon', () => {
    const old = timestamp - 24 * 3600_000;
    const row = rowText(received({ ...signed, timestamp: old, signature: hmacBase64(SECRET, `1042:packed:${old}`) }));
    assert.equal(row.icon, 'stale');
    assert.match(row.description, /valid signature, stale/);
    assert.match(row.details[1], /Stale timestamp: 24 h old/);
  });

  it('says the same in Arabic', () => {
    const row = withBundle(arabicBundle(), () => rowText(received({ ...signed, signature: 'forged' })));
    assert.equal(row.icon, 'invalid');
    assert.match(row.description, ARABIC);
    assert.match(row.details[0], ARABIC);
    assert.ok(row.details[0].includes('1042:packed:'), row.details[0]);
  });

  it('reads timestamps in OTO\'s two forms, and none', () => {
    assert.equal(readTimestamp('2026-12-07 10:00:00', timestamp)?.at, timestamp);
    assert.equal(readTimestamp(String(timestamp), timestamp + 60_000)?.stale, false);
    assert.equal(readTimestamp(timestamp, timestamp - 10 * 60_000)?.stale, true, 'ten minutes in the future');
    assert.equal(readTimestamp('yesterday', timestamp)?.at, undefined);
    assert.equal(readTimestamp(undefined, timestamp), undefined);
  });

  it('tries every secret and says which matched; a payload without a type is tried over each field', () => {
    const wallet = { orderId: '7', transactionStatus: 'completed', timestamp, signature: hmacBase64('second', `7:completed:${timestamp}`) };
    const result = verifyPayload(wallet, [{ name: 'first', secret: 'first' }, { name: 'second', secret: 'second' }], { now: timestamp });
    assert.deepEqual([result.verdict, result.type, result.match?.secretName, result.match?.field], ['valid', 'walletTransaction', 'second', 'transactionStatus']);
    const untyped = verifyPayload({ orderId: '7', timestamp, signature: 'x' }, [{ name: 'first', secret: 'first' }], { now: timestamp });
    assert.deepEqual(untyped.tried.map((candidate) => candidate.field), ['status', 'transactionStatus', 'errorCode']);
    assert.equal(verifyPayload({ ...signed }, [], { now: timestamp }).noSecret, true);
  });

  it('reports on a pasted payload which signing string and secret match, the stale timestamp, and no secret in clear', () => {
    const old = timestamp - 2 * 3600_000;
    const pasted = JSON.stringify({ orderId: '1042', errorCode: 'deliveryCompanyError', status: 'shipmentCreated', timestamp: old, signature: hmacBase64(SECRET, `1042:shipmentCreated:${old}`) });
    const text = formatVerificationDocument(pasted, [{ name: 'the secret you entered', secret: 'other' }, { name: 'the inbox\'s secret', secret: SECRET }], timestamp);
    const report = JSON.parse(text ?? '{}') as { verdict: string; type: string; matchedSecret: string; stale: boolean; timestampWarning: string; signingStrings: Array<{ field: string; matches: boolean }> };
    assert.deepEqual([report.verdict, report.type, report.matchedSecret, report.stale], ['valid', 'shipmentError', 'the inbox\'s secret', true]);
    assert.deepEqual(report.signingStrings.map((candidate) => [candidate.field, candidate.matches]), [['errorCode', false], ['status', true]]);
    assert.match(report.timestampWarning, /Stale timestamp: 2 h old/);
    assert.ok(!text?.includes(SECRET));
    assert.equal(formatVerificationDocument('[1, 2]', [], timestamp), undefined);
    assert.equal(formatVerificationDocument('{"orderId": ', [], timestamp), undefined);
  });

  it('offers the statuses after an order\'s current one, the warehouse detours while it is in the warehouse', () => {
    assert.deepEqual(nextStatuses('packed').slice(0, 3), ['searchingDriver', 'shipmentCreated', 'goingToPickup']);
    assert.ok(!nextStatuses('packed').includes('shipmentOnHoldWarehouse'));
    assert.deepEqual(nextStatuses('assignedToWarehouse').slice(0, 2), ['picked', 'packed']);
    assert.ok(nextStatuses('assignedToWarehouse').includes('notAvailableWH'));
    assert.deepEqual(nextStatuses('shipmentOnHoldWarehouse').slice(0, 1), ['picked']);
    assert.ok(!nextStatuses('shipmentOnHoldWarehouse').includes('shipmentOnHoldWarehouse'));
    assert.deepEqual(nextStatuses('returned'), []);
  });

  it('round-trips a trigger document and refuses a broken one with a clear reason', () => {
    const text = triggerDocumentText('orderStatus', '1042', { orderId: '1042', status: 'packed', note: '' });
    assert.deepEqual(parseTriggerDocument(text), { type: 'orderStatus', orderId: '1042', fields: { status: 'packed', note: '' } });
    assert.deepEqual(parseTriggerDocument('{"type": "orderStatus", "orderId": "1042", "fields": []}'), { problem: '"fields" must be an object of the payload fields to send.' });
    assert.deepEqual(parseTriggerDocument('{"type": "stockChanged", "orderId": "1042"}'), { problem: '"type" must be one of orderStatus, newOrders, shipmentError, walletTransaction, not "stockChanged".' });
    assert.match((parseTriggerDocument('{"type": ') as { problem: string }).problem, /^The document is not valid JSON: /);
  });

  it('words the receiver findings in the user\'s language, as the sandbox words them in English', async () => {
    const sandbox = await startSandbox({ webhooks: { register: [{ url: 'http://127.0.0.1:9/refused', webhookType: 'walletTransaction', secretKey: SECRET }] } });
    try {
      const orderId = sandbox.exportState().orders[0].orderId;
      sandbox.webhooks.trigger({ type: 'walletTransaction', orderId });
      await sandbox.webhooks.idle();
      const [finding] = sandbox.traffic.list().flatMap((exchange) => exchange.findings);
      assert.equal(finding.rule, 'webhook-not-acknowledged');
      assert.equal(findingText(finding), finding.message);
      const arabic = withBundle(arabicBundle(), () => findingText(finding));
      assert.match(arabic, ARABIC);
      assert.ok(arabic.includes(orderId), arabic);
    } finally {
      await sandbox.close();
    }
  });
});
