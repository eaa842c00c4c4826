// "Export Stock": the catalogue's stock as CSV (one row per SKU and location, for spreadsheets)
// or JSON (one object per SKU, for scripts). Column and field names are a data format, so they
// stay English whatever the display language.
import { guardCsvCell } from '../../common/text/csvGuard';
import { globalForecasted, globalOnHand, type SkuReading } from '../stockReading';

export type ExportFormat = 'csv' | 'json';

/** The name an export is offered to be saved under: `oto-stock-staging-2026-12-01.csv` (local day). */
export function exportFileName(format: ExportFormat, environment: string, at: Date): string {
  const day = [at.getFullYear(), at.getMonth() + 1, at.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
  return `oto-stock-${environment}-${day}.${format}`;
}

export const CSV_COLUMNS = ['sku', 'name', 'locationCode', 'quantityOnHand', 'quantityForecasted', 'globalQuantityOnHand', 'minInventory'] as const;

/** RFC 4180 quoting, after the one formula guard every CSV we write shares. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  const guarded = guardCsvCell(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(readings: readonly SkuReading[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const reading of readings) {
    const total = globalOnHand(reading);
    const min = reading.global?.minInventory;
    const locations = reading.locations.length > 0 ? reading.locations : [undefined];
    for (const entry of locations) {
      lines.push(
        [reading.sku, reading.name, entry?.locationCode, entry?.quantityOnHand, entry?.quantityForecasted, total, min].map(csvField).join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(readings: readonly SkuReading[], meta: { environment: string; exportedAt: string }): string {
  const skus = readings.map((reading) => ({
    sku: reading.sku,
    name: reading.name ?? null,
    quantityOnHand: globalOnHand(reading),
    quantityForecasted: globalForecasted(reading),
    minInventory: reading.global?.minInventory ?? null,
    locations: reading.locations.map((entry) => ({
      locationCode: entry.locationCode ?? null,
      quantityOnHand: entry.quantityOnHand,
      quantityForecasted: entry.quantityForecasted,
    })),
  }));
  return `${JSON.stringify({ ...meta, skus }, null, 2)}\n`;
}

export function formatExport(format: ExportFormat, readings: readonly SkuReading[], meta: { environment: string; exportedAt: string }): string {
  return format === 'csv' ? toCsv(readings) : toJson(readings, meta);
}
