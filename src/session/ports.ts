// What the session needs from its surroundings. VS Code provides these in the extension
// (configuration, SecretStorage, the bundled sandbox); tests provide plain in-memory versions.

import type { Event } from '../common/emitter';
import type { RunningSandbox } from '../sandbox/types';
import type { Environment } from './environment';

/** The subset of vscode.SecretStorage the session uses. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  /** Fires when a secret changes, possibly from another window. */
  onDidChange?: Event<{ key: string }>;
}

export interface SessionSettingsValues {
  environment: Environment;
  /** The `oto.baseUrl` override for staging and production, when set. */
  baseUrl?: string;
}

/** The `oto.environment` and `oto.baseUrl` settings. */
export interface SessionSettings {
  read(): SessionSettingsValues;
  setEnvironment(environment: Environment): PromiseLike<void>;
  onDidChange: Event<void>;
}

/** Starts the in-process sandbox; only called once the sandbox environment needs it. */
export type SandboxStarter = () => Promise<RunningSandbox>;
