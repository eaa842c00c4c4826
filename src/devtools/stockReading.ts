// Stock of a set of SKUs as devtools reads it: per location (the no-location entry kept, with
// `locationCode` absent) plus the global figures. Hover, snapshots, export and "check stock" all
// speak this one shape, filled from the stock store (never from the API directly).
import { byLocationCode, type CardSku } from '../stock/tree/skuCard';

export interface LocationFigures {
  /** Absent for OTO's entry without a pickup location ("(no location)"). */
  readonly locationCode?: string;
  readonly quantityOnHand: number;
  readonly quantityForecasted: number;
}

export interface GlobalFigures {
  readonly quantityOnHand: number;
  readonly quantityForecasted?: number;
  readonly minInventory?: number;
}

export interface SkuReading {
  readonly sku: string;
  readonly name?: string;
  readonly locations: readonly LocationFigures[];
  readonly global?: GlobalFigures;
}

export function globalOnHand(reading: SkuReading): number {
  return reading.global?.quantityOnHand ?? reading.locations.reduce((sum, entry) => sum + entry.quantityOnHand, 0);
}

export function globalForecasted(reading: SkuReading): number {
  return reading.global?.quantityForecasted ?? reading.locations.reduce((sum, entry) => sum + entry.quantityForecasted, 0);
}

export function isLow(reading: SkuReading): boolean {
  const min = reading.global?.minInventory;
  return min !== undefined && globalOnHand(reading) < min;
}

/** Orders locations by code with the no-location entry last, so every rendering is stable. */
export const compareLocations = byLocationCode;

/** A SKU as the stock store holds it (structural: `SkuStock` of src/stock satisfies it), as the SKU card reads it. */
export type StoreSku = CardSku;

export function readingFromStore(entry: StoreSku): SkuReading {
  const global = entry.global;
  return {
    sku: entry.sku,
    ...(entry.product?.name ? { name: entry.product.name } : {}),
    locations: entry.locations
      .map((location) => ({
        ...(location.locationCode !== undefined ? { locationCode: location.locationCode } : {}),
        quantityOnHand: location.onHand,
        quantityForecasted: location.forecast,
      }))
      .sort(compareLocations),
    ...(global
      ? {
          global: {
            quantityOnHand: global.onHand,
            ...(global.forecast !== undefined ? { quantityForecasted: global.forecast } : {}),
            ...(global.minInventory !== undefined ? { minInventory: global.minInventory } : {}),
          },
        }
      : {}),
  };
}

/** Figures older than this are re-read before a hover shows them. */
export const HOVER_STALE_AFTER_MS = 30_000;

export function isFresh(entry: StoreSku, now: number, staleAfterMs = HOVER_STALE_AFTER_MS): boolean {
  return entry.readAt !== undefined && now - entry.readAt < staleAfterMs;
}
