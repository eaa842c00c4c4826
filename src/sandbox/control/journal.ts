// Questions a test asks of an account's journal (its traffic store): which exchanges match, how
// many, and what the lint found. Filters and matchers are checked first, every problem named.
import type { Finding, Severity, TrafficExchange } from '../../traffic/exchange';
import { TrafficSummary } from '../../traffic/report';
import type { TrafficStore } from '../../traffic/store';
import { ControlError, fieldOf, isObject, Problems } from './problems';
import { ENDPOINT_NAMES, WEBHOOK_ENDPOINT } from '../../oto';

/** What `requests` and `count` select on; every field given must match. */
export interface JournalMatcher {
  /** Endpoint name after `/rest/v2/`, e.g. `updateStockQuantity`. */
  endpoint?: string;
  /** Any case. */
  method?: string;
  /** An HTTP status (`409`) or a class (`"4xx"`). */
  status?: number | string;
  /** A SKU the request names: in `?sku=` (a list, however encoded) or a `sku` field anywhere in its body. */
  sku?: string;
  /** Who sent it: the User-Agent, the address, or another identity the exchange's `client` carries. */
  client?: string;
  /** Only exchanges after this id (paging: the last id seen). */
  since?: number;
  /** Query parameters the request had, with these values (compared as text: a URL has no types). */
  query?: Record<string, string | number | boolean>;
  /**
   * A deep subset of the JSON body: objects match when every field given matches, arrays when each
   * element given matches some element, other values when equal. `5` and `"5"` differ unless
   * `looseNumbers` is true (then a number matches its decimal text and back).
   */
  body?: unknown;
  looseNumbers?: boolean;
}

export interface JournalFilter extends JournalMatcher {
  /** At most this many, oldest first. */
  limit?: number;
}

export interface FindingsReport {
  /** Exchanges in the journal. */
  exchanges: number;
  /** Each finding, oldest exchange first. */
  findings: Finding[];
  /** By rule, the most severe first, as the CLI's summary. */
  summary: Array<{ rule: string; severity: Severity; count: number }>;
  /** The summary in the CLI's words (what it prints at exit). */
  text: string;
}

const MATCHER_FIELDS = ['endpoint', 'method', 'status', 'sku', 'client', 'since', 'query', 'body', 'looseNumbers'] as const;
const FILTER_QUERY_FIELDS = ['endpoint', 'method', 'status', 'sku', 'client', 'since', 'limit'] as const;
export const MAX_LIMIT = 100_000;

type Predicate = (exchange: TrafficExchange) => boolean;

/** The exchanges the journal still shows (its capacity), oldest first. */
export function journalOf(store: TrafficStore): readonly TrafficExchange[] {
  const kept = store.history();
  return kept.length > store.capacity ? kept.slice(kept.length - store.capacity) : kept;
}

const ENDPOINTS: readonly string[] = [...ENDPOINT_NAMES, WEBHOOK_ENDPOINT.name];

/**
 * A misspelt endpoint would match nothing, and a test asserting that no write was sent would pass
 * whatever the ERP did: a name is taken when it is OTO's or some request in the journal went to it.
 */
function checkEndpointKnown(journal: readonly TrafficExchange[], endpoint: string | undefined): void {
  if (endpoint === undefined || ENDPOINTS.includes(endpoint) || journal.some((exchange) => exchange.endpoint === endpoint)) {
    return;
  }
  throw new ControlError(400, [{ field: 'endpoint', message: `"${endpoint}" is none of OTO's endpoints and no request in the journal went to it; endpoints: ${ENDPOINTS.join(', ')}` }]);
}

export function selectRequests(store: TrafficStore, filter: JournalFilter = {}): TrafficExchange[] {
  const { match, limit } = compileFilter(filter);
  const journal = journalOf(store);
  checkEndpointKnown(journal, filter.endpoint);
  const found: TrafficExchange[] = [];
  for (const exchange of journal) {
    if (found.length >= limit) {
      break;
    }
    if (match(exchange)) {
      found.push(exchange);
    }
  }
  return found;
}

