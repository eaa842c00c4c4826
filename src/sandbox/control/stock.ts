// `PUT /__oto/stock`: stock arranged directly, without traffic, so a test starts from the figures
// it needs. All rows are checked before any is applied.
import { inQuantityRange } from '../../oto';
import { emptyRecord, forecastOf, type SandboxState } from '../state/model';
import { fieldOf, isObject, Problems } from './problems';

/** One row: the SKU's figures at one location. */
export interface StockSetting {
  sku: string;
  locationCode: string;
  quantityOnHand: number;
  /**
   * What checkInventoryStock then reports as forecast; by default on hand less what packing orders
   * hold, plus pending inventory orders, as it was. Given, the difference is kept as pending stock
   * expected in (or out) that no inventory order lists.
   */
  quantityForecasted?: number;
}

const FIELDS = ['sku', 'locationCode', 'quantityOnHand', 'quantityForecasted'];

export function checkStockSettings(value: unknown, state: SandboxState): StockSetting[] {
  const problems = new Problems();
  if (!Array.isArray(value)) {
    problems.add('', 'must be a JSON array of {"sku", "locationCode", "quantityOnHand", "quantityForecasted"?}');
    problems.check();
    return [];
  }
  if (value.length === 0) {
    problems.add('', 'is empty: give at least one row');
  }
  const seen = new Set<string>();
  value.forEach((row: unknown, index) => {
    const at = fieldOf('', index);
    if (!isObject(row)) {
      problems.add(at, 'must be an object');
      return;
    }
    for (const key of Object.keys(row)) {
      if (!FIELDS.includes(key)) {
        problems.add(fieldOf(at, key), `unknown field; fields: ${FIELDS.join(', ')}`);
      }
    }
    if (typeof row.sku !== 'string' || row.sku === '') {
      problems.add(fieldOf(at, 'sku'), 'must be a non-empty string');
    } else if (!state.productBySku.has(row.sku)) {
      problems.add(fieldOf(at, 'sku'), `"${row.sku}" is not in the catalogue`);
    }
    if (typeof row.locationCode !== 'string' || row.locationCode === '') {
      problems.add(fieldOf(at, 'locationCode'), 'must be a non-empty string');
    } else if (!state.locationByCode.has(row.locationCode)) {
      problems.add(fieldOf(at, 'locationCode'), `no location "${row.locationCode}"; locations: ${[...state.locationByCode.keys()].join(', ')}`);
    }
    for (const name of ['quantityOnHand', 'quantityForecasted']) {
      const figure = row[name];
      if ((figure !== undefined || name === 'quantityOnHand') && !(typeof figure === 'number' && inQuantityRange(figure))) {
        problems.add(fieldOf(at, name), `must be a whole number from -2147483647 to 2147483647${figure === undefined ? ' (it is required)' : ''}`);
      }
    }
    const key = `${String(row.sku)}\u0000${String(row.locationCode)}`;
    if (seen.has(key)) {
      problems.add(at, `"${String(row.sku)}" at "${String(row.locationCode)}" is given more than once`);
    }
    seen.add(key);
  });
  problems.check();
  return value as StockSetting[];
}

/** Applies checked rows; the SKU gets inventory at a location that had none. */
export function applyStockSettings(state: SandboxState, settings: readonly StockSetting[]): void {
  for (const setting of settings) {
    const product = state.productBySku.get(setting.sku);
    if (!product) {
      continue;
    }
    const record = product.stock.get(setting.locationCode) ?? emptyRecord();
    record.onHand = setting.quantityOnHand;
    if (setting.quantityForecasted !== undefined) {
      const difference = setting.quantityForecasted - forecastOf(record);
      if (difference > 0) {
        record.incoming += difference;
      } else {
        record.outgoing -= difference;
      }
    }
    product.stock.set(setting.locationCode, record);
  }
}
