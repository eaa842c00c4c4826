// qty-not-integer: OTO takes a quantity as a whole number or a string of digits, nothing else.
import { looseInteger } from '../../oto';
import { orderItems, quote, requestObject, rule } from './rule';

export const qtyNotInteger = rule(
  'qty-not-integer',
  'error',
  (l10n, p) =>
    l10n.t(
      '{field} is {value}, not an integer: OTO answers OTO1132 "Quantity is missing or invalid" and changes nothing. Send a whole number, e.g. 40 or "40".',
      p,
    ),
  (_history, exchange) => {
    const body = exchange.method === 'POST' ? requestObject(exchange) : undefined;
    if (!body) {
      return [];
    }
    const quantities =
      exchange.endpoint === 'updateStockQuantity'
        ? [{ field: 'qty', value: body.qty }]
        : exchange.endpoint === 'createInventoryOrder'
          ? orderItems(body).map(({ index, item }) => ({ field: `items[${index}].qty`, value: item.qty }))
          : [];
    return quantities.filter(({ value }) => value !== undefined && looseInteger(value) === undefined).map(({ field, value }) => ({ params: { field, value: quote(value) } }));
  },
);
