// Dates, times and numbers as the user's display language writes them (`vscode.env.language`),
// and typed digits read back whatever script they were typed in. No `vscode` import: the caller
// passes the language, or the host sets it once (common/localisation.ts), so this is tested in
// plain Node (English until set).

let language = 'en';

/** Set at activation with `vscode.env.language`, beside the `@vscode/l10n` bundle. */
export function useDisplayLanguage(displayLanguage: string): void {
  language = displayLanguage;
}

/** The display language dates and numbers are written in. */
export function displayLanguage(): string {
  return language;
}

function formatter<T>(make: (locale: string | undefined) => T, language: string): T {
  try {
    return make(language);
  } catch {
    // An unknown tag (RangeError) falls back to the runtime's default locale.
    return make(undefined);
  }
}

/** e.g. `1 Dec 2026, 09:30` in English, `١ ديسمبر ٢٠٢٦، ٩:٣٠ ص` in Arabic. */
export function formatDateTime(epochMs: number, language: string): string {
  return formatter((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }), language).format(epochMs);
}

/** e.g. `15 Dec 2026`: a calendar day, without a time. */
export function formatDay(date: Date, language: string): string {
  return formatter((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }), language).format(date);
}

/** A whole number with the language's thousands separators: `12,500`. */
export function formatNumber(value: number, language: string): string {
  return formatter((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }), language).format(value);
}

/** Figures a number formatter remembers the text of (a tree or a queue repeats the same few quantities). */
const MAX_REMEMBERED_NUMBERS = 1000;

/**
 * `formatNumber` for many figures in one language: one Intl format made once, and each figure's
 * text remembered (up to a bound), so a tree of tens of thousands of rows, or a packing queue's
 * 2,500 quantities, stays quick (each Intl call costs about a microsecond on cold code). The
 * webview pages use it too (`media/common/format.ts`), with Intl's default of 3 decimals.
 */
export function numberFormatter(language: string, maximumFractionDigits = 0): (value: number) => string {
  const format = formatter((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits }), language);
  const texts = new Map<number, string>();
  return (value) => {
    let text = texts.get(value);
    if (text === undefined) {
      text = format.format(value);
      if (texts.size < MAX_REMEMBERED_NUMBERS) {
        texts.set(value, text);
      }
    }
    return text;
  };
}

/** Figures and times in the display language, as the Stock view's tooltip and the SKU hover write them. */
export function displayFormats(language: string): { formatNumber(value: number): string; formatTime(ms: number): string } {
  return { formatNumber: (value) => formatNumber(value, language), formatTime: (ms) => formatDateTime(ms, language) };
}

/** Arabic-Indic (٠–٩), Extended Arabic-Indic (۰–۹) digits and the minus signs users type, as ASCII. */
export function asciiDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[\u2212\u2012\u2013]/g, '-')
    // Direction marks a right-to-left keyboard or a paste can put around a figure.
    .replace(/[\u200e\u200f\u061c\u2066-\u2069]/g, '');
}
