// What the sandbox learns about an ERP's webhook receiver from how it answered the deliveries it
// sent: rules the traffic store runs beside the contract lint (outbound exchanges get only these).
// In the traffic core, not the sandbox, so the Sandbox Traffic view words their findings in the
// user's language (workbench/findingText.ts) as it does the contract rules'.
import { isWebhookType, signedField } from '../oto/webhooks';
import type { TrafficExchange } from './exchange';
import { rule, type Rule } from './rules/rule';

/** A receiver answering later than this is reported (OTO gives it 10 s in all). */
export const SLOW_RECEIVER_MS = 5000;
/** How far back a write the ERP made for a duplicated delivery is looked for. */
const DUPLICATE_WINDOW_MS = 60_000;
const WRITES = new Set(['updateStockQuantity', 'createInventoryOrder', 'updatePackingStatus']);

function delivered(exchange: TrafficExchange): boolean {
  return exchange.direction === 'outbound' && exchange.webhook?.sent === true;
}

function acknowledged(exchange: TrafficExchange): boolean {
  return exchange.status !== undefined && exchange.status >= 200 && exchange.status < 300 && exchange.webhook?.error === undefined;
}

/**
 * A delivery signed wrong or stamped a day old on purpose, refused with a 4xx: the right answer
 * (a 2xx to it is the finding, webhook-bad-signature-accepted or webhook-stale-accepted).
 */
function refusedRightly(exchange: TrafficExchange): boolean {
  const spoiled = exchange.webhook?.signature === 'wrong' || exchange.webhook?.stale === true;
  return spoiled && exchange.webhook?.error === undefined && exchange.status !== undefined && exchange.status >= 400 && exchange.status < 500;
}

function what(exchange: TrafficExchange): { type: string; orderId: string; event: string } {
  const hook = exchange.webhook;
  return { type: hook?.type ?? '', orderId: hook?.orderId ?? '', event: hook?.event ?? '' };
}

export const webhookNotAcknowledged = rule(
  'webhook-not-acknowledged',
  'warning',
  (l10n, p) =>
    l10n.t(
      'The receiver did not acknowledge {type} {event} for order {orderId} ({answer}). OTO documents no retry: answer 2xx as soon as the event is stored, and do the work afterwards.',
      p,
    ),
  (_history, exchange) =>
    delivered(exchange) && !acknowledged(exchange) && !refusedRightly(exchange)
      ? [{ params: { ...what(exchange), answer: exchange.webhook?.error ?? `HTTP ${exchange.status}` } }]
      : [],
);

export const webhookSlow = rule(
  'webhook-slow',
  'warning',
  (l10n, p) =>
    l10n.t(
      'The receiver took {seconds} s to answer {type} for order {orderId}; OTO gives up after 10 s. Store the event, answer 2xx, then process it.',
      p,
    ),
  (_history, exchange) =>
    delivered(exchange) && exchange.status !== undefined && exchange.webhook?.error === undefined && exchange.durationMs > SLOW_RECEIVER_MS
      ? [{ params: { ...what(exchange), seconds: (exchange.durationMs / 1000).toFixed(1) } }]
      : [],
);

export const webhookBadSignatureAccepted = rule(
  'webhook-bad-signature-accepted',
  'error',
  (l10n, p) =>
    l10n.t(
      'The receiver accepted {type} for order {orderId} although the sandbox signed it with the wrong secret: anyone can send it events. Recompute Base64(HMAC-SHA256(secretKey, "orderId:{field}:timestamp")) and refuse a mismatch.',
      p,
    ),
  (_history, exchange) =>
    delivered(exchange) && exchange.webhook?.signature === 'wrong' && acknowledged(exchange)
      ? [{ params: { ...what(exchange), field: exchange.webhook.signedField ?? (isWebhookType(exchange.webhook.type) ? signedField(exchange.webhook.type) : 'status') } }]
      : [],
);

