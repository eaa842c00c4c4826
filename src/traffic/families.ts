// Who is "one client" for the lint: a token family, not an address. Twenty CI workers on one
// machine share an address and often Node's default User-Agent; each has its own access token.
//
// A family is the access token one refresh minted, then the tokens later refreshes minted that are
// provably the same client's:
// - a request sent with an access token belongs to the family that minted the token (a token the
//   store never saw minted starts a family of its own);
// - a refreshToken call joins a family when it proves it continues one: it carries that family's
//   access token in `Authorization`, or it comes over the same connection (HTTP keep-alive, as
//   Node's fetch, Python's requests.Session and axios send) as that family's latest request, with
//   the same refresh token; otherwise it starts a new family. Two workers sharing one refresh
//   token but each refreshing on its own connection are two families.
// A request with no token that minted none has no family; the rules fall back to address and
// User-Agent for it. A client that opens a new connection for every call starts a new family at
// each refresh: token-churn cannot follow it (README, "Contract lint").
import type { TrafficExchange } from './exchange';

/** Fingerprints and connections remembered; the least recently used are forgotten past this. */
const REMEMBERED = 10_000;
/** How far past REMEMBERED a map grows before the least recently used are cut, all at once. */
const SLACK = REMEMBERED / 8;

interface Line {
  readonly family: string;
  /** The refresh token that started it, when known. */
  readonly refreshToken: string | undefined;
}

/**
 * A map that forgets its least recently set keys past REMEMBERED. Setting a key it has marks the
 * entry in place: the same connection and token come with every request, and moving the key to the
 * map's end each time (a delete and a set) churned the map on every exchange.
 */
class Recent<V> {
  private readonly entries = new Map<string, { value: V; used: number }>();
  private uses = 0;

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, value: V): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.value = value;
      entry.used = ++this.uses;
      return;
    }
    this.entries.set(key, { value, used: ++this.uses });
    if (this.entries.size > REMEMBERED + SLACK) {
      const byUse = [...this.entries].sort((a, b) => a[1].used - b[1].used);
      for (let i = 0; i < byUse.length - REMEMBERED; i++) {
        this.entries.delete(byUse[i][0]);
      }
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

export class TokenFamilies {
  private next = 1;
  /** Access-token fingerprint → its family. */
  private readonly byToken = new Recent<Line>();
  /** `address port` → the family of the latest request over that connection. */
  private readonly byConnection = new Recent<Line>();

  /** Sets `exchange.client.family` (and remembers what the exchange tells of tokens). */
  assign(exchange: TrafficExchange): void {
    const connection = `${exchange.client.address} ${exchange.client.port}`;
    const { token } = exchange.client;
    const grant = exchange.grant;
    let line: Line | undefined;
    if (token !== undefined) {
      line = this.byToken.get(token);
      if (!line) {
        line = this.start(grant?.refreshToken);
        this.byToken.set(token, line);
      }
    } else if (exchange.endpoint === 'refreshToken') {
      const previous = this.byConnection.get(connection);
      const continues = previous !== undefined && (previous.refreshToken === undefined || grant?.refreshToken === undefined || previous.refreshToken === grant.refreshToken);
      line = continues ? previous : this.start(grant?.refreshToken);
    }
    if (!line) {
      return;
    }
    if (grant?.accessToken !== undefined) {
      this.byToken.set(grant.accessToken, line);
    }
    this.byConnection.set(connection, line);
    (exchange.client as { family?: string }).family = line.family;
  }

  clear(): void {
    this.byToken.clear();
    this.byConnection.clear();
  }

  private start(refreshToken: string | undefined): Line {
    return { family: `F${this.next++}`, refreshToken };
  }
}
