// Tokens: one refresh token per sandbox, and short-lived opaque access tokens issued for it.
// Tokens are random hex with a `sandbox-` prefix, so nothing mistakes them for real OTO JWTs.
import { randomBytes } from 'node:crypto';
import { bodyOf, type Endpoint } from '../endpoints/api';
import { otoFailure } from './errors';

export function randomToken(kind: 'rt' | 'at'): string {
  return `sandbox-${kind}-${randomBytes(24).toString('hex')}`;
}

// The scheme is case-insensitive and may be followed by several spaces (RFC 9110 §11.1, §11.4):
// `bearer <token>` from a client on another stack is a token too, as the capture reads it.
import { bearerToken } from '../../traffic/tokens';

export { bearerToken };

/** An expired token is known this long after it expired (its requests are still its account's). */
const EXPIRED_KEPT_MS = 3_600_000;
/** Tokens known at once: a client that refreshes before every call must not grow the map for an hour. */
const MAX_TOKENS = 10_000;

export class Tokens {
  private readonly expiries = new Map<string, number>();

  /**
   * The refresh token and the lifetime of new access tokens can change (a control reset with a
   * scenario that names others); access tokens already issued stay valid until they expire.
   */
  constructor(
    public refreshToken: string,
    public ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** True when the `Authorization` header carries a token this sandbox issued and that is still alive. */
  accepts(authorization: string | undefined): boolean {
    const token = bearerToken(authorization);
    return token !== undefined && this.acceptsToken(token);
  }

  /** True for an access token these tokens issued that is still alive. */
  acceptsToken(token: string): boolean {
    const expiry = this.expiries.get(token);
    return expiry !== undefined && this.clock() < expiry;
  }

  /**
   * True for an access token these tokens issued, alive or expired not long ago: a request with an
   * expired token still belongs to the account (its journal, its faults) that issued it.
   */
  issued(token: string): boolean {
    return this.expiries.has(token);
  }

  readonly endpoint: Endpoint = (_state, request) => {
    const refreshToken = bodyOf(request).refresh_token;
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      throw otoFailure('OTO1083');
    }
    if (refreshToken !== this.refreshToken) {
      throw otoFailure('OTO1088', 401);
    }
    const now = this.clock();
    for (const [token, expiry] of this.expiries) {
      if (expiry <= now - EXPIRED_KEPT_MS || this.expiries.size >= MAX_TOKENS) {
        this.expiries.delete(token);
      }
    }
    const accessToken = randomToken('at');
    this.expiries.set(accessToken, now + this.ttlSeconds * 1000);
    return { access_token: accessToken, refresh_token: this.refreshToken, success: true, token_type: 'Bearer', expires_in: String(this.ttlSeconds) };
  };
}
