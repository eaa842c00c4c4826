// Order and delivery dates as typed: `DD/MM/YYYY` (one-digit day and month accepted, in any
// digits), "today" or "tomorrow"; always a real calendar date before anything is sent. Shown in
// the display language's format: `DD/MM/YYYY` is OTO's wire format, not the UI's.
import { formatDdMmYyyy, parseDdMmYyyy } from '../../client';
import * as l10n from '@vscode/l10n';
import { asciiDigits, displayLanguage, formatDay } from '../../common/text/display';

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
