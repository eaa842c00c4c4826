// date-format: createInventoryOrder's dates are DD/MM/YYYY; anything else is dropped with a warning.
import { isValidDdMmYyyy } from '../../oto';
import { quote, requestObject, rule } from './rule';

/** What the value probably meant, written DD/MM/YYYY (`2024-03-31` → `31/03/2024`). */
function suggestion(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text);
  const [day, month, year] = iso ? [iso[3], iso[2], iso[1]] : (/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text)?.slice(1) ?? []);
  if (day !== undefined && isValidDdMmYyyy(`${day.padStart(2, '0')}/${month.padStart(2, '0')}/${year}`)) {
    return `${day.padStart(2, '0')}/${month.padStart(2, '0')}/${year}`;
  }
  return '31/03/2024';
}

export const dateFormat = rule(
  'date-format',
  'warning',
  (l10n, p) =>
    l10n.t(
      '{field} is {value}, not a real DD/MM/YYYY date: OTO creates the order but drops the date, saying so only in a warning. Send "{example}".',
      p,
    ),
  (_history, exchange) => {
    const body = exchange.endpoint === 'createInventoryOrder' ? requestObject(exchange) : undefined;
    if (!body) {
      return [];
    }
    return (['orderDate', 'deliveryDate'] as const)
      .filter((field) => body[field] !== undefined && !(typeof body[field] === 'string' && isValidDdMmYyyy(body[field])))
      .map((field) => ({ params: { field, value: quote(body[field]), example: suggestion(body[field]) } }));
  },
);
