import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildCurl, shellQuote } from '../../../src/devtools/requests/replay/curl';
import type { Exchange } from '../../../src/devtools/requests/log/exchange';
import { firstWarehouse, latestExchange, useDevtools } from './support';

const run = promisify(execFile);

/** Runs a copied cURL command in a real shell with the real curl binary; returns its stdout. */
async function runCurl(command: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run('sh', ['-c', `${command} --silent --show-error --max-time 10`], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, timeout: 15_000 });
  return stdout;
}

const ODD_SKU = `ODD SKU "quoted" & it's 50% ع+1`;

describe('devtools Copy as cURL', () => {
  const h = useDevtools({
    sandbox: { extra: { products: [{ sku: ODD_SKU, name: `Odd 'name', "x"`, stock: { } }] } },
  });

  const latest = (endpoint: string): Exchange => latestExchange(h.exchanges, endpoint);

  it('puts no token in the command, only $OTO_ACCESS_TOKEN / $OTO_REFRESH_TOKEN', async () => {
    await h.client.checkGlobalStock(['AJW-DATES-500']);
    const curl = buildCurl(latest('checkGlobalStock'));
    assert.match(curl, /-H "Authorization: Bearer \$OTO_ACCESS_TOKEN"/);
    assert.ok(!curl.includes(h.sandbox.refreshToken));
    const refresh = buildCurl(latest('refreshToken'));
    assert.ok(!refresh.includes(h.sandbox.refreshToken));
    assert.match(refresh, /"\$OTO_REFRESH_TOKEN"/);
    assert.doesNotMatch(refresh, /Authorization/);
  });

  it('gives the same answers as the client when run with the real curl against the sandbox', async () => {
    const products = await h.client.listProducts();
    const skus = ['AJW-DATES-500', 'ABY-BLK-M', ODD_SKU];
    await h.client.checkInventoryStock(skus);
    await h.client.checkGlobalStock(skus);
    const warehouse = await firstWarehouse(h.client);
    assert.ok(products.length > 0);
    await h.client.getPackingOrders(warehouse.code);
    await h.client.healthCheck();

    // The copied refresh command itself yields the access token the other commands need.
    const refreshed = JSON.parse(await runCurl(buildCurl(latest('refreshToken')), { OTO_REFRESH_TOKEN: h.sandbox.refreshToken })) as { access_token: string };
    assert.ok(refreshed.access_token);
    const env = { OTO_ACCESS_TOKEN: refreshed.access_token };

    for (const endpoint of ['productList', 'checkInventoryStock', 'checkGlobalStock', 'getPickupLocationList', 'getPackingOrders', 'healthCheck']) {
      const exchange = latest(endpoint);
      const answer = JSON.parse(await runCurl(buildCurl(exchange), env)) as unknown;
      assert.deepEqual(answer, JSON.parse(exchange.responseBody ?? 'null'), `same answer for ${endpoint}`);
    }
    const inventory = JSON.parse(await runCurl(buildCurl(latest('checkInventoryStock')), env)) as { stock: Record<string, unknown> };
    assert.ok(ODD_SKU in inventory.stock, 'the odd SKU survives shell quoting and URL encoding');
  });

  it('replays a write exactly: the copied adjust changes stock by the same amount again', async () => {
    const warehouse = await firstWarehouse(h.client);
    const onHand = (): Promise<number> => warehouse.onHand('AJW-DATES-500');
    const before = await onHand();
    await h.client.updateStockQuantity({ actionType: 'adjust', locationCode: warehouse.code, sku: 'AJW-DATES-500', qty: 7 });
    const refreshed = JSON.parse(await runCurl(buildCurl(latest('refreshToken')), { OTO_REFRESH_TOKEN: h.sandbox.refreshToken })) as { access_token: string };
    const answer = JSON.parse(await runCurl(buildCurl(latest('updateStockQuantity')), { OTO_ACCESS_TOKEN: refreshed.access_token })) as { success: boolean };
    assert.equal(answer.success, true);
    assert.equal(await onHand(), before + 14);
  });

  it('puts no token from the URL in the command: a token in the query is hidden like one in the body', () => {
    const curl = buildCurl({ method: 'GET', url: 'http://127.0.0.1:8787/rest/v2/checkInventoryStock?sku=A&access_token=at-0123456789abcdef&refresh_token=rt-9876543210', endpoint: 'checkInventoryStock' });
    assert.match(curl, /'http:\/\/127\.0\.0\.1:8787\/rest\/v2\/checkInventoryStock\?sku=A&access_token=\*\*\*&refresh_token=\*\*\*'/);
    assert.doesNotMatch(curl, /0123456789abcdef|9876543210/);
  });

  it('quotes any text for a POSIX shell', async () => {
    for (const text of [`it's`, `a "b" $HOME \`x\` \\ ;|&`, '', 'ع\n2']) {
      const { stdout } = await run('sh', ['-c', `printf %s ${shellQuote(text)}`]);
      assert.equal(stdout, text);
    }
  });
});
