// A finding in the user's language: the rule's own wording (traffic/rules, written once) with the
// finding's params, through @vscode/l10n. Rules unknown here (a newer core, the proxy's
// shape-drift) keep the core's English message.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../traffic/exchange';
import { RULES } from '../traffic/lint';
import type { Translator } from '../traffic/rules/rule';
import { pluralOfMany } from '../common/text/plural';

const LOCAL: Translator = { t: l10n.t, pluralOfMany };

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function findingText(finding: Finding): string {
  const rule = BY_ID.get(finding.rule);
  return rule && finding.params ? rule.word(LOCAL, finding.params) : finding.message;
}
