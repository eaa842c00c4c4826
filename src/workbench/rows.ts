// What a row of the Sandbox Traffic view says, as plain data: the view adapts it to a TreeItem.
import { formatDuration } from '../common/timeFormat';
import type { Severity, TrafficExchange } from '../traffic/exchange';

export interface RowLabels {
  noAnswer: string;
  findings(count: number): string;
  ownClient: string;
  /** `proxy → staging`: where a proxied exchange went. */
  proxy(environment: string): string;
}

export interface TrafficRow {
  label: string;
  description: string;
  /** A codicon id and, for failures, the theme colour to paint it with. */
  icon: { id: string; color?: string };
  worstSeverity?: Severity;
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

/** The client as a row shows it: its User-Agent (short) or its address. */
export function clientName(exchange: TrafficExchange, labels: RowLabels): string {
  if (exchange.client.own) {
    return labels.ownClient;
  }
  const agent = exchange.client.userAgent;
  return agent ? (agent.length > 32 ? `${agent.slice(0, 31)}…` : agent) : exchange.client.address;
}

export function trafficRow(exchange: TrafficExchange, labels: RowLabels): TrafficRow {
  const worst = worstSeverity(exchange);
  const status = exchange.status;
  const icon =
    status === undefined
      ? { id: 'debug-disconnect', color: 'errorForeground' }
      : status >= 400
        ? { id: 'error', color: 'errorForeground' }
        : worst === 'error' || worst === 'warning'
          ? { id: 'warning', color: 'list.warningForeground' }
          : { id: 'pass' };
  const parts = [
    status === undefined ? labels.noAnswer : String(status),
    ...(exchange.otoCode !== undefined ? [exchange.otoCode] : []),
    formatDuration(exchange.durationMs),
    clientName(exchange, labels),
    ...(exchange.source.kind === 'proxy' ? [labels.proxy(exchange.source.environment ?? new URL(exchange.source.upstream).host)] : []),
    ...(exchange.findings.length > 0 ? [labels.findings(exchange.findings.length)] : []),
  ];
  return { label: `${exchange.method} ${exchange.endpoint || exchange.path}`, description: parts.join(' · '), icon, worstSeverity: worst };
}
