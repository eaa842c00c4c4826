// What a bulk apply shows besides notifications, owned by the operator tools' runtime and disposed
// with it: the Problems-panel collection of a file's problems, and the read-only preview/results
// documents (one per file of changes, named for it: `changes.csv → OTO`). The preview is replaced
// by the results once applied, so an open tab never goes on saying "preview"; a document's text is
// let go once its tab is closed (common/ui/virtualTexts.ts).
import * as vscode from 'vscode';
import { Disposable } from '../../common/lifecycle';
import { VirtualTexts } from '../../common/ui/virtualTexts';
import { FileProblems } from './problems';
import { documentName } from './text';

export const DOCUMENT_SCHEME = 'oto-stock-changes';

export class BulkSurfaces extends Disposable {
  readonly problems = this._register(new FileProblems());
  private readonly documents = this._register(new VirtualTexts(DOCUMENT_SCHEME));

  /** Redraws the file's document where it is still open; one the user closed stays closed. */
  update(source: string, text: string): void {
    this.documents.update(documentName(source), text);
  }

  async show(source: string, text: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.documents.put(documentName(source), text));
    // In the file's own group, at its full width: beside it, half the columns were cut off.
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Active, preserveFocus: true });
  }
}
