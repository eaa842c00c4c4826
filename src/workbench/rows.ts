// What a row of the Sandbox Traffic view says, as plain data: the view adapts it to a TreeItem.
import * as l10n from '@vscode/l10n';
import { rowParts } from '../common/text/bidi';
import { formatDuration } from '../common/text/timeFormat';
import type { Severity, TrafficExchange } from '../traffic/exchange';
import { plural } from '../common/text/plural';
import { isEndpointName, OTO_ENDPOINTS } from '../oto';

export interface TrafficRow {
  label: string;
  description: string;
  /** A codicon id and, for failures, the theme colour to paint it with. */
  icon: { id: string; color?: string };
  worstSeverity?: Severity;
  /**
   * `oto.trafficDelivery` for a webhook delivery the sandbox sent, which has no Copy as cURL or
   * Replay (it is no request to the sandbox); `oto.trafficExchange` for a request a client sent.
   */
  contextValue: 'oto.trafficExchange' | 'oto.trafficDelivery';
}

/** A webhook delivery the sandbox sent, not a request it received. */
export function isDelivery(exchange: TrafficExchange): boolean {
  return exchange.direction === 'outbound';
}

/**
 * The exchange's full URL: a request's target on the server that received it (`serverBaseUrl`,
 * the sandbox's or the proxy's), a delivery's target as it is (the receiver's whole URL).
 */
export function exchangeUrl(exchange: TrafficExchange, serverBaseUrl: string | undefined): string {
  const target = exchange.target ?? exchange.path;
  if (isDelivery(exchange)) {
    return target;
  }
  return `${serverBaseUrl ? new URL(serverBaseUrl).origin : 'http://127.0.0.1'}${target}`;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function worstSeverity(exchange: TrafficExchange): Severity | undefined {
  let worst: Severity | undefined;
  for (const finding of exchange.findings) {
    if (worst === undefined || RANK[finding.severity] > RANK[worst]) {
      worst = finding.severity;
    }
  }
  return worst;
}

/** A finding's severity in the user's language, as the Problems panel names it. */
export function severityLabel(severity: Severity): string {
  return severity === 'error' ? l10n.t('Error') : severity === 'warning' ? l10n.t('Warning') : l10n.t('Info');
}

/**
 * A read this editor made that went well (the Stock view's refreshes, the hover's batches): what
 * buries an ERP's requests. Its writes, its failures and anything with a finding are not.
 */
export function isOwnBackgroundRead(exchange: TrafficExchange): boolean {
  return (
    exchange.client.own &&
    exchange.direction !== 'outbound' &&
    !(isEndpointName(exchange.endpoint) && OTO_ENDPOINTS[exchange.endpoint].writes) &&
    exchange.status !== undefined &&
    exchange.status < 400 &&
    exchange.findings.length === 0
  );
}

/** The line above the rows while this editor's reads are hidden; undefined when none are. */
export function hiddenOwnReadsText(hidden: number): string | undefined {
  return hidden === 0 ? undefined : plural(hidden, '1 read by this editor hidden', '{0} reads by this editor hidden');
}

/** The client as a row shows it: its User-Agent (short) or its address. */
export function clientName(exchange: TrafficExchange): string {
  if (exchange.client.own) {
    return l10n.t('this editor');
  }
  const agent = exchange.client.userAgent;
  return agent ? (agent.length > 32 ? `${agent.slice(0, 31)}…` : agent) : exchange.client.address;
}

export function trafficRow(exchange: TrafficExchange): TrafficRow {
  const worst = worstSeverity(exchange);
  const status = exchange.status;
  // A webhook delivery with no whole answer (`timeout`, `reset`), whatever status came first.
  const cut = exchange.direction === 'outbound' ? exchange.webhook?.error : undefined;
  // The icon says the worst thing about the exchange, in the colour the Problems panel gives it.
  const icon =
    status === undefined || cut !== undefined
      ? { id: 'debug-disconnect', color: 'errorForeground' }
      : status >= 400 || worst === 'error'
        ? { id: 'error', color: 'errorForeground' }
        : worst === 'warning'
          ? { id: 'warning', color: 'list.warningForeground' }
          : { id: 'pass' };
  const statusText = status === undefined ? l10n.t('no answer') : String(status);
  // What a user scans for first (status, findings), the rest after: a narrow side bar cuts the end.
  // An OTO code that only repeats the status (OTO's 401 answers say `401`) is left out.
  const parts = [
    statusText,
    ...(cut !== undefined ? [cut] : []),
    ...(exchange.otoCode !== undefined && exchange.otoCode !== statusText ? [exchange.otoCode] : []),
    ...(exchange.findings.length > 0 ? [plural(exchange.findings.length, '1 finding', '{0} findings')] : []),
    clientName(exchange),
    ...(exchange.source.kind === 'proxy' ? [l10n.t('proxy → {0}', exchange.source.environment ?? new URL(exchange.source.upstream).host)] : []),
    formatDuration(exchange.durationMs),
  ];
  return {
    label: `${exchange.method} ${exchange.endpoint || exchange.path}`,
    description: rowParts(parts),
    icon,
    worstSeverity: worst,
    contextValue: isDelivery(exchange) ? 'oto.trafficDelivery' : 'oto.trafficExchange',
  };
}

/** The view title's short name of a server: `127.0.0.1:41901` for `http://127.0.0.1:41901/rest/v2`. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}
