// What a command was invoked on: a Stock view row, a hover's command link, or nothing (palette).
import type { LocationInfo, StockView } from './stockView';

export interface Target {
  locationCode?: string;
  sku?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * `{ kind: 'sku', sku, locationCode? }` or `{ kind: 'location', location }` from the tree; anything
 * else (including the "(no location)" group, which has no code to send) prefills nothing.
 */
export function targetOf(argument: unknown): Target {
  if (!isRecord(argument)) {
    return {};
  }
  if (argument.kind === 'sku') {
    return { sku: nonEmpty(argument.sku), locationCode: nonEmpty(argument.locationCode) };
  }
  if (argument.kind === 'location' && isRecord(argument.location)) {
    return { locationCode: nonEmpty(argument.location.code) };
  }
  return {};
}

/** The location with that code; a code the store does not list yet still stands for itself. */
export function findLocation(stock: StockView, code: string): LocationInfo {
  return stock.locations.find((location) => location.code === code) ?? { code };
}

/** The location the command was invoked on, if any. */
export function targetLocation(stock: StockView, target: Target): LocationInfo | undefined {
  return target.locationCode ? findLocation(stock, target.locationCode) : undefined;
}

export function locationName(location: LocationInfo): string {
  return location.name && location.name !== location.code ? `${location.name} (${location.code})` : location.code;
}

/** The cached on-hand figure of a SKU at a location (0 when OTO lists none there). */
export function cachedOnHand(stock: StockView, sku: string, locationCode: string): number | undefined {
  const figures = stock.getSku(sku);
  if (!figures) {
    return undefined;
  }
  return figures.locations.find((entry) => entry.locationCode === locationCode)?.onHand ?? 0;
}
