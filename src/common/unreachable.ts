// One wording for "OTO cannot be reached" wherever a failure is shown: the transport's own text
// (`getaddrinfo ENOTFOUND …`, `connect ECONNREFUSED …`) means nothing to most users and goes to
// the OTO log, which every request is written to, instead.
import { isOtoError } from '../client';

/** `t` of vscode.l10n, or of a plain core's injected localizer. */
export interface Translator {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/** No answer at all came from OTO: DNS failure, connection refused or reset. */
export function isUnreachable(error: unknown): boolean {
  return isOtoError(error) && error.kind === 'network';
}

/** e.g. "OTO staging cannot be reached — check your network or proxy." */
export function unreachableText(l10n: Translator, environment?: string): string {
  return environment === undefined
    ? l10n.t('OTO cannot be reached — check your network or proxy.')
    : l10n.t('OTO {0} cannot be reached — check your network or proxy.', environment);
}
