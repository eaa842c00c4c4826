// A finding in the user's language: the rule's own wording (traffic/rules, written once) with the
// finding's params, through @vscode/l10n. Rules unknown here (a newer core, the proxy's
// shape-drift) keep the core's English message.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../traffic/exchange';
import { RULES } from '../traffic/lint';
import { webhookRules } from '../traffic/webhookRules';
import type { Translator } from '../traffic/rules/rule';
import { pluralOfMany } from '../common/text/plural';

const LOCAL: Translator = { t: l10n.t, pluralOfMany };

// The receiver rules' wording does not depend on the deliveries they look back on: a log of none will do.
const NO_DELIVERIES = { lastCopyAt: () => 0, startedBetween: () => false };
const BY_ID = new Map([...RULES, ...webhookRules(NO_DELIVERIES)].map((rule) => [rule.id, rule]));

export function findingText(finding: Finding): string {
  const rule = BY_ID.get(finding.rule);
  return rule && finding.params ? rule.word(LOCAL, finding.params) : finding.message;
}
