// The Stock view's tree as plain data: grouping (location → SKU or SKU → location), filters,
// labels, context values and stable ids. Rows keep references to the store's figures and format
// their text only when asked (VS Code asks for the rows it shows), so a tree of 50,000 rows builds
// quickly. Rebuilding reuses the previous model's row objects, because VS Code identifies tree
// elements by object identity when told which ones changed.
import { bySku, type Figures, type GlobalStock, type LocationStock, type SkuStock } from '../store/figures';
import { quantity } from './format';
import type { LocationKind, PickupLocation } from '../store/source';
import { TreeTexts } from './template';

export type Grouping = 'location' | 'sku';

export interface TreeOptions {
  grouping: Grouping;
  /** The display language reads right to left: row parts and figures are bidi-isolated. */
  rightToLeft?: boolean;
  /** Only SKUs whose on hand is below their minInventory. */
  lowOnly: boolean;
  /** Case-insensitive text the SKU or product name must contain; empty for none. */
  text: string;
}

/** `none` is the group of entries OTO returns without a location code. */
export type LocationGroup = LocationKind | 'none';

interface NodeFields {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
  parent?: StockNode;
  /** Absent for leaves. */
  children?: StockNode[];
}

export interface LocationNode extends NodeFields {
  readonly kind: 'location';
  readonly location: PickupLocation;
  readonly group: LocationGroup;
  /** False for a code that appears in stock but not in the pickup location list. */
  readonly listed: boolean;
  readonly skuCount: number;
  /** SKUs stocked here that are low: judged on each SKU's total, so these counts overlap across locations. */
  readonly lowCount: number;
  /** SKUs low in total, the figure the status bar and the badge show; each location's count is part of it. */
  readonly lowOfAll: number;
}

export interface SkuNode extends NodeFields {
  readonly kind: 'sku';
  readonly sku: string;
  readonly name?: string;
  /** Location of this row's figures; absent for a SKU's total and for the no-location entry. */
  readonly locationCode?: string;
  /** `total`: the SKU's global figures (SKU grouping's top level); `location`: one location's. */
  readonly scope: 'total' | 'location';
  /** The SKU's total is below its minimum inventory (OTO sets the minimum for the total only). */
  readonly low: boolean;
  /** The ⚠ belongs on this row: its figures are the total that is judged low, not one location's share. */
  readonly warns: boolean;
  readonly readAt?: number;
  /** Which way the row's on hand (or, failing that, forecast) went lately; absent without a change mark. */
  readonly trend?: 'up' | 'down';
}

export type StockNode = LocationNode | SkuNode;

export interface TreeModel {
  roots: StockNode[];
  /** Rows in the whole tree. */
  rowCount: number;
}

export interface TreeInput {
  locations: readonly PickupLocation[];
  skus: Iterable<SkuStock>;
}

export interface BuildResult {
  model: TreeModel;
  /** Rows of the previous model (reused in this one) that now show differently. */
  changed: StockNode[];
  rootsChanged: boolean;
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

function sameFigures(a: LocationStock | GlobalStock, b: LocationStock | GlobalStock): boolean {
  return a.onHand === b.onHand && a.forecast === b.forecast && a.change?.onHand === b.change?.onHand && a.change?.forecast === b.change?.forecast;
}

/** A row of one SKU's figures: at a location, or its total. */
abstract class SkuRow implements SkuNode {
  parent?: StockNode;
  children?: StockNode[];

  constructor(
    protected texts: TreeTexts,
    protected stock: SkuStock,
    protected figures: LocationStock | GlobalStock,
  ) {}

  abstract readonly id: string;
  abstract readonly label: string;
  abstract readonly scope: 'total' | 'location';
  abstract readonly locationCode?: string;

  // Constant per class, so kept off the instances: tens of thousands of rows are built at a time.
  get kind(): 'sku' {
    return 'sku';
  }

  get sku(): string {
    return this.stock.sku;
  }

  get name(): string | undefined {
    return this.stock.product?.name;
  }

  get low(): boolean {
    return this.stock.low;
  }

  get warns(): boolean {
    return this.stock.low && this.scope === 'total';
  }

  get readAt(): number | undefined {
    return this.stock.readAt;
  }

