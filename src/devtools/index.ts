// Developer tools: the request log ("OTO" output channel and Requests view), cURL/replay,
// stock snapshots, the SKU hover, "Check Stock of Selection" and "Export Stock". Each has its room
// (requests/, snapshots/, hover/, export/); what they share (deps, documents, readings) is here.
// The tools only commands reach are in dist/devtools.js (lazy.ts), loaded on the first of them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DevtoolsDeps, DevtoolsRuntime, DevtoolsWiring } from './deps';
import { ExchangeDocuments, REPORT_SCHEME, REQUEST_SCHEME, SNAPSHOT_SCHEME } from './documents';
import { VirtualTexts } from '../common/ui/virtualTexts';
import { HoverStock, hoverStoreOf, registerSkuHover } from './hover';
import { ExchangeLog, RequestLogger, RequestsView, registerExchangeCommands, registerRequestFilter } from './requests';
import { COMMANDS, VIEWS } from '../common/ids';
import { lazyPart } from '../common/lazyBundle';
import { registerLazyCommands } from '../common/lazyCommands';

export type { DevtoolsDeps } from './deps';

export const REQUESTS_VIEW_ID = VIEWS.requests;

export function registerDevtools(context: vscode.ExtensionContext, deps: DevtoolsDeps): void {
  const channel = deps.log;
  const exchanges = new ExchangeLog(200);
  const logger = new RequestLogger(exchanges, {
    info: (message) => channel.info(message),
    warn: (message) => channel.warn(message),
    error: (message) => channel.error(message),
    trace: (message) => channel.trace(message),
    isTraceEnabled: () => channel.logLevel === vscode.LogLevel.Trace,
  });
  const requestsView = new RequestsView(exchanges);
  const requestsTree = vscode.window.createTreeView(REQUESTS_VIEW_ID, { treeDataProvider: requestsView });
  const showFilter = registerRequestFilter(context, requestsView, requestsTree);
  const snapshotDocuments = new VirtualTexts(SNAPSHOT_SCHEME);
  const reports = new VirtualTexts(REPORT_SCHEME);
  const storage = (context.storageUri ?? context.globalStorageUri).fsPath;
  const hoverStock = new HoverStock(hoverStoreOf(deps.stock));
  const tools = lazyPart<DevtoolsWiring, DevtoolsRuntime>(context, 'devtools', {
    session: deps.session,
    stock: deps.stock,
    snapshotsDir: path.join(storage, 'snapshots'),
    snapshotDocuments,
    reports,
  });

  context.subscriptions.push(
    requestsView,
    { dispose: () => hoverStock.dispose() },
    deps.session.onRequest((event) => logger.record(event)),
    requestsTree,
    requestsView.onDidChangeTreeData(showFilter),
    vscode.workspace.registerTextDocumentContentProvider(REQUEST_SCHEME, new ExchangeDocuments(exchanges)),
    snapshotDocuments,
    reports,
    vscode.commands.registerCommand(COMMANDS.showLog, () => channel.show(true)),
    vscode.commands.registerCommand(COMMANDS.clearRequests, () => {
      exchanges.clear();
      requestsView.refreshSoon();
    }),
    ...registerExchangeCommands(exchanges, deps.session, deps.stock),
    registerSkuHover(hoverStock, deps.stock),
  );
  registerLazyCommands(context.subscriptions, tools.load, {
    [COMMANDS.saveStockSnapshot]: (run) => run.saveSnapshot(),
    [COMMANDS.compareStockSnapshots]: (run) => run.compareSnapshots(),
    [COMMANDS.checkStockOfSelection]: (run) => run.checkStock(),
    [COMMANDS.exportStock]: (run, format) => run.exportStock(format),
  });
}
