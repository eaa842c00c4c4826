// The access token: fetched lazily, reused until shortly before it expires, and refreshed by one
// request that every concurrent caller shares.

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/** Refresh this long before expiry: a tenth of the lifetime, at most a minute. */
function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 10);
}

export class AccessTokens {
  private current?: { token: string; refreshAt: number };
  private inflight?: Promise<string>;

  constructor(private readonly issue: () => Promise<IssuedToken>, private readonly now: () => number = Date.now) {}

  get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) {
      return Promise.resolve(this.current.token);
    }
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Forget `token` after OTO refused it, unless a newer one has already replaced it. */
  invalidate(token: string | undefined): void {
    if (token !== undefined && this.current?.token === token) {
      this.current = undefined;
    }
  }

  private async refresh(): Promise<string> {
    const issued = await this.issue();
    const lifetimeMs = issued.expiresInSeconds * 1000;
    this.current = { token: issued.accessToken, refreshAt: this.now() + lifetimeMs - refreshMarginMs(lifetimeMs) };
    return issued.accessToken;
  }
}
