// Why stock changed, as the operator says it. OTO takes no reason: it is kept in the ledger only.
import * as l10n from '@vscode/l10n';

export const REASONS = ['received', 'damaged', 'cycle-count', 'correction', 'returned', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && (REASONS as readonly string[]).includes(value);
}

/** A reason as written in a file: its id in any case, with a space or underscore for the dash. */
export function parseReason(text: string): Reason | undefined {
  const normalised = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return isReason(normalised) ? normalised : undefined;
}

export function reasonLabel(reason: Reason): string {
  switch (reason) {
    case 'received':
      return l10n.t('Received');
    case 'damaged':
      return l10n.t('Damaged');
    case 'cycle-count':
      return l10n.t('Cycle count');
    case 'correction':
      return l10n.t('Correction');
    case 'returned':
      return l10n.t('Returned');
    case 'other':
      return l10n.t('Other');
  }
}
