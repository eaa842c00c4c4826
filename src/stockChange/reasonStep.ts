// The optional reason of a stock change and, once a reason is chosen, its note: steps of the flow
// like the others (counted, with Back), asked by Adjust, Set and Transfer alike. OTO takes no
// reason: both are kept in the stock ledger only.
import * as l10n from '@vscode/l10n';
import { MAX_LEDGER_NOTE } from './ledgerEntry';
import type { StepPosition } from './prompts/prompter';
import type { Step } from './prompts/steps';
import { REASONS, reasonLabel, type Reason } from './reasons';

/** Why, as the ledger keeps it. */
export interface ReasonNote {
  reason?: Reason;
  note?: string;
}

/** What the steps were answered so far: `reason` is `null` once "No reason" was chosen. */
export interface ReasonAnswers {
  reason?: Reason | null;
  note: string;
}

export function noReasonYet(): ReasonAnswers {
  return { note: '' };
}

/** How many steps the reason takes as answered so far: the pick, and the note once a reason is chosen. */
export function reasonStepCount(answers: ReasonAnswers): number {
  return typeof answers.reason === 'string' ? 2 : 1;
}

/** The reason and trimmed note chosen (nothing for "No reason"). */
export function chosenReason(answers: ReasonAnswers): ReasonNote {
  return typeof answers.reason === 'string' ? { reason: answers.reason, note: answers.note.trim() || undefined } : {};
}

/**
 * The reason step at `position(first)` and its note at `position(first + 1)`, then `next`. The
 * pick opens on the earlier choice, "No reason" at first, so going on without one is one Enter.
 */
export function reasonStep(answers: ReasonAnswers, first: number, position: (step: number) => StepPosition, next: Step | undefined): Step {
  const noteStep: Step = async (input) => {
    answers.note = await input.input({
      ...position(first + 1),
      value: answers.note,
      placeholder: l10n.t('Note (optional): a few words for the stock history, e.g. a delivery note number'),
      prompt: () => l10n.t('Enter to go on without a note.'),
      validate: (value) => (value.length > MAX_LEDGER_NOTE ? l10n.t('At most {0} characters.', MAX_LEDGER_NOTE) : undefined),
    });
    return next;
  };
  return async (input) => {
    const items = [
      { label: l10n.t('No reason'), detail: l10n.t('Go on without one'), value: null },
      ...REASONS.map((reason) => ({ label: reasonLabel(reason), value: reason })),
    ];
    answers.reason = await input.pick<Reason | null>({
      ...position(first),
      placeholder: l10n.t('Why does the stock change? (optional, kept in the stock history)'),
      items,
      activeIndex: Math.max(0, items.findIndex((item) => item.value === (answers.reason ?? null))),
    });
    return answers.reason === null ? next : noteStep;
  };
}
