// The Sandbox Traffic view's plain parts: its rows, its exchange documents, and the localised
// wording of findings (which must say exactly what the core says, in English).
import * as assert from 'node:assert';
import { formatTrafficDocument, trafficDocumentPath, trafficIdOf } from '../../../src/workbench/exchangeDocument';
import { findingText } from '../../../src/workbench/findingText';
import { exchangeUrl, hiddenOwnReadsText, hostOf, isOwnBackgroundRead, severityLabel, trafficRow } from '../../../src/workbench/rows';
import { ADJUST, exchange, lastFindings, READ, type Sent } from '../traffic/build';
import { arabicBundle, withBundle } from '../l10nBundle';

describe('Sandbox Traffic view rows', () => {
  it('shows method and endpoint, then status, OTO code and the number of findings first, then client and duration', () => {
    const [finding] = lastFindings({ body: { ...ADJUST, qty: '40.5' } });
    const rejected = { ...exchange(7, { body: { ...ADJUST, qty: '40.5' }, status: 400, response: { success: false, otoErrorCode: 'OTO1132' }, durationMs: 12 }), findings: [finding] };
    const row = trafficRow(rejected);
    assert.strictEqual(row.label, 'POST updateStockQuantity');
    assert.strictEqual(row.description, '400 · OTO1132 · 1 finding · erp/1.0 · 12 ms');
    assert.deepStrictEqual(row.icon, { id: 'error', color: 'errorForeground' });
  });

  it('keeps each part of a row in its place in Arabic: an Arabic client name does not pull the figures beside it into its run', () => {
    const own = { ...exchange(9, { body: ADJUST, status: 200, durationMs: 4 }), client: { own: true, address: '127.0.0.1', port: 50000 } };
    const description = withBundle(arabicBundle(), () => trafficRow(own).description);
    // Each part first-strong isolated (FSI … PDI), so the bidi algorithm cannot reorder them.
    assert.strictEqual(description, ['200', arabicBundle()['this editor'], '4 ms'].map((part) => `\u2068${part}\u2069`).join(' · '));
    assert.strictEqual(trafficRow(own).description, '200 · this editor · 4 ms', 'nothing invisible added in English');
  });

  it('gives a webhook delivery the sandbox sent its receiver\'s URL, and no Copy as cURL or Replay (it is no request to the sandbox)', () => {
    const request = exchange(3, READ);
    const receiver = 'http://127.0.0.1:45123/oto/webhook?tenant=7';
    const delivery = { ...exchange(4, { target: '/oto/webhook?tenant=7', body: { orderId: '100377', status: 'picked' } }), direction: 'outbound' as const, path: receiver, target: receiver, endpoint: '' };
    assert.strictEqual(exchangeUrl(delivery, 'http://127.0.0.1:8787/rest/v2'), receiver);
    assert.strictEqual(exchangeUrl(request, 'http://127.0.0.1:8787/rest/v2'), 'http://127.0.0.1:8787/rest/v2/checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250');
    assert.strictEqual(exchangeUrl(request, undefined), 'http://127.0.0.1/rest/v2/checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250');
    assert.strictEqual(trafficRow(delivery).contextValue, 'oto.trafficDelivery');
    assert.strictEqual(trafficRow(request).contextValue, 'oto.trafficExchange');
    assert.match(formatTrafficDocument(delivery, exchangeUrl(delivery, 'http://127.0.0.1:8787/rest/v2'), findingText).text, new RegExp(`"url": "${receiver.replace(/[?.]/g, '\\$&')}"`));
  });

  it('names where a proxied exchange went', () => {
    const proxied = { ...exchange(8, { body: ADJUST, status: 200, durationMs: 3 }), source: { kind: 'proxy' as const, upstream: 'https://staging-api.tryoto.com/rest/v2', environment: 'staging' } };
    assert.strictEqual(trafficRow(proxied).description, '200 · erp/1.0 · proxy → staging · 3 ms');
    const unnamed = { ...proxied, source: { kind: 'proxy' as const, upstream: 'http://127.0.0.1:9999/rest/v2' } };
    assert.match(trafficRow(unnamed).description, /proxy → 127\.0\.0\.1:9999 · 3 ms$/);
  });

  it('marks an accepted request with findings as a warning, one without as passed, and no answer as such', () => {
    const [finding] = lastFindings({ target: '/rest/v2/createInventoryOrder', body: { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'A', qty: 1 }], orderDate: '2024-03-31' } });
    assert.strictEqual(trafficRow({ ...exchange(1, {}), findings: [finding] }).icon.id, 'warning');
    assert.strictEqual(trafficRow(exchange(1, READ)).icon.id, 'pass');
    const hung: Sent = { ...READ };
    const unanswered = { ...exchange(1, hung), status: undefined, responseBody: undefined };
    assert.match(trafficRow(unanswered).description, /^no answer · /);
    assert.strictEqual(trafficRow(unanswered).icon.id, 'debug-disconnect');
  });

  it('names the extension’s own client "this editor"', () => {
    assert.match(trafficRow(exchange(1, { ...READ, userAgent: 'oto-stock-vscode/0.1.0' })).description, / · this editor · \d+ ms$/);
  });

  it('leaves out an OTO code that only repeats the status, and keeps one that says more', () => {
    const refused = { ...exchange(2, { ...READ, status: 401, response: { success: false, otoErrorCode: '401' }, durationMs: 1 }) };
    assert.strictEqual(refused.otoCode, '401');
    assert.strictEqual(trafficRow(refused).description, '401 · erp/1.0 · 1 ms');
    const coded = { ...exchange(2, { ...READ, status: 500, response: { success: false, otoErrorCode: 'OTO5000' }, durationMs: 1 }) };
    assert.strictEqual(trafficRow(coded).description, '500 · OTO5000 · erp/1.0 · 1 ms');
  });

  it('names the sandbox in the view title by host and port, which fit beside the title', () => {
    assert.strictEqual(hostOf('http://127.0.0.1:41901/rest/v2'), '127.0.0.1:41901');
    assert.strictEqual(hostOf('not a url'), 'not a url');
  });

  it('paints an accepted exchange whose worst finding is an error red, as the Problems panel does', () => {
    const [finding] = lastFindings({ body: { ...ADJUST, qty: '40.5' } });
    const accepted = { ...exchange(4, { body: ADJUST, status: 200 }), findings: [{ ...finding, severity: 'error' as const }] };
    assert.deepStrictEqual(trafficRow(accepted).icon, { id: 'error', color: 'errorForeground' });
    assert.deepStrictEqual(trafficRow({ ...accepted, findings: [{ ...finding, severity: 'warning' as const }] }).icon, { id: 'warning', color: 'list.warningForeground' });
  });
});

