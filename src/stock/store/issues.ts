// Turns a failed read into something the view can show: OTO's own message, or a plain explanation
// for the plan-gated codes, which otherwise read like a bug.
import { isOtoError, isPlanGatedError } from '../../client';
import * as l10n from '@vscode/l10n';
import { isUnreachable, unreachableText } from '../../common/text/unreachable';

export type StockOperation = 'connect' | 'catalogue' | 'locations' | 'inventory' | 'global';

export interface StockIssue {
  operation: StockOperation;
  message: string;
  /** OTO's error code (e.g. `OTO1150`) when the error carried one. */
  code?: string;
  /** The client's error kind (`auth`, `network`, …) when known. */
  kind?: string;
  /** The account's plan does not include stock management. */
  planGated: boolean;
}

export function describeIssue(operation: StockOperation, error: unknown): StockIssue {
  const code = isOtoError(error) ? error.code : undefined;
  const kind = isOtoError(error) ? error.kind : undefined;
  if (isPlanGatedError(error)) {
    return {
      operation,
      code,
      kind,
      planGated: true,
      message: l10n.t(
        "This OTO account can't use stock management: its plan doesn't include the Stock Management API (Scale or Enterprise package, or Marketplaces, with the WMS add-on). Upgrade the plan in the OTO dashboard. ({0})",
        code ?? '',
      ),
    };
  }
  if (isUnreachable(error)) {
    // Said once however many reads failed: the view joins distinct messages only.
    return { operation, code, kind, planGated: false, message: unreachableText() };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { operation, code, kind, planGated: false, message };
}

/**
 * The catalogue or the pickup locations could not be read, so nothing can be checked against them:
 * said with the read's own reasons.
 */
export class CatalogueUnreadError extends Error {
  constructor(readonly issues: readonly StockIssue[]) {
    const reasons = [...new Set(issues.map((issue) => issue.message))].join(' ');
    super(issues.some((issue) => issue.operation === 'locations')
      ? l10n.t('The pickup locations could not be read, so nothing was checked or sent. {0}', reasons)
      : l10n.t('The catalogue could not be read, so nothing was checked or sent. {0}', reasons));
    this.name = 'CatalogueUnreadError';
  }
}
