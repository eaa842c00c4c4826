// The problems of a file of stock changes, shown where they stay true: on their lines (Problems
// panel, squiggles), the first one opened in the editor, and "nothing was sent" in the status
// bar. No notification: VS Code cannot take one back, and a red toast about a file fixed since
// would still sit under the "applied" of the next run. While the file is edited its problems
// are checked again, and the status bar message goes once none is left (or the next run starts).
import * as vscode from 'vscode';
import type { TableProblem } from './file/table';
import { pluralOfMany } from '../../common/text/plural';

const l10n = vscode.l10n;
const RECHECK_DELAY_MS = 300;

/** Checks a file's text again (as the command would), giving its problems. */
export type Recheck = (text: string, uri: vscode.Uri) => readonly TableProblem[];

export class FileProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('oto-stock-changes');
  /** Per file with problems: its status bar message and how to check it again. */
  private readonly open = new Map<string, { message: vscode.Disposable; recheck: Recheck; timer?: NodeJS.Timeout }>();
  private readonly listener = vscode.workspace.onDidChangeTextDocument((event) => this.changed(event.document));

  /** Shows the problems (or clears them, none left); a file with problems is opened at the first. */
  async show(uri: vscode.Uri, name: string, problems: readonly TableProblem[], recheck: Recheck): Promise<void> {
    this.set(uri, name, problems, recheck);
    if (problems.length === 0) {
      return;
    }
    const line = Math.max(0, problems[0].line - 1);
    const editor = await vscode.window.showTextDocument(uri, { preview: false, selection: new vscode.Range(line, 0, line, 0) });
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The file is being applied: what was shown about it is over. */
  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.forget(uri);
  }

  has(uri: vscode.Uri): boolean {
    return this.open.has(uri.toString());
  }

  dispose(): void {
    for (const key of [...this.open.keys()]) {
      this.forget(vscode.Uri.parse(key));
    }
    this.listener.dispose();
    this.collection.dispose();
  }

  private set(uri: vscode.Uri, name: string, problems: readonly TableProblem[], recheck: Recheck): void {
    this.collection.set(uri, problems.map((problem) => {
      const line = Math.max(0, problem.line - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), problem.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'OTO';
      return diagnostic;
    }));
    this.forget(uri);
    if (problems.length > 0) {
      const text = problems.length === 1
        ? l10n.t('$(error) {0}: a problem on line {1}, nothing was sent', name, problems[0].line)
        : pluralOfMany(problems.length, '$(error) {1}: {0} problems, nothing was sent', name);
      this.open.set(uri.toString(), { message: vscode.window.setStatusBarMessage(text), recheck });
    }
  }

  private forget(uri: vscode.Uri): void {
    const shown = this.open.get(uri.toString());
    if (shown) {
      clearTimeout(shown.timer);
      shown.message.dispose();
      this.open.delete(uri.toString());
    }
  }

  private changed(document: vscode.TextDocument): void {
    const shown = this.open.get(document.uri.toString());
    if (!shown) {
      return;
    }
    clearTimeout(shown.timer);
    shown.timer = setTimeout(() => {
      if (this.open.get(document.uri.toString()) === shown) {
        const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
        this.set(document.uri, name, shown.recheck(document.getText(), document.uri), shown.recheck);
      }
    }, RECHECK_DELAY_MS);
  }
}
