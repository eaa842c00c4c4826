// A finding in the user's language: the rule id picks the wording, the finding's params fill it.
// Rules unknown here (a newer core) keep the core's English message.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../traffic/exchange';
import { pluralOfMany } from '../common/text/plural';

type Wording = (params: Readonly<Record<string, string | number>>) => string;

const WORDINGS: Record<string, Wording> = {
  'qty-not-integer': (p) =>
    l10n.t('{field} is {value}, not an integer: OTO answers OTO1132 "Quantity is missing or invalid" and changes nothing. Send a whole number, e.g. 40 or "40".', p),
  'date-format': (p) =>
    l10n.t('{field} is {value}, not a real DD/MM/YYYY date: OTO creates the order but drops the date, saying so only in a warning. Send "{example}".', p),
  'duplicate-write': (p) =>
    l10n.t(
      'The same {endpoint} was sent again {seconds} s after #{earlier}: OTO has no idempotency key, so if both arrived the change was applied twice. Resend a write only when it provably never reached OTO; read the stock first.',
      p,
    ),
  'set-overwrote-change': (p) =>
    l10n.t(
      'This set of {sku} at {location} replaced a quantity that {other} changed (#{earlier}) after this client last read it: that change is lost. Read the stock right before a set, or send an adjust.',
      p,
    ),
  'retry-after-ignored': (p) =>
    l10n.t(
      'Sent {seconds} s after a {status} (#{earlier}) that asked to wait {retryAfter} s: a client that does not back off keeps being refused. Wait at least Retry-After before retrying.',
      p,
    ),
  // Counts over a limit, in each language's forms for them.
  'token-churn': (p) =>
    pluralOfMany(Number(p.count), '{0} token refreshes in 10 minutes: access tokens last an hour (expires_in). Keep the access token and refresh it shortly before it expires or after a 401.'),
  'url-too-long': (p) =>
    pluralOfMany(Number(p.length), 'The request URL is {0} characters, over 2,048: OTO (or a proxy on the way) may refuse or cut it. Split long SKU lists over several requests.'),
  'sku-comma': (p) =>
    l10n.t('SKU "{sku}" contains a comma: OTO splits SKU lists on commas, so it reads this SKU as several and can never look it up. Use SKUs without commas.', p),
  'no-content-type': (p) =>
    l10n.t('POST without Content-Type: application/json (sent: {contentType}): OTO may not read the body as JSON. Send the header with every POST.', p),
  'expired-token-reused': (p) =>
    l10n.t('The same access token was sent again after a 401 (#{earlier}) without a refresh: it will keep failing. On a 401, call refreshToken once, then retry once with the new token.', p),
};

export function findingText(finding: Finding): string {
  const wording = Object.prototype.hasOwnProperty.call(WORDINGS, finding.rule) ? WORDINGS[finding.rule] : undefined;
  return wording && finding.params ? wording(finding.params) : finding.message;
}
