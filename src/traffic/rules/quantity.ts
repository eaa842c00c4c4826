// qty-not-integer: OTO takes a quantity as a whole number or a string of digits within its range,
// other than 0 for an adjustment and not below 0 for a set; it refuses anything else with OTO1132.
import { looseInteger } from '../../oto';
import { orderItems, quote, requestObject, rule, type Params } from './rule';

/** Why a quantity is refused: not a whole number, beyond ±MAX_QUANTITY, an adjustment by 0, a set below 0. */
type Problem = 'type' | 'range' | 'zero' | 'negative';

export const qtyNotInteger = rule(
  'qty-not-integer',
  'error',
  (l10n, p) => {
    switch (p.problem) {
      case 'range':
        return l10n.t('{field} is {value}, beyond ±2,147,483,647: OTO answers OTO1132 "Quantity is missing or invalid" and changes nothing. Send a whole number within that range.', p);
      case 'zero':
        return l10n.t('{field} is {value}: an adjustment by zero changes nothing, and OTO answers OTO1132 "Quantity is missing or invalid". Send a quantity other than 0, or no call.', p);
      case 'negative':
        return l10n.t('{field} is {value}: stock cannot be set below zero, and OTO answers OTO1132 "Quantity is missing or invalid". To take stock away, adjust by a negative quantity.', p);
      default:
        return l10n.t('{field} is {value}, not an integer: OTO answers OTO1132 "Quantity is missing or invalid" and changes nothing. Send a whole number, e.g. 40 or "40".', p);
    }
  },
  (_history, exchange) => {
    const body = exchange.method === 'POST' ? requestObject(exchange) : undefined;
    if (!body) {
      return [];
    }
    if (exchange.endpoint === 'updateStockQuantity') {
      const problem = problemOf(body.qty, body.actionType);
      // A number past 2^53 is read rounded (9007199254740993 as …992), -0 as 0: quote what was sent.
      const value = typeof body.qty === 'number' && (!Number.isSafeInteger(body.qty) || Object.is(body.qty, -0)) ? (sentNumber(exchange.requestBody.text, 'qty') ?? quote(body.qty)) : quote(body.qty);
      return problem ? [{ params: { field: 'qty', value, problem } satisfies Params }] : [];
    }
    if (exchange.endpoint === 'createInventoryOrder') {
      return orderItems(body).flatMap(({ index, item }) => {
        const problem = problemOf(item.qty, undefined);
        return problem ? [{ params: { field: `items[${index}].qty`, value: quote(item.qty), problem } }] : [];
      });
    }
    return [];
  },
);

function problemOf(value: unknown, actionType: unknown): Problem | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = looseInteger(value);
  if (parsed === undefined) {
    const whole = typeof value === 'number' ? Number.isInteger(value) : typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value);
    return whole ? 'range' : 'type';
  }
  return actionType === 'adjust' && parsed === 0 ? 'zero' : actionType === 'set' && parsed < 0 ? 'negative' : undefined;
}

/** The last literal of a number field as the body's text has it (JSON takes a repeated key's last). */
function sentNumber(text: string, field: string): string | undefined {
  const literals = [...text.matchAll(new RegExp(`"${field}"\\s*:\\s*(-?\\d[\\d.eE+-]*)`, 'g'))];
  const literal = literals.at(-1)?.[1];
  return literal === undefined || literal.length <= 60 ? literal : `${literal.slice(0, 57)}…`;
}
