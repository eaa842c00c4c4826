// Exchanges for the rule tests, built the way capture builds them, with a clock the test moves.
import { captureExchange } from '../../../src/traffic/capture';
import type { TrafficExchange } from '../../../src/traffic/exchange';
import { lint } from '../../../src/traffic/lint';

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
  /** Milliseconds after the start of the test's history. */
  at?: number;
  durationMs?: number;
  userAgent?: string;
  address?: string;
}

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

export function exchange(id: number, sent: Sent): TrafficExchange {
  const method = sent.method ?? (sent.body !== undefined || sent.text !== undefined ? 'POST' : 'GET');
  const text = sent.text ?? (sent.body === undefined ? '' : JSON.stringify(sent.body));
  const captured = captureExchange({
    startedAt: T0 + (sent.at ?? 0),
    source: { kind: 'sandbox' },
    remoteAddress: sent.address ?? '127.0.0.1',
    remotePort: 50000 + id,
    method,
    target: sent.target ?? '/rest/v2/updateStockQuantity',
    requestHeaders: {
      'user-agent': sent.userAgent ?? 'erp/1.0',
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      authorization: 'Bearer sandbox-at-0123456789abcdef0123456789abcdef',
      ...sent.headers,
    },
    requestBody: text,
    authenticated: true,
    status: sent.status ?? 200,
    responseHeaders: sent.responseHeaders ?? {},
    responseBody: JSON.stringify(sent.response ?? { success: true }),
    durationMs: sent.durationMs ?? 5,
  });
  return { ...captured, id, findings: [] };
}

/** Runs the lint over `sent` in order, as the store does; returns each exchange's rule ids. */
export function rulesFired(...sent: Sent[]): string[][] {
  const history: TrafficExchange[] = [];
  return sent.map((one, index) => {
    const current = exchange(index + 1, one);
    const findings = lint(history, current);
    history.push({ ...current, findings });
    return findings.map((finding) => finding.rule);
  });
}

/** The findings of the last exchange of `sent`. */
export function lastFindings(...sent: Sent[]): ReturnType<typeof lint> {
  const history = sent.slice(0, -1).map((one, index) => exchange(index + 1, one));
  return lint(history, exchange(sent.length, sent[sent.length - 1]));
}

export const ADJUST = { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '5' };
export const SET = { actionType: 'set', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '40' };
export const READ = { target: '/rest/v2/checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250' };
