// The integration workbench's VS Code side: the Sandbox Traffic view, the exchange documents and
// the Problems-panel diagnostics, over the traffic the in-process sandbox (or the recording proxy)
// captures. Here only what must exist from the start: the view, its commands, the document scheme.
// The rest is in dist/workbench.js, loaded once there is traffic, the view shows or a command runs.
import * as vscode from 'vscode';
import { CONTEXT_KEYS, COMMANDS, TRAFFIC_SCHEME, VIEWS } from '../common/ids';
import { lazyPart } from '../common/lazyBundle';
import { replayRequest } from '../devtools/requests/replay/replayFlow';
import type { FaultsHeader } from '../sandboxHost/faultsStatus';
import type { TrafficExchange } from '../traffic/exchange';
import type { TrafficCommands, WorkbenchDeps, WorkbenchRuntime, WorkbenchWiring } from './deps';
import { registerLazyCommands } from '../common/lazyCommands';

export type { WorkbenchDeps } from './deps';

/** Registers the view and its commands; returns the view's header, which the sandbox's faults add to. */
export function registerWorkbench(context: vscode.ExtensionContext, deps: WorkbenchDeps): FaultsHeader {
  const repaint = new vscode.EventEmitter<undefined>();
  const load = (): WorkbenchRuntime => part.load();
  const treeView = vscode.window.createTreeView<TrafficExchange>(VIEWS.sandboxTraffic, {
    // Asked for rows only once the view is shown.
    treeDataProvider: { onDidChangeTreeData: repaint.event, getChildren: (element) => load().rows.getChildren(element), getTreeItem: (element) => load().rows.getTreeItem(element) },
  });
  const part = lazyPart<WorkbenchWiring, WorkbenchRuntime>(context, 'workbench', { ...deps, treeView, repaint: () => repaint.fire(undefined), replayRequest });
  registerLazyCommands<TrafficCommands>(context.subscriptions, () => load().commands, {
    [COMMANDS.openSandboxExchange]: (commands, argument) => commands.openExchange(argument),
    [COMMANDS.copySandboxExchangeAsCurl]: (commands, argument) => commands.copyExchangeAsCurl(argument),
    [COMMANDS.replaySandboxExchange]: (commands, argument) => commands.replayExchange(argument),
    [COMMANDS.clearSandboxTraffic]: (commands) => commands.clear(),
    [COMMANDS.sandboxTrafficOthersOnly]: (commands) => commands.filter('othersOnly', true),
    [COMMANDS.sandboxTrafficAllClients]: (commands) => commands.filter('othersOnly', false),
    [COMMANDS.sandboxTrafficFindingsOnly]: (commands) => commands.filter('findingsOnly', true),
    [COMMANDS.sandboxTrafficAllExchanges]: (commands) => commands.filter('findingsOnly', false),
    [COMMANDS.sandboxTrafficShowOwnReads]: (commands) => commands.filter('ownReads', true),
    [COMMANDS.sandboxTrafficHideOwnReads]: (commands) => commands.filter('ownReads', false),
    [COMMANDS.copySandboxCurl]: (commands) => commands.copyCurl(),
  });
  context.subscriptions.push(
    repaint,
    treeView,
    // A document restored with the window asks for its text before anything else loads the bundle.
    vscode.workspace.registerTextDocumentContentProvider(TRAFFIC_SCHEME, { provideTextDocumentContent: (uri, token) => load().documents.provideTextDocumentContent(uri, token) }),
    // Traffic brings findings for the Problems panel, whether or not the view is showing.
    deps.session.onDidChangeSandbox((sandbox) => sandbox && load()),
    ...(deps.proxy ? [deps.proxy.onDidChange(() => deps.proxy?.current() && load())] : []),
  );
  void deps.session.runningSandbox?.then(load, () => undefined);
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.trafficOthersOnly, false);
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.trafficFindingsOnly, false);
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.trafficOwnReads, false);
  // Removing a part from a header not made yet changes nothing, so it loads nothing either.
  return {
    setDescription: (key, text) => (text === undefined && !part.started ? undefined : load().header.setDescription(key, text)),
    setMessage: (key, text) => (text === undefined && !part.started ? undefined : load().header.setMessage(key, text)),
  };
}
