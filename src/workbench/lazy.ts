// The workbench's bundle (dist/workbench.js): the traffic feed, the view's rows and header, the
// exchange documents, the Problems-panel diagnostics and the commands. Loaded when there is traffic
// to show (the sandbox or the proxy started), the view is shown, a document opens or a command runs.
import * as vscode from 'vscode';
import { configureLocalisation } from '../common/text/localisation';
import { trafficCommands } from './commands';
import type { WorkbenchRuntime, WorkbenchWiring } from './deps';
import { TrafficDiagnostics } from './diagnostics';
import { TrafficDocuments } from './documents';
import { TrafficFeed } from './feed';
import { TrafficHeader } from './header';
import { TrafficView } from './trafficView';
import { hiddenOwnReadsText } from './rows';

export type { WorkbenchRuntime };

export function start(wiring: WorkbenchWiring, subscriptions: vscode.Disposable[]): WorkbenchRuntime {
  // This bundle has its own copy of `@vscode/l10n` and the display language.
  configureLocalisation();
  const feed = new TrafficFeed(wiring.session, wiring.proxy);
  const view = new TrafficView(feed);
  const header = new TrafficHeader(wiring.treeView, feed);
  const documents = new TrafficDocuments(feed);
  // Above the rows: how many of this editor's reads the view hides, whenever the rows change.
  const showHidden = (): void => header.setMessage('hidden', hiddenOwnReadsText(view.hiddenOwnReads()));
  showHidden();
  subscriptions.push(
    feed,
    view,
    header,
    documents,
    new TrafficDiagnostics(feed),
    view.onDidChangeTreeData(() => {
      showHidden();
      wiring.repaint();
    }),
  );
  return { rows: view, documents, header, commands: trafficCommands(feed, view, wiring) };
}
