// The integration workbench's VS Code side: the Sandbox Traffic view, the exchange documents and
// the Problems-panel diagnostics, over the traffic the in-process sandbox captures.
import * as vscode from 'vscode';
import { registerTrafficCommands } from './commands';
import type { WorkbenchDeps } from './deps';
import { TrafficDiagnostics } from './diagnostics';
import { TRAFFIC_SCHEME, TrafficDocuments } from './documents';
import { TrafficFeed } from './feed';
import { TRAFFIC_VIEW_ID, TrafficView } from './trafficView';
import { TrafficHeader } from './header';
import { CONTEXT_KEYS } from '../common/ids';

export type { WorkbenchDeps } from './deps';
export { TRAFFIC_VIEW_ID } from './trafficView';

export function registerWorkbench(context: vscode.ExtensionContext, deps: WorkbenchDeps): TrafficHeader {
  const feed = new TrafficFeed(deps.session, deps.proxy);
  const view = new TrafficView(feed);
  const treeView = vscode.window.createTreeView(TRAFFIC_VIEW_ID, { treeDataProvider: view });
  const header = new TrafficHeader(treeView, feed);
  const documents = new TrafficDocuments(feed);
  context.subscriptions.push(
    feed,
    view,
    treeView,
    header,
    documents,
    new TrafficDiagnostics(feed),
    vscode.workspace.registerTextDocumentContentProvider(TRAFFIC_SCHEME, documents),
    ...registerTrafficCommands(feed, view, deps),
  );
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.trafficOthersOnly, false);
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.trafficFindingsOnly, false);
  return header;
}
