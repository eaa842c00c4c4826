// "Export Stock": the current stock as CSV or JSON in an untitled editor named for what it holds
// (`oto-stock-sandbox-2026-12-01.csv`), so Save offers that name instead of the first CSV line.
import * as vscode from 'vscode';
import { readCurrentStock } from '../currentStock';
import type { DevtoolsSession, DevtoolsStock } from '../deps';
import { exportFileName, type ExportFormat, formatExport } from './exportFormat';

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
  const now = new Date();
  const content = formatExport(format, readings, { environment: session.environment, exportedAt: now.toISOString() });
  const name = exportFileName(format, session.environment, now);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = folder ? vscode.Uri.joinPath(folder, name).with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: name });
  let document = await vscode.workspace.openTextDocument(uri);
  // The same name may be open from an earlier export today: its text is replaced, not added to.
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), content);
  await vscode.workspace.applyEdit(edit);
  const language = await languageFor(format);
  if (document.languageId !== language) {
    document = await vscode.languages.setTextDocumentLanguage(document, language);
  }
  await vscode.window.showTextDocument(document);
}
