// One wording for "OTO cannot be reached" wherever a failure is shown: the transport's own text
// (`getaddrinfo ENOTFOUND …`, `connect ECONNREFUSED …`) means nothing to most users and goes to
// the OTO log, which every request is written to, instead.
import * as l10n from '@vscode/l10n';
import { isOtoError } from '../../client';
import { environmentInText } from './environmentName';

/** No answer at all came from OTO: DNS failure, connection refused or reset. */
export function isUnreachable(error: unknown): boolean {
  return isOtoError(error) && error.kind === 'network';
}

/** e.g. "OTO staging cannot be reached — check your network or proxy." */
export function unreachableText(environment?: string): string {
  return environment === undefined
    ? l10n.t('OTO cannot be reached — check your network or proxy.')
    : l10n.t('OTO {0} cannot be reached — check your network or proxy.', environmentInText(environment));
}
