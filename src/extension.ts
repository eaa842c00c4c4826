// Wiring only: creates the session and hands each feature module what it declares in its deps.

import * as vscode from 'vscode';
import { configureLocalisation } from './common/text/localisation';
import { registerAgent } from './agent';
import { registerDevtools } from './devtools';
import { registerOperations } from './operations';
import { registerOrders } from './orders';
import { registerPacking } from './packing';
import { registerRecording } from './recording';
import { registerSessionCommands } from './session/commands';
import { registerReachabilityNotice } from './session/reachabilityNotice';
import { describeSession } from './session/describe';
import { createSession } from './session/vscodeSession';
import { registerSandboxHost } from './sandboxHost';
import { createSandboxHost } from './sandboxHost/vscodeHost';
import { registerStatusBar } from './statusBar/statusBar';
import { registerStock } from './stock';
import { registerWebhookInbox } from './webhookInbox';
import { registerWorkbench } from './workbench';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  configureLocalisation();
  const log = vscode.window.createOutputChannel('OTO', { log: true });
  context.subscriptions.push(log);
  const sandboxHost = createSandboxHost(context, log);
  const session = await createSession(context, sandboxHost.start);
  const reachability = registerReachabilityNotice(context, session, log);
  registerSessionCommands(context, { session, reachability });
  const reachable = reachability.of(() => session.environment);

  const stock = registerStock(context, {
    getClient: () => session.getClient(),
    sessionGeneration: () => session.generation,
    onDidChange: session.onDidChange,
    describeView: () => describeSession(session),
    reachability: reachable,
  });
  const operations = registerOperations(context, {
    getClient: () => session.getClient(),
    store: stock,
    environment: () => session.environment,
    log,
  });
  registerOrders(context, {
    getClient: () => session.getClient(),
    store: stock,
    environment: () => session.environment,
    generation: () => session.generation,
    workspaceState: context.workspaceState,
    onRecorded: operations.onRecorded,
    onLostAnswer: operations.onLostAnswer,
    operatorChanges: operations.operatorChanges,
  });
  registerStatusBar(context, { session, lowStock: stock });

  registerPacking(context, {
    getClient: () => session.getClient(),
    listWarehouses: async (signal) => (await (await session.getClient()).getPickupLocations({ signal })).filter((location) => location.kind === 'warehouse'),
    environment: () => session.environment,
    generation: () => session.generation,
    onDidReset: (listener) => session.onDidChange(() => listener()),
    reachability: reachable,
    log,
  });

  registerDevtools(context, { session, stock, log });
  const recording = registerRecording(context, { session, log });
  const trafficHeader = registerWorkbench(context, { session, stock, proxy: recording });
  registerSandboxHost(context, { host: sandboxHost, session, trafficHeader });
  registerAgent(context, {
    getClient: () => session.getClient(),
    environment: () => session.environment,
    record: operations.record,
    expectLost: operations.expectLost,
    history: operations.history,
    runningSandbox: () => session.runningSandbox,
    onDidChangeSandbox: session.onDidChangeSandbox,
    onDidChange: (listener) => session.onDidChange(listener),
    getSandbox: () => session.getSandbox(),
  });
  registerWebhookInbox(context, { session });
}

export function deactivate(): void {}
