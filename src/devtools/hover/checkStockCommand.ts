// "Check Stock of Selection": the SKUs in the selection, or the one at the cursor, or failing
// both every catalogue SKU mentioned in the file; shown in a quick pick or a Markdown preview.
// SKU-shaped strings OTO does not know are named, never silently replaced by the file's SKUs.
import * as vscode from 'vscode';
import type { DevtoolsStock } from '../deps';
import type { VirtualTexts } from '../../common/ui/virtualTexts';
import { HOVER_COMMANDS, renderSkuHover } from './hoverMarkdown';
import { locationNamer } from './hoverProvider';
import { resolveSkuSelection, skuCandidates, tokenAt, valuesOfOtherKeys } from './skuText';
import { escapeMarkdown } from '../../common/text/markdown';
import { withCancellableProgress } from '../../common/ui/progress';
import { skuCount } from '../../stock/tree/format';
import type { StoreSku } from '../stockReading';
import { displayFormats } from '../../common/text/display';
import { byLocationCode, isLowInTotal } from '../../stock/tree/skuCard';

/** Candidate strings in the order the user most likely means them. */
function candidatesOf(editor: vscode.TextEditor): string[] {
  const selected = editor.selections.filter((selection) => !selection.isEmpty);
  if (selected.length > 0) {
    return selected.flatMap((selection) => {
      const text = editor.document.getText(selection);
      return [text.trim(), ...skuCandidates(text)];
    });
  }
  const position = editor.selection.active;
  const atCursor = tokenAt(editor.document.lineAt(position.line).text, position.character);
  return atCursor ? [atCursor.text] : [];
}

async function ensureCatalogue(stock: DevtoolsStock): Promise<boolean> {
  if (stock.loaded) {
    return true;
  }
  const outcome = await withCancellableProgress({ title: vscode.l10n.t('Reading the OTO catalogue…'), quietly: vscode.ProgressLocation.Window }, (signal) => stock.refresh({ signal }));
  if (outcome.issues.length > 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the current stock: {0}', outcome.issues.map((issue) => issue.message).join(' ')));
  }
  return stock.loaded;
}

export async function checkStock(stock: DevtoolsStock, reports: VirtualTexts): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file with SKUs in it first.'));
    return;
  }
  if (!(await ensureCatalogue(stock))) {
    return;
  }
  const locationCodes = new Set(stock.locations.map((location) => location.code));
  const otherValues = valuesOfOtherKeys(editor.selections.map((selection) => (selection.isEmpty ? editor.document.lineAt(selection.active.line).text : editor.document.getText(selection))).join('\n'));
  const { skus, notInCatalogue } = resolveSkuSelection(
    candidatesOf(editor),
    () => skuCandidates(editor.document.getText()),
    (sku) => stock.getSku(sku) !== undefined,
    (text) => locationCodes.has(text) || otherValues.has(text),
  );
  const unknownNote = notInCatalogue.length > 0 ? vscode.l10n.t('Not in the OTO catalogue: {0}', notInCatalogue.join(', ')) : undefined;
  if (skus.length === 0 && unknownNote) {
    void vscode.window.showWarningMessage(unknownNote);
    return;
  }
  if (skus.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No SKU of the OTO catalogue was found in the selection or in this file.'));
    return;
  }
  const outcome = await withCancellableProgress({ title: vscode.l10n.t('Reading stock of {0}…', skuCount(skus.length)), quietly: vscode.ProgressLocation.Window }, (signal) =>
    stock.invalidate(skus.map((sku) => ({ sku })), { signal }),
  );
  if (outcome.cancelled) {
    return;
  }
  const stale = outcome.issues.length > 0;
  const readings = skus.flatMap((sku) => {
    const entry = stock.getSku(sku);
    return entry ? [entry] : [];
  });
  await showReadings(stock, reports, readings, stale, unknownNote);
}

type Item = vscode.QuickPickItem & { reading?: StoreSku };

async function showReadings(stock: DevtoolsStock, reports: VirtualTexts, readings: StoreSku[], stale: boolean, unknownNote: string | undefined): Promise<void> {
  const name = locationNamer(stock);
  const items: Item[] = [
    { label: `$(preview) ${vscode.l10n.t('Open as Markdown preview')}` },
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    ...readings.map((reading) => ({
      reading,
      label: `${isLowInTotal(reading) ? '$(warning) ' : ''}${reading.sku}`,
      description: [reading.product?.name, vscode.l10n.t('{0} on hand', reading.global?.onHand ?? reading.locations.reduce((sum, entry) => sum + entry.onHand, 0))].filter(Boolean).join(' · '),
      detail: [...reading.locations]
        .sort(byLocationCode)
        .map((entry) => `${entry.locationCode === undefined ? vscode.l10n.t('(no location)') : (name(entry.locationCode) ?? entry.locationCode)}: ${entry.onHand}`)
        .join(' · '),
    })),
  ];
  const title = stale ? vscode.l10n.t('Stock (some figures could not be refreshed)') : vscode.l10n.t('Stock');
  const picked = await vscode.window.showQuickPick(items, {
    title: unknownNote ? `${title} · ${unknownNote}` : title,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) {
    return;
  }
  const reveal = HOVER_COMMANDS.reveal;
  if (picked.reading && (await vscode.commands.getCommands(true)).includes(reveal)) {
    await vscode.commands.executeCommand(reveal, { kind: 'sku', sku: picked.reading.sku, ...(picked.reading.product?.name ? { name: picked.reading.product.name } : {}) });
    return;
  }
  await showPreview(stock, reports, picked.reading ? [picked.reading] : readings, stale, picked.reading ? undefined : unknownNote);
}

async function showPreview(stock: DevtoolsStock, reports: VirtualTexts, readings: StoreSku[], stale: boolean, unknownNote: string | undefined): Promise<void> {
  const name = locationNamer(stock);
  // The preview is not trusted, so the hover's command links would be dead text: leave them out.
  const sections = readings.map((reading) => renderSkuHover(reading, { locationName: name, stale, target: 'document', ...displayFormats(vscode.env.language) }));
  const content = [...sections, ...(unknownNote ? [`_${escapeMarkdown(unknownNote)}_`] : [])].join('\n\n---\n\n');
  await vscode.commands.executeCommand('markdown.showPreview', reports.register(`${vscode.l10n.t('Stock')}.md`, `${content}\n`));
}
