// The flows are plain TypeScript (tested in Node), so they cannot import `vscode.l10n` directly.
// registerOrders plugs `vscode.l10n.t` in; calls stay shaped `l10n.t('…', …)` so the l10n
// tooling still finds every string.

type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

function formatPlaceholders(message: string, ...args: Array<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

let translate: Translate = formatPlaceholders;
let language = 'en';

export const l10n = {
  t(message: string, ...args: Array<string | number | boolean>): string {
    return translate(message, ...args);
  },
};

/** `displayLanguage` (vscode.env.language) is how dates and numbers are written. */
export function useTranslator(t: Translate, displayLanguage = 'en'): void {
  translate = t;
  language = displayLanguage;
}

/** The display language dates and numbers are written in. */
export function displayLanguage(): string {
  return language;
}
