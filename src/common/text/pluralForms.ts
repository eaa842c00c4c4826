// Choosing a counted message's form by the CLDR plural rules of a language (`Intl.PluralRules`):
// English has one/other, Arabic zero/one/two/few/many/other. No imports, so the webview pages
// use it too: the host sends them the forms (`plural.ts`), the page picks one per count.

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/** A counted message's templates per category (`{0}` is the count; `other` is always there), and
 * the language whose rules pick among them: the one they are written in. */
export interface PluralForms {
  readonly language: string;
  readonly forms: Partial<Record<PluralCategory, string>> & { readonly other: string };
}

// One per language: a page picks a form per card, and making the rules is what costs (500 cards).
const made = new Map<string, Intl.PluralRules>();

function rules(language: string): Intl.PluralRules {
  let found = made.get(language);
  if (!found) {
    try {
      found = new Intl.PluralRules(language || undefined);
    } catch {
      // An unknown tag (RangeError) falls back to the runtime's default locale.
      found = new Intl.PluralRules(undefined);
    }
    // Languages come from VS Code and the host; a page sees one or two.
    if (made.size < 16) {
      made.set(language, found);
    }
  }
  return found;
}

/** The categories a language tells apart, e.g. `one`, `other` in English. */
export function pluralCategories(language: string): PluralCategory[] {
  const known = rules(language).resolvedOptions().pluralCategories as string[];
  return PLURAL_CATEGORIES.filter((category) => known.includes(category));
}

/** The category of a count in a language: 2 is `two` in Arabic, `other` in English. */
export function pluralCategory(count: number, language: string): PluralCategory {
  return rules(language).select(count);
}

/** The template for a count; a category the forms lack gets the `other` form. */
export function pickForm({ language, forms }: PluralForms, count: number): string {
  return forms[pluralCategory(count, language)] ?? forms.other;
}

/** A page's check of forms the host sent: known categories only, each a string of at most `maxLength`. */
export function isPluralForms(value: unknown, maxLength = 1000): value is PluralForms {
  const isRecord = (candidate: unknown): candidate is Record<string, unknown> => typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate);
  if (!isRecord(value) || !isRecord(value.forms) || typeof value.language !== 'string' || value.language.length > 40) {
    return false;
  }
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    typeof value.forms.other === 'string' &&
    Object.entries(value.forms).every(([key, text]) => (PLURAL_CATEGORIES as readonly string[]).includes(key) && typeof text === 'string' && text.length <= maxLength)
  );
}