export function countRequests(store: TrafficStore, matcher: JournalMatcher = {}): { count: number; ids: number[] } {
  const ids = selectRequests(store, { ...checkMatcher(matcher), limit: undefined }).map((exchange) => exchange.id);
  return { count: ids.length, ids };
}

export function findingsOf(store: TrafficStore): FindingsReport {
  const journal = journalOf(store);
  const summary = new TrafficSummary();
  const findings: Finding[] = [];
  const byRule = new Map<string, { rule: string; severity: Severity; count: number }>();
  for (const exchange of journal) {
    summary.add(exchange);
    for (const finding of exchange.findings) {
      findings.push(finding);
      const entry = byRule.get(finding.rule) ?? { rule: finding.rule, severity: finding.severity, count: 0 };
      entry.count++;
      byRule.set(finding.rule, entry);
    }
  }
  const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
  const rows = [...byRule.values()].sort((a, b) => rank[b.severity] - rank[a.severity] || b.count - a.count || (a.rule < b.rule ? -1 : 1));
  return { exchanges: journal.length, findings, summary: rows, text: summary.format() };
}

/** A filter from a URL's query (`GET /__oto/requests?endpoint=…&limit=…`); `account` is not one. */
export function filterFromQuery(params: URLSearchParams): JournalFilter {
  const problems = new Problems();
  const filter: Record<string, unknown> = {};
  for (const [name, value] of params) {
    if (name === 'account') {
      continue;
    }
    if (!(FILTER_QUERY_FIELDS as readonly string[]).includes(name)) {
      problems.add(name, `unknown filter; filters: ${FILTER_QUERY_FIELDS.join(', ')}`);
      continue;
    }
    if (name === 'since' || name === 'limit' || (name === 'status' && /^\d+$/.test(value))) {
      filter[name] = /^\d{1,15}$/.test(value) ? Number(value) : value;
    } else {
      filter[name] = value;
    }
  }
  checkFilterInto(filter, problems);
  problems.check();
  return filter;
}

/** `value` checked as a matcher: a ControlError naming every problem otherwise. */
export function checkMatcher(value: unknown): JournalMatcher {
  const problems = new Problems();
  checkMatcherInto(value, problems, MATCHER_FIELDS);
  problems.check();
  return value as JournalMatcher;
}

export function checkFilter(value: unknown): JournalFilter {
  const problems = new Problems();
  checkFilterInto(value, problems);
  problems.check();
  return value as JournalFilter;
}

function checkFilterInto(value: unknown, problems: Problems): void {
  checkMatcherInto(value, problems, [...MATCHER_FIELDS, 'limit']);
  if (isObject(value) && value.limit !== undefined && !(Number.isSafeInteger(value.limit) && (value.limit as number) >= 1 && (value.limit as number) <= MAX_LIMIT)) {
    problems.add('limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
  }
}

function checkMatcherInto(value: unknown, problems: Problems, allowed: readonly string[]): void {
  if (!isObject(value)) {
    problems.add('', 'must be a JSON object, e.g. {"endpoint": "updateStockQuantity", "body": {"sku": "A"}}');
    return;
  }
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) {
      problems.add(name, `unknown field; fields: ${allowed.join(', ')}`);
    }
  }
  for (const name of ['endpoint', 'method', 'sku', 'client'] as const) {
    if (value[name] !== undefined && (typeof value[name] !== 'string' || value[name] === '')) {
      problems.add(name, 'must be a non-empty string');
    }
  }
  const status = value.status;
  if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599) && !(typeof status === 'string' && /^[1-5]xx$/.test(status))) {
    problems.add('status', 'must be an HTTP status from 100 to 599, or a class such as "4xx"');
  }
  if (value.since !== undefined && !(Number.isSafeInteger(value.since) && (value.since as number) >= 0)) {
    problems.add('since', 'must be an exchange id (a whole number, 0 or more)');
  }
  if (value.query !== undefined) {
    if (!isObject(value.query)) {
      problems.add('query', 'must be an object of parameter names and values');
    } else {
      for (const [name, expected] of Object.entries(value.query)) {
        if (!['string', 'number', 'boolean'].includes(typeof expected)) {
          problems.add(fieldOf('query', name), 'must be a string, number or boolean (a URL carries text)');
        }
      }
    }
  }
  if (value.looseNumbers !== undefined && typeof value.looseNumbers !== 'boolean') {
    problems.add('looseNumbers', 'must be true or false');
  }
}

