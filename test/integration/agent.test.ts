// The agent tools in a real VS Code, called the way agent mode calls them (vscode.lm.invokeTool):
// a read answers what the Stock view shows; a write names the exact change before anything is
// sent and, declined, sends nothing. code-server has no chat whose confirmation a test could
// drive, and its test host refuses modal dialogs: so a write invoked outside a chat is asked
// about with the tool's modal (refused: declined, nothing sent), and the chat's confirmation is
// checked as prepareInvocation returns it, from the tool's own bundle.
import * as assert from 'node:assert';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AgentRuntime, AgentWiring } from '../../src/agent/deps';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { expandOnly, figuresOf, showStockView, skuRows } from './support/stockView';
import { finished, uiAvailable } from './support/ui';

const SKU = 'AJW-DATES-500';

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

async function onHandAtRiyadh(): Promise<number> {
  const stock = await (await sandbox()).client.checkInventoryStock([SKU], { pickupLocationCode: 'RUH-WH1' });
  return stock[SKU]?.find((entry) => entry.pickupLocationCode === 'RUH-WH1')?.quantityOnHand ?? 0;
}

if (uiAvailable()) {
  describe('agent tools in VS Code (vscode.lm.invokeTool)', () => {
    before(async () => {
      await activateExtension();
      await showStockView();
    });

    it('every tool is registered for the editor\'s agents', () => {
      const names = vscode.lm.tools.filter((tool) => tool.name.startsWith('oto_')).map((tool) => tool.name).sort();
      assert.deepStrictEqual(names, ['oto_adjust_stock', 'oto_create_inventory_order', 'oto_exchange', 'oto_low_stock', 'oto_order', 'oto_packing_queue', 'oto_set_stock', 'oto_stock', 'oto_stock_history', 'oto_traffic', 'oto_transfer_stock', 'oto_update_packing_status']);
    });

    it('oto_stock answers the figure the Stock view shows', async () => {
      const shown = await expandOnly('Riyadh Central Warehouse');
      const row = skuRows(shown).find((candidate) => candidate.label === SKU);
      const figures = row && figuresOf(row);
      assert.ok(figures, `${SKU} under Riyadh Central Warehouse`);
      const result = await vscode.lm.invokeTool('oto_stock', { input: { skus: [SKU], location: 'RUH-WH1' }, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
      const text = textOf(result);
      assert.ok(text.includes(`"${SKU}": at RUH-WH1 ${figures.onHand} on hand`), text);
      assert.ok(figures.forecast === undefined || figures.forecast === figures.onHand || text.includes(`(forecast ${figures.forecast})`), text);
    });

    it('every read tool answers through invokeTool from what the extension reads: low stock, packing queue, order, traffic, exchange, history', async () => {
      const invoke = async (name: string, input: object): Promise<string> =>
        textOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token));
      const { client } = await sandbox();
      const low = await invoke('oto_low_stock', { location: 'RUH-WH1' });
      const lowRows = low.split('\n').filter((line) => line.startsWith('RUH-WH1 · "'));
      assert.ok(lowRows.length > 0, low);
      // Judged as the Stock view judges: on hand in total below the SKU's minimum.
      const global = await client.checkGlobalStock(lowRows.map((line) => JSON.parse(/· ("[^"]*")/.exec(line)![1]) as string));
      for (const line of lowRows) {
        const [, sku, total] = /· "([^"]*)": -?\d+ on hand here, (-?\d+) in total/.exec(line)!;
        assert.strictEqual(Number(total), global[sku].quantityOnHand, line);
        assert.ok(Number(total) < (global[sku]?.minInventory ?? 0), line);
      }
      const queue = await invoke('oto_packing_queue', { warehouse: 'RUH-WH1' });
      const [first] = await client.getPackingOrders('RUH-WH1');
      assert.ok(queue.includes(`order "${first.orderId}"`), queue);
      assert.match(await invoke('oto_order', { orderId: first.orderId }), new RegExp(`order "${first.orderId}"`));
      // The Stock view's own reads are in the sandbox's traffic the extension shows.
      const traffic = await invoke('oto_traffic', { endpoint: 'checkInventoryStock', limit: 3 });
      const id = Number(/^#(\d+)/m.exec(traffic)?.[1]);
      assert.ok(Number.isInteger(id) && traffic.includes('GET checkInventoryStock'), traffic);
      assert.match(await invoke('oto_exchange', { id }), /checkInventoryStock/);
      assert.match(await invoke('oto_stock_history', { sku: SKU }), new RegExp(`stock history of "${SKU}": \\d+ changes? recorded, newest first`));
    });

    it('a write invoked outside a chat asks with a modal first (which the test host refuses: declined) and sends nothing', async () => {
      const before = await onHandAtRiyadh();
      const invoking = vscode.lm.invokeTool('oto_adjust_stock', { input: { location: 'RUH-WH1', sku: SKU, qty: 7, reason: 'in-editor test' }, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
      const outcome = await finished('the tool call to end', invoking.then(textOf, (error: unknown) => `rejected: ${error instanceof Error ? error.message : String(error)}`));
      // The test host refuses the modal with an error naming it (a user's Escape gives the decline text instead).
      assert.match(outcome, /^The user declined the change, so nothing was sent\.$|^rejected: .*refused to show dialog in tests\. Contents: Let the agent change OTO sandbox\?/);
      assert.strictEqual(await onHandAtRiyadh(), before);
    });

    it('the chat\'s confirmation (prepareInvocation, through the tool\'s own bundle) names the exact change, and preparing sends nothing', async () => {
      const extension = await activateExtension();
      const { client } = await sandbox();
      // dist/agent.js as the extension loads it, started over the sandbox the extension shows.
      const bundle = require(path.join(extension.extensionPath, 'dist', 'agent.js')) as { start(wiring: AgentWiring): AgentRuntime };
      const runtime = bundle.start({ getClient: () => Promise.resolve(client), environment: () => 'sandbox', record: () => Promise.resolve(), expectLost: () => undefined, history: () => Promise.resolve([]), journalDir: path.join(os.tmpdir(), 'oto-agent-journals'), traffic: () => undefined });
      const before = await onHandAtRiyadh();
      const token = new vscode.CancellationTokenSource().token;
      const prepared = await runtime.prepare('oto_adjust_stock', { input: { location: 'RUH-WH1', sku: SKU, qty: 7, reason: 'in-editor test' }, token, fromChat: true });
      assert.strictEqual(prepared.confirmationMessages?.title, 'Let the agent change OTO sandbox?');
      const message = prepared.confirmationMessages?.message;
      const shown = (typeof message === 'string' ? message : message?.value ?? '').replace(/\\/g, '');
      assert.ok(shown.includes(`RUH-WH1 · ${SKU}: ${before} → ${before + 7}`), shown);
      assert.strictEqual(await onHandAtRiyadh(), before);
      const refused = await runtime.prepare('oto_adjust_stock', { input: { location: 'RUH-WH1', sku: SKU, qty: 0, reason: 'in-editor test' }, token, fromChat: true });
      assert.strictEqual(refused.confirmationMessages, undefined, 'bad input asks nothing');
      assert.match(textOf(await runtime.invoke('oto_adjust_stock', { input: { location: 'RUH-WH1', sku: SKU, qty: 0, reason: 'in-editor test' }, token, fromChat: true })), /^qty must not be 0/);
    });
  });
}
