// What a typed quantity means for a stock change, checked before anything is sent.
import { MAX_QUANTITY } from '../oto';
import * as l10n from '@vscode/l10n';
import { asciiDigits, displayLanguage, formatNumber } from '../common/text/display';
import { plural } from '../common/text/plural';

export type StockAction = 'adjust' | 'set';

/** The typed text as an integer, or a message saying exactly what is wrong with it. */
export type Parsed = { value: number } | { error: string };

export function parseInteger(text: string): Parsed {
  const trimmed = asciiDigits(text).trim();
  if (trimmed === '') {
    return { error: l10n.t('Type a whole number.') };
  }
  if (!/^[+-]?\d+$/.test(trimmed)) {
    return { error: l10n.t('"{0}" is not a whole number: use digits only, with an optional sign.', trimmed) };
  }
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_QUANTITY) {
    return { error: l10n.t('{0} is too large.', trimmed) };
  }
  return { value };
}

export function parseStockQuantity(action: StockAction, before: number, text: string): Parsed {
  const parsed = parseInteger(text);
  if ('error' in parsed) {
    return parsed;
  }
  if (action === 'adjust' && parsed.value === 0) {
    return { error: l10n.t('An adjustment of 0 changes nothing: type a positive number to add or a negative one to remove.') };
  }
  if (action === 'set' && parsed.value < 0) {
    return { error: l10n.t('Stock cannot be set below 0.') };
  }
  if (action === 'set' && parsed.value === before) {
    return { error: l10n.t('The stock is already {0}: setting it again changes nothing.', before) };
  }
  const after = resultingStock(action, before, parsed.value);
  if (Math.abs(after) > MAX_QUANTITY) {
    return { error: l10n.t('That would make the stock {0}, beyond the {1} either way that OTO can hold.', after, MAX_QUANTITY) };
  }
  return parsed;
}

export function parseItemQuantity(text: string): Parsed {
  const parsed = parseInteger(text);
  if ('error' in parsed) {
    return parsed;
  }
  if (parsed.value <= 0) {
    return { error: l10n.t('An item needs a quantity of at least 1.') };
  }
  return parsed;
}

/** How many units to move away from a location holding `available`: at least 1, at most what is there. */
export function parseTransferQuantity(text: string, available: number): Parsed {
  const parsed = parseInteger(text);
  if ('error' in parsed || parsed.value < 1) {
    return { error: l10n.t('Type how many units to move: a whole number of at least 1.') };
  }
  if (parsed.value > available) {
    return { error: l10n.t('Only {0} on hand at the source: at most {0} can be moved.', available) };
  }
  return parsed;
}

export function resultingStock(action: StockAction, before: number, qty: number): number {
  return action === 'adjust' ? before + qty : qty;
}

/** `249 → 12,500`, with a warning when the result goes below zero; thousands separators of the display language. */
export function preview(action: StockAction, before: number, text: string): string {
  const parsed = parseStockQuantity(action, before, text);
  if (!('value' in parsed)) {
    return units(before);
  }
  const after = resultingStock(action, before, parsed.value);
  return goesBelowZero(before, after) ? l10n.t('{0} → {1} (below zero)', units(before), units(after)) : `${units(before)} → ${units(after)}`;
}

/** A quantity with the display language's thousands separators (`12,500`). */
export function units(value: number): string {
  return formatNumber(value, displayLanguage());
}

/** A result below zero that the change makes worse (raising a negative figure towards 0 is not warned about). */
export function goesBelowZero(before: number, after: number): boolean {
  return after < 0 && after < before;
}

/**
 * Why a change deserves a modal confirmation, or undefined when it does not: a result below zero,
 * setting to 0, moving more than half of the current stock, or more than `confirmAboveUnits` units.
 */
export function riskOf(action: StockAction, before: number, qty: number, confirmAboveUnits: number): string | undefined {
  const after = resultingStock(action, before, qty);
  const change = Math.abs(after - before);
  if (goesBelowZero(before, after)) {
    return l10n.t('This leaves the stock below zero ({0}).', units(after));
  }
  if (action === 'set' && qty === 0) {
    return l10n.t('This sets the stock to 0.');
  }
  if (change > confirmAboveUnits) {
    return plural({ count: change, shown: units(change) }, 'This changes the stock by 1 unit, more than {1}.', 'This changes the stock by {0} units, more than {1}.', units(confirmAboveUnits));
  }
  if (change > before / 2) {
    return plural({ count: change, shown: units(change) }, 'This changes the stock by 1 unit, more than half of the {1} on hand.', 'This changes the stock by {0} units, more than half of the {1} on hand.', units(before));
  }
  return undefined;
}
