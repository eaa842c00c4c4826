// "Filter Requests…": which exchanges the Requests view lists (all, no background reads, writes,
// errors), kept per workspace; the view's description names the filter in use and its message
// says how many the filter hides.
import * as vscode from 'vscode';
import { isRequestFilter, REQUEST_FILTERS, type RequestFilter } from './requestFilter';
import type { RequestsView } from './requestsView';
import { COMMANDS } from '../../../common/ids';
import { plural } from '../../../common/text/plural';

const KEY = 'oto.requests.filter';

function filterLabel(filter: RequestFilter): string {
  switch (filter) {
    case 'all':
      return vscode.l10n.t('All requests');
    case 'noReads':
      return vscode.l10n.t('Hide background reads');
    case 'writes':
      return vscode.l10n.t('Writes only');
    case 'errors':
      return vscode.l10n.t('Errors only');
  }
}

function filterDetail(filter: RequestFilter): string {
  switch (filter) {
    case 'all':
      return vscode.l10n.t('Every exchange, including the auto-refresh reads');
    case 'noReads':
      return vscode.l10n.t('Writes and every failure; successful reads and token refreshes are hidden');
    case 'writes':
      return vscode.l10n.t('Stock changes, inventory orders and packing updates');
    case 'errors':
      return vscode.l10n.t('Failed exchanges and those that got no answer');
  }
}

/** Registers the command; returns what keeps the view's description and message up to date. */
export function registerRequestFilter(context: vscode.ExtensionContext, view: RequestsView, tree: vscode.TreeView<unknown>): () => void {
  const saved = context.workspaceState.get<unknown>(KEY);
  if (isRequestFilter(saved)) {
    view.setFilter(saved);
  }
  const show = (): void => {
    const { logged, shown } = view.counts();
    tree.description = view.filter === 'all' ? undefined : filterLabel(view.filter);
    tree.message =
      view.filter !== 'all' && logged > shown
        ? plural(logged - shown, '1 request hidden by the filter.', '{0} requests hidden by the filter.')
        : undefined;
  };
  show();
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.filterRequests, async () => {
      const items = REQUEST_FILTERS.map((filter) => ({
        label: filter === view.filter ? `$(check) ${filterLabel(filter)}` : filterLabel(filter),
        detail: filterDetail(filter),
        filter,
      }));
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Filter Requests'),
        placeHolder: vscode.l10n.t('Which requests to list'),
      });
      if (picked) {
        view.setFilter(picked.filter);
        void context.workspaceState.update(KEY, picked.filter);
      }
    }),
  );
  return show;
}
