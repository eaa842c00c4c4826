// "Export Stock": the current stock as CSV or JSON in an untitled editor, ready to save.
import * as vscode from 'vscode';
import { readCurrentStock } from '../currentStock';
import type { DevtoolsSession, DevtoolsStock } from '../deps';
import { type ExportFormat, formatExport } from './exportFormat';

async function languageFor(format: ExportFormat): Promise<string> {
  if (format === 'json') {
    return 'json';
  }
  // VS Code ships no CSV language; use one if an extension provides it.
  return (await vscode.languages.getLanguages()).includes('csv') ? 'csv' : 'plaintext';
}

export async function exportStock(session: DevtoolsSession, stock: DevtoolsStock, requested: unknown): Promise<void> {
  const format: ExportFormat | undefined =
    requested === 'csv' || requested === 'json'
      ? requested
      : (
          await vscode.window.showQuickPick(
            [
              { label: 'CSV', description: vscode.l10n.t('one row per SKU and location, for spreadsheets'), format: 'csv' as const },
              { label: 'JSON', description: vscode.l10n.t('one object per SKU with its locations, for scripts'), format: 'json' as const },
            ],
            { title: vscode.l10n.t('Export stock as') },
          )
        )?.format;
  if (!format) {
    return;
  }
  const readings = await readCurrentStock(stock, vscode.l10n.t('Reading the current stock…'));
  if (!readings) {
    return;
  }
  const content = formatExport(format, readings, { environment: session.environment, exportedAt: new Date().toISOString() });
  const document = await vscode.workspace.openTextDocument({ language: await languageFor(format), content });
  await vscode.window.showTextDocument(document);
}
