// Fills the host's localised templates and formats numbers and times for the panel's locale, for
// every webview page. Intl throws on a locale tag it does not know, so every format falls back to
// the default locale. Each Intl format is made once here: making one costs milliseconds.
import { numberFormatter } from '../../src/common/text/display';

export interface Formatter {
  text(template: string, ...args: Array<string | number>): string;
  number(value: number): string;
  time(epochMs: number): string;
  /** An OTO date (`2026-02-18T12:19:16`, no zone) in the locale's format; anything unreadable as it came. */
  dateTime(text: string): string;
  /** A calendar date (`2026-02-19`) in the locale's format; anything unreadable as it came. */
  date(text: string): string;
  /** An instant as a date and time (`Nov 20, 2026, 9:00 AM`): a ledger entry's time. */
  timeAndDate(epochMs: number): string;
  /** An instant as a short day and time (`Nov 20, 09:00`): a label on a time axis. */
  chartTime(epochMs: number): string;
}

function safely<T>(make: (locale: string | undefined) => T, locale: string): T {
  try {
    return make(locale || undefined);
  } catch {
    return make(undefined);
  }
}

export function createFormatter(locale: string): Formatter {
  const times = safely((tag) => new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', second: '2-digit' }), locale);
  const dateTimes = safely((tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }), locale);
  const dates = safely((tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }), locale);
  const chartTimes = safely((tag) => new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }), locale);
  // Each figure formatted once: pages repeat the same few (a queue's quantities).
  const number = numberFormatter(locale, 3);
  return {
    number,
    time: (epochMs) => times.format(new Date(epochMs)),
    timeAndDate: (epochMs) => dateTimes.format(epochMs),
    chartTime: (epochMs) => chartTimes.format(epochMs),
    dateTime: (text) => {
      const parsed = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text) ? new Date(text.replace(' ', 'T')) : undefined;
      return parsed && !Number.isNaN(parsed.getTime()) ? dateTimes.format(parsed) : text;
    },
    date: (text) => {
      const parsed = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
      return parsed && !Number.isNaN(parsed.getTime()) ? dates.format(parsed) : text;
    },
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