function compileFilter(filter: JournalFilter): { match: Predicate; limit: number } {
  const tests: Predicate[] = [];
  const { endpoint, method, status, sku, client, since, query, body, looseNumbers } = filter;
  if (since !== undefined) {
    tests.push((exchange) => exchange.id > since);
  }
  if (endpoint !== undefined) {
    tests.push((exchange) => exchange.endpoint === endpoint);
  }
  if (method !== undefined) {
    const upper = method.toUpperCase();
    tests.push((exchange) => exchange.method.toUpperCase() === upper);
  }
  if (typeof status === 'number') {
    tests.push((exchange) => exchange.status === status);
  } else if (typeof status === 'string') {
    const hundreds = Number(status[0]);
    tests.push((exchange) => exchange.status !== undefined && Math.floor(exchange.status / 100) === hundreds);
  }
  if (client !== undefined) {
    tests.push((exchange) => Object.values(exchange.client).some((identity) => identity === client));
  }
  if (sku !== undefined) {
    tests.push((exchange) => namesSku(exchange, sku));
  }
  if (query !== undefined) {
    const wanted = Object.entries(query).map(([name, value]) => [name, String(value)] as const);
    tests.push((exchange) => wanted.every(([name, value]) => Object.prototype.hasOwnProperty.call(exchange.query, name) && exchange.query[name] === value));
  }
  if (body !== undefined) {
    tests.push((exchange) => {
      const json = exchange.requestBody.json;
      return json !== undefined && subset(body, json, looseNumbers === true);
    });
  }
  return { match: (exchange) => tests.every((test) => test(exchange)), limit: filter.limit ?? Infinity };
}

/** True when the request names `sku`: in `?sku=A,B` or a `sku` field of its body (as deep as an order's items). */
function namesSku(exchange: TrafficExchange, sku: string): boolean {
  const list = exchange.query.sku;
  if (list !== undefined && (list === sku || list.split(',').includes(sku))) {
    return true;
  }
  return hasSku(exchange.requestBody.json, sku, 0);
}

// Walks without building anything: a count runs it over every exchange of the journal.
function hasSku(value: unknown, sku: string, depth: number): boolean {
  if (depth > 6 || typeof value !== 'object' || value === null) {
    return false;
  }
  if (Array.isArray(value)) {
    return value.some((item) => hasSku(item, sku, depth + 1));
  }
  for (const key in value) {
    const inner = (value as Record<string, unknown>)[key];
    if (key === 'sku' ? inner === sku || (typeof inner === 'number' && String(inner) === sku) : hasSku(inner, sku, depth + 1)) {
      return true;
    }
  }
  return false;
}

/** True when `actual` has everything `expected` has (see JournalMatcher.body). */
export function subset(expected: unknown, actual: unknown, looseNumbers: boolean): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((item) => actual.some((candidate) => subset(item, candidate, looseNumbers)));
  }
  if (isObject(expected)) {
    return isObject(actual) && Object.entries(expected).every(([key, value]) => Object.prototype.hasOwnProperty.call(actual, key) && subset(value, actual[key], looseNumbers));
  }
  if (expected === actual) {
    return true;
  }
  if (looseNumbers) {
    const numberAndText = (number: unknown, text: unknown): boolean => typeof number === 'number' && typeof text === 'string' && text.trim() !== '' && Number(text) === number;
    return numberAndText(expected, actual) || numberAndText(actual, expected);
  }
  return false;
}
