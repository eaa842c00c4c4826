// The Stock view's tree as plain data: grouping (location → SKU or SKU → location), filters,
// labels, context values and stable ids. Rebuilding reuses the node objects of the previous model
// by id, because VS Code identifies tree elements by object identity when told what changed.
import type { GlobalStock, LocationStock, SkuStock } from './figures';
import { figuresText } from './format';
import type { Localizer } from './l10n';
import type { LocationKind, PickupLocation } from './source';

export type Grouping = 'location' | 'sku';

export interface TreeOptions {
  grouping: Grouping;
  /** Only SKUs whose on hand is below their minInventory. */
  lowOnly: boolean;
  /** Case-insensitive text the SKU or product name must contain; empty for none. */
  text: string;
}

/** `none` is the group of entries OTO returns without a location code. */
export type LocationGroup = LocationKind | 'none';

interface NodeFields {
  id: string;
  label: string;
  description: string;
  contextValue: string;
  parent?: StockNode;
  /** Absent for leaves. */
  children?: StockNode[];
}

export interface LocationNode extends NodeFields {
  kind: 'location';
  location: PickupLocation;
  group: LocationGroup;
  /** False for a code that appears in stock but not in the pickup location list. */
  listed: boolean;
  skuCount: number;
  lowCount: number;
}

export interface SkuNode extends NodeFields {
  kind: 'sku';
  sku: string;
  name?: string;
  /** Location of this row's figures; absent for a SKU's total and for the no-location entry. */
  locationCode?: string;
  /** `total`: the SKU's global figures (SKU grouping's top level); `location`: one location's. */
  scope: 'total' | 'location';
  low: boolean;
  /** When the figures were read; part of what makes the row "changed" for VS Code. */
  readAt?: number;
}

export type StockNode = LocationNode | SkuNode;

export interface TreeModel {
  roots: StockNode[];
  byId: Map<string, StockNode>;
}

export interface TreeInput {
  locations: readonly PickupLocation[];
  skus: Iterable<SkuStock>;
}

export interface BuildResult {
  model: TreeModel;
  /** Nodes of the previous model that are shown differently now (label, figures, children…). */
  changed: StockNode[];
  rootsChanged: boolean;
}

const NO_LOCATION_ID = 'L!none';

function locationId(code: string): string {
  return `L:${code}`;
}

/** The code's length makes the id unambiguous whatever characters the code and SKU contain. */
function skuAtLocationId(code: string | undefined, sku: string): string {
  return code === undefined ? `${NO_LOCATION_ID}/${sku}` : `L${code.length}:${code}/${sku}`;
}

function skuTotalId(sku: string): string {
  return `S${sku.length}:${sku}`;
}

function locationRowId(sku: string, code: string | undefined): string {
  return code === undefined ? `${skuTotalId(sku)}!none` : `${skuTotalId(sku)}/${code}`;
}