  get contextValue(): string {
    return this.stock.low ? 'oto.sku.low' : 'oto.sku';
  }

  get trend(): 'up' | 'down' | undefined {
    const change = this.figures.change;
    const moved = change ? change.onHand || change.forecast : 0;
    return moved > 0 ? 'up' : moved < 0 ? 'down' : undefined;
  }

  get description(): string {
    const { figures, texts } = this;
    const change: Figures | undefined = figures.change;
    const { figure } = texts.bidi;
    const parts = [texts.onHand.fill(figure(quantity(figures.onHand, change?.onHand, texts.number)))];
    // The forecast only when it says something on hand does not (the tooltip has every figure), so
    // rows stay short at the default sidebar width, in both groupings alike.
    if (figures.forecast !== undefined && (figures.forecast !== figures.onHand || change?.forecast)) {
      parts.push(texts.forecast.fill(figure(quantity(figures.forecast, change?.forecast, texts.number))));
    }
    // A location's share of a SKU that is low in total says so with the total it is judged on, so
    // a row with plenty on hand is not read as low itself.
    if (this.stock.low && this.scope === 'location' && !this.underItsSku) {
      parts.push(texts.lowInTotal.fill(figure(quantity(totalOf(this.stock).onHand, undefined, texts.number))));
    }
    const name = this.stock.product?.name;
    // Figures first: a narrow sidebar cuts the end of the description off.
    if (name && !this.underItsSku) {
      parts.push(name);
    }
    return texts.parts(parts);
  }

  /**
   * A location row under its SKU's total (SKU grouping): the SKU's name and its total are on the
   * row above, so it leaves them out.
   */
  protected get underItsSku(): boolean {
    return false;
  }

  /** Takes the new figures; true when the row shows something different. */
  update(texts: TreeTexts, stock: SkuStock, figures: LocationStock | GlobalStock, location?: PickupLocation): boolean {
    const old = this.stock;
    const same = old === stock || (sameFigures(this.figures, figures) && old.low === stock.low && old.readAt === stock.readAt && old.product?.name === stock.product?.name);
    this.texts = texts;
    this.stock = stock;
    this.figures = figures;
    return !this.moveTo(location) && same;
  }

  /** Only rows labelled by their location care where it is; returns whether that label changed. */
  protected moveTo(_location: PickupLocation | undefined): boolean {
    return false;
  }
}

/** Location → SKU grouping: a SKU under its location. */
class SkuAtLocationRow extends SkuRow {
  get scope(): 'location' {
    return 'location';
  }

  get locationCode(): string | undefined {
    return (this.figures as LocationStock).locationCode;
  }

  get id(): string {
    const code = this.locationCode;
    // The code's length keeps the id unambiguous whatever characters code and SKU contain.
    return code === undefined ? `L!none/${this.stock.sku}` : `L${code.length}:${code}/${this.stock.sku}`;
  }

  get label(): string {
    return this.stock.sku;
  }
}

/** SKU → location grouping: a SKU with its total, its locations below. */
class SkuTotalRow extends SkuRow {
  get scope(): 'total' {
    return 'total';
  }

  get locationCode(): undefined {
    return undefined;
  }

  get id(): string {
    return `S${this.stock.sku.length}:${this.stock.sku}`;
  }

  get label(): string {
    return this.stock.sku;
  }
}

/** SKU → location grouping: one location's figures under the SKU, labelled by the location. */
class LocationOfSkuRow extends SkuRow {
  get scope(): 'location' {
    return 'location';
  }

  constructor(texts: TreeTexts, stock: SkuStock, figures: LocationStock, private location: PickupLocation | undefined) {
    super(texts, stock, figures);
  }

  get locationCode(): string | undefined {
    return (this.figures as LocationStock).locationCode;
  }

  get id(): string {
    const code = this.locationCode;
    const sku = `S${this.stock.sku.length}:${this.stock.sku}`;
    return code === undefined ? `${sku}!none` : `${sku}/${code}`;
  }

  get label(): string {
    const code = this.locationCode;
    return code === undefined ? this.texts.noLocation : (this.location?.name ?? code);
  }

  protected override get underItsSku(): boolean {
    return true;
  }

