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
  // The contract is about what clients send OTO: a webhook the sandbox sent is judged by the extra rules alone.
  const rules = exchange.direction === 'outbound' ? extra : extra.length === 0 ? RULES : [...RULES, ...extra];
  for (const rule of rules) {
    const level = levels !== undefined && Object.prototype.hasOwnProperty.call(levels, rule.id) ? levels[rule.id] : undefined;
    if (level === 'off') {
      continue;
    }
    let found: readonly Finding[];
    try {
      found = rule.check(history, exchange, settled);
    } catch (error) {
      // One rule's failure must not cost the exchange its place in the journal, nor the other
      // rules their findings: the journal is the record of what the client sent.
      console.error(`OTO traffic lint: the rule ${rule.id} failed on exchange #${exchange.id}:`, error);
      continue;
    }
    if (found.length > 0) {
      (findings ??= []).push(...(level === undefined || level === rule.severity ? found : found.map((finding) => ({ ...finding, severity: level }))));
    }
  }
  return findings ?? [];
}
