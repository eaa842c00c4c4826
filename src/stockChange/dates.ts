// Order and delivery dates as typed: `DD/MM/YYYY` (one-digit day and month accepted, in any
// digits), "today" or "tomorrow"; always a real calendar date before anything is sent. Shown in
// the display language's format: `DD/MM/YYYY` is OTO's wire format, not the UI's.
import { compareDdMmYyyy, formatDdMmYyyy, parseDdMmYyyy } from '../client';
import * as l10n from '@vscode/l10n';
import { asciiDigits, displayLanguage, formatDay } from '../common/text/display';

export function today(now: Date): string {
  return formatDdMmYyyy(now);
}

export function tomorrow(now: Date): string {
  return formatDdMmYyyy(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
}

/** The date as OTO wants it, or a message saying what is wrong. */
export function parseDateText(text: string, now: Date): { date: string } | { error: string } {
  const trimmed = asciiDigits(text).trim();
  const word = trimmed.toLowerCase();
  if (word === 'today' || word === l10n.t('today').toLowerCase()) {
    return { date: today(now) };
  }
  if (word === 'tomorrow' || word === l10n.t('tomorrow').toLowerCase()) {
    return { date: tomorrow(now) };
  }
  const parts = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (!parts) {
    return { error: l10n.t('Type the date as DD/MM/YYYY (e.g. {0}), or "today" or "tomorrow".', today(now)) };
  }
  const date = `${parts[1].padStart(2, '0')}/${parts[2].padStart(2, '0')}/${parts[3]}`;
  return parseDdMmYyyy(date) ? { date } : { error: l10n.t('{0} is not a real date.', date) };
}

/** A wire date (`15/12/2026`) as the display language writes a day: `15 Dec 2026`. */
export function displayDate(wire: string): string {
  const date = parseDdMmYyyy(wire);
  return date ? formatDay(new Date(date.year, date.month - 1, date.day), displayLanguage()) : wire;
}

export type DateField = 'orderDate' | 'deliveryDate';

/** The two dates of an inventory order (wire format), each checked against the other. */
export interface OrderDates {
  orderDate?: string;
  deliveryDate?: string;
}

export function dateFieldLabel(field: DateField): string {
  return field === 'orderDate' ? l10n.t('Order date') : l10n.t('Delivery date');
}

/** Why `date` cannot be the field's value given the other date: delivery never before the order. */
export function dateOrderProblem(dates: OrderDates, field: DateField, date: string): string | undefined {
  if (field === 'deliveryDate' && dates.orderDate !== undefined && compareDdMmYyyy(date, dates.orderDate) < 0) {
    return l10n.t('The delivery date ({0}) cannot be before the order date ({1}).', displayDate(date), displayDate(dates.orderDate));
  }
  if (field === 'orderDate' && dates.deliveryDate !== undefined && compareDdMmYyyy(date, dates.deliveryDate) > 0) {
    return l10n.t('The order date ({0}) cannot be after the delivery date ({1}).', displayDate(date), displayDate(dates.deliveryDate));
  }
  return undefined;
}

/** The typed text as a date for this field, or what is wrong with it (the inventory order's and the transfer's). */
export function readDate(dates: OrderDates, field: DateField, text: string, now: Date): { date: string } | { error: string } {
  const parsed = parseDateText(text, now);
  const problem = 'date' in parsed ? dateOrderProblem(dates, field, parsed.date) : undefined;
  return problem === undefined ? parsed : { error: problem };
}