describe('Sandbox Traffic: this editor\'s background reads', () => {
  const OWN = 'oto-stock-vscode/0.1.0';

  it('counts as background only this editor\'s reads that went well: not its writes, failures or findings, nor anyone else\'s reads', () => {
    assert.strictEqual(isOwnBackgroundRead(exchange(1, { ...READ, userAgent: OWN })), true, 'a Stock view refresh');
    assert.strictEqual(isOwnBackgroundRead(exchange(2, { target: '/rest/v2/refreshToken', body: { refresh_token: 'x' }, userAgent: OWN })), true, 'its token refresh');
    assert.strictEqual(isOwnBackgroundRead(exchange(3, READ)), false, 'the ERP\'s read');
    assert.strictEqual(isOwnBackgroundRead(exchange(4, { body: ADJUST, userAgent: OWN })), false, 'its write (an Adjust) stays in sight');
    assert.strictEqual(isOwnBackgroundRead(exchange(5, { ...READ, userAgent: OWN, status: 429, response: { success: false, otoErrorCode: 'OTO1143' } })), false, 'a read a fault hit stays in sight');
    const [finding] = lastFindings({ body: { ...ADJUST, qty: '40.5' } });
    assert.strictEqual(isOwnBackgroundRead({ ...exchange(6, { ...READ, userAgent: OWN }), findings: [finding] }), false, 'a read with a finding stays in sight');
    const unanswered = { ...exchange(7, { ...READ, userAgent: OWN }), status: undefined, responseBody: undefined };
    assert.strictEqual(isOwnBackgroundRead(unanswered), false, 'a read that got no answer stays in sight');
  });

  it('says how many it hides, and where they are, only while it hides some', () => {
    assert.strictEqual(hiddenOwnReadsText(0), undefined);
    assert.strictEqual(hiddenOwnReadsText(1), '1 read by this editor hidden');
    assert.strictEqual(hiddenOwnReadsText(12), '12 reads by this editor hidden');
    assert.match(withBundle(arabicBundle(), () => hiddenOwnReadsText(12) ?? ''), /[\u0600-\u06ff]/);
  });
});

