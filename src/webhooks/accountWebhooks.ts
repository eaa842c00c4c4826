// The Webhooks view's core: the account's webhooks as OTO's management API lists them, as rows
// whose keys are shortened (`…abcd`, as the inbox shows an Authorization value), what Add Webhook…
// checks as the user types (OTO's own checks, src/oto/webhookInput.ts), and what OTO's webhook
// errors (OTO1120–OTO1125) mean. No `vscode`: tested from plain Node.
import * as l10n from '@vscode/l10n';
import { rowParts } from '../common/text/bidi';
import { hideUrlCredentials } from '../client/engine/urlCredentials';
import { MAX_WEBHOOK_KEY_LENGTH, MAX_WEBHOOKS_PER_ACCOUNT } from '../oto';
import { MAX_WEBHOOK_URL_LENGTH, webhookKeyProblem, webhookUrlProblem } from '../oto/webhookInput';
import { shortenToken } from '../traffic/tokens';

/** The slice of the client's AccountWebhook a row needs (structural: this core does not import the client). */
export interface ListedWebhook {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly webhookType?: string;
  readonly secretKey?: string;
  readonly authorizationKey?: string;
  readonly timestampFormat?: string;
  readonly orderPrefix?: string;
}

/** The slice of the client the view calls. */
export interface WebhookClient {
  listWebhooks(options?: { signal?: AbortSignal }): Promise<ListedWebhook[]>;
  createWebhook(registration: {
    method: 'post' | 'put';
    url: string;
    webhookType: 'orderStatus' | 'newOrders' | 'shipmentError' | 'walletTransaction';
    secretKey?: string;
    authorizationKey?: string;
  }): Promise<{ id: string }>;
  deleteWebhook(id: string): Promise<void>;
}

export interface WebhookRowText {
  readonly label: string;
  readonly description: string;
  /** Tooltip lines, every key shortened. */
  readonly details: string[];
}

/** A key as shown anywhere: its last 4 characters (none of a short one), or "none". */
export function shownKey(value: string | undefined): string {
  return value === undefined || value === '' ? l10n.t('none') : shortenToken(value);
}

export function webhookRowText(hook: ListedWebhook): WebhookRowText {
  const type = hook.webhookType ?? l10n.t('type not listed');
  const signed = hook.secretKey ? l10n.t('signed') : l10n.t('unsigned');
  return {
    label: `${type} · ${hook.method.toUpperCase()}`,
    description: rowParts([hideUrlCredentials(hook.url), signed]),
    details: [
      l10n.t('Webhook {0}: {1} {2}', hook.id, hook.method.toUpperCase(), hideUrlCredentials(hook.url)),
      l10n.t('Type: {0}', type),
      l10n.t('secretKey: {0}', shownKey(hook.secretKey)),
      l10n.t('authorizationKey: {0}', shownKey(hook.authorizationKey)),
      ...(hook.timestampFormat ? [l10n.t('timestampFormat: {0}', hook.timestampFormat)] : []),
      // OTO names orderPrefix without saying what it does: shown as it is.
      ...(hook.orderPrefix ? [l10n.t('orderPrefix: {0}', hook.orderPrefix)] : []),
    ],
  };
}

/** What Add Webhook…'s URL box says as the user types: OTO's checks, and the account's URLs (OTO1122). */
export function urlInputProblem(text: string, registeredUrls: readonly string[]): string | undefined {
  if (webhookUrlProblem(text)) {
    return l10n.t('Type an http:// or https:// URL of at most {0} characters, such as https://erp.example.com/oto/webhook.', MAX_WEBHOOK_URL_LENGTH);
  }
  return registeredUrls.includes(text.trim()) ? l10n.t('OTO1122: this URL is already registered for the account (OTO takes each URL once).') : undefined;
}

/** What a secretKey or authorizationKey box says as the user types (OTO1124, OTO1123). */
export function keyInputProblem(field: 'secretKey' | 'authorizationKey', text: string): string | undefined {
  const problem = webhookKeyProblem(field, text);
  return problem ? l10n.t('{0}: OTO takes at most {1} characters ({2} typed).', problem.code, MAX_WEBHOOK_KEY_LENGTH, text.length) : undefined;
}

/**
 * How a change to an environment's webhooks is confirmed: in production with a modal (the
 * account's real events go, or stop going, there); elsewhere a removal is confirmed in the quick
 * input and an addition (five steps already) is not asked again.
 */
export function confirmationOf(environment: string, change: 'add' | 'remove'): 'modal' | 'quickPick' | 'none' {
  if (environment === 'production') {
    return 'modal';
  }
  return change === 'remove' ? 'quickPick' : 'none';
}

/** What OTO's webhook error codes mean, and what to do; undefined for another code. */
export function webhookErrorMeaning(code: string | undefined): string | undefined {
  switch (code) {
    case 'OTO1120':
      return l10n.t('OTO1120: the account already has {0} webhooks, OTO\'s limit. Remove one first.', MAX_WEBHOOKS_PER_ACCOUNT);
    case 'OTO1121':
      return l10n.t('OTO1121: a webhook needs a url and a method (post or put).');
    case 'OTO1122':
      return l10n.t('OTO1122: this URL is already registered for the account (OTO takes each URL once).');
    case 'OTO1123':
      return l10n.t('OTO1123: the authorizationKey is longer than {0} characters.', MAX_WEBHOOK_KEY_LENGTH);
    case 'OTO1124':
      return l10n.t('OTO1124: the secretKey is longer than {0} characters.', MAX_WEBHOOK_KEY_LENGTH);
    case 'OTO1125':
      return l10n.t('OTO1125: no webhook with this id: it may have been removed already. Refresh the list.');
    default:
      return undefined;
  }
}
