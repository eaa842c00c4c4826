// The sandbox's webhooks: OTO's management API, its events, deliveries, delivery faults and what
// the receiver's answers say. The sandbox's entry wires `createWebhooks` to its state and traffic.
import { captureBody, captureExchange } from '../../traffic/capture';
import type { TrafficStore } from '../../traffic/store';
import { webhookRules } from '../../traffic/webhookRules';
import { WebhookHub, type HubSetup, type RecordExchange } from './hub';
import { RECEIVER_BODY_LIMIT } from '../../common/webhookDelivery';
import type { WebhookSettings } from './types';

export * from './types';
export { WebhookError, MAX_WEBHOOKS } from './registry';
export { deliveryFaultProblems } from './deliveryFaults';
export { SLOW_RECEIVER_MS } from '../../traffic/webhookRules';
export { DEFAULT_TIMEOUT_MS, WEBHOOK_USER_AGENT } from '../../common/webhookDelivery';
export { RECEIVER_BODY_LIMIT };
export { STALE_BY_MS } from './hub';
export { WebhookHub };

/** The scenario's settings with the options' on top; registrations and faults of both, the scenario's first. */
export function mergeWebhookSettings(scenario: WebhookSettings | undefined, options: WebhookSettings | undefined): WebhookSettings {
  return {
    ...scenario,
    ...options,
    register: [...(scenario?.register ?? []), ...(options?.register ?? [])],
    faults: [...(scenario?.faults ?? []), ...(options?.faults ?? [])],
  };
}

/** The rules that judge deliveries; they ask the hub made later (through `hub()`) when it last sent a duplicate. */
export function receiverRules(hub: () => WebhookHub | undefined): ReturnType<typeof webhookRules> {
  return webhookRules({
    lastCopyAt: () => hub()?.lastCopyAt ?? 0,
    startedBetween: (webhookId, from, to, except) => hub()?.startedBetween(webhookId, from, to, except) ?? false,
  });
}

/** The webhooks of an account, recording each delivery in its journal (`traffic`) as an outbound exchange. */
export function createWebhooks(options: Omit<HubSetup, 'record'> & { traffic?: TrafficStore }): WebhookHub {
  const { traffic } = options;
  const record: RecordExchange | undefined =
    traffic &&
    ((raw, info, answerBytes) => {
      const captured = captureExchange(raw);
      // The receiver's answer was cut at RECEIVER_BODY_LIMIT, not the capture limit: say so with its real size.
      const responseBody = raw.responseBody === undefined ? undefined : captureBody(raw.responseBody, RECEIVER_BODY_LIMIT, answerBytes);
      // The receiver is the ERP, not OTO: its error body carries no OTO code.
      return traffic.record({ ...captured, responseBody, endpoint: '', otoCode: undefined, direction: 'outbound', webhook: info }).id;
    });
  return new WebhookHub({ ...options, record });
}
