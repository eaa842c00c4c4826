// "OTO: Show Recent Changes": this workspace's stock changes and orders, and the bulk rows and
// transfers of the environment's ledger (as Stock History shows them), newest first; a change can
// be undone (same rules as the Undo button) or its details copied.
import type { FlowContext } from '../context';
import type { StockView } from '../../stockChange/stockView';
import * as l10n from '@vscode/l10n';
import { displayLanguage, formatDateTime } from '../../common/text/display';
import { unitCount } from '../../stockChange/prompts/counts';
import type { PickItem } from '../../stockChange/prompts/prompter';
import { RECENT_CHANGES_LIMIT } from './recentChanges';
import type { RecentChange, StockChangeRecord } from '../../stockChange/records';
import { findLocation, locationName } from '../../stockChange/target';
import { Step, runSteps } from '../../stockChange/prompts/steps';
import { undoStockChange } from '../change/undo';
import type { LedgerEntry } from '../../stockChange/ledgerEntry';
import { environmentInText } from '../../common/text/environmentName';

/** One row of the list: a recorded change or order, a bulk row, or a transfer's steps. */
export type Listed =
  | { kind: 'recent'; time: string; change: RecentChange }
  | { kind: 'bulk'; time: string; entry: LedgerEntry; change?: StockChangeRecord }
  | { kind: 'transfer'; time: string; steps: LedgerEntry[] };

/** A bulk row's entry as a change Undo can reverse, when it has the figures for it. */
function bulkChange(entry: LedgerEntry, environment: string): StockChangeRecord | undefined {
  if ((entry.action !== 'adjust' && entry.action !== 'set') || entry.before === undefined || entry.after === undefined || entry.qty === undefined) {
    return undefined;
  }
  // The journal write names the row for good; an older entry has its transaction.
  const id = `bulk:${entry.run ?? `${entry.transactionId ?? entry.time}/${entry.sku}/${entry.locationCode}`}`;
  return { type: 'stock', id, time: entry.time, environment, action: entry.action, locationCode: entry.locationCode, sku: entry.sku, qty: entry.qty, before: entry.before, after: entry.after, transactionId: entry.transactionId, reason: entry.reason, note: entry.note };
}

/** The list, newest first: the workspace's records with the ledger's bulk rows and transfers (one row per transfer). */
export function listChanges(recent: readonly RecentChange[], ledger: readonly LedgerEntry[], environment: string): Listed[] {
  const listed: Listed[] = recent.map((change) => ({ kind: 'recent', time: change.time, change }));
  const transfers = new Map<string, LedgerEntry[]>();
  for (const entry of ledger) {
    if (entry.source === 'bulk') {
      listed.push({ kind: 'bulk', time: entry.time, entry, change: bulkChange(entry, environment) });
    } else if (entry.source === 'transfer' && entry.transferId !== undefined) {
      const steps = transfers.get(entry.transferId) ?? [];
      steps.push(entry);
      transfers.set(entry.transferId, steps);
    }
  }
  for (const steps of transfers.values()) {
    listed.push({ kind: 'transfer', time: steps[0].time, steps });
  }
  // A stable sort keeps each source's own order among entries of the same time.
  return listed.sort((a, b) => Date.parse(b.time) - Date.parse(a.time)).slice(0, RECENT_CHANGES_LIMIT);
}

/** Undone: marked so, or an undo of it is recorded (a bulk row's undo is only recorded). */
function isUndone(change: StockChangeRecord, recent: readonly RecentChange[]): boolean {
  return change.undone === true || recent.some((other) => other.type === 'stock' && other.undoOf === change.id);
}

/** What a stock row shows: a recorded change, or a bulk row (whose figures an old entry may lack). */
interface StockRow {
  sku: string;
  locationCode: string;
  time: string;
  before?: number;
  after?: number;
  transactionId?: string;
}

function stockItem(stock: StockView, row: StockRow, icon: string, kind: string, undone: boolean, environment: string): Omit<PickItem<Listed>, 'value'> {
  const where = locationName(findLocation(stock, row.locationCode));
  const when = formatDateTime(Date.parse(row.time), displayLanguage());
  return {
    // Every row starts with an icon saying what it was, so the labels line up.
    label: `${icon} ${row.sku} · ${where}`,
    description: l10n.t('{0} → {1} ({2}) · transaction {3}', row.before ?? '—', row.after ?? '—', kind, row.transactionId ?? '—'),
    detail: undone ? l10n.t('{0} · {1} · undone', when, environmentInText(environment)) : l10n.t('{0} · {1}', when, environmentInText(environment)),
  };
}

