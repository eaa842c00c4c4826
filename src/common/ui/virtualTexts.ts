// The one provider of read-only virtual documents whose text we made (snapshot sides, stock
// reports, a replay's comparison, a bulk preview): virtual, so nothing lands in a temp file and
// the editor cannot save them; each text is let go when its document closes (`HeldTexts`).
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { HeldTexts } from '../text/heldTexts';

export class VirtualTexts extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new HeldTexts();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(readonly scheme: string) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(scheme, this));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === scheme) {
        this.texts.release(document.uri.path);
      }
    }));
    this._register({ dispose: () => this.texts.clear() });
  }

  /** A new document's URI showing `text`; `fileName` (its extension picks the language) is what the tab shows. */
  register(fileName: string, text: string): vscode.Uri {
    return this.uri(this.texts.add(fileName, text));
  }

  /** The one document named `fileName`, showing `text` from now (redrawn where it is open). */
  put(fileName: string, text: string): vscode.Uri {
    const uri = this.uri(this.texts.put(fileName, text));
    this.changed.fire(uri);
    return uri;
  }

  /** Redraws the document named `fileName` with `text` if it is still open; a closed one stays closed. */
  update(fileName: string, text: string): void {
    const path = this.texts.update(fileName, text);
    if (path !== undefined) {
      this.changed.fire(this.uri(path));
    }
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.text(uri.path) ?? '';
  }

  private uri(path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: this.scheme, path });
  }
}
