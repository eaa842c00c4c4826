// A real sandbox on 127.0.0.1 for each test and a client pointed at it with short backoff delays,
// so retries are exercised for real without slowing the suite (the client and packing tests).
import * as assert from 'node:assert/strict';
import { OtoClient, OtoClientOptions, OtoError, OtoRequestEvent } from '../../../src/client';
import { startSandbox } from '../../../src/sandbox';
import type { RunningSandbox, SandboxOptions } from '../../../src/sandbox/types';
import { received, type Received } from './journal';

export interface Harness {
  sandbox: RunningSandbox;
  client: OtoClient;
  events: OtoRequestEvent[];
  /** A further client on the same sandbox (its own tokens and events go to `events` too). */
  newClient(options?: Partial<OtoClientOptions>): OtoClient;
  /** What the sandbox received for `endpoint`, in order. */
  sent(endpoint: string): Received[];
}

/** Starts a fresh sandbox before each test of the calling suite and closes it after. */
export function useSandbox(sandboxOptions: SandboxOptions = {}, clientOptions: Partial<OtoClientOptions> = {}): Harness {
  const harness = {} as Harness;
  beforeEach(async () => {
    const sandbox = await startSandbox(sandboxOptions);
    const events: OtoRequestEvent[] = [];
    const newClient = (options: Partial<OtoClientOptions> = {}): OtoClient => new OtoClient({
      baseUrl: sandbox.baseUrl,
      refreshToken: sandbox.refreshToken,
      timeoutMs: 2_000,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      onRequest: (event) => events.push(event),
      ...clientOptions,
      ...options,
    });
    Object.assign(harness, {
      sandbox,
      events,
      newClient,
      client: newClient(),
      sent: (endpoint: string) => received(sandbox).filter((request) => request.endpoint === endpoint),
    });
  });
  afterEach(async () => {
    await harness.sandbox?.close();
  });
  return harness;
}

/** The OtoError `promise` rejects with (fails the test if it resolves or throws something else). */
export async function failure(promise: Promise<unknown>): Promise<OtoError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OtoError, `expected an OtoError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
