// What a lint rule is, and the small questions several rules ask of an exchange.
import type { Finding, Severity, TrafficExchange } from '../exchange';

export interface LintOptions {
  /** How close two identical writes must be to count as a duplicate (default 10 s). */
  readonly duplicateWindowSeconds: number;
}

export const DEFAULT_LINT_OPTIONS: LintOptions = { duplicateWindowSeconds: 10 };

/**
 * One contract rule: a plain function of the history (oldest first, without `exchange`) and the
 * new exchange. Rules look back only as far as their window and stop early: they run on every
 * request an ERP's CI sends.
 */
export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  check(history: readonly TrafficExchange[], exchange: TrafficExchange, options: LintOptions): readonly Finding[];
}

export type Params = Readonly<Record<string, string | number>>;

const NONE: readonly Finding[] = Object.freeze([]);

/** Builds a rule from its id, severity, English wording and the check that finds its cases. */
export function rule(
  id: string,
  severity: Severity,
  wording: (params: Params) => string,
  find: (history: readonly TrafficExchange[], exchange: TrafficExchange, options: LintOptions) => Array<{ params: Params; related?: readonly number[] }>,
): Rule {
  return {
    id,
    severity,
    check: (history, exchange, options) => {
      const found = find(history, exchange, options);
      return found.length === 0
        ? NONE
        : found.map(({ params, related = [] }) => ({ rule: id, severity, message: wording(params), exchangeIds: [exchange.id, ...related], params }));
    },
  };
}

/** Who sent it: address and User-Agent, not the port (a client's connection pool uses many). */
export function clientKey(exchange: TrafficExchange): string {
  return `${exchange.client.address}\u0000${exchange.client.userAgent ?? ''}`;
}

export function sameClient(a: TrafficExchange, b: TrafficExchange): boolean {
  return a.client.address === b.client.address && a.client.userAgent === b.client.userAgent;
}

/** How a view names a client: its User-Agent, else its address. */
export function clientLabel(exchange: TrafficExchange): string {
  return exchange.client.userAgent ?? exchange.client.address;
}

/** The request body when it is a JSON object. */
export function requestObject(exchange: TrafficExchange): Record<string, unknown> | undefined {
  const json = exchange.requestBody.json;
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

/** The items of a createInventoryOrder body that are objects, with their index. */
export function orderItems(body: Record<string, unknown>): Array<{ index: number; item: Record<string, unknown> }> {
  if (!Array.isArray(body.items)) {
    return [];
  }
  return body.items.flatMap((item: unknown, index) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? [{ index, item: item as Record<string, unknown> }] : []));
}

/** The answer came back and said yes. */
export function succeeded(exchange: TrafficExchange): boolean {
  return exchange.status !== undefined && exchange.status < 300 && exchange.otoCode === undefined;
}

/** A value as a message quotes it: JSON, cut short. */
export function quote(value: unknown): string {
  const text = value === undefined ? 'missing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Walks back from the newest exchange while `keep` says so; returns the first that `match`es. */
export function findBack(
  history: readonly TrafficExchange[],
  keep: (candidate: TrafficExchange) => boolean,
  match: (candidate: TrafficExchange) => boolean,
): TrafficExchange | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const candidate = history[i];
    if (!keep(candidate)) {
      return undefined;
    }
    if (match(candidate)) {
      return candidate;
    }
  }
  return undefined;
}