export const webhookStaleAccepted = rule(
  'webhook-stale-accepted',
  'warning',
  (l10n, p) =>
    l10n.t(
      'The receiver accepted {type} for order {orderId} with a timestamp a day old: a captured delivery can be replayed to it. Refuse timestamps older than a few minutes.',
      p,
    ),
  (_history, exchange) => (delivered(exchange) && exchange.webhook?.stale === true && acknowledged(exchange) ? [{ params: what(exchange) }] : []),
);

function sameWrite(a: TrafficExchange, b: TrafficExchange): boolean {
  return a.direction !== 'outbound' && a.endpoint === b.endpoint && a.method === b.method && a.requestBody.text === b.requestBody.text;
}

function isWrite(exchange: TrafficExchange): boolean {
  return exchange.direction !== 'outbound' && exchange.method === 'POST' && WRITES.has(exchange.endpoint) && (exchange.status === undefined || exchange.status < 400);
}

/**
 * The ERP applied one event twice: two identical writes, one after each copy of a duplicated
 * delivery. Checked when the later of the second write and the second copy is recorded (which of
 * them comes first depends on whether the receiver writes before or after it answers).
 */
/** What the rules ask the sandbox's deliveries, whose exchanges are recorded only once answered. */
export interface DeliveryLog {
  /** When the last duplicate copy went (epoch ms, 0 for never). */
  lastCopyAt(): number;
  /** Whether a delivery to this webhook started after `from` and at or before `to` (epoch ms), answered or not. */
  startedBetween(webhookId: number, from: number, to: number, except: readonly number[]): boolean;
}

export const duplicateApplied = (log: DeliveryLog): Rule => rule(
  'webhook-duplicate-applied',
  'error',
  (l10n, p) =>
    l10n.t(
      'The same {endpoint} was sent after each copy of a duplicated {type} delivery for order {orderId}: the ERP applied one event twice. Treat a repeat of the same orderId, status and timestamp as one event.',
      p,
    ),
  (history, exchange) => {
    // Most exchanges are neither a write nor a copy, and most runs duplicate nothing: no walk back for them.
    if (exchange.direction === 'outbound' ? exchange.webhook?.copyOf === undefined : !isWrite(exchange) || exchange.startedAt - log.lastCopyAt() > DUPLICATE_WINDOW_MS) {
      return [];
    }
    const since = exchange.startedAt - DUPLICATE_WINDOW_MS;
    const recent: TrafficExchange[] = [];
    for (let i = history.length - 1; i >= 0 && history[i].startedAt >= since; i--) {
      recent.push(history[i]);
    }
    const copies = exchange.direction === 'outbound' ? (exchange.webhook?.copyOf === undefined ? [] : [exchange]) : recent.filter((candidate) => candidate.webhook?.copyOf !== undefined);
    const writes = isWrite(exchange) ? [exchange] : exchange.direction === 'outbound' ? recent.filter(isWrite) : [];
    for (const copy of copies) {
      const first = copy === exchange ? recent.find((candidate) => candidate.id === copy.webhook?.copyOf) : history.find((candidate) => candidate.id === copy.webhook?.copyOf);
      if (!first) {
        continue;
      }
      // The second write belongs to the copy only if no other delivery to that receiver went in between.
      const between = (from: number, to: number): boolean => log.startedBetween(copy.webhook?.webhookId ?? 0, from, to, [copy.startedAt, first.startedAt]);
      for (const second of writes) {
        if (second.startedAt < copy.startedAt || between(copy.startedAt, second.startedAt)) {
          continue;
        }
        const earlier = recent.find((candidate) => candidate !== second && isWrite(candidate) && sameWrite(candidate, second) && candidate.startedAt >= first.startedAt && candidate.startedAt < copy.startedAt);
        if (earlier) {
          if (between(first.startedAt, earlier.startedAt)) {
            continue;
          }
          const related = [second, earlier, first, copy].filter((item) => item !== exchange).map((item) => item.id);
          return [{ params: { endpoint: second.endpoint, ...what(copy) }, related }];
        }
      }
    }
    return [];
  },
);

/** The receiver rules of one sandbox. */
export function webhookRules(log: DeliveryLog): Rule[] {
  return [webhookNotAcknowledged, webhookSlow, webhookBadSignatureAccepted, webhookStaleAccepted, duplicateApplied(log)];
}
