// Errors of the session itself (the API's own errors are the client's OtoError).

import type { BaseUrlProblem } from './environment';

/** The OS keyring behind SecretStorage could not be read or written. */
export class KeyringError extends Error {
  constructor(
    readonly operation: 'read' | 'store' | 'delete',
    readonly cause: unknown,
  ) {
    super(`Could not ${operation} the OTO refresh token in the OS keyring: ${describeCause(cause)}`);
    this.name = 'KeyringError';
  }
}

/** Writing the `oto.environment` setting failed (e.g. settings.json cannot be written). */
export class EnvironmentSwitchError extends Error {
  constructor(
    readonly environment: string,
    readonly cause: unknown,
  ) {
    super(`Could not switch oto.environment to ${environment}: ${describeCause(cause)}`);
    this.name = 'EnvironmentSwitchError';
  }
}

/** `oto.baseUrl` holds a URL the session refuses to send a token to. */
export class BaseUrlError extends Error {
  constructor(
    readonly value: string,
    readonly problem: BaseUrlProblem,
  ) {
    super(
      problem === 'notUrl'
        ? `The oto.baseUrl setting "${value}" is not a URL.`
        : `The oto.baseUrl setting "${value}" must use https (plain http only to 127.0.0.1 or localhost).`,
    );
    this.name = 'BaseUrlError';
  }
}

/** An operation that only makes sense in another environment (e.g. copying the sandbox URL). */
export class WrongEnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WrongEnvironmentError';
  }
}

export function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
