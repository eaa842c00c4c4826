// What a lint rule is, and the small questions several rules ask of an exchange.
import type { Finding, Severity, TrafficExchange } from '../exchange';

/** What a rule can be set to: a severity of its own, or off. */
export type RuleLevel = Severity | 'off';

export interface LintOptions {
  /** How close two identical writes must be to count as a duplicate (default 10 s). */
  readonly duplicateWindowSeconds: number;
  /** Rules set to another severity than their own, or off, by id. */
  readonly rules?: Readonly<Record<string, RuleLevel>>;
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
  /** The finding's words from its params, through `l10n`: ENGLISH here, the user's language in a view. */
  word(l10n: Translator, params: Params): string;
}

export type Params = Readonly<Record<string, string | number>>;

/**
 * What words a finding. Each rule's wording exists once, as `l10n.t('…', params)` calls in its
 * rule (which `npm run l10n:check` reads): the core words it in English for the CLI, the log and
 * `Finding.message`; the Sandbox Traffic view passes `@vscode/l10n` for the user's language.
 */
export interface Translator {
  t(message: string, params: Params): string;
  /** A message whose `{0}` is a count that is never 1 (common/text/plural.ts). */
  pluralOfMany(count: number, other: string): string;
}

function fill(message: string, params: Params): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

export const ENGLISH: Translator = {
  t: fill,
  pluralOfMany: (count, other) => fill(other, { 0: count }),
};

const NONE: readonly Finding[] = Object.freeze([]);

/** Builds a rule from its id, severity, wording and the check that finds its cases. */
export function rule(
  id: string,
  severity: Severity,
  word: (l10n: Translator, params: Params) => string,
  find: (history: readonly TrafficExchange[], exchange: TrafficExchange, options: LintOptions) => Array<{ params: Params; related?: readonly number[] }>,
): Rule {
  return {
    id,
    severity,
    word,
    check: (history, exchange, options) => {
      const found = find(history, exchange, options);
      // Stryker disable next-line ConditionalExpression: mapping no findings gives no findings too; NONE only spares the allocation.
      return found.length === 0
        ? NONE
        : found.map(({ params, related = [] }) => ({ rule: id, severity, message: word(ENGLISH, params), exchangeIds: [exchange.id, ...related], params }));
    },
  };
}

/**
 * The same client: the same token family (traffic/families.ts). Exchanges without one (no token,
 * or read from an older log) fall back to address and User-Agent, never to the port: a client's
 * connection pool uses many.
 */
export function sameClient(a: TrafficExchange, b: TrafficExchange): boolean {
  if (a.client.family !== undefined || b.client.family !== undefined) {
    return a.client.family === b.client.family;
  }
  return a.client.address === b.client.address && a.client.userAgent === b.client.userAgent;
}

/**
 * Sent with the same access token: the strictest "same client", for the rules whose finding is
 * an error. A family tied over a shared keep-alive connection can join two workers of one process
 * (their fetch shares a pool); one access token is never two workers' unless they pass it around.
 */
export function sameToken(a: TrafficExchange, b: TrafficExchange): boolean {
  if (a.client.token !== undefined || b.client.token !== undefined) {
    return a.client.token === b.client.token;
  }
  return sameClient(a, b);
}

/** How a message names a client: its User-Agent, else its address; then its token family. */
export function clientLabel(exchange: TrafficExchange): string {
  const name = exchange.client.userAgent ?? exchange.client.address;
  return exchange.client.family === undefined ? name : `${name} (${exchange.client.family})`;
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
