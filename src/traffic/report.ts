// What the sandbox CLI prints: one line per exchange, and at the end a summary by rule with the
// exit code `--fail-on` asks for.
import { formatDuration, formatTime } from '../common/text/timeFormat';
import type { Severity, TrafficExchange } from './exchange';

/**
 * `14:03:07.250 POST updateStockQuantity 400 OTO1132 12 ms qty-not-integer`; a webhook the sandbox
 * sent: `14:03:07.262 → orderStatus packed 1042 POST http://127.0.0.1:3000/oto 200 4 ms`.
 */
export function formatTrafficLine(exchange: TrafficExchange): string {
  // Built by concatenation, not an array of parts and a join: the CLI words every exchange.
  let line = formatTime(exchange.startedAt);
  const hook = exchange.direction === 'outbound' ? exchange.webhook : undefined;
  if (hook) {
    line += ' →';
    for (const part of [hook.type, hook.event, hook.orderId]) {
      line += part === '' ? '' : ` ${part}`;
    }
  }
  const status = exchange.status === undefined ? '---' : String(exchange.status);
  line += ` ${exchange.method} ${exchange.endpoint || exchange.path} ${status}`;
  // A delivery with no whole answer says why, beside any status it got first (`202 timeout`).
  if (hook?.error !== undefined) {
    line += ` ${hook.error}`;
  }
  // A gateway error's code is its status (`{"message", "code": 401}`): said once, not `401 401`.
  if (exchange.otoCode !== undefined && exchange.otoCode !== String(exchange.status)) {
    line += ` ${exchange.otoCode}`;
  }
  line += ` ${formatDuration(exchange.durationMs)}`;
  if (exchange.fault !== undefined) {
    line += ` [fault: ${exchange.fault}]`;
  }
  for (const finding of exchange.findings) {
    line += ` ${finding.rule}`;
  }
  // Endpoint and path come from the client: no control characters (escape sequences) reach the terminal.
  return CONTROL.test(line) ? line.replace(CONTROL_ALL, '?') : line;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function isSeverity(value: string): value is Severity {
  return Object.prototype.hasOwnProperty.call(RANK, value);
}

/** Counts of findings by rule over a run; survives the store forgetting old exchanges. */
export class TrafficSummary {
  private exchanges = 0;
  private readonly byRule = new Map<string, { severity: Severity; count: number }>();

  /** `ruleChanges`: the rules this run set to another level, in words, which the summary repeats. */
  constructor(readonly ruleChanges: readonly string[] = []) {}

  add(exchange: TrafficExchange): void {
    this.exchanges++;
    for (const finding of exchange.findings) {
      const entry = this.byRule.get(finding.rule) ?? { severity: finding.severity, count: 0 };
      entry.count++;
      this.byRule.set(finding.rule, entry);
    }
  }

  /** 1 when some finding is at least as severe as `failOn`, else 0. */
  exitCode(failOn: Severity | undefined): number {
    if (failOn === undefined) {
      return 0;
    }
    return [...this.byRule.values()].some((entry) => RANK[entry.severity] >= RANK[failOn]) ? 1 : 0;
  }

  format(failOn?: Severity): string {
    const findings = [...this.byRule.values()].reduce((sum, entry) => sum + entry.count, 0);
    const rows = [...this.byRule.entries()]
      .sort(([a, left], [b, right]) => RANK[right.severity] - RANK[left.severity] || right.count - left.count || (a < b ? -1 : 1))
      .map(([rule, entry]) => `  ${entry.severity.padEnd(8)} ${rule.padEnd(22)} ${entry.count}`);
    const verdict =
      failOn === undefined ? [] : [this.exitCode(failOn) === 1 ? `FAILED: findings at or above "${failOn}"` : `passed: no finding at or above "${failOn}"`];
    const changed = this.ruleChanges.length === 0 ? [] : [`  rules changed: ${this.ruleChanges.join(', ')}`];
    return [`${this.exchanges} exchange${this.exchanges === 1 ? '' : 's'}, ${findings} finding${findings === 1 ? '' : 's'}`, ...rows, ...changed, ...verdict].join('\n');
  }
}
