// What the recording proxy's bundle (dist/recording.js) gets from the extension, and what it offers.
import type * as vscode from 'vscode';
import type { RunningProxy } from '../proxy/types';
import type { RemoteEnvironment } from '../session/environment';

export interface RecordingWiring {
  /** The active environment, preselected as the upstream. */
  environment(): string;
  /** The base URL the proxy forwards to for `environment`; undefined when `oto.baseUrl` is one it may not. */
  upstreamOf(environment: RemoteEnvironment): string | undefined;
  log: vscode.LogOutputChannel;
  /** dist/proxy.js: the proxy itself, loaded when it first starts. */
  proxyBundle: string;
  /** The proxy started, stopped, or saw an exchange. */
  changed(): void;
}

/** The commands' work, and the running proxy for the Sandbox Traffic view. */
export interface RecordingRuntime {
  start(): Promise<void>;
  stop(): Promise<void>;
  save(): Promise<void>;
  replay(): Promise<void>;
  current(): RunningProxy | undefined;
}
