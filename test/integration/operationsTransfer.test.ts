// Transfer Stock in a real VS Code on the extension's own sandbox, on the paths the operator tools'
// suite leaves out: through inventory orders (the dates in their boxes, the confirmation in light
// and dark, the two orders read back from the sandbox), and the review of a transfer VS Code
// stopped in the middle of (a journal left as a crash leaves it, then each of Send, Reverse and
// Leave), with the stock read from the sandbox and the stock history read from its file.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OtoClient } from '../../src/client';
import type { LedgerEntry } from '../../src/stockChange/ledgerEntry';
import { Journal, readJournal } from '../../src/operations/journal';
import { sendStep, type TransferPlan } from '../../src/operations/transfer/transfer';
import { activateExtension } from './support/extension';
import { forgetSandbox, inventoryOrder, sandbox } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { finished, notificationCenter, pageClick, press, quickInput, typeText, uiAvailable, waitFor, type QuickInputState } from './support/ui';

type Shown = Extract<QuickInputState, { visible: true }>;
const shown = (state: QuickInputState): state is Shown => state.visible;

interface Figures {
  onHand: number;
  forecast: number;
}

async function figures(client: OtoClient, sku: string, code: string): Promise<Figures> {
  const entry = (await client.checkInventoryStock([sku]))[sku]?.find((item) => item.pickupLocationCode === code);
  return { onHand: entry?.quantityOnHand ?? 0, forecast: entry?.quantityForecasted ?? 0 };
}

/** A SKU with more than `least` on hand at both locations, among those no other suite changes here. */
async function stockedAtBoth(client: OtoClient, from: string, to: string, least: number, skip: ReadonlySet<string> = new Set()): Promise<string> {
  const skus = (await client.listProducts()).map((product) => product.sku).filter((sku) => !skip.has(sku));
  const stock = await client.checkInventoryStock(skus);
  const at = (sku: string, code: string): number => stock[sku]?.find((entry) => entry.pickupLocationCode === code)?.quantityOnHand ?? 0;
  const found = skus.find((sku) => at(sku, from) > least && at(sku, to) > least);
  assert.ok(found, `a SKU with more than ${least} on hand at ${from} and ${to}`);
  return found;
}

/** Picks the item of the quick pick whose placeholder is `placeholder`, found by typing `filter`. */
async function pick(placeholder: string, filter: string, isItem: (item: Shown['items'][number]) => boolean): Promise<void> {
  await waitFor(`the pick "${placeholder}"`, quickInput, (state) => shown(state) && state.placeholder === placeholder);
  await typeText(filter);
  await waitFor(`"${filter}" first in "${placeholder}"`, quickInput, (state) => shown(state) && state.placeholder === placeholder && state.items[0] !== undefined && isItem(state.items[0]));
  await press('Enter');
}

function ddmmyyyy(date: Date): string {
  return `${String(date.getDate()).padStart(2, '0')}/${String(date.getMonth() + 1).padStart(2, '0')}/${date.getFullYear()}`;
}

