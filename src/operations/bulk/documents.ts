// What a bulk apply shows besides notifications, owned by the operator tools' runtime and disposed
// with it: the Problems-panel collection of a file's problems, and the read-only preview/results
// documents (one per file of changes, named for it: `changes.csv → OTO`). The preview is replaced
// by the results once applied, so an open tab never goes on saying "preview"; a document's text is
// let go once its tab is closed.
import * as vscode from 'vscode';
import { Disposable } from '../../common/lifecycle';
import { FileProblems } from './problems';
import { documentName } from './text';

export const DOCUMENT_SCHEME = 'oto-stock-changes';

export class BulkSurfaces extends Disposable {
  readonly problems = this._register(new FileProblems());
  private readonly texts = new Map<string, string>();
  private readonly changes = this._register(new vscode.EventEmitter<vscode.Uri>());

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, {
      onDidChange: this.changes.event,
      provideTextDocumentContent: (uri) => this.texts.get(uri.path) ?? '',
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === DOCUMENT_SCHEME) {
        this.texts.delete(document.uri.path);
      }
    }));
  }

  /** Puts `text` in the file's document (an open tab shows it at once). */
  set(source: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path: `/${documentName(source)}` });
    this.texts.set(uri.path, text);
    this.changes.fire(uri);
    return uri;
  }

  async show(source: string, text: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.set(source, text));
    // In the file's own group, at its full width: beside it, half the columns were cut off.
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Active, preserveFocus: true });
  }
}