  protected override moveTo(location: PickupLocation | undefined): boolean {
    const renamed = location?.name !== this.location?.name;
    this.location = location;
    return renamed;
  }
}

class LocationGroupNode implements LocationNode {
  readonly kind = 'location';
  parent?: StockNode;

  constructor(
    private texts: TreeTexts,
    public location: PickupLocation,
    public group: LocationGroup,
    public listed: boolean,
    public children: StockNode[],
    public lowCount: number,
    public lowOfAll: number,
  ) {}

  get id(): string {
    return this.group === 'none' ? 'L!none' : `L:${this.location.code}`;
  }

  get skuCount(): number {
    return this.children.length;
  }

  get label(): string {
    return this.group === 'none' ? this.texts.noLocation : (this.location.name ?? this.location.code);
  }

  get contextValue(): string {
    return `oto.location.${this.group}`;
  }

  get description(): string {
    const { texts, location } = this;
    // The low count is the row's badge (see the view), which a narrow side bar never cuts off;
    // the city and kind are in the tooltip.
    const parts = [this.group === 'none' ? texts.noLocationDescription : texts.bidi.figure(location.code)];
    if (!this.listed) {
      parts.push(texts.notListed);
    }
    return texts.parts(parts);
  }

  update(texts: TreeTexts, fresh: LocationGroupNode): boolean {
    const same = this.label === fresh.label && this.description === fresh.description && sameRows(this.children, fresh.children);
    this.texts = texts;
    this.location = fresh.location;
    this.group = fresh.group;
    this.listed = fresh.listed;
    this.children = fresh.children;
    this.lowCount = fresh.lowCount;
    this.lowOfAll = fresh.lowOfAll;
    return same;
  }
}

function sameRows(a: StockNode[] | undefined, b: StockNode[] | undefined): boolean {
  if (a === undefined || b === undefined) {
    return a === b;
  }
  return a.length === b.length && a.every((node, index) => node === b[index]);
}

/** Key of the "(no location)" group among location codes. */
const NO_LOCATION = '\u0000none';

/**
 * Finds previous rows of SKUs by walking both lists in SKU order (each build sorts its SKUs the
 * same way), which costs far less than an index for tens of thousands of rows.
 */
class SortedSkuRows {
  private at = 0;
  private readonly rows: SkuNode[];

  constructor(rows: readonly StockNode[] | undefined) {
    this.rows = (rows ?? []).filter((row): row is SkuNode => row.kind === 'sku');
  }

  find(sku: string): SkuNode | undefined {
    const { rows } = this;
    while (this.at < rows.length && rows[this.at].sku < sku) {
      this.at++;
    }
    return this.at < rows.length && rows[this.at].sku === sku ? rows[this.at] : undefined;
  }
}

/** A SKU's previous row for one of its (few) locations. */
function previousLocationRow(total: SkuNode | undefined, locationCode: string | undefined): StockNode | undefined {
  return total?.children?.find((row) => row.kind === 'sku' && row.locationCode === locationCode);
}

/** The previous model's location groups by code. */
function previousGroups(model: TreeModel | undefined): Map<string, LocationNode> {
  const groups = new Map<string, LocationNode>();
  for (const root of model?.roots ?? []) {
    if (root.kind === 'location') {
      groups.set(root.group === 'none' ? NO_LOCATION : root.location.code, root);
    }
  }
  return groups;
}

export function matcher(options: TreeOptions): (stock: SkuStock) => boolean {
  const text = options.text.trim().toLowerCase();
  return (stock) => {
    if (options.lowOnly && !stock.low) {
      return false;
    }
    return text === '' || stock.sku.toLowerCase().includes(text) || (stock.product?.name?.toLowerCase().includes(text) ?? false);
  };
}

/** Builds the tree, reusing `previous`'s rows so VS Code can be told exactly what changed. */
export function buildTree(input: TreeInput, options: TreeOptions, previous?: TreeModel): BuildResult {
  const build = new Build(new TreeTexts(options.rightToLeft), previous);
  const all = [...input.skus];
  let lowOfAll = 0;
  for (const stock of all) {
    lowOfAll += stock.low ? 1 : 0;
  }
  // The store keeps SKUs in this order already, so the sort only checks it.
  const skus = all.filter(matcher(options)).sort(bySku);
  const roots = options.grouping === 'location' ? build.byLocation(input.locations, skus, options, lowOfAll) : build.bySku(input.locations, skus);
  return { model: { roots, rowCount: build.rows }, changed: build.changed, rootsChanged: !previous || !sameRows(previous.roots, roots) };
}

class Build {
  readonly changed: StockNode[] = [];
  rows = 0;

