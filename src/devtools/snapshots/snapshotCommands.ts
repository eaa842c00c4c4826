// "Save Stock Snapshot" and "Compare Stock Snapshots": snapshots on disk, compared in VS Code's
// diff editor through two virtual documents.
import { formatDateTime } from '../../common/text/display';
import { skuCount } from '../../stock/tree/format';
import * as vscode from 'vscode';
import { readCurrentStock } from '../currentStock';
import type { DevtoolsSession, DevtoolsStock } from '../deps';
import type { VirtualTexts } from '../../common/ui/virtualTexts';
import { diffSnapshots, renderSnapshot, type StockSnapshot } from './snapshot';
import type { SnapshotEntry, SnapshotRepository } from './snapshotRepository';
import { plural } from '../../common/text/plural';

export interface SnapshotContext {
  readonly session: DevtoolsSession;
  readonly stock: DevtoolsStock;
  readonly repository: SnapshotRepository;
  readonly documents: VirtualTexts;
}

function defaultName(): string {
  const now = new Date();
  return vscode.l10n.t('Stock at {0}', formatDateTime(now.getTime(), vscode.env.language));
}

async function takeSnapshot(context: SnapshotContext, name: string): Promise<StockSnapshot | undefined> {
  const skus = await readCurrentStock(context.stock, vscode.l10n.t('Reading the current stock…'));
  return skus && { name, takenAt: new Date().toISOString(), environment: context.session.environment, skus };
}

export async function saveSnapshot(context: SnapshotContext): Promise<SnapshotEntry | undefined> {
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Save Stock Snapshot'),
    prompt: vscode.l10n.t('A name to find this snapshot by later, e.g. "before the ERP import".'),
    value: defaultName(),
    validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Enter a name for the snapshot.') : undefined),
  });
  if (name === undefined) {
    return undefined;
  }
  const snapshot = await takeSnapshot(context, name.trim());
  if (!snapshot) {
    return undefined;
  }
  const entry = await context.repository.save(snapshot);
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved stock snapshot “{0}” ({1}).', entry.name, skuCount(snapshot.skus.length)));
  return entry;
}

type Pick = vscode.QuickPickItem & { action: 'save' | 'now' | 'snapshot'; entry?: SnapshotEntry };

const deleteButton = (): vscode.QuickInputButton => ({ iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Delete snapshot') });

function snapshotItem(entry: SnapshotEntry): Pick {
  return { action: 'snapshot', entry, label: entry.name, description: `${entry.environment} · ${formatDateTime(Date.parse(String(entry.takenAt)), vscode.env.language)}`, buttons: [deleteButton()] };
}

/** A quick pick whose trash buttons delete snapshots in place. */
function pick(context: SnapshotContext, title: string, items: Pick[]): Promise<Pick | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<Pick>();
    quickPick.title = title;
    quickPick.items = items;
    quickPick.matchOnDescription = true;
    let chosen: Pick | undefined;
    quickPick.onDidTriggerItemButton(async ({ item }) => {
      if (item.entry) {
        await context.repository.delete(item.entry.id);
        quickPick.items = quickPick.items.filter((candidate) => candidate !== item);
      }
    });
    quickPick.onDidAccept(() => {
      chosen = quickPick.selectedItems[0];
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(chosen);
    });
    quickPick.show();
  });
}

export async function compareSnapshots(context: SnapshotContext): Promise<void> {
  const entries = await context.repository.list();
  const saveLabel = vscode.l10n.t('Save the current stock as a snapshot…');
  if (entries.length === 0) {
    // Nothing to compare yet: saving is offered, never started by an Enter meant for a pick.
    const save = vscode.l10n.t('Save Snapshot…');
    if ((await vscode.window.showInformationMessage(vscode.l10n.t('No stock snapshot is saved yet: save one now, and compare it with the stock later.'), save)) === save) {
      await saveSnapshot(context);
    }
    return;
  }
  // Snapshots first, so Enter takes the newest; saving is the last row.
  const first = await pick(context, vscode.l10n.t('Compare Stock Snapshots: pick the earlier snapshot'), [
    ...entries.map(snapshotItem),
    { action: 'save', label: '', kind: vscode.QuickPickItemKind.Separator },
    { action: 'save', label: `$(add) ${saveLabel}` },
  ]);
  if (!first) {
    return;
  }
  if (first.action === 'save') {
    await saveSnapshot(context);
    return;
  }
  const before = first.entry && (await context.repository.load(first.entry.id));
  if (!before) {
    void vscode.window.showErrorMessage(vscode.l10n.t('That snapshot could not be read.'));
    return;
  }
  const second = await pick(context, vscode.l10n.t('Compare “{0}” with…', before.name), [
    { action: 'now', label: `$(clock) ${vscode.l10n.t('The current stock')}`, description: context.session.environment },
    ...entries.filter((entry) => entry.id !== first.entry?.id).map(snapshotItem),
  ]);
  if (!second) {
    return;
  }
  const after =
    second.action === 'now'
      ? await takeSnapshot(context, vscode.l10n.t('Current stock'))
      : second.entry && (await context.repository.load(second.entry.id));
  if (!after) {
    return;
  }
  await showDiff(context, before, after);
}

async function showDiff(context: SnapshotContext, before: StockSnapshot, after: StockSnapshot): Promise<void> {
  const left = context.documents.register(`${before.name}.txt`, renderSnapshot(before));
  const right = context.documents.register(`${after.name}.txt`, renderSnapshot(after));
  const changes = diffSnapshots(before, after);
  await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0} ↔ {1}', before.name, after.name), { preview: false });
  if (before.environment !== after.environment) {
    void vscode.window.showWarningMessage(vscode.l10n.t('These snapshots come from different environments ({0} and {1}).', before.environment, after.environment));
  }
  void vscode.window.showInformationMessage(
    changes.length === 0
      ? vscode.l10n.t('No stock changed between “{0}” and “{1}”.', before.name, after.name)
      : plural(changes.length, '{0} location/SKU figure changed between “{1}” and “{2}”.', '{0} location/SKU figures changed between “{1}” and “{2}”.', before.name, after.name),
  );
}
