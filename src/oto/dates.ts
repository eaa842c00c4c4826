// OTO's inventory-order dates are `DD/MM/YYYY` strings; OTO silently drops a malformed one (with a
// warning). The one parser: the client checks before sending, the sandbox decides what to drop,
// the lint names what was sent, all with it.

export interface CalendarDate {
  day: number;
  month: number;
  year: number;
}

export const DD_MM_YYYY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** The calendar date written as `DD/MM/YYYY`, or undefined when malformed or not a real date (31/02). */
export function parseDdMmYyyy(text: string): CalendarDate | undefined {
  const match = DD_MM_YYYY.exec(text);
  if (!match) {
    return undefined;
  }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { day, month, year };
}

export function isValidDdMmYyyy(text: string): boolean {
  return parseDdMmYyyy(text) !== undefined;
}

/** Midnight UTC of the calendar date (years below 100 stay themselves, unlike `Date.UTC`). */
export function utcDate(date: CalendarDate): Date {
  const result = new Date(0);
  result.setUTCFullYear(date.year, date.month - 1, date.day);
  return result;
}

/** `date`'s local calendar day as `DD/MM/YYYY` (what a user means by "today"). */
export function formatDdMmYyyy(date: Date): string {
  return [date.getDate(), date.getMonth() + 1].map((n) => String(n).padStart(2, '0')).join('/') +
    '/' + String(date.getFullYear()).padStart(4, '0');
}

/** Negative when `DD/MM/YYYY` date `a` is before `b`, 0 on the same day; NaN when either is malformed. */
export function compareDdMmYyyy(a: string, b: string): number {
  const key = (text: string): number => {
    const date = parseDdMmYyyy(text);
    return date ? date.year * 10_000 + date.month * 100 + date.day : Number.NaN;
  };
  return key(a) - key(b);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
