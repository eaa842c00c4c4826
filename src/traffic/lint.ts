// The contract lint's entry point: what OTO would do with a request, given what came before it.
import type { Finding, TrafficExchange } from './exchange';
import { DEFAULT_LINT_OPTIONS, type LintOptions, type Rule, RULES } from './rules';

export { DEFAULT_LINT_OPTIONS, type LintOptions, type RuleLevel, RULES } from './rules';

/**
 * Findings for `exchange`; `history` holds the exchanges before it, oldest first. `extra` rules run
 * after the contract's own (the recording proxy adds `shape-drift`, which needs the sandbox's shapes).
 */
export function lint(history: readonly TrafficExchange[], exchange: TrafficExchange, options: Partial<LintOptions> = {}, extra: readonly Rule[] = []): Finding[] {
  const settled = options.duplicateWindowSeconds === undefined ? DEFAULT_LINT_OPTIONS : { ...DEFAULT_LINT_OPTIONS, ...options };
  const levels = options.rules;
  let findings: Finding[] | undefined;
  for (const rule of extra.length === 0 ? RULES : [...RULES, ...extra]) {
    const level = levels !== undefined && Object.prototype.hasOwnProperty.call(levels, rule.id) ? levels[rule.id] : undefined;
    if (level === 'off') {
      continue;
    }
    const found = rule.check(history, exchange, settled);
    if (found.length > 0) {
      (findings ??= []).push(...(level === undefined || level === rule.severity ? found : found.map((finding) => ({ ...finding, severity: level }))));
    }
  }
  return findings ?? [];
}
