// "OTO: Show Recent Changes": this workspace's stock changes and orders, newest first; one can
// be undone (same rules as the Undo button) or its details copied.
import type { FlowContext, StockView } from './context';
import * as l10n from '@vscode/l10n';
import { displayLanguage, formatDateTime } from '../common/display';
import { unitCount } from './counts';
import type { PickItem } from './prompter';
import type { RecentChange } from './recentChanges';
import { findLocation, locationName } from './target';
import { Step, runSteps } from './steps';
import { undoStockChange } from './undo';

function describe(stock: StockView, change: RecentChange): PickItem<RecentChange> {
  const where = locationName(findLocation(stock, change.locationCode));
  const when = formatDateTime(Date.parse(change.time), displayLanguage());
  if (change.type === 'stock') {
    const kind = change.undoOf ? l10n.t('undo') : change.action === 'adjust' ? l10n.t('adjust') : l10n.t('set');
    return {
      label: `${change.undone ? '$(discard) ' : ''}${change.sku} · ${where}`,
      description: l10n.t('{0} → {1} ({2}) · transaction {3}', change.before, change.after, kind, change.transactionId ?? '—'),
      detail: change.undone ? l10n.t('{0} · {1} · undone', when, change.environment) : l10n.t('{0} · {1}', when, change.environment),
      value: change,
    };
  }
  const units = change.items.reduce((sum, item) => sum + item.qty, 0);
  return {
    label: `$(package) ${change.items.map((item) => item.sku).join(', ')} · ${where}`,
    description: l10n.t('{0} order, {1} · OTO id {2}', change.action === 'inbound' ? l10n.t('Inbound') : l10n.t('Outbound'), unitCount(units), change.otoId),
    detail: l10n.t('{0} · {1}', when, change.environment),
    value: change,
  };
}

export async function showRecentChanges(ctx: FlowContext): Promise<void> {
  const changes = ctx.recent.list();
  if (changes.length === 0) {
    await ctx.prompter.message('info', l10n.t('No stock changes or inventory orders have been made from this workspace yet.'), []);
    return;
  }
  const title = l10n.t('Recent Changes');
  type Action = 'undo' | 'copy' | 'json';
  let selected: RecentChange | undefined;
  let action: Action | undefined;
  const actionStep: Step = async (input) => {
    const change = selected as RecentChange;
    const actions: PickItem<Action>[] = [];
    if (change.type === 'stock' && !change.undone) {
      actions.push({ label: l10n.t('$(discard) Undo this change'), value: 'undo' });
    }
    actions.push({ label: l10n.t('$(copy) Copy details'), value: 'copy' });
    if (change.type === 'order') {
      actions.push({ label: l10n.t('$(json) Copy order JSON'), value: 'json' });
    }
    action = await input.pick({ title, step: 2, totalSteps: 2, placeholder: describe(ctx.stock, change).label, items: actions });
    return undefined;
  };
  const listStep: Step = async (input) => {
    selected = await input.pick({
      title,
      step: 1,
      totalSteps: 2,
      placeholder: l10n.t('Stock changes and inventory orders made from this workspace, newest first'),
      items: changes.map((change) => describe(ctx.stock, change)),
      activeIndex: selected ? changes.indexOf(selected) : undefined,
      matchOnDetail: true,
    });
    return actionStep;
  };
  if ((await runSteps(ctx.prompter, listStep)) !== 'done' || !selected) {
    return;
  }
  const change = selected;
  if (action === 'undo' && change.type === 'stock') {
    await undoStockChange(ctx, change);
  } else if (action === 'copy') {
    await ctx.copyToClipboard(JSON.stringify(change, null, 2));
  } else if (action === 'json' && change.type === 'order') {
    await ctx.copyToClipboard(JSON.stringify(change.request, null, 2));
  }
}
