// What the operator says of the rows whose answer was lost, in two counted steps with Back: which
// rows to decide now (all ticked), then what happened to them. Plain TypeScript on the shared
// prompter, so the steps run in plain Node as they do in VS Code.
import * as l10n from '@vscode/l10n';
import type { PickItem, Prompter } from '../../stockChange/prompts/prompter';
import { runSteps, type Step } from '../../stockChange/prompts/steps';
import { plural } from '../../common/text/plural';
import type { RowStatus } from './state';

export type LostRowDecision = 'applied' | 'not-applied' | 'resend';

export interface LostRowsAnswer {
  as: LostRowDecision;
  rows: RowStatus[];
}

function changeText({ row }: RowStatus): string {
  return row.action === 'adjust' ? `adjust ${row.qty > 0 ? '+' : ''}${row.qty}` : `set ${row.qty}`;
}

/** The operator's decision for the chosen rows; undefined when they stopped deciding (or chose none). */
export async function askLostRows(prompter: Prompter, checks: readonly RowStatus[]): Promise<LostRowsAnswer | undefined> {
  const title = l10n.t('Rows whose answer was lost');
  let chosen: RowStatus[] = [...checks];
  let answer: LostRowsAnswer | undefined;

  const decisionStep: Step = async (input) => {
    const decisions: Array<PickItem<LostRowDecision>> = [
      { label: l10n.t('They were applied'), detail: l10n.t('The figure now shows the change; record them as applied.'), value: 'applied' },
      { label: l10n.t('They were not applied'), detail: l10n.t('Leave the stock as it is now; record them as not applied.'), value: 'not-applied' },
      { label: l10n.t('Send them again'), detail: l10n.t('They go back to the rows not sent: they are previewed with fresh figures before anything is sent.'), value: 'resend' },
    ];
    const as = await input.pick({ title, step: 2, totalSteps: 2, placeholder: `${plural(chosen.length, '1 row whose answer was lost', '{0} rows whose answer was lost')}: ${l10n.t('What happened to them?')}`, items: decisions });
    answer = { as, rows: chosen };
    return undefined;
  };

  const rowsStep: Step = async (input) => {
    const ticked = new Set(chosen);
    const picked = await input.pickMany({
      title,
      step: 1,
      totalSteps: 2,
      placeholder: l10n.t('Choose the rows to decide now (all are chosen)'),
      items: checks.map((check) => ({
        label: l10n.t('{0} at {1}: {2}', check.row.sku, check.row.locationCode, changeText(check)),
        description: l10n.t('line {0}', check.row.line),
        detail: l10n.t('check: may or may not have been applied. Before {0}, {1} if applied, now {2}.', check.row.before, check.row.after, check.status.state === 'check' && check.status.now !== undefined ? check.status.now : '?'),
        value: check,
        picked: ticked.has(check),
      })),
    });
    chosen = picked;
    return picked.length === 0 ? undefined : decisionStep;
  };

  const end = await runSteps(prompter, rowsStep);
  return end === 'done' ? answer : undefined;
}