describe('Sandbox Traffic exchange documents', () => {
  it('puts a finding about a request field on that field\'s line, where the fix goes, and others on their entry', () => {
    const sent = { body: { ...ADJUST, qty: '40.5' } };
    const one = { ...exchange(5, sent), findings: lastFindings(sent) };
    const { text, findingLines } = formatTrafficDocument(one, 'http://127.0.0.1/rest/v2/updateStockQuantity', (finding) => finding.message);
    const lines = text.split('\n');
    assert.strictEqual(lines[findingLines[0]].trim(), '"qty": "40.5"');
    const order = { target: '/rest/v2/createInventoryOrder', body: { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: '1.5' }], orderDate: '31/03/2024' } };
    const second = { ...exchange(6, order), findings: lastFindings(order) };
    const placed = formatTrafficDocument(second, 'http://127.0.0.1/rest/v2/createInventoryOrder', (finding) => finding.message);
    const qtyFinding = second.findings.findIndex((finding) => finding.params?.field === 'items[1].qty');
    assert.ok(qtyFinding >= 0);
    assert.strictEqual(placed.text.split('\n')[placed.findingLines[qtyFinding]].trim(), '"qty": "1.5"', 'the second item\'s quantity');
    const withoutField = second.findings.findIndex((finding) => finding.params?.field === undefined);
    if (withoutField >= 0) {
      assert.match(placed.text.split('\n')[placed.findingLines[withoutField]], /^ {6}"rule": /);
    }
  });

  it('puts the findings first and says where each one is, with bodies as JSON and hostile text as strings', () => {
    const findings = lastFindings({ target: '/rest/v2/createInventoryOrder', body: { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'A,B', qty: '1.5' }], orderDate: '2024-03-31', description: '<img src=x onerror=alert(1)> [link](command:x)' } });
    const one = { ...exchange(3, { target: '/rest/v2/createInventoryOrder', body: { description: '<img src=x onerror=alert(1)>' } }), findings };
    const { text, findingLines } = formatTrafficDocument(one, 'http://127.0.0.1:8787/rest/v2/createInventoryOrder', (finding) => finding.message);
    const parsed = JSON.parse(text);
    assert.deepStrictEqual(Object.keys(parsed), ['findings', 'request', 'response']);
    assert.deepStrictEqual(
      parsed.findings.map((finding: { rule: string }) => finding.rule),
      findings.map((finding) => finding.rule),
    );
    const lines = text.split('\n');
    findingLines.forEach((line, index) => assert.strictEqual(lines[line].trim(), `"rule": "${findings[index].rule}",`));
    assert.strictEqual(parsed.request.body.description, '<img src=x onerror=alert(1)>');
    assert.strictEqual(parsed.request.url, 'http://127.0.0.1:8787/rest/v2/createInventoryOrder');
  });

  it('names a document (its tab, its Problems entry) by exchange, method and endpoint, in a folder the Problems panel shows beside it', () => {
    const adjust = exchange(59, { body: ADJUST });
    const path = trafficDocumentPath(adjust, 'Sandbox Traffic');
    assert.strictEqual(path, 'Sandbox Traffic/#59 POST updateStockQuantity.json');
    assert.ok(!path.startsWith('/'), 'no lone "/" beside the entry');
    assert.strictEqual(trafficIdOf(path), 59);
    assert.strictEqual(trafficIdOf(trafficDocumentPath(adjust, 'حركة البيئة التجريبية')), 59, 'in Arabic too');
    // Nothing the client chose gets into the name but OTO's endpoint name or `request`.
    const odd = { ...exchange(7, { target: '/rest/v2/../../etc/passwd' }), endpoint: '../../etc/passwd', method: 'GET /x' };
    assert.strictEqual(trafficDocumentPath(odd, 'a/b'), 'a_b/#7 ______etc_passwd.json');
    assert.strictEqual(trafficIdOf('/59-updateStockQuantity.json'), undefined, 'the old names are not read as exchanges');
  });

  it('shows a truncated body as its kept text, with its real size', () => {
    const big = { ...exchange(1, { text: 'x'.repeat(10) }), requestBody: { text: '{"partial', bytes: 400_000, truncated: true } };
    const parsed = JSON.parse(formatTrafficDocument(big, 'http://x', (finding) => finding.message).text);
    assert.strictEqual(parsed.request.body, '{"partial');
    assert.strictEqual(parsed.request.bytes, 400_000);
    assert.strictEqual(parsed.request.truncated, true);
  });
});

