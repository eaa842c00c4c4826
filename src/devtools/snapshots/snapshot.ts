// Named stock snapshots and their comparison. The diff editor compares two renderings line by
// line, so a rendering lists every location and SKU in one stable order; `diffSnapshots` gives
// the same comparison as data (for the summary shown beside the editor, and for tests).
import * as l10n from '@vscode/l10n';
import { bareOrQuoted } from '../../common/text/quoted';
import { compareLocations, type SkuReading } from '../stockReading';

export interface StockSnapshot {
  readonly name: string;
  /** ISO time of the reading. */
  readonly takenAt: string;
  readonly environment: string;
  readonly skus: readonly SkuReading[];
}

export interface Figures {
  readonly quantityOnHand: number;
  readonly quantityForecasted: number;
}

export interface SnapshotChange {
  /** `undefined` for OTO's entry without a pickup location. */
  readonly locationCode: string | undefined;
  readonly sku: string;
  readonly before?: Figures;
  readonly after?: Figures;
}

/** Figures per location, then per SKU: the layout both the rendering and the diff share. */
function byLocation(snapshot: StockSnapshot): Map<string | undefined, Map<string, Figures>> {
  const locations = new Map<string | undefined, Map<string, Figures>>();
  for (const reading of snapshot.skus) {
    for (const entry of reading.locations) {
      let skus = locations.get(entry.locationCode);
      if (!skus) {
        skus = new Map();
        locations.set(entry.locationCode, skus);
      }
      skus.set(reading.sku, { quantityOnHand: entry.quantityOnHand, quantityForecasted: entry.quantityForecasted });
    }
  }
  return locations;
}

function sortedLocationKeys(keys: Iterable<string | undefined>): Array<string | undefined> {
  return [...keys].sort((a, b) => compareLocations({ locationCode: a }, { locationCode: b }));
}

/** The text shown on one side of the diff editor. */
export function renderSnapshot(snapshot: StockSnapshot): string {
  const locations = byLocation(snapshot);
  // No title line: the editor's title names both sides, and a differing first line would make the
  // diff editor open on it instead of on the first real change.
  const lines: string[] = [];
  for (const code of sortedLocationKeys(locations.keys())) {
    if (lines.length > 0) {
      lines.push('');
    }
    // A SKU or code is shown bare unless it holds a line break or a bidi control, which would forge or reorder a line of the diff.
    lines.push(`[${code === undefined ? l10n.t('(no location)') : bareOrQuoted(code)}]`);
    const skus = locations.get(code) ?? new Map<string, Figures>();
    for (const sku of [...skus.keys()].sort()) {
      const figures = skus.get(sku) as Figures;
      lines.push(`  ${bareOrQuoted(sku)}: ${l10n.t('on hand {0}, forecasted {1}', figures.quantityOnHand, figures.quantityForecasted)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function sameFigures(a: Figures | undefined, b: Figures | undefined): boolean {
  return a?.quantityOnHand === b?.quantityOnHand && a?.quantityForecasted === b?.quantityForecasted;
}

/** Every location/SKU pair whose figures differ, appeared or disappeared, in rendering order. */
export function diffSnapshots(before: StockSnapshot, after: StockSnapshot): SnapshotChange[] {
  const left = byLocation(before);
  const right = byLocation(after);
  const changes: SnapshotChange[] = [];
  for (const code of sortedLocationKeys(new Set([...left.keys(), ...right.keys()]))) {
    const leftSkus = left.get(code) ?? new Map<string, Figures>();
    const rightSkus = right.get(code) ?? new Map<string, Figures>();
    for (const sku of [...new Set([...leftSkus.keys(), ...rightSkus.keys()])].sort()) {
      const was = leftSkus.get(sku);
      const now = rightSkus.get(sku);
      if (!sameFigures(was, now)) {
        changes.push({ locationCode: code, sku, ...(was ? { before: was } : {}), ...(now ? { after: now } : {}) });
      }
    }
  }
  return changes;
}

/** Validates a snapshot read back from storage (it may come from an older version or be hand-edited). */
export function parseSnapshot(value: unknown): StockSnapshot | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const candidate = value as Partial<StockSnapshot>;
  const valid =
    typeof candidate.name === 'string' &&
    typeof candidate.takenAt === 'string' &&
    typeof candidate.environment === 'string' &&
    Array.isArray(candidate.skus) &&
    candidate.skus.every(
      (reading: SkuReading) =>
        typeof reading?.sku === 'string' &&
        Array.isArray(reading.locations) &&
        reading.locations.every((entry: SkuReading['locations'][number] | undefined) => Number.isFinite(entry?.quantityOnHand) && Number.isFinite(entry?.quantityForecasted)),
    );
  return valid ? (candidate as StockSnapshot) : undefined;
}
