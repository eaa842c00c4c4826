// OTO's limits: what a quantity may be, how long a URL may grow, how a SKU list is written.

/** OTO stores quantities as 32-bit integers: a quantity, or a figure a change leads to, beyond this either way is refused. */
export const MAX_QUANTITY = 2_147_483_647;

export function inQuantityRange(value: number): boolean {
  return Number.isSafeInteger(value) && Math.abs(value) <= MAX_QUANTITY;
}

/**
 * An integer as OTO reads one: a JSON number or a string of digits (`"40"`; `"40.75"` is not one),
 * within MAX_QUANTITY either way; undefined otherwise.
 */
export function looseInteger(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[-+]?\d{1,15}\s*$/.test(value) ? Number(value) : undefined;
  return number !== undefined && inQuantityRange(number) ? number : undefined;
}

/** What proxies and servers reliably accept as a URL (host included): long SKU lists are split to fit. */
export const MAX_URL_LENGTH = 2048;

/** `?sku=A,B`: OTO splits the list on commas, so a SKU cannot carry one. */
export const SKU_SEPARATOR = ',';

/** The SKUs of a `sku` query value as OTO reads it: split on commas, empty items dropped, duplicates once. */
export function splitSkuList(value: string): string[] {
  return [...new Set(value.split(SKU_SEPARATOR).filter((sku) => sku !== ''))];
}

/**
 * The parameter names a query gives more than once (`?sku=A&sku=B` → `['sku']`), decoded as a
 * server decodes them. OTO documents one value per parameter and a SKU list as one comma-separated
 * value (`sku=A,B`); it does not say what it does with a repeated one, and common servers keep
 * the first, the last or join them: so a repeat is refused by the sandbox and an error to the lint.
 */
export function repeatedQueryNames(search: string): string[] {
  // One parameter cannot repeat: the lint asks this of every request, and most have one or none.
  if (!search.includes('&')) {
    return [];
  }
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') {
      continue;
    }
    const equals = part.indexOf('=');
    const raw = (equals < 0 ? part : part.slice(0, equals)).replace(/\+/g, ' ');
    let name = raw;
    try {
      name = decodeURIComponent(raw);
    } catch {
      // A malformed escape stays as written, as URLSearchParams leaves it.
    }
    (seen.has(name) ? repeated : seen).add(name);
  }
  return [...repeated];
}
