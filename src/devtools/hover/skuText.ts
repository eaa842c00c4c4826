// Finding SKU candidates in source text. Candidates are deliberately liberal (any quoted string,
// any word-like token); only those in the catalogue count, so false positives cost nothing.

export interface TextToken {
  readonly text: string;
  /** Offsets within the line, `end` exclusive. */
  readonly start: number;
  readonly end: number;
}

/** Characters of an unquoted SKU: letters and digits of any script, and the usual separators. */
const WORD_CHAR = /[\p{L}\p{N}_\-./#]/u;
const WORD = /[\p{L}\p{N}_\-./#]+/gu;
const QUOTED = /"((?:[^"\\\r\n]|\\.)*)"|'((?:[^'\\\r\n]|\\.)*)'|`([^`\r\n$]*)`/g;
const MAX_SKU_LENGTH = 200;

function trimEdges(token: TextToken): TextToken | undefined {
  // Trailing dots and slashes are sentence or path punctuation, not part of a SKU.
  const match = /^[./#-]*(.*?)[./#-]*$/u.exec(token.text);
  const text = match?.[1] ?? '';
  if (text === '') {
    return undefined;
  }
  const start = token.start + token.text.indexOf(text);
  return { text, start, end: start + text.length };
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

/** The quoted string, or failing that the word, under `character` on this line. */
export function tokenAt(line: string, character: number): TextToken | undefined {
  for (const match of line.matchAll(QUOTED)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (character >= start && character < end) {
      const raw = match[1] ?? match[2] ?? match[3] ?? '';
      const text = unescape(raw);
      return text === '' || text.length > MAX_SKU_LENGTH ? undefined : { text, start: start + 1, end: end - 1 };
    }
  }
  let start = character;
  while (start > 0 && WORD_CHAR.test(line[start - 1] ?? '')) {
    start--;
  }
  let end = character;
  while (end < line.length && WORD_CHAR.test(line[end] ?? '')) {
    end++;
  }
  return end > start ? trimEdges({ text: line.slice(start, end), start, end }) : undefined;
}

/** Every distinct SKU-looking string of the text, in first-seen order, at most `limit`. */
export function skuCandidates(text: string, limit = 10_000): string[] {
  const found = new Set<string>();
  const add = (candidate: string): void => {
    const trimmed = candidate.trim();
    if (trimmed !== '' && trimmed.length <= MAX_SKU_LENGTH && found.size < limit) {
      found.add(trimmed);
    }
  };
  for (const match of text.matchAll(QUOTED)) {
    add(unescape(match[1] ?? match[2] ?? match[3] ?? ''));
  }
  for (const match of text.matchAll(WORD)) {
    const token = trimEdges({ text: match[0], start: 0, end: match[0].length });
    if (token) {
      add(token.text);
    }
  }
  return [...found];
}

/**
 * Whether a string is shaped like a SKU (`AJW-DATES-500`, `NOT-IN-CATALOGUE`, `تمر-١٠`): capitals
 * (or letters of a script without case) and digits in hyphen-joined parts. Only such strings are reported as "not in the catalogue"; ordinary words
 * and identifiers under the mouse stay silent.
 */
export function looksLikeSku(text: string): boolean {
  return text.length <= 64 && /^[\p{Lu}\p{Lo}\p{N}]+(?:-[\p{Lu}\p{Lo}\p{N}]+)+$/u.test(text) && /[\p{Lu}\p{Lo}]/u.test(text);
}

/** Keys whose values are (or may be) SKUs: `sku`, `productSku`, `itemCode`, `variant`, `ean`… */
const SKU_KEY = /sku|product|item|article|variant|part|barcode|ean|upc|gtin|isbn/i;
/** `key: value`, `"key": "value"`, `key = value`, `'key' => 'value'`. */
const KEYED = /(["'`]?)([\p{L}_$][\p{L}\p{N}_$-]*)\1\s*(?::|=>?)\s*(?:"((?:[^"\\\r\n]|\\.)*)"|'((?:[^'\\\r\n]|\\.)*)'|([\p{L}\p{N}_\-./#]+))/gu;
/** The same, ending where a value starts. */
const KEY_BEFORE = /(["'`]?)([\p{L}_$][\p{L}\p{N}_$-]*)\1\s*(?::|=>?)\s*["'`]?$/u;

/**
 * The strings the text puts only under keys that do not name SKUs (`"orderId": "ERP-10023"`,
 * `"warehouseCode": "RUH-WH1"`): SKU-shaped, but not to be reported as SKUs OTO lacks.
 */
export function valuesOfOtherKeys(text: string): Set<string> {
  const other = new Set<string>();
  const underSkuKey = new Set<string>();
  for (const match of text.matchAll(KEYED)) {
    const value = (match[3] !== undefined ? unescape(match[3]) : match[4] !== undefined ? unescape(match[4]) : (match[5] ?? '')).trim();
    (SKU_KEY.test(match[2]) ? underSkuKey : other).add(value);
  }
  for (const value of underSkuKey) {
    other.delete(value);
  }
  return other;
}

/** Whether the token at `start` of the line is the value of a key that does not name SKUs. */
export function isValueOfOtherKey(line: string, start: number): boolean {
  const key = KEY_BEFORE.exec(line.slice(0, start))?.[2];
  return key !== undefined && !SKU_KEY.test(key);
}

/** What a selection asks about: the catalogue SKUs to show, and the SKU-shaped strings OTO does not know. */
export interface SkuSelection {
  readonly skus: string[];
  readonly notInCatalogue: string[];
}

/**
 * Resolves the candidates of a selection (or the token at the cursor) against the catalogue. Only
 * when they hold nothing SKU-like at all does it fall back to the whole file, so a selection of an
 * unknown SKU is reported as such rather than answered with the file's other SKUs.
 */
export function resolveSkuSelection(
  candidates: readonly string[],
  fileCandidates: () => readonly string[],
  inCatalogue: (sku: string) => boolean,
  /** Known not to be a SKU (a location code, an order id under its key): never reported missing. */
  notSku: (text: string) => boolean = () => false,
): SkuSelection {
  const distinct = [...new Set(candidates)];
  const skus = distinct.filter(inCatalogue);
  const notInCatalogue = distinct.filter((candidate) => !inCatalogue(candidate) && looksLikeSku(candidate) && !notSku(candidate));
  if (skus.length > 0 || notInCatalogue.length > 0) {
    return { skus, notInCatalogue };
  }
  return { skus: [...new Set(fileCandidates())].filter(inCatalogue), notInCatalogue: [] };
}