  constructor(
    private readonly texts: TreeTexts,
    private readonly previous: TreeModel | undefined,
  ) {}

  byLocation(locations: readonly PickupLocation[], skus: SkuStock[], options: TreeOptions, lowOfAll: number): StockNode[] {
    interface Group {
      location: PickupLocation;
      listed: boolean;
      old: StockNode | undefined;
      oldRows: SortedSkuRows;
      rows: StockNode[];
      low: number;
    }
    const groups = new Map<string, Group>();
    const before = previousGroups(this.previous);
    const start = (code: string, location: PickupLocation, listed: boolean): Group => {
      const old = before.get(code);
      return { location, listed, old, oldRows: new SortedSkuRows(old?.children), rows: [], low: 0 };
    };
    const group = (code: string, location: PickupLocation, listed: boolean): Group => {
      const created = start(code, location, listed);
      groups.set(code, created);
      return created;
    };
    for (const location of locations) {
      group(location.code, location, true);
    }
    const none = start(NO_LOCATION, { code: '', kind: 'warehouse' }, true);
    for (const stock of skus) {
      for (const entry of stock.locations) {
        const code = entry.locationCode;
        const into = code === undefined ? none : (groups.get(code) ?? group(code, { code, kind: 'warehouse' }, false));
        into.rows.push(this.reuse(into.oldRows.find(stock.sku), stock, entry) ?? new SkuAtLocationRow(this.texts, stock, entry));
        into.low += stock.low ? 1 : 0;
      }
    }
    const filtered = options.lowOnly || options.text.trim() !== '';
    const roots: StockNode[] = [];
    for (const { location, listed, old, rows, low } of groups.values()) {
      if (!filtered || rows.length > 0) {
        roots.push(this.group(old, new LocationGroupNode(this.texts, location, listed ? location.kind : 'warehouse', listed, rows, low, lowOfAll)));
      }
    }
    if (none.rows.length > 0) {
      roots.push(this.group(none.old, new LocationGroupNode(this.texts, none.location, 'none', true, none.rows, none.low, lowOfAll)));
    }
    return roots;
  }

  bySku(locations: readonly PickupLocation[], skus: SkuStock[]): StockNode[] {
    const byCode = new Map(locations.map((location) => [location.code, location]));
    const oldTotals = new SortedSkuRows(this.previous?.roots);
    return skus.map((stock) => {
      const oldTotal = oldTotals.find(stock.sku);
      const rows = stock.locations.map((entry) => {
        const location = entry.locationCode === undefined ? undefined : byCode.get(entry.locationCode);
        return this.reuse(previousLocationRow(oldTotal, entry.locationCode), stock, entry, location) ?? new LocationOfSkuRow(this.texts, stock, entry, location);
      });
      const figures = totalOf(stock);
      const total = this.reuse(oldTotal, stock, figures, undefined, rows) ?? new SkuTotalRow(this.texts, stock, figures);
      total.children = rows;
      for (const row of rows) {
        row.parent = total;
      }
      return total;
    });
  }

  /** The previous row updated with these figures (noted when it shows differently), if there is one. */
  private reuse(old: StockNode | undefined, stock: SkuStock, figures: LocationStock | GlobalStock, location?: PickupLocation, children?: StockNode[]): SkuRow | undefined {
    this.rows++;
    if (!(old instanceof SkuRow)) {
      return undefined;
    }
    if (!old.update(this.texts, stock, figures, location) || !sameRows(old.children, children)) {
      this.changed.push(old);
    }
    return old;
  }

  private group(old: StockNode | undefined, fresh: LocationGroupNode): LocationGroupNode {
    this.rows++;
    let node = fresh;
    if (old instanceof LocationGroupNode) {
      if (!old.update(this.texts, fresh)) {
        this.changed.push(old);
      }
      node = old;
    }
    for (const child of node.children) {
      child.parent = node;
    }
    return node;
  }
}
