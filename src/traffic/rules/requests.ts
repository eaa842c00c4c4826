// What is wrong with a request on its own: its URL, its SKUs, its headers.
import type { TrafficExchange } from '../exchange';
import { orderItems, requestObject, rule } from './rule';

const MAX_URL_LENGTH = 2048;

/** The request target's length; the query map's when the server did not keep the target. */
function urlLength(exchange: TrafficExchange): number {
  return (exchange.target ?? `${exchange.path}?${new URLSearchParams(exchange.query as Record<string, string>).toString()}`).length;
}

export const urlTooLong = rule(
  'url-too-long',
  'warning',
  (p) => `The request URL is ${p.length} characters, over 2,048: OTO (or a proxy on the way) may refuse or cut it. Split long SKU lists over several requests.`,
  (_history, exchange) => {
    const length = urlLength(exchange);
    return length > MAX_URL_LENGTH ? [{ params: { length } }] : [];
  },
);

/** SKUs of a query list whose own text holds a comma: sent percent-encoded (`%2C`) inside one item. */
function encodedCommaSkus(exchange: TrafficExchange): string[] {
  if (exchange.target === undefined || !/%2c/i.test(exchange.target)) {
    return [];
  }
  const query = exchange.target.slice(exchange.target.indexOf('?') + 1);
  const raw = query.split('&').find((pair) => pair.startsWith('sku='));
  return (raw?.slice(4).split(',') ?? []).filter((item) => /%2c/i.test(item)).map((item) => safeDecode(item));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function skusWithComma(exchange: TrafficExchange): string[] {
  if (exchange.method !== 'POST') {
    return encodedCommaSkus(exchange);
  }
  const body = requestObject(exchange);
  const fromBody =
    exchange.endpoint === 'updateStockQuantity' && body
      ? [body.sku]
      : exchange.endpoint === 'createInventoryOrder' && body
        ? orderItems(body).map(({ item }) => item.sku)
        : [];
  return [...fromBody.filter((sku): sku is string => typeof sku === 'string' && sku.includes(',')), ...encodedCommaSkus(exchange)];
}

export const skuComma = rule(
  'sku-comma',
  'error',
  (p) => `SKU "${p.sku}" contains a comma: OTO splits SKU lists on commas, so it reads this SKU as several and can never look it up. Use SKUs without commas.`,
  (_history, exchange) => skusWithComma(exchange).map((sku) => ({ params: { sku: sku.length > 80 ? `${sku.slice(0, 77)}…` : sku } })),
);

export const noContentType = rule(
  'no-content-type',
  'info',
  (p) => `POST without Content-Type: application/json (sent: ${p.contentType}): OTO may not read the body as JSON. Send the header with every POST.`,
  (_history, exchange) => {
    const contentType = exchange.requestHeaders['content-type'];
    if (exchange.method !== 'POST' || (contentType !== undefined && /^\s*application\/json\b/i.test(contentType))) {
      return [];
    }
    return [{ params: { contentType: contentType === undefined ? '—' : contentType.slice(0, 60) } }];
  },
);
