// The contract lint's entry point: what OTO would do with a request, given what came before it.
import type { Finding, TrafficExchange } from './exchange';
import { DEFAULT_LINT_OPTIONS, type LintOptions, type Rule, RULES } from './rules';

export { DEFAULT_LINT_OPTIONS, type LintOptions, RULES } from './rules';

/**
 * Findings for `exchange`; `history` holds the exchanges before it, oldest first. `extra` rules run
 * after the contract's own (the recording proxy adds `shape-drift`, which needs the sandbox's shapes).
 */
export function lint(history: readonly TrafficExchange[], exchange: TrafficExchange, options: Partial<LintOptions> = {}, extra: readonly Rule[] = []): Finding[] {
  const settled = { ...DEFAULT_LINT_OPTIONS, ...options };
  const findings: Finding[] = [];
  for (const rule of extra.length === 0 ? RULES : [...RULES, ...extra]) {
    findings.push(...rule.check(history, exchange, settled));
  }
  return findings;
}
