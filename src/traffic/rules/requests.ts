// What is wrong with a request on its own: its URL, its SKUs, its headers, its body's keys.
import { repeatedKeys } from '../../common/json/repeatedKeys';
import type { TrafficExchange } from '../exchange';
import { repeatedQueryNames } from '../../oto';
import { orderItems, requestObject, rule } from './rule';

const MAX_URL_LENGTH = 2048;

/** The request target's length; the query map's when the server did not keep the target. */
function urlLength(exchange: TrafficExchange): number {
  return (exchange.target ?? `${exchange.path}?${new URLSearchParams(exchange.query as Record<string, string>).toString()}`).length;
}

export const urlTooLong = rule(
  'url-too-long',
  'warning',
  (l10n, p) =>
    l10n.pluralOfMany(
      Number(p.length),
      'The request URL is {0} characters, over 2,048: OTO (or a proxy on the way) may refuse or cut it. Split long SKU lists over several requests.',
    ),
  (_history, exchange) => {
    const length = urlLength(exchange);
    return length > MAX_URL_LENGTH ? [{ params: { length } }] : [];
  },
);

/**
 * SKUs with a comma in a write's body. A query's SKU list is not checked: `sku=A%2CB` is how
 * URLSearchParams, Python's urlencode, axios and requests write the list `A,B`, and OTO reads it
 * as two SKUs, which is what the client meant. A SKU with a comma in it cannot be asked for in a
 * query at all, so a query never shows one.
 */
function skusWithComma(exchange: TrafficExchange): string[] {
  const body = exchange.method === 'POST' ? requestObject(exchange) : undefined;
  const skus =
    exchange.endpoint === 'updateStockQuantity' && body
      ? [body.sku]
      : exchange.endpoint === 'createInventoryOrder' && body
        ? orderItems(body).map(({ item }) => item.sku)
        : [];
  return skus.filter((sku): sku is string => typeof sku === 'string' && sku.includes(','));
}

export const skuComma = rule(
  'sku-comma',
  'error',
  (l10n, p) =>
    l10n.t(
      'SKU "{sku}" contains a comma: OTO splits SKU lists on commas, so it reads this SKU as several and can never look it up. Use SKUs without commas.',
      p,
    ),
  (_history, exchange) => skusWithComma(exchange).map((sku) => ({ params: { sku: sku.length > 80 ? `${sku.slice(0, 77)}…` : sku } })),
);

/** The query of the target as sent (the parsed `query` keeps one value per name, so it cannot show a repeat). */
function queryOfTarget(exchange: TrafficExchange): string {
  const target = exchange.target ?? '';
  const mark = target.indexOf('?');
  return mark < 0 ? '' : target.slice(mark + 1).split('#', 1)[0];
}

export const repeatedQueryParameter = rule(
  'repeated-query-parameter',
  'error',
  (l10n, p) =>
    l10n.t(
      'The query gives "{name}" more than once: OTO takes one value per parameter, and which one it would read is not documented. Send a SKU list as one value, sku=A,B.',
      p,
    ),
  (_history, exchange) => repeatedQueryNames(queryOfTarget(exchange)).map((name) => ({ params: { name: name.length > 80 ? `${name.slice(0, 77)}…` : name } })),
);

export const repeatedJsonKey = rule(
  'repeated-json-key',
  'error',
  (l10n, p) =>
    l10n.t(
      'The body gives "{name}" more than once in one object: the sandbox, like most JSON readers, takes the last value, but which one OTO reads, or whether it refuses the body, is not documented. Send each key once.',
      p,
    ),
  (_history, exchange) => {
    const { text, truncated } = exchange.requestBody;
    // Only a body that parsed as JSON, whole: a cut one's last object may be cut mid-key.
    return exchange.method === 'POST' && !truncated && requestObject(exchange) !== undefined
      ? repeatedKeys(text, 5).map((name) => ({ params: { name: name.length > 80 ? `${name.slice(0, 77)}…` : name } }))
      : [];
  },
);

export const noContentType = rule(
  'no-content-type',
  'info',
  (l10n, p) =>
    l10n.t(
      'POST without Content-Type: application/json (sent: {contentType}): OTO may not read the body as JSON. Send the header with every POST.',
      p,
    ),
  (_history, exchange) => {
    if (exchange.method !== 'POST') {
      return [];
    }
    // Read only for a POST: the headers are captured when first read (traffic/capture.ts).
    const contentType = exchange.requestHeaders['content-type'];
    if (contentType !== undefined && /^\s*application\/json\b/i.test(contentType)) {
      return [];
    }
    return [{ params: { contentType: contentType === undefined ? '—' : contentType.slice(0, 60) } }];
  },
);
