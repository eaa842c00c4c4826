// retry-after-ignored: a client told to wait (429/503, or OTO's rate-limit codes, with Retry-After) comes back to the same
// endpoint sooner. What the answer asked to wait for is that endpoint: a call elsewhere in the
// meantime (reading stock while an adjust waits out its 429) is no retry.
import { retryAfterMs } from '../../client/wire/retryAfter';
import { RATE_LIMIT_CODES } from '../../oto';
import type { TrafficExchange } from '../exchange';
import { rule, sameClient } from './rule';

/** How many exchanges back the client's previous answer is looked for. */
const LOOK_BACK = 256;

/** An answer that asked the client to back off: its Retry-After is a wait; on any other it asks nothing. */
function askedToBackOff(exchange: TrafficExchange): boolean {
  return exchange.status === 429 || exchange.status === 503 || (exchange.otoCode !== undefined && RATE_LIMIT_CODES.includes(exchange.otoCode));
}

/** The wait an answer asked for, counted from when it was sent; none when it did not ask to back off. */
function askedWaitMs(exchange: TrafficExchange): number | undefined {
  return askedToBackOff(exchange) ? retryAfterMs(exchange.responseHeaders?.['retry-after'], exchange.startedAt + exchange.durationMs) : undefined;
}

export const retryAfterIgnored = rule(
  'retry-after-ignored',
  'warning',
  (l10n, p) =>
    l10n.t(
      'Sent {seconds} s after a {status} (#{earlier}) that asked to wait {retryAfter} s: a client that does not back off keeps being refused. Wait at least Retry-After before retrying.',
      p,
    ),
  (history, exchange) => {
    // The client's latest exchange with this endpoint answered before this one started: what it
    // knew when sending. This rule runs on every request, so it looks back a bounded way.
    let last: TrafficExchange | undefined;
    for (let i = history.length - 1; i >= Math.max(0, history.length - LOOK_BACK); i--) {
      const candidate = history[i];
      // The time first: under concurrent load it is what rules most candidates out, and it is the cheapest.
      if (candidate.startedAt + candidate.durationMs <= exchange.startedAt && candidate.endpoint === exchange.endpoint && sameClient(candidate, exchange)) {
        last = candidate;
        break;
      }
    }
    const wait = last && askedWaitMs(last);
    if (!last || wait === undefined) {
      return [];
    }
    const answeredAt = last.startedAt + last.durationMs;
    if (exchange.startedAt - answeredAt >= wait) {
      return [];
    }
    const seconds = ((exchange.startedAt - answeredAt) / 1000).toFixed(1);
    return [{ params: { seconds, status: last.status ?? 0, earlier: last.id, retryAfter: Math.round(wait / 100) / 10 }, related: [last.id] }];
  },
);
