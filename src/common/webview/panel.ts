// The VS Code side every webview page shares: its HTML shell from the bundled assets under a CSP
// with a fresh nonce, and a `post` that logs a message the page never got instead of losing it
// without a word.
import * as vscode from 'vscode';
import { createNonce, pageHtml } from './html';

/** The shell of `media/dist/<page>.js` and `<page>.css`, with the codicons. */
export function pageShell(webview: vscode.Webview, media: vscode.Uri, page: string, title: string): string {
  const asset = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', ...parts)).toString();
  return pageHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: asset(`${page}.js`),
    styleUri: asset(`${page}.css`),
    codiconsUri: asset('codicons', 'codicon.css'),
    language: vscode.env.language,
    title,
  });
}

/** Posts to the page; a message the page did not get (it closed meanwhile) is logged as `what`. */
export function pagePoster<T>(webview: vscode.Webview, warn: (text: string) => void, what: string): (message: T) => void {
  return (message) => {
    webview.postMessage(message).then(undefined, (error: unknown) => warn(`${what}: message to the page not delivered: ${String(error)}`));
  };
}
