// How a client handles its access token: refreshing too often, or not after a 401.
import type { TrafficExchange } from '../exchange';
import { findBack, rule, sameClient } from './rule';

const CHURN_WINDOW_MS = 10 * 60 * 1000;
const CHURN_LIMIT = 5;

const isRefresh = (exchange: TrafficExchange): boolean => exchange.endpoint === 'refreshToken';

export const tokenChurn = rule(
  'token-churn',
  'warning',
  (l10n, p) =>
    l10n.pluralOfMany(
      Number(p.count),
      '{0} token refreshes in 10 minutes: access tokens last an hour (expires_in). Keep the access token and refresh it shortly before it expires or after a 401.',
    ),
  (history, exchange) => {
    if (!isRefresh(exchange)) {
      return [];
    }
    const since = exchange.startedAt - CHURN_WINDOW_MS;
    const earlier: number[] = [];
    for (let i = history.length - 1; i >= 0 && history[i].startedAt >= since; i--) {
      if (isRefresh(history[i]) && sameClient(history[i], exchange)) {
        earlier.push(history[i].id);
      }
    }
    return earlier.length + 1 > CHURN_LIMIT ? [{ params: { count: earlier.length + 1 }, related: earlier.slice(0, CHURN_LIMIT) }] : [];
  },
);

export const expiredTokenReused = rule(
  'expired-token-reused',
  'warning',
  (l10n, p) =>
    l10n.t(
      'The same access token was sent again after a 401 (#{earlier}) without a refresh: it will keep failing. On a 401, call refreshToken once, then retry once with the new token.',
      p,
    ),
  (history, exchange) => {
    if (exchange.status !== 401 || isRefresh(exchange)) {
      return [];
    }
    // Read only for a 401: the headers are captured when first read (traffic/capture.ts).
    const token = exchange.requestHeaders.authorization;
    if (token === undefined) {
      return [];
    }
    // Its last call answered before this one left: calls in flight together when the token
    // expired are all refused, and none of them repeats a 401 the client had seen.
    const previous = findBack(
      history,
      () => true,
      (candidate) => candidate.startedAt + candidate.durationMs <= exchange.startedAt && sameClient(candidate, exchange),
    );
    const repeated = previous && previous.status === 401 && !isRefresh(previous) && previous.requestHeaders.authorization === token;
    return repeated ? [{ params: { earlier: previous.id }, related: [previous.id] }] : [];
  },
);
