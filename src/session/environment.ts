// The environments the extension can talk to, and where each one lives.
import { OTO_BASE_URLS } from '../oto';

export const ENVIRONMENTS = ['sandbox', 'staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
/** The environments that need a refresh token from the user (the sandbox signs itself in). */
export type RemoteEnvironment = Exclude<Environment, 'sandbox'>;

export const DEFAULT_ENVIRONMENT: Environment = 'sandbox';

export const REMOTE_BASE_URLS: Readonly<Record<RemoteEnvironment, string>> = OTO_BASE_URLS;

export function isEnvironment(value: unknown): value is Environment {
  return typeof value === 'string' && (ENVIRONMENTS as readonly string[]).includes(value);
}

export function isRemote(environment: Environment): environment is RemoteEnvironment {
  return environment !== 'sandbox';
}

/**
 * SecretStorage key of an environment's refresh token: one key each, so tokens never cross. Under
 * an `oto.baseUrl` override the key also names that URL: a token is only ever sent to the server
 * that accepted it at sign-in, never to whatever the override points at later (or to OTO's own
 * URL once the override is cleared).
 */
export function tokenKey(environment: RemoteEnvironment, baseUrlOverride?: string): string {
  const key = `oto.refreshToken.${environment}`;
  return baseUrlOverride === undefined ? key : `${key}@${normaliseUrl(baseUrlOverride)}`;
}

/** One spelling per URL (host case, trailing slashes), so an equivalent override finds the same token. */
function normaliseUrl(value: string): string {
  let text = value.trim();
  try {
    text = new URL(text).href;
  } catch {
    // Not a URL: no token is ever sent there (checkBaseUrl refuses it), so any stable key will do.
  }
  return text.replace(/\/+$/, '');
}

/** Why an `oto.baseUrl` override cannot be used. */
export type BaseUrlProblem = 'notUrl' | 'insecure';

/**
 * Checks an `oto.baseUrl` override. Plain http is only accepted to this machine, so a refresh
 * token never crosses the network unencrypted.
 */
export function checkBaseUrl(value: string): BaseUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'notUrl';
  }
  if (url.protocol === 'https:') {
    return undefined;
  }
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    return undefined;
  }
  return 'insecure';
}