function compareSku(a: SkuStock, b: SkuStock): number {
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

/** The SKU's total: OTO's global figures, or the sum of its locations when those are all there is. */
export function totalOf(stock: SkuStock): GlobalStock {
  if (stock.global) {
    return stock.global;
  }
  let onHand = 0;
  let forecast = 0;
  for (const entry of stock.locations) {
    onHand += entry.onHand;
    forecast += entry.forecast;
  }
  return { onHand, forecast };
}

class Builder {
  readonly byId = new Map<string, StockNode>();
  readonly changed: StockNode[] = [];
  private readonly noLocationLabel: string;

  constructor(
    private readonly previous: Map<string, StockNode> | undefined,
    private readonly l10n: Localizer,
  ) {
    this.noLocationLabel = l10n.t('(no location)');
  }

  /** Returns the previous node with this id (updated) or the fresh one, noting a visible change. */
  private keep<T extends StockNode>(fresh: T): T {
    const old = this.previous?.get(fresh.id) as T | undefined;
    let node = fresh;
    if (old && old.kind === fresh.kind) {
      if (!sameShown(old, fresh)) {
        this.changed.push(old);
      }
      node = Object.assign(old, fresh);
    }
    this.byId.set(node.id, node);
    return node;
  }

  location(location: PickupLocation, group: LocationGroup, listed: boolean, children: SkuNode[], lowCount: number): LocationNode {
    const label = group === 'none' ? this.noLocationLabel : (location.name ?? location.code);
    const parts = group === 'none' ? [this.l10n.t('entries without a location code')] : [location.code];
    if (location.city) {
      parts.push(location.city);
    }
    if (!listed) {
      parts.push(this.l10n.t('not in the pickup location list'));
    }
    if (lowCount > 0) {
      parts.push(this.l10n.t('{0} low', lowCount));
    }
    const node = this.keep<LocationNode>({
      kind: 'location',
      id: group === 'none' ? NO_LOCATION_ID : locationId(location.code),
      location,
      group,
      listed,
      label,
      description: parts.join(' · '),
      contextValue: `oto.location.${group}`,
      children,
      skuCount: children.length,
      lowCount,
    });
    adopt(node, children);
    return node;
  }

  /** A row of a SKU's figures; rows labelled with the SKU put its product name before them. */
  private skuRow(stock: SkuStock, row: Pick<SkuNode, 'id' | 'scope' | 'locationCode' | 'label' | 'children'>, figures: string, showName: boolean): SkuNode {
    const name = stock.product?.name;
    const node = this.keep<SkuNode>({
      kind: 'sku',
      sku: stock.sku,
      name,
      low: stock.low,
      readAt: stock.readAt,
      description: name && showName ? `${name} · ${figures}` : figures,
      contextValue: stock.low ? 'oto.sku.low' : 'oto.sku',
      ...row,
    });
    if (row.children) {
      adopt(node, row.children);
    }
    return node;
  }

  skuAtLocation(stock: SkuStock, entry: LocationStock): SkuNode {
    const id = skuAtLocationId(entry.locationCode, stock.sku);
    return this.skuRow(stock, { id, scope: 'location', locationCode: entry.locationCode, label: stock.sku }, figuresText(entry.onHand, entry.forecast, entry.change, this.l10n), true);
  }

  skuTotal(stock: SkuStock, children: SkuNode[]): SkuNode {
    const total = totalOf(stock);
    return this.skuRow(stock, { id: skuTotalId(stock.sku), scope: 'total', label: stock.sku, children }, figuresText(total.onHand, total.forecast, total.change, this.l10n), true);
  }

  locationRow(stock: SkuStock, entry: LocationStock, location: PickupLocation | undefined): SkuNode {
    const label = entry.locationCode === undefined ? this.noLocationLabel : (location?.name ?? entry.locationCode);
    const id = locationRowId(stock.sku, entry.locationCode);
    return this.skuRow(stock, { id, scope: 'location', locationCode: entry.locationCode, label }, figuresText(entry.onHand, entry.forecast, entry.change, this.l10n), false);
  }
}

function adopt(parent: StockNode, children: StockNode[]): void {
  for (const child of children) {
    child.parent = parent;
  }
}

function sameChildren(a: StockNode[] | undefined, b: StockNode[] | undefined): boolean {
  if (a === undefined || b === undefined) {
    return a === b;
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let index = 0; index < a.length; index++) {
    if (a[index].id !== b[index].id) {
      return false;
    }
  }
  return true;
}

function sameShown(old: StockNode, fresh: StockNode): boolean {
  return (
    old.label === fresh.label &&
    old.description === fresh.description &&
    old.contextValue === fresh.contextValue &&
    (old.kind !== 'sku' || fresh.kind !== 'sku' || old.readAt === fresh.readAt) &&
    sameChildren(old.children, fresh.children)
  );
}

function matcher(options: TreeOptions): (stock: SkuStock) => boolean {
  const text = options.text.trim().toLowerCase();
  return (stock) => {
    if (options.lowOnly && !stock.low) {
      return false;
    }
    return text === '' || stock.sku.toLowerCase().includes(text) || (stock.product?.name?.toLowerCase().includes(text) ?? false);
  };
}

/** Builds the tree, reusing `previous`'s nodes by id so VS Code can be told exactly what changed. */
export function buildTree(input: TreeInput, options: TreeOptions, l10n: Localizer, previous?: TreeModel): BuildResult {
  const builder = new Builder(previous?.byId, l10n);
  const matches = matcher(options);
  const skus = [...input.skus].filter(matches).sort(compareSku);
  const roots = options.grouping === 'location' ? byLocation(builder, input.locations, skus, options) : bySku(builder, input.locations, skus);
  const rootsChanged = !previous || !sameChildren(previous.roots, roots);
  return { model: { roots, byId: builder.byId }, changed: builder.changed, rootsChanged };
}

function byLocation(builder: Builder, locations: readonly PickupLocation[], skus: SkuStock[], options: TreeOptions): StockNode[] {
  interface Group {
    location: PickupLocation;
    listed: boolean;
    rows: SkuNode[];
    low: number;
  }
  const groups = new Map<string, Group>();
  for (const location of locations) {
    groups.set(location.code, { location, listed: true, rows: [], low: 0 });
  }
  const none: Group = { location: { code: '', kind: 'warehouse' }, listed: true, rows: [], low: 0 };
  for (const stock of skus) {
    for (const entry of stock.locations) {
      let group = entry.locationCode === undefined ? none : groups.get(entry.locationCode);
      if (!group) {
        group = { location: { code: entry.locationCode as string, kind: 'warehouse' }, listed: false, rows: [], low: 0 };
        groups.set(entry.locationCode as string, group);
      }
      group.rows.push(builder.skuAtLocation(stock, entry));
      group.low += stock.low ? 1 : 0;
    }
  }
  const filtered = options.lowOnly || options.text.trim() !== '';
  const roots: StockNode[] = [];
  for (const group of groups.values()) {
    if (!filtered || group.rows.length > 0) {
      roots.push(builder.location(group.location, group.listed ? group.location.kind : 'warehouse', group.listed, group.rows, group.low));
    }
  }
  if (none.rows.length > 0) {
    roots.push(builder.location(none.location, 'none', true, none.rows, none.low));
  }
  return roots;
}

function bySku(builder: Builder, locations: readonly PickupLocation[], skus: SkuStock[]): StockNode[] {
  const byCode = new Map(locations.map((location) => [location.code, location]));
  return skus.map((stock) => {
    const rows = stock.locations.map((entry) => builder.locationRow(stock, entry, entry.locationCode === undefined ? undefined : byCode.get(entry.locationCode)));
    return builder.skuTotal(stock, rows);
  });
}
