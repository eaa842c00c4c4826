// What devtools needs from the rest of the extension, declared here so extension.ts can pass the
// Session and the StockStore as they are (structural typing) and tests can pass their own.
import type { LogOutputChannel } from 'vscode';
import type { ReplayClient, RequestEventLike } from './requests';
import type { StoreSku } from './stockReading';

export type Subscribe<T> = (listener: (value: T) => unknown) => { dispose(): unknown };

export interface DevtoolsSession {
  readonly environment: string;
  /** One event per HTTP exchange of the active client, tokens already redacted. */
  readonly onRequest: Subscribe<RequestEventLike>;
  /** Rejects (an `OtoError` of kind `auth`) when not signed in. */
  getClient(): Promise<ReplayClient>;
}

export interface ReadOutcome {
  readonly issues: ReadonlyArray<{ readonly message: string }>;
  /** The caller gave up: nothing was read, nothing to report. */
  readonly cancelled?: boolean;
}

export interface DevtoolsStock {
  /** True once the catalogue has been read. */
  readonly loaded: boolean;
  readonly busy: boolean;
  readonly locations: ReadonlyArray<{ readonly code: string; readonly name?: string }>;
  getSku(sku: string): StoreSku | undefined;
  skus(): Iterable<StoreSku>;
  refresh(options?: { reloadCatalogue?: boolean; signal?: AbortSignal }): Promise<ReadOutcome>;
  invalidate(targets: ReadonlyArray<{ sku: string; locationCode?: string }>, options?: { signal?: AbortSignal }): Promise<ReadOutcome>;
}

export interface DevtoolsDeps {
  readonly session: DevtoolsSession;
  readonly stock: DevtoolsStock;
  /** The extension's one "OTO" log, shared with the other features. */
  readonly log: LogOutputChannel;
}

/** What the command-only tools' bundle (dist/devtools.js) gets: the deps, and the documents to show in. */
export interface DevtoolsWiring {
  readonly session: DevtoolsSession;
  readonly stock: DevtoolsStock;
  /** Where snapshots are kept (the workspace's storage). */
  readonly snapshotsDir: string;
  readonly snapshotDocuments: import('../common/ui/virtualTexts').VirtualTexts;
  readonly reports: import('../common/ui/virtualTexts').VirtualTexts;
}

/** Snapshots, Check Stock of Selection and Export Stock: commands only, so loaded on the first. */
export interface DevtoolsRuntime {
  saveSnapshot(): Promise<unknown>;
  compareSnapshots(): Promise<void>;
  checkStock(): Promise<void>;
  exportStock(format: unknown): Promise<void>;
}
