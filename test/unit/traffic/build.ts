// Exchanges for the rule tests, built the way capture builds them, with a clock the test moves.
import { captureExchange } from '../../../src/traffic/capture';
import type { TrafficExchange } from '../../../src/traffic/exchange';
import { TokenFamilies } from '../../../src/traffic/families';
import { lint, type LintOptions } from '../../../src/traffic/lint';

export interface Sent {
  method?: string;
  target?: string;
  body?: unknown;
  /** Raw text instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
  status?: number;
  responseHeaders?: Record<string, string>;
  response?: unknown;
  /** The answer's raw text instead of `response` as JSON (spacing as another server writes it). */
  responseText?: string;
  /** Milliseconds after the start of the test's history. */
  at?: number;
  durationMs?: number;
  userAgent?: string;
  address?: string;
  /** The client's port (default one keep-alive connection for all). */
  port?: number;
  /** The access token sent (default one token for all); `null` sends no Authorization. */
  token?: string | null;
  /** No answer came (a hang, a dropped connection). */
  noAnswer?: boolean;
}

export const TOKEN = 'sandbox-at-0123456789abcdef0123456789abcdef';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

export function exchange(id: number, sent: Sent): TrafficExchange {
  const method = sent.method ?? (sent.body !== undefined || sent.text !== undefined ? 'POST' : 'GET');
  const text = sent.text ?? (sent.body === undefined ? '' : JSON.stringify(sent.body));
  const captured = captureExchange({
    startedAt: T0 + (sent.at ?? 0),
    source: { kind: 'sandbox' },
    remoteAddress: sent.address ?? '127.0.0.1',
    remotePort: sent.port ?? 50000,
    method,
    target: sent.target ?? '/rest/v2/updateStockQuantity',
    requestHeaders: {
      'user-agent': sent.userAgent ?? 'erp/1.0',
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...(sent.token === null ? {} : { authorization: `Bearer ${sent.token ?? TOKEN}` }),
      ...sent.headers,
    },
    requestBody: text,
    authenticated: true,
    status: sent.noAnswer ? undefined : (sent.status ?? 200),
    responseHeaders: sent.noAnswer ? undefined : (sent.responseHeaders ?? {}),
    responseBody: sent.noAnswer ? undefined : (sent.responseText ?? JSON.stringify(sent.response ?? { success: true })),
    durationMs: sent.durationMs ?? 5,
  });
  return { ...captured, id, findings: [] };
}

/** Runs the lint over `sent` in order, as the store does (token families too); each exchange's findings. */
export function lintAll(sent: Sent[], options: Partial<LintOptions> = {}): TrafficExchange[] {
  const history: TrafficExchange[] = [];
  const families = new TokenFamilies();
  for (const [index, one] of sent.entries()) {
    const current = exchange(index + 1, one);
    families.assign(current);
    history.push({ ...current, findings: lint(history, current, options) });
  }
  return history;
}

/** Each exchange's rule ids. */
export function rulesFired(...sent: Sent[]): string[][] {
  return lintAll(sent).map((one) => one.findings.map((finding) => finding.rule));
}

/** The findings of the last exchange of `sent`. */
export function lastFindings(...sent: Sent[]): TrafficExchange['findings'] {
  return lintAll(sent).pop()!.findings;
}

export const ADJUST = { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '5' };
export const SET = { actionType: 'set', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '40' };
export const READ = { target: '/rest/v2/checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250' };