describe('Sandbox Traffic finding wording', () => {
  it('says in English exactly what the core rule says, for every rule', () => {
    const order = (extra: Record<string, unknown>): Sent => ({ target: '/rest/v2/createInventoryOrder', body: { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'A', qty: 1 }], ...extra } });
    const limited: Sent = { ...READ, status: 429, responseHeaders: { 'retry-after': '5' } };
    const expired: Sent = { ...READ, status: 401 };
    const refresh = (at: number): Sent => ({ target: '/rest/v2/refreshToken', body: { refresh_token: 'x' }, at });
    const cases: Sent[][] = [
      [{ body: { ...ADJUST, qty: '40.5' } }],
      [order({ orderDate: '2024-03-31' })],
      [{ body: ADJUST }, { body: ADJUST, at: 100 }],
      [READ, { body: ADJUST, token: 'sandbox-at-ffffffffffffffffffffffffffffffff', port: 50001 }, { body: { ...ADJUST, actionType: 'set', qty: '4' } }],
      [limited, { ...READ, at: 1000 }],
      [0, 1, 2, 3, 4, 5].map((minute) => refresh(minute * 1000)),
      [{ target: `/rest/v2/checkGlobalStock?sku=${'A'.repeat(2100)}` }],
      [{ body: { ...ADJUST, sku: 'A,B' } }],
      [{ body: ADJUST, headers: { 'content-type': 'text/plain' } }],
      [expired, { ...expired, at: 10 }],
    ];
    const seen = new Set<string>();
    for (const sent of cases) {
      for (const finding of lastFindings(...sent)) {
        seen.add(finding.rule);
        assert.strictEqual(findingText(finding), finding.message, finding.rule);
      }
    }
    assert.strictEqual(seen.size, 10, [...seen].join(', '));
  });

  it('says it in Arabic from the same wording, with the finding\'s values', () => {
    const [finding] = lastFindings({ body: { ...ADJUST, qty: '40.5' } });
    const arabic = withBundle(arabicBundle(), () => findingText(finding));
    assert.notStrictEqual(arabic, finding.message);
    assert.match(arabic, /[\u0600-\u06ff]/);
    assert.ok(arabic.includes('"40.5"') && arabic.includes('qty'), arabic);
    // The row's tooltip names each finding's severity in the user's language, as Problems does.
    assert.deepStrictEqual(withBundle(arabicBundle(), () => [severityLabel('error'), severityLabel('warning'), severityLabel('info')]), ['خطأ', 'تحذير', 'معلومة']);
    assert.deepStrictEqual([severityLabel('error'), severityLabel('warning')], ['Error', 'Warning']);
  });
});
