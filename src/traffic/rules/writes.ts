// Writes OTO cannot make safe for you: it has no idempotency key, and `set` is last-writer-wins.
import { bodyKey } from '../capture';
import { sameJson } from '../bodyIdentity';
import type { TrafficExchange } from '../exchange';
import { clientLabel, requestObject, rule, sameClient, sameToken, succeeded } from './rule';

function actionType(exchange: TrafficExchange): unknown {
  return exchange.endpoint === 'updateStockQuantity' ? requestObject(exchange)?.actionType : undefined;
}

/** Adjusts and inventory orders change stock by an amount: sent twice, they change it twice. */
function isRepeatableHarm(exchange: TrafficExchange): boolean {
  return exchange.method === 'POST' && (exchange.endpoint === 'createInventoryOrder' || actionType(exchange) === 'adjust');
}

/**
 * The same body as `exchange`'s, also when only its spacing or the order of its members differs:
 * the same parsed JSON, or for a body that is not JSON the same text. Keys are made once per body
 * and kept with it, so a bulk import's check compares two numbers per earlier write, and two
 * bodies only when their keys agree.
 */
function sameBodyAs(exchange: TrafficExchange): (earlier: TrafficExchange) => boolean {
  const own = bodyKey(exchange.requestBody);
  if (own === null) {
    return (earlier) => earlier.requestBody.text === exchange.requestBody.text;
  }
  const { json } = exchange.requestBody;
  return (earlier) => bodyKey(earlier.requestBody) === own && sameJson(earlier.requestBody.json, json);
}

/**
 * A 4xx said no, and so did a 2xx with OTO's `success: false` (its error code): that write changed
 * nothing, so sending it again doubles nothing.
 */
function mayHaveApplied(exchange: TrafficExchange): boolean {
  const { status } = exchange;
  return status === undefined || status >= 500 || (status < 400 && (status >= 300 || exchange.otoCode === undefined));
}

export const duplicateWrite = rule(
  'duplicate-write',
  'error',
  (l10n, p) =>
    l10n.t(
      'The same {endpoint} was sent again {seconds} s after #{earlier}: OTO has no idempotency key, so if both arrived the change was applied twice. Resend a write only when it provably never reached OTO; read the stock first.',
      p,
    ),
  (history, exchange, options) => {
    if (!isRepeatableHarm(exchange)) {
      return [];
    }
    const since = exchange.startedAt - options.duplicateWindowSeconds * 1000;
    const sameBody = sameBodyAs(exchange);
    for (let i = history.length - 1; i >= 0 && history[i].startedAt >= since; i--) {
      const earlier = history[i];
      if (earlier.endpoint === exchange.endpoint && sameToken(earlier, exchange) && mayHaveApplied(earlier) && sameBody(earlier)) {
        const seconds = ((exchange.startedAt - earlier.startedAt) / 1000).toFixed(1);
        return [{ params: { endpoint: exchange.endpoint, seconds, earlier: earlier.id }, related: [earlier.id] }];
      }
    }
    return [];
  },
);

function target(exchange: TrafficExchange): { sku: string; location: string } | undefined {
  const body = requestObject(exchange);
  return body && typeof body.sku === 'string' && typeof body.locationCode === 'string' ? { sku: body.sku, location: body.locationCode } : undefined;
}

/** What a successful set set. */
function setTarget(exchange: TrafficExchange): { sku: string; location: string } | undefined {
  return actionType(exchange) === 'set' && succeeded(exchange) ? target(exchange) : undefined;
}

/** A successful set of that stock: the client knew the quantity from then on, as after a read. */
function setsStockOf(exchange: TrafficExchange, sku: string, location: string): boolean {
  const set = setTarget(exchange);
  return set !== undefined && set.sku === sku && set.location === location;
}

function readsStockOf(exchange: TrafficExchange, sku: string, location: string): boolean {
  if (exchange.endpoint !== 'checkInventoryStock' || !succeeded(exchange)) {
    return false;
  }
  const filter = exchange.query.pickupLocationCode;
  return (filter === undefined || filter === location) && (exchange.query.sku ?? '').split(',').includes(sku);
}

export const setOverwroteChange = rule(
  'set-overwrote-change',
  'warning',
  (l10n, p) =>
    l10n.t(
      'This set of {sku} at {location} replaced a quantity that {other} changed (#{earlier}) after this client last read it: that change is lost. Read the stock right before a set, or send an adjust.',
      p,
    ),
  (history, exchange) => {
    const set = setTarget(exchange);
    if (!set) {
      return [];
    }
    for (let i = history.length - 1; i >= 0; i--) {
      const earlier = history[i];
      if (sameClient(earlier, exchange)) {
        // Its own earlier set already replaced (and reported) what others changed before it.
        if (readsStockOf(earlier, set.sku, set.location) || setsStockOf(earlier, set.sku, set.location)) {
          return [];
        }
        continue;
      }
      const changed = earlier.endpoint === 'updateStockQuantity' && succeeded(earlier) ? target(earlier) : undefined;
      if (changed && changed.sku === set.sku && changed.location === set.location) {
        return [{ params: { sku: set.sku, location: set.location, other: clientLabel(earlier), earlier: earlier.id }, related: [earlier.id] }];
      }
    }
    return [];
  },
);
