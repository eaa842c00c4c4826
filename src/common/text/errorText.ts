// The one way an error becomes words, whichever room shows it (a flow's message, the packing
// page, a replay, a log line): OTO's code before OTO's message.
import * as l10n from '@vscode/l10n';
import { isOtoError, isPlanGatedError } from '../../client';
import { isUnreachable, unreachableText } from './unreachable';

/** For the user: e.g. `OTO1133 Location Code is missing or invalid`, or the plain message when OTO gave no code. */
export function describeError(error: unknown): string {
  if (isUnreachable(error)) {
    // The transport's own text (`connect ECONNREFUSED …`) is in the log, behind "Show log".
    return unreachableText();
  }
  const text = describeErrorForLog(error);
  if (text === '') {
    return l10n.t('Unknown error');
  }
  return isPlanGatedError(error) ? l10n.t('{0} (this OTO account\'s plan does not include stock management)', text) : text;
}

/** For the OTO log: the same, with the transport's own words kept; empty when the error has none. */
export function describeErrorForLog(error: unknown): string {
  if (isOtoError(error)) {
    return error.code ? `${error.code} ${error.message}` : error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return typeof error === 'string' ? error : '';
}