function describe(stock: StockView, listed: Listed, recent: readonly RecentChange[], environment: string): PickItem<Listed> {
  if (listed.kind === 'bulk') {
    const kind = listed.entry.action === 'set' ? l10n.t('bulk set') : l10n.t('bulk adjust');
    return { ...stockItem(stock, listed.entry, '$(checklist)', kind, listed.change !== undefined && isUndone(listed.change, recent), environment), value: listed };
  }
  if (listed.kind === 'transfer') {
    const [first, second] = listed.steps;
    const from = locationName(findLocation(stock, first.locationCode));
    const to = second ? locationName(findLocation(stock, second.locationCode)) : '—';
    const when = formatDateTime(Date.parse(listed.time), displayLanguage());
    const references = listed.steps.map((step) => step.transactionId ?? '—').join(', ');
    return {
      label: `$(arrow-swap) ${first.sku} · ${from} → ${to}`,
      description: l10n.t('transfer of {0} · transactions {1}', unitCount(Math.abs(first.qty ?? 0)), references),
      detail: l10n.t('{0} · {1}', when, environmentInText(environment)),
      value: listed,
    };
  }
  const { change } = listed;
  if (change.type === 'stock') {
    const kind = change.undoOf ? l10n.t('undo') : change.action === 'adjust' ? l10n.t('adjust') : l10n.t('set');
    const icon = change.undoOf ? '$(discard)' : change.action === 'adjust' ? '$(diff)' : '$(edit)';
    return { ...stockItem(stock, change, icon, kind, isUndone(change, recent), change.environment), value: listed };
  }
  const where = locationName(findLocation(stock, change.locationCode));
  const when = formatDateTime(Date.parse(change.time), displayLanguage());
  const units = change.items.reduce((sum, item) => sum + item.qty, 0);
  return {
    label: `$(package) ${change.items.map((item) => item.sku).join(', ')} · ${where}`,
    description: l10n.t('{0} order, {1} · OTO id {2}', change.action === 'inbound' ? l10n.t('Inbound') : l10n.t('Outbound'), unitCount(units), change.otoId),
    detail: l10n.t('{0} · {1}', when, change.environment),
    value: listed,
  };
}

/** The change an Undo would reverse, if the row has one not undone yet. */
function undoable(listed: Listed, recent: readonly RecentChange[]): StockChangeRecord | undefined {
  const change = listed.kind === 'recent' ? (listed.change.type === 'stock' ? listed.change : undefined) : listed.kind === 'bulk' ? listed.change : undefined;
  return change && !isUndone(change, recent) ? change : undefined;
}

function details(listed: Listed): unknown {
  return listed.kind === 'recent' ? listed.change : listed.kind === 'bulk' ? listed.entry : listed.steps;
}

export async function showRecentChanges(ctx: FlowContext): Promise<void> {
  const recent = ctx.recent.list();
  const environment = ctx.environment();
  const ledger = (await ctx.operatorChanges?.(environment)) ?? [];
  const changes = listChanges(recent, ledger, environment);
  if (changes.length === 0) {
    await ctx.prompter.message('info', l10n.t('No stock changes or inventory orders have been made from this workspace yet.'), []);
    return;
  }
  const title = l10n.t('Recent Changes');
  type Action = 'undo' | 'copy' | 'json';
  let selected: Listed | undefined;
  let action: Action | undefined;
  const actionStep: Step = async (input) => {
    const listed = selected as Listed;
    const actions: PickItem<Action>[] = [];
    if (undoable(listed, recent)) {
      actions.push({ label: l10n.t('$(discard) Undo this change'), value: 'undo' });
    }
    actions.push({ label: l10n.t('$(copy) Copy details'), value: 'copy' });
    if (listed.kind === 'recent' && listed.change.type === 'order') {
      actions.push({ label: l10n.t('$(json) Copy order JSON'), value: 'json' });
    }
    action = await input.pick({ title, step: 2, totalSteps: 2, placeholder: describe(ctx.stock, listed, recent, environment).label, items: actions });
    return undefined;
  };
  const listStep: Step = async (input) => {
    selected = await input.pick({
      title,
      step: 1,
      totalSteps: 2,
      placeholder: l10n.t('Stock changes, orders, bulk rows and transfers, newest first'),
      items: changes.map((listed) => describe(ctx.stock, listed, recent, environment)),
      activeIndex: selected ? changes.indexOf(selected) : undefined,
      matchOnDetail: true,
    });
    return actionStep;
  };
  if ((await runSteps(ctx.prompter, listStep)) !== 'done' || !selected) {
    return;
  }
  const listed = selected;
  const change = undoable(listed, recent);
  if (action === 'undo' && change) {
    await undoStockChange(ctx, change);
  } else if (action === 'copy') {
    await ctx.copyToClipboard(JSON.stringify(details(listed), null, 2));
  } else if (action === 'json' && listed.kind === 'recent' && listed.change.type === 'order') {
    await ctx.copyToClipboard(JSON.stringify(listed.change.request, null, 2));
  }
}
