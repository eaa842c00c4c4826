// Fills the host's localised templates and formats numbers and times for the panel's locale.
// Intl throws on a locale tag it does not know, so every use falls back to the default locale.

export interface Formatter {
  text(template: string, ...args: Array<string | number>): string;
  number(value: number): string;
  time(epochMs: number): string;
}

function safely<T>(make: (locale: string | undefined) => T, locale: string): T {
  try {
    return make(locale || undefined);
  } catch {
    return make(undefined);
  }
}

export function createFormatter(locale: string): Formatter {
  const numbers = safely((tag) => new Intl.NumberFormat(tag), locale);
  const times = safely((tag) => new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', second: '2-digit' }), locale);
  const number = (value: number): string => numbers.format(value);
  return {
    number,
    time: (epochMs) => times.format(new Date(epochMs)),
    text: (template, ...args) =>
      template.replace(/\{(\d+)\}/g, (whole, index: string) => {
        const value = args[Number(index)];
        if (value === undefined) {
          return whole;
        }
        return typeof value === 'number' ? number(value) : value;
      }),
  };
}
