// How a run sets the lint up: a scenario's `lint` section and the CLI's `--rule name=level`. Every
// problem is named at once, with the rules and levels that exist.
import { DEFAULT_LINT_OPTIONS, RULES, type LintOptions, type RuleLevel } from './rules';

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

/** The `lint` section of a scenario (and what the CLI flags build). */
export interface LintConfig {
  readonly rules?: Readonly<Record<string, RuleLevel>>;
  readonly duplicateWindowSeconds?: number;
}

const MAX_WINDOW_SECONDS = 3600;

/** Every rule's id with its own severity; `extra` adds rules a server runs besides the contract's. */
export function knownRules(extra: ReadonlyArray<{ id: string; severity: string }> = []): ReadonlyMap<string, string> {
  return new Map([...RULES, ...extra].map((rule) => [rule.id, rule.severity]));
}

/** What is wrong with `config`, each as `field: message`; empty when it can be used. */
export function lintConfigProblems(config: unknown, known: ReadonlyMap<string, string> = knownRules()): string[] {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    return ['lint: must be an object'];
  }
  const problems: string[] = [];
  for (const key of Object.keys(config)) {
    if (key !== 'rules' && key !== 'duplicateWindowSeconds') {
      problems.push(`lint.${key}: unknown field (known: rules, duplicateWindowSeconds)`);
    }
  }
  const { rules, duplicateWindowSeconds } = config as Record<string, unknown>;
  if (duplicateWindowSeconds !== undefined && !(typeof duplicateWindowSeconds === 'number' && duplicateWindowSeconds > 0 && duplicateWindowSeconds <= MAX_WINDOW_SECONDS)) {
    problems.push(`lint.duplicateWindowSeconds: must be a number of seconds above 0 and at most ${MAX_WINDOW_SECONDS}, got ${JSON.stringify(duplicateWindowSeconds)}`);
  }
  if (rules !== undefined) {
    if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
      problems.push('lint.rules: must be an object of rule: level');
    } else {
      for (const [name, level] of Object.entries(rules)) {
        problems.push(...ruleProblems(name, level).map((problem) => `lint.rules.${problem}`));
      }
    }
  }
  return problems;

  function ruleProblems(name: string, level: unknown): string[] {
    const found: string[] = [];
    if (!known.has(name)) {
      found.push(`${name}: no such rule (the rules: ${[...known.keys()].join(', ')})`);
    }
    if (!(RULE_LEVELS as readonly unknown[]).includes(level)) {
      found.push(`${name}: the level must be ${RULE_LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
    }
    return found;
  }
}

/** `--rule duplicate-write=off` → `['duplicate-write', 'off']`, or an Error naming what is wrong. */
export function parseRuleFlag(text: string, known: ReadonlyMap<string, string> = knownRules()): [string, RuleLevel] {
  const mark = text.indexOf('=');
  const [name, level] = mark < 0 ? [text, undefined] : [text.slice(0, mark).trim(), text.slice(mark + 1).trim()];
  if (level === undefined) {
    throw new Error(`--rule needs name=level (${RULE_LEVELS.join(', ')}), e.g. --rule duplicate-write=warning; got "${text}"`);
  }
  const problems = lintConfigProblems({ rules: { [name]: level } }, known).map((problem) => problem.replace(/^lint\.rules\./, ''));
  if (problems.length > 0) {
    throw new Error(`--rule ${problems.join('; ')}`);
  }
  return [name, level as RuleLevel];
}

/** The lint options `config` asks for (checked first with `lintConfigProblems`). */
export function lintOptionsOf(config: LintConfig | undefined): Partial<LintOptions> {
  return {
    ...(config?.duplicateWindowSeconds !== undefined ? { duplicateWindowSeconds: config.duplicateWindowSeconds } : {}),
    ...(config?.rules !== undefined && Object.keys(config.rules).length > 0 ? { rules: config.rules } : {}),
  };
}

/** The rules set to something else than their own severity, in words: `duplicate-write off (was error)`. */
export function describeRuleChanges(options: Partial<LintOptions>, known: ReadonlyMap<string, string> = knownRules()): string[] {
  const changes = Object.entries(options.rules ?? {})
    .filter(([name, level]) => known.get(name) !== level)
    .map(([name, level]) => `${name} ${level} (was ${known.get(name) ?? '?'})`);
  const { duplicateWindowSeconds } = DEFAULT_LINT_OPTIONS;
  if (options.duplicateWindowSeconds !== undefined && options.duplicateWindowSeconds !== duplicateWindowSeconds) {
    changes.push(`duplicate window ${options.duplicateWindowSeconds} s (was ${duplicateWindowSeconds} s)`);
  }
  return changes;
}
