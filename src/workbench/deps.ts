// What the workbench needs from the rest of the extension, declared here so extension.ts passes the
// Session and the StockStore as they are (structural typing) and tests can pass their own.
import type * as vscode from 'vscode';
import type { DevtoolsSession, DevtoolsStock, Subscribe } from '../devtools/deps';
import type { replayRequest } from '../devtools/requests/replay/replayFlow';
import type { FaultsHeader } from '../sandboxHost/faultsStatus';
import type { TrafficExchange } from '../traffic/exchange';

/** The slice of the sandbox's TrafficStore the views read (the store lives in the sandbox bundle). */
export interface TrafficStoreLike {
  readonly capacity: number;
  list(): TrafficExchange[];
  get(id: number): TrafficExchange | undefined;
  clear(): void;
  readonly onDidRecord: Subscribe<TrafficExchange>;
  readonly onDidClear: Subscribe<void>;
}

export interface RunningSandboxLike {
  readonly baseUrl: string;
  readonly refreshToken: string;
  readonly traffic: TrafficStoreLike;
}

export interface WorkbenchSession extends DevtoolsSession {
  /** The in-process sandbox started (with it) or stopped (`undefined`). */
  readonly onDidChangeSandbox: Subscribe<RunningSandboxLike | undefined>;
  /** The sandbox when running or starting, without starting it. */
  readonly runningSandbox: Promise<RunningSandboxLike> | undefined;
}

/** The recording proxy's traffic, shown in the same view (source "proxy → staging"). */
export interface ProxyTrafficSource {
  /** The proxy running now, if any. */
  current(): { readonly baseUrl: string; readonly traffic: TrafficStoreLike } | undefined;
  /** Started or stopped (exchanges come through the store's own events). */
  readonly onDidChange: Subscribe<void>;
}

export interface WorkbenchDeps {
  readonly session: WorkbenchSession;
  readonly stock: DevtoolsStock;
  readonly proxy?: ProxyTrafficSource;
}

/** What the workbench's bundle (dist/workbench.js) gets: the deps, and the view its shell made. */
export interface WorkbenchWiring extends WorkbenchDeps {
  readonly treeView: vscode.TreeView<TrafficExchange>;
  /** Tells the view its rows changed. */
  repaint(): void;
  /** The Requests view's replay (its checks and confirmation), shared rather than bundled twice. */
  readonly replayRequest: typeof replayRequest;
}

/** The view's commands, on the exchange they were invoked on (or one the user picks). */
export interface TrafficCommands {
  openExchange(argument: unknown): Promise<void>;
  copyExchangeAsCurl(argument: unknown): Promise<void>;
  replayExchange(argument: unknown): Promise<void>;
  clear(): void;
  filter(name: 'othersOnly' | 'findingsOnly' | 'ownReads', on: boolean): void;
  copyCurl(): Promise<void>;
}

/** What the bundle offers the shell: the view's rows, its documents, its header and commands. */
export interface WorkbenchRuntime {
  readonly rows: Pick<vscode.TreeDataProvider<TrafficExchange>, 'getChildren' | 'getTreeItem'>;
  readonly documents: vscode.TextDocumentContentProvider;
  readonly header: FaultsHeader;
  readonly commands: TrafficCommands;
}
