// In-memory stand-ins for what VS Code gives the session: settings and SecretStorage. They are
// the session's own ports, not mocks of the network: every client call in these tests goes over
// real HTTP to a sandbox on 127.0.0.1.

import { Emitter } from '../../../src/common/emitter';
import type { Environment } from '../../../src/session/environment';
import type { SecretStore, SessionSettings, SessionSettingsValues } from '../../../src/session/ports';

export class MemorySettings implements SessionSettings {
  private readonly emitter = new Emitter<void>();
  readonly onDidChange = this.emitter.event;
  /** When set, writing a setting fails with this error (e.g. an unwritable settings.json). */
  writeFailure: Error | undefined;

  constructor(private values: SessionSettingsValues = { environment: 'sandbox' }) {}

  read(): SessionSettingsValues {
    return { ...this.values };
  }

  async setEnvironment(environment: Environment): Promise<void> {
    if (this.writeFailure) {
      throw this.writeFailure;
    }
    this.set({ environment });
  }

  /** Changes settings the way the user editing settings.json would. */
  set(values: Partial<SessionSettingsValues>): void {
    this.values = { ...this.values, ...values };
    this.emitter.fire();
  }
}

export class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  /** When set, every keyring operation fails with this error (a locked or missing OS keyring). */
  failure: Error | undefined;
  private readonly emitter = new Emitter<{ key: string }>();
  readonly onDidChange = this.emitter.event;

  async get(key: string): Promise<string | undefined> {
    this.check();
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    this.check();
    this.values.set(key, value);
    this.emitter.fire({ key });
  }

  async delete(key: string): Promise<void> {
    this.check();
    this.values.delete(key);
    this.emitter.fire({ key });
  }

  /** A change made by another VS Code window sharing the same keyring. */
  changeElsewhere(key: string, value: string | undefined): void {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, value);
    }
    this.emitter.fire({ key });
  }

  private check(): void {
    if (this.failure) {
      throw this.failure;
    }
  }
}
