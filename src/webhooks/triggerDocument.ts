// Trigger Webhook Event…'s document: the event the sandbox would send for an order, as editable
// JSON (`type`, `orderId`, `fields`); Send hands it to the sandbox's trigger, which sends `fields`
// over its own payload (a `timestamp` or `signature` given here is sent as written, unsigned
// again: the way to test a receiver with a stale or forged delivery). No `vscode`.
import * as l10n from '@vscode/l10n';
import { isWebhookType, WEBHOOK_TYPES, type WebhookType } from '../oto/webhooks';

/** The file name's end that the trigger schema (jsonValidation) and the Send CodeLens match. */
export const TRIGGER_SUFFIX = '.oto-webhook.json';

export interface TriggerEvent {
  readonly type: WebhookType;
  readonly orderId: string;
  readonly fields: Record<string, unknown>;
}

export function triggerFileName(type: WebhookType, orderId: string): string {
  return `${type}-${orderId.replace(/[^\w-]+/g, '_').slice(0, 60)}${TRIGGER_SUFFIX}`;
}

export function triggerDocumentText(type: WebhookType, orderId: string, payload: Record<string, unknown>): string {
  // The order is the document's `orderId`; the rest are the fields Send sends over the sandbox's payload.
  const fields = Object.fromEntries(Object.entries(payload).filter(([name]) => name !== 'orderId'));
  return `${JSON.stringify({ type, orderId, fields }, null, 2)}\n`;
}

/** The event a document describes, or why it cannot be sent (nothing is sent then). */
export function parseTriggerDocument(text: string): TriggerEvent | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: l10n.t('The document is not valid JSON: {0}', error instanceof Error ? error.message : String(error)) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: l10n.t('The document must be a JSON object with type, orderId and fields.') };
  }
  const { type, orderId, fields } = parsed as Record<string, unknown>;
  if (!isWebhookType(type)) {
    return { problem: l10n.t('"type" must be one of {0}, not {1}.', WEBHOOK_TYPES.join(', '), JSON.stringify(type) ?? 'nothing') };
  }
  if (typeof orderId !== 'string' || orderId.trim() === '') {
    return { problem: l10n.t('"orderId" must be the id of an order of the sandbox.') };
  }
  if (fields !== undefined && (typeof fields !== 'object' || fields === null || Array.isArray(fields))) {
    return { problem: l10n.t('"fields" must be an object of the payload fields to send.') };
  }
  return { type, orderId, fields: (fields as Record<string, unknown> | undefined) ?? {} };
}
