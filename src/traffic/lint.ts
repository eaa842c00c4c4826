// The contract lint's entry point: what OTO would do with a request, given what came before it.
import type { Finding, TrafficExchange } from './exchange';
import { DEFAULT_LINT_OPTIONS, type LintOptions, RULES } from './rules';

export { DEFAULT_LINT_OPTIONS, type LintOptions, RULES } from './rules';

/** Findings for `exchange`; `history` holds the exchanges before it, oldest first. */
export function lint(history: readonly TrafficExchange[], exchange: TrafficExchange, options: Partial<LintOptions> = {}): Finding[] {
  const settled = { ...DEFAULT_LINT_OPTIONS, ...options };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    findings.push(...rule.check(history, exchange, settled));
  }
  return findings;
}