if (uiAvailable()) {
  describe('Transfer Stock in a real VS Code: through inventory orders, and the review of an interrupted one', () => {
    before(async () => {
      await activateExtension();
      // A suite before this one may have restarted the sandbox on another port.
      forgetSandbox();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    after(async () => {
      await useTheme('light');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('through inventory orders: the dates checked in their boxes, one confirmation, then an outbound and an inbound order at the sandbox', async () => {
      const { client } = await sandbox();
      const [from, to] = (await client.getPickupLocations()).slice(2, 4);
      const sku = await stockedAtBoth(client, from.code, to.code, 5);
      const fromBefore = await figures(client, sku, from.code);
      const toBefore = await figures(client, sku, to.code);
      const running = vscode.commands.executeCommand('oto.transferStock');

      await pick('Move stock from which location?', from.code, (item) => item.description === from.code);
      await pick(`Pick the SKU to move from ${from.code}`, sku, (item) => item.label === sku);
      await pick(`Move ${sku} from ${from.code} to which location?`, to.code, (item) => item.description === to.code);
      await waitFor('the quantity box', quickInput, (state) => shown(state) && state.message.includes(`${fromBefore.onHand} on hand at ${from.code}, ${toBefore.onHand} at ${to.code}`));
      // Enter on the empty box is refused in it (it used to end the transfer without a word).
      await press('Enter');
      await waitFor('the empty quantity refused in its box', quickInput, (state) => shown(state) && state.value === '' && state.message === 'Type how many units to move: a whole number of at least 1.');
      await typeText('3');
      await waitFor('the quantity accepted', quickInput, (state) => shown(state) && state.value === '3' && !state.message.startsWith('Only'));
      await press('Enter');
      await pick('How should the stock move?', 'inventory orders', (item) => item.label === 'Through inventory orders');

      // The order date starts as "today" (VS Code shows a box's check only once its value is edited,
      // so the date it reads is shown from the first key on); the delivery date may not be before it.
      await waitFor('the order date box, "today" in it', quickInput, (state) => shown(state) && state.items.length === 0 && state.value === 'today' && state.message.startsWith('Order date as DD/MM/YYYY'));
      await press('Enter');
      await waitFor('the delivery date box', quickInput, (state) => shown(state) && state.items.length === 0 && state.value === '' && state.message.startsWith('Delivery date as DD/MM/YYYY'));
      await typeText('01/01/2020');
      const refusal = /^The delivery date \(.+\) cannot be before the order date \(.+\)\.$/;
      await waitFor('the early delivery date refused in its box', quickInput, (state) => shown(state) && state.value === '01/01/2020' && refusal.test(state.message));
      await press('Enter');
      await waitFor('the box still open on the refused date', quickInput, (state) => shown(state) && state.value === '01/01/2020' && refusal.test(state.message));
      for (let i = 0; i < '01/01/2020'.length; i++) {
        await press('Backspace');
      }
      await typeText('tomorrow');
      await waitFor('"tomorrow" read as a date', quickInput, (state) => shown(state) && state.value === 'tomorrow' && !refusal.test(state.message) && /\d/.test(state.message));
      await press('Enter');
      await waitFor('the reason pick, step 8 of 9', quickInput, (state) => shown(state) && state.placeholder.startsWith('Why does the stock change?') && state.title === 'Transfer Stock (8/9)');
      await press('Enter');

      // Nine counted steps through orders: the two dates join the count once orders are chosen.
      const confirm = await waitFor('the confirmation, step 9 of 9', quickInput, (state) => shown(state) && state.title === `Transfer 3 × ${sku} from ${from.code} to ${to.code}? (9/9)`);
      assert.ok(shown(confirm) && confirm.items.length === 2, JSON.stringify(confirm));
      // The dates beside the action, where the pick's width does not cut them off; the orders below.
      assert.match(confirm.items[0].description, /^Order date: .*\d.* · Delivery date: .*\d.*$/);
      assert.match(confirm.items[0].ariaLabel, new RegExp(`An outbound order of 3 at ${from.code} and an inbound order of 3 at ${to.code}\\.`));
      assert.ok(confirm.items[1].label.includes('Cancel'));
      await useTheme('light');
      await waitFor('the confirmation in the light theme', quickInput, (state) => shown(state) && state.title === confirm.title);
      await screenshot('transfer-orders-confirm-light');
      await useTheme('dark');
      await waitFor('the confirmation still open in the dark theme', quickInput, (state) => shown(state) && state.title === confirm.title);
      await screenshot('transfer-orders-confirm-dark');
      await useTheme('light');
      assert.deepStrictEqual(await figures(client, sku, from.code), fromBefore, 'nothing is sent before the confirmation');
      await waitFor('the confirmation back in the light theme', quickInput, (state) => shown(state) && state.title === confirm.title);
      await press('Enter');

      const done = new RegExp(`^Transfer of 3 × ${sku}: an outbound order of 3 at ${from.code} applied \\((\\d+)\\); an inbound order of 3 at ${to.code} applied \\((\\d+)\\)\\.$`);
      const lines = await waitFor('the transfer\'s outcome', notificationCenter, (shownLines) => shownLines.some((line) => done.test(line)));
      await finished('the Transfer Stock command', running);
      const [, outboundId, inboundId] = done.exec(lines.find((line) => done.test(line)) ?? '') ?? [];

      // Both orders at the sandbox, as created: status new, the SKU and quantity, the order date typed.
      const orderDay = ddmmyyyy(new Date()).split('/').reverse().join('-');
      for (const [id, location] of [[outboundId, from], [inboundId, to]] as const) {
        const order = await inventoryOrder(id);
        assert.deepStrictEqual([order.status, order.pickupLocation, order.items, order.orderDate], ['new', location.name || location.code, [{ sku, quantity: 3, id: 1 }], `${orderDay} 00:00:00`], `order ${id}`);
      }
      // An inventory order moves the forecast until it is handled; on hand stays.
      assert.deepStrictEqual(await figures(client, sku, from.code), { onHand: fromBefore.onHand, forecast: fromBefore.forecast - 3 }, `${sku} at ${from.code}`);
      assert.deepStrictEqual(await figures(client, sku, to.code), { onHand: toBefore.onHand, forecast: toBefore.forecast + 3 }, `${sku} at ${to.code}`);
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    describe('a transfer VS Code stopped between its two writes, reviewed', () => {
      const storage = process.env.OTO_TEST_STORAGE_DIR ?? '';
      const journals = path.join(storage, 'journals');
      let client: OtoClient;
      let from: string;
      let to: string;
      let sku: string;
      const used = new Set<string>();
      /** What the tests leave moved, put back for the suites after this one. */
      const restore: Array<{ sku: string; locationCode: string; qty: number }> = [];

      before(async () => {
        assert.ok(storage, 'the launcher names the extension\'s storage (OTO_TEST_STORAGE_DIR)');
        client = (await sandbox()).client;
        [from, to] = (await client.getPickupLocations()).slice(2, 4).map((location) => location.code);
      });

      after(async () => {
        for (const { sku: moved, locationCode, qty } of restore) {
          await client.updateStockQuantity({ actionType: 'adjust', sku: moved, locationCode, qty });
        }
      });

      /** The ledger of the sandbox environment, as the extension wrote it. */
      function ledger(): LedgerEntry[] {
        const file = path.join(storage, 'ledger', 'sandbox.ledger.jsonl');
        return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LedgerEntry) : [];
      }

      /**
       * Leaves a journal as a crash between the writes does: the first step sent through the real
       * journal and applied at the sandbox, the second never sent. Resolves with the plan and the journal.
       */
      async function crashedTransfer(id: string): Promise<{ plan: TransferPlan; journal: Journal; reference: string }> {
        sku = await stockedAtBoth(client, from, to, 5, used);
        used.add(sku);
        const plan: TransferPlan = { id, sku, from, to, qty: 3, method: 'immediate', fromBefore: (await figures(client, sku, from)).onHand, toBefore: (await figures(client, sku, to)).onHand, toIsNew: false, reason: 'correction' };
        const journal = await Journal.create(journals, { environment: 'sandbox', source: `${sku} ${from} → ${to}`, rows: [], transfer: plan });
        const first = await sendStep(client, plan, 'first', journal);
        assert.strictEqual(first.state, 'applied');
        return { plan, journal, reference: first.reference ?? '' };
      }

      /** The review as the next start shows it (the start runs the same review as the command). */
      async function review(plan: TransferPlan, reference: string): Promise<string> {
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.commands.executeCommand('oto.reviewStockChanges');
        const told = `: −3 at ${from} applied (${reference}); +3 at ${to} not sent.`;
        const lines = await waitFor('the review of the interrupted transfer', notificationCenter, (shownLines) => shownLines.some((line) => line.startsWith(`A transfer of 3 × ${plan.sku} from ${from} to ${to} (`) && line.endsWith(told)));
        // Nothing is sent on its own: the stock is as the crash left it.
        assert.strictEqual((await figures(client, plan.sku, from)).onHand, plan.fromBefore - 3);
        assert.strictEqual((await figures(client, plan.sku, to)).onHand, plan.toBefore);
        return lines.find((line) => line.endsWith(told)) ?? '';
      }

      const choose = (button: string): Promise<void> => pageClick(`.notification-list-item:has-text("was left incomplete when VS Code stopped") .monaco-button:has-text("${button}")`);

      async function closed(journal: Journal): Promise<boolean> {
        return (await readJournal(journal.file))?.entries.some((entry) => entry.type === 'closed') ?? false;
      }

      /** The first step in the stock history once, as the review found it. */
      function assertFirstRecordedOnce(plan: TransferPlan, reference: string): void {
        const firsts = ledger().filter((entry) => entry.transferId === plan.id && entry.locationCode === from && entry.qty === -3);
        assert.deepStrictEqual(firsts.map((entry) => [entry.source, entry.action, entry.before, entry.after, entry.transactionId, entry.note]), [['transfer', 'adjust', plan.fromBefore, plan.fromBefore - 3, reference, 'recorded on review: VS Code stopped during this transfer']]);
      }

      it('Send (the second step was never sent) sends it once; the first goes to the stock history once, marked', async () => {
        const { plan, journal, reference } = await crashedTransfer('it-retry');
        await review(plan, reference);
        await screenshot('transfer-review');
        await choose(`Send +3 at ${to}`);
        const done = new RegExp(`^Transfer of 3 × ${plan.sku}: −3 at ${from} applied \\(${reference}\\); \\+3 at ${to} applied( \\(\\S+\\))?\\.$`);
        await waitFor('the transfer made whole', notificationCenter, (lines) => lines.some((line) => done.test(line)));
        assert.strictEqual((await figures(client, plan.sku, from)).onHand, plan.fromBefore - 3);
        assert.strictEqual((await figures(client, plan.sku, to)).onHand, plan.toBefore + 3);
        restore.push({ sku: plan.sku, locationCode: to, qty: -3 }, { sku: plan.sku, locationCode: from, qty: 3 });
        await waitFor('the journal closed', () => closed(journal), Boolean);
        assertFirstRecordedOnce(plan, reference);
        await waitFor('the retried step in the stock history', async () => ledger().filter((entry) => entry.transferId === plan.id && entry.locationCode === to), (entries) => entries.length === 1 && entries[0].after === plan.toBefore + 3 && entries[0].note === undefined);
      });

      it('Reverse puts the first step back at the source and sends nothing to the destination', async () => {
        const { plan, journal, reference } = await crashedTransfer('it-reverse');
        await review(plan, reference);
        await choose(`Reverse −3 at ${from}`);
        const done = new RegExp(`^Transfer of 3 × ${plan.sku}: −3 at ${from} applied \\(${reference}\\); \\+3 at ${to} not sent; reversed: \\+3 at ${from} applied( \\(\\S+\\))?\\.$`);
        await waitFor('the transfer reversed', notificationCenter, (lines) => lines.some((line) => done.test(line)));
        assert.strictEqual((await figures(client, plan.sku, from)).onHand, plan.fromBefore);
        assert.strictEqual((await figures(client, plan.sku, to)).onHand, plan.toBefore);
        await waitFor('the journal closed', () => closed(journal), Boolean);
        assertFirstRecordedOnce(plan, reference);
      });

      it('a choice that cannot be journalled is not sent, and the operator is told why', async () => {
        const { plan, journal, reference } = await crashedTransfer('it-unwritable');
        await review(plan, reference);
        // The journal cannot take the send line any more: the write must not leave without it.
        fs.rmSync(journal.file);
        fs.mkdirSync(journal.file);
        try {
          await choose(`Send +3 at ${to}`);
          await waitFor('the error', notificationCenter, (lines) => lines.some((line) => line.startsWith('Transfer Stock: ') && line.includes(path.basename(journal.file))));
          assert.strictEqual((await figures(client, plan.sku, to)).onHand, plan.toBefore, 'nothing was sent');
          assert.strictEqual((await figures(client, plan.sku, from)).onHand, plan.fromBefore - 3);
        } finally {
          fs.rmSync(journal.file, { recursive: true, force: true });
          restore.push({ sku: plan.sku, locationCode: from, qty: 3 });
        }
        await vscode.commands.executeCommand('notifications.clearAll');
      });

      it('Leave as it is sends nothing, closes the journal, and the next review offers nothing', async () => {
        const { plan, journal, reference } = await crashedTransfer('it-leave');
        await review(plan, reference);
        await choose('Leave as it is');
        restore.push({ sku: plan.sku, locationCode: from, qty: 3 });
        await waitFor('the journal closed', () => closed(journal), Boolean);
        assert.strictEqual((await figures(client, plan.sku, from)).onHand, plan.fromBefore - 3);
        assert.strictEqual((await figures(client, plan.sku, to)).onHand, plan.toBefore);
        assertFirstRecordedOnce(plan, reference);
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.commands.executeCommand('oto.reviewStockChanges');
        await waitFor('"nothing waiting"', notificationCenter, (lines) => lines.some((line) => line === 'No apply of stock changes is waiting for review in sandbox.'));
        assert.strictEqual((await figures(client, plan.sku, to)).onHand, plan.toBefore, 'nothing was sent');
        await vscode.commands.executeCommand('notifications.clearAll');
      });
    });
  });
}
