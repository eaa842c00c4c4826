// What a verification and an authorization check say, in the user's language (@vscode/l10n, set up
// per bundle; English in plain-Node tests). The inbox's rows, its documents and Verify Webhook
// Signature use the same sentences.
import * as l10n from '@vscode/l10n';
import type { AuthorizationCheck } from './inbox';
import { STALE_AFTER_MS, type Verdict, type Verification } from './verify';

export function verdictLabel(verdict: Verdict): string {
  switch (verdict) {
    case 'valid':
      return l10n.t('valid signature');
    case 'invalid':
      return l10n.t('invalid signature');
    case 'unsigned':
      return l10n.t('unsigned');
  }
}

function age(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 120) {
    return l10n.t('{0} min', minutes);
  }
  return l10n.t('{0} h', Math.round(minutes / 60));
}

/** Why the verdict is what it is: which signing string and secret matched, or what was tried. */
export function verdictReason(verification: Verification): string {
  const tried = verification.tried.map((candidate) => candidate.signingString).join(' | ');
  switch (verification.verdict) {
    case 'valid': {
      const match = verification.match;
      const reason = match ? l10n.t('HMAC-SHA256 of "{0}" (orderId:{1}:timestamp) with {2} matches the signature.', match.signingString, match.field, match.secretName) : '';
      // OTO's text and the public integrations disagree on shipmentError's signing string.
      return verification.type === 'shipmentError' && match
        ? `${reason} ${l10n.t('For shipmentError OTO names status, integrations check errorCode: this one was signed over {0}.', match.field)}`
        : reason;
    }
    case 'invalid':
      return verification.noSecret
        ? l10n.t('The payload is signed, but no webhook secret is kept to check it with: connect the inbox to the sandbox first.')
        : l10n.t('No kept secret gives this signature over any of: {0}.', tried);
    case 'unsigned':
      return verification.type === 'newOrders'
        ? l10n.t('No signature field: OTO sends newOrders without one.')
        : l10n.t('No signature field: OTO signs only when the webhook has a secretKey.');
  }
}

/** What the timestamp says, or undefined when it is fresh. */
export function timestampWarning(verification: Verification): string | undefined {
  const timestamp = verification.timestamp;
  if (!timestamp) {
    return l10n.t('No timestamp: a receiver cannot tell a replayed delivery from a new one.');
  }
  if (timestamp.at === undefined) {
    return l10n.t('The timestamp {0} is neither epoch milliseconds nor YYYY-MM-DD HH:mm:ss (UTC).', JSON.stringify(timestamp.raw));
  }
  if (!timestamp.stale || timestamp.ageMs === undefined) {
    return undefined;
  }
  return timestamp.ageMs > 0
    ? l10n.t('Stale timestamp: {0} old (over {1} min). A receiver should refuse it: it may be a captured delivery replayed.', age(timestamp.ageMs), STALE_AFTER_MS / 60_000)
    : l10n.t('The timestamp is {0} in the future: check the clocks.', age(timestamp.ageMs));
}

export function authorizationText(check: AuthorizationCheck): string {
  switch (check) {
    case 'matches':
      return l10n.t('The Authorization header carries the inbox\'s authorizationKey.');
    case 'differs':
      return l10n.t('The Authorization header does not carry the inbox\'s authorizationKey.');
    case 'missing':
      return l10n.t('No Authorization header, though the webhook has an authorizationKey.');
    case 'notChecked':
      return l10n.t('Not checked: no authorizationKey is kept.');
  }
}

/** Said in an event's document when its body's bytes are not UTF-8. */
export function notUtf8Text(): string {
  return l10n.t('The body is not UTF-8: shown with � where its bytes did not decode; forwarded as received, byte for byte.');
}
