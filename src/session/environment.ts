// The environments the extension can talk to, and where each one lives.

export const ENVIRONMENTS = ['sandbox', 'staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
/** The environments that need a refresh token from the user (the sandbox signs itself in). */
export type RemoteEnvironment = Exclude<Environment, 'sandbox'>;

export const DEFAULT_ENVIRONMENT: Environment = 'sandbox';

export const REMOTE_BASE_URLS: Readonly<Record<RemoteEnvironment, string>> = {
  production: 'https://api.tryoto.com/rest/v2',
  staging: 'https://staging-api.tryoto.com/rest/v2',
};

export function isEnvironment(value: unknown): value is Environment {
  return typeof value === 'string' && (ENVIRONMENTS as readonly string[]).includes(value);
}

export function isRemote(environment: Environment): environment is RemoteEnvironment {
  return environment !== 'sandbox';
}

/** SecretStorage key of an environment's refresh token: one key each, so tokens never cross. */
export function tokenKey(environment: RemoteEnvironment): string {
  return `oto.refreshToken.${environment}`;
}

/**
 * Checks an `oto.baseUrl` override. Plain http is only accepted to this machine, so a refresh
 * token never crosses the network unencrypted. Returns an explanation when the URL is unusable.
 */
export function checkBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL.`;
  }
  if (url.protocol === 'https:') {
    return undefined;
  }
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    return undefined;
  }
  return `"${value}" must use https (plain http is only allowed to 127.0.0.1 or localhost).`;
}
