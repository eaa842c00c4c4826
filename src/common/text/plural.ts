// Counted messages in the display language's plural forms. The English forms are the messages
// (`one` for 1, `other` for the rest), so English reads as before; a language with more
// categories finds each extra one in its bundle under the key `<other>/plural: <category>`, the
// key `l10n.t({ message: other, comment: ['plural: few'] })` gives in vscode.l10n and
// @vscode/l10n alike, and falls back to its `other` form. `{0}` is always the count.
// `npm run l10n:check` reads `plural`, `pluralOfMany` and `pluralForms` calls: each category of each
// shipped language must be in its bundle. No `vscode` import: host code and the pure cores both
// use it, through the @vscode/l10n bundle configureLocalisation() hands over.
import * as l10n from '@vscode/l10n';
import { displayLanguage } from './display';
import { pluralCategories, pluralCategory, type PluralCategory, type PluralForms } from './pluralForms';

/** The comment that marks a category's key: `{0} SKUs/plural: few`. */
function pluralComment(category: PluralCategory): string {
  return `plural: ${category}`;
}

/** The translated template of one category, `{0}` left in. */
function template(category: PluralCategory, one: string, other: string): string {
  if (category === 'one') {
    return l10n.t(one);
  }
  const translatedOther = l10n.t(other);
  if (category === 'other') {
    return translatedOther;
  }
  // Untranslated, @vscode/l10n gives the English message back: the translated `other` is closer.
  const found = l10n.t({ message: other, comment: [pluralComment(category)] });
  return found === other ? translatedOther : found;
}

/** The display language's rules where the bundle translates the message, else English's: with the
 * English words (no bundle, as in plain-Node tests) 0 is "0 SKUs" whatever the language's rules say. */
function rulesLanguage(other: string): string {
  return l10n.t(other) === other ? 'en' : displayLanguage();
}

function fill(text: string, args: ReadonlyArray<string | number>): string {
  return text.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/** Every category's template for the display language, for a page that picks by count itself. */
export function pluralForms(one: string, other: string): PluralForms {
  const language = rulesLanguage(other);
  const forms: Partial<Record<PluralCategory, string>> = {};
  for (const category of pluralCategories(language)) {
    forms[category] = template(category, one, other);
  }
  return { language, forms: { ...forms, other: template('other', one, other) } };
}

/** A count shown otherwise than as its digits, e.g. with the language's thousands separators. */
export interface ShownCount {
  readonly count: number;
  readonly shown: string;
}

/** `plural(3, '{0} SKU', '{0} SKUs')`: the count is `{0}`, further values `{1}`, `{2}`… */
export function plural(count: number | ShownCount, one: string, other: string, ...rest: Array<string | number>): string {
  const { count: value, shown } = typeof count === 'number' ? { count, shown: count } : count;
  return fill(template(pluralCategory(value, rulesLanguage(other)), one, other), [shown, ...rest]);
}

/** A count that is never 1 (over a limit, or more than the one case said otherwise): English has
 * one form for it, other languages theirs for 2 and up. */
export function pluralOfMany(count: number, other: string, ...rest: Array<string | number>): string {
  return plural(count, other, other, ...rest);
}
