// Which SKUs have just gone low, with hysteresis: a SKU alerts when its on hand falls below its
// minInventory (or reaches 0), and alerts again only after it has gone back above its minimum.
// The first reading only learns what is low already: alerts are for changes seen while watching.

export interface StockLevel {
  sku: string;
  onHand: number;
  minInventory?: number;
}

export function isAlerting(level: StockLevel): boolean {
  return level.onHand <= 0 || (level.minInventory !== undefined && level.onHand < level.minInventory);
}

/** Back above the minimum (above 0 for a SKU without one): the alert re-arms. */
function isRecovered(level: StockLevel): boolean {
  return level.onHand > (level.minInventory ?? 0);
}

export class LowStockAlerts {
  private readonly alerted = new Set<string>();
  private watching = false;

  /** The SKUs that alert now, in the order given. */
  update(levels: Iterable<StockLevel>): StockLevel[] {
    const fresh: StockLevel[] = [];
    for (const level of levels) {
      if (isAlerting(level)) {
        if (!this.alerted.has(level.sku)) {
          this.alerted.add(level.sku);
          if (this.watching) {
            fresh.push(level);
          }
        }
      } else if (isRecovered(level)) {
        this.alerted.delete(level.sku);
      }
    }
    this.watching = true;
    return fresh;
  }

  /** Another environment, or signed out: start over with a fresh first reading. */
  reset(): void {
    this.alerted.clear();
    this.watching = false;
  }
}

/** "A, B, C and 4 more": at most `shown` names. */
export function listNames(names: readonly string[], shown: number, more: (count: number) => string): string {
  const head = names.slice(0, shown).join(', ');
  return names.length > shown ? `${head} ${more(names.length - shown)}` : head;
}
