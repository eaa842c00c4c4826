// The stock history page: a chart of on hand over time per location (SVG built here from the
// geometry in src/operations/history/chart.ts), a legend, and the ledger entries below it,
// filterable and exportable. Every value goes in as text; messages are parsed before use.
import { chartBox, chartGeometry, seriesFromRows } from '../../src/operations/history/chart';
import { filterRows, parseHistoryHostMessage, type HistoryFilter, type HistoryHostMessage, type HistoryRow, type HistoryStrings, type LocationNow } from '../../src/operations/history/protocol';
import { pickForm } from '../../src/common/text/pluralForms';
import { el } from '../common/dom';
import { createFormatter, type Formatter } from '../common/format';
import type { WebviewApi } from '../common/webviewApi';

const SVG = 'http://www.w3.org/2000/svg';
/** The chart's palette: VS Code's chart colours, one class per series (the CSS maps them). */
const SERIES_CLASSES = 6;
/** A time label this close to an end of the plot (CSS pixels) is anchored at that end, not centred. */
const EDGE_LABEL_PX = 60;
/** Rows put in the table at once; the rest wait for "Show more", so 100,000 entries stay quick. */
const TABLE_PAGE = 200;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  return el(tag, { className, text });
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, className?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  if (className) {
    node.setAttribute('class', className);
  }
  return node;
}

interface Loaded {
  sku: string;
  name: string;
  rows: HistoryRow[];
  now: LocationNow[];
  readAt: number;
}

export class HistoryPage {
  private strings: HistoryStrings | undefined;
  private locale = 'en';
  /** Made when the locale arrives (`init`), before the history does: not on the chart's path. */
  private made: { locale: string; format: Formatter } | undefined;
  private data: Loaded | undefined;
  private filter: HistoryFilter = { text: '', source: '', locationCode: '' };
  private shown = TABLE_PAGE;
  private cancelTable: (() => void) | undefined;
  /** Redraws the chart when its slot's width changes (the panel resized, the side bar moved). */
  private resizing: ResizeObserver | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: WebviewApi,
  ) {}

  start(): void {
    window.addEventListener('message', (event: MessageEvent) => this.receive(event.data));
    this.api.postMessage({ type: 'ready' });
  }

  receive(raw: unknown): void {
    const message: HistoryHostMessage | undefined = parseHistoryHostMessage(raw);
    if (!message) {
      return;
    }
    if (message.type === 'init') {
      this.strings = message.strings;
      this.locale = message.locale;
      this.made = { locale: message.locale, format: createFormatter(message.locale) };
      if (!this.data) {
        this.showLoading(message.strings);
      }
      return;
    }
    if (message.type === 'error') {
      this.root.replaceChildren(element('p', 'error', message.message));
      this.root.removeAttribute('aria-busy');
      return;
    }
    this.data = { sku: message.sku, name: message.name, rows: message.rows, now: message.now, readAt: message.readAt };
    this.shown = TABLE_PAGE;
    this.render();
  }

  /**
   * Says the history is being read, until it arrives. Laid out now, while the host reads the
   * ledger, it also takes the document's first text layout (the page's fonts and the codicon font
   * looked up and loaded: about 8 ms) off the chart's way.
   */
  private showLoading(strings: HistoryStrings): void {
    const status = element('p', 'loading');
    status.setAttribute('role', 'status');
    const spinner = element('span', 'codicon codicon-loading codicon-modifier-spin');
    spinner.setAttribute('aria-hidden', 'true');
    status.append(spinner, element('span', undefined, strings.loading));
    this.root.replaceChildren(status);
  }

  private get format(): Formatter {
    if (this.made?.locale !== this.locale) {
      this.made = { locale: this.locale, format: createFormatter(this.locale) };
    }
    return this.made.format;
  }

  private get rtl(): boolean {
    return document.documentElement.dir === 'rtl';
  }

  private render(): void {
    const strings = this.strings;
    const data = this.data;
    if (!strings || !data) {
      return;
    }
    const header = element('header', 'header');
    header.append(element('h1', 'title', this.format.text(strings.title, data.sku)));
    if (data.name) {
      // A product's name reads in its own direction (a Latin name inside the Arabic page, or an
      // Arabic one inside the English page), its brackets and figures kept in place.
      header.append(element('p', 'subtitle', data.name));
    }
    const refresh = element('button', 'button secondary');
    refresh.append(element('span', 'codicon codicon-refresh'), document.createTextNode(` ${strings.refresh}`));
    refresh.addEventListener('click', () => this.api.postMessage({ type: 'refresh' }));
    header.append(refresh);
    const chartSlot = element('section', 'chart');
    chartSlot.setAttribute('aria-label', strings.chartLabel);
    const tableSlot = element('section', 'entries');
    this.root.replaceChildren(header, chartSlot, tableSlot);
    this.root.removeAttribute('aria-busy');
    this.redrawOnResize(chartSlot, this.renderChart(chartSlot));
    // The chart first, on its own frame; the table (up to a page of rows) in the frame after it. A
    // single requestAnimationFrame would build the table before the chart's first paint, in the
    // same frame, and the chart would wait for the table's layout.
    this.cancelTable?.();
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => this.renderEntries(tableSlot));
    });
    this.cancelTable = () => cancelAnimationFrame(frame);
  }

  /**
   * Draws the chart again at the slot's new width, once a frame at most. The drawing is never
   * stretched to fit (its text would grow and shrink with the panel): it is drawn for the width.
   */
  private redrawOnResize(slot: HTMLElement, drawnAt: number): void {
    this.resizing?.disconnect();
    let frame: number | undefined;
    this.resizing = new ResizeObserver(() => {
      if (frame !== undefined || slot.clientWidth === drawnAt) {
        return;
      }
      frame = requestAnimationFrame(() => {
        frame = undefined;
        drawnAt = this.renderChart(slot);
      });
    });
    this.resizing.observe(slot);
  }

  /**
   * Draws the chart into `slot` at its current width, and returns that width: read before the
   * chart is in, so the layout that reading forces is the nearly empty page's, and the chart's own
   * is left to the frame.
   */
  renderChart(slot: HTMLElement): number {
    const strings = this.strings as HistoryStrings;
    const data = this.data as Loaded;
    const slotWidth = slot.clientWidth;
    const series = seriesFromRows(data.rows, data.now, data.readAt);
    if (series.length === 0) {
      // Entries without on hand figures (inventory orders) are listed below: the history is not empty.
      slot.replaceChildren(element('p', 'empty', data.rows.length === 0 ? strings.noHistory : strings.noOnHandChanges));
      return slotWidth;
    }
    const box = chartBox(slotWidth || 720, parseFloat(getComputedStyle(slot).fontSize), this.rtl);
    const { width, height } = box;
    const geometry = chartGeometry(series, box);
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': strings.chartLabel }, 'chart-svg');
    const format = this.format;
    const { plot } = geometry;
    for (const tick of geometry.yTicks) {
      chart.append(svg('line', { x1: plot.x0, x2: plot.x1, y1: tick.position, y2: tick.position }, 'grid'));
      // Figures run left to right on both sides: in a right-to-left page, `start` would otherwise
      // be the label's right edge and the label would lie over the plot.
      const label = svg('text', { x: this.rtl ? plot.x1 + 6 : plot.x0 - 6, y: tick.position + 4, 'text-anchor': this.rtl ? 'start' : 'end', direction: 'ltr' }, 'axis-label value-label');
      label.textContent = format.number(tick.value);
      chart.append(label);
    }
    // A label at either end of the time axis lies inside the chart, anchored at its outer edge: centred
    // there it would be cut off by the chart's box. `start` is the text's right edge in right to left.
    const [toLeft, toRight] = this.rtl ? ['end', 'start'] : ['start', 'end'];
    for (const tick of geometry.xTicks) {
      const anchor = tick.position - plot.x0 < EDGE_LABEL_PX ? toLeft : plot.x1 - tick.position < EDGE_LABEL_PX ? toRight : 'middle';
      const label = svg('text', { x: tick.position, y: plot.y1 + 18, 'text-anchor': anchor }, 'axis-label time-label');
      label.textContent = format.chartTime(tick.value);
      chart.append(label);
    }
    chart.append(svg('line', { x1: plot.x0, x2: plot.x1, y1: plot.y1, y2: plot.y1 }, 'axis'));
    const legend = element('ul', 'legend');
    geometry.paths.forEach((path, index) => {
      const seriesClass = `series-${index % SERIES_CLASSES}`;
      chart.append(svg('path', { d: path.d, fill: 'none' }, `line ${seriesClass}`));
      chart.append(svg('circle', { cx: path.last.x, cy: path.last.y, r: 3 }, `dot ${seriesClass}`));
      const item = element('li', 'legend-item');
      item.append(element('span', `swatch ${seriesClass}`), element('span', 'legend-code', path.locationCode), element('span', 'legend-now', `${strings.now}: ${format.number(path.last.value)}`));
      legend.append(item);
    });
    slot.replaceChildren(chart, legend);
    return slotWidth;
  }

  private renderEntries(slot: HTMLElement): void {
    const strings = this.strings as HistoryStrings;
    const data = this.data as Loaded;
    if (data.rows.length === 0) {
      // The chart's slot says there is nothing yet: no empty table, filters or export under it.
      slot.replaceChildren();
      return;
    }
    const tools = element('div', 'tools');
    const search = element('input', 'search');
    search.type = 'search';
    search.value = this.filter.text;
    search.placeholder = strings.filterPlaceholder;
    search.setAttribute('aria-label', strings.filterLabel);
    const source = element('select', 'select');
    source.setAttribute('aria-label', strings.columnSource);
    const sources: Array<[string, string]> = [['', strings.allSources], ['single', strings.sourceSingle], ['bulk', strings.sourceBulk], ['transfer', strings.sourceTransfer], ['order', strings.sourceOrder], ['undo', strings.sourceUndo], ['outside', strings.sourceOutside]];
    for (const [value, label] of sources) {
      const option = element('option', undefined, label);
      option.value = value;
      option.selected = value === this.filter.source;
      source.append(option);
    }
    const location = element('select', 'select');
    location.setAttribute('aria-label', strings.columnLocation);
    const codes = [...new Set(data.rows.map((row) => row.locationCode))].sort();
    for (const [value, label] of [['', strings.allLocations], ...codes.map((code) => [code, code])]) {
      const option = element('option', undefined, label);
      option.value = value;
      option.selected = value === this.filter.locationCode;
      location.append(option);
    }
    const exportButton = element('button', 'button');
    exportButton.append(element('span', 'codicon codicon-export'), document.createTextNode(` ${strings.exportCsv}`));
    exportButton.addEventListener('click', () => this.api.postMessage({ type: 'exportCsv', filter: { ...this.filter } }));
    const count = element('span', 'count');
    tools.append(search, source, location, exportButton, count);
    const tableHolder = element('div', 'table-holder');
    slot.replaceChildren(tools, tableHolder);
    const update = (): void => {
      this.filter = { text: search.value, source: source.value as HistoryFilter['source'], locationCode: location.value };
      const rows = filterRows(data.rows, this.filter).sort((a, b) => b.time - a.time);
      count.textContent = this.format.text(pickForm(strings.entriesCount, rows.length), rows.length);
      tableHolder.replaceChildren(this.table(rows.slice(0, this.shown)));
      if (rows.length > this.shown) {
        const more = element('button', 'button secondary more', this.format.text(strings.showMore, rows.length - this.shown));
        more.addEventListener('click', () => {
          this.shown += TABLE_PAGE;
          update();
        });
        tableHolder.append(more);
      }
    };
    search.addEventListener('input', update);
    source.addEventListener('change', update);
    location.addEventListener('change', update);
    update();
  }

  private table(rows: readonly HistoryRow[]): HTMLTableElement {
    const strings = this.strings as HistoryStrings;
    const table = element('table', 'table');
    const head = element('tr');
    for (const title of [strings.columnTime, strings.columnSource, strings.columnLocation, strings.columnChange, strings.columnBeforeAfter, strings.columnReason, strings.columnTransaction]) {
      const th = element('th', undefined, title);
      th.scope = 'col';
      head.append(th);
    }
    table.append(element('thead'));
    table.tHead?.append(head);
    const body = element('tbody');
    const format = this.format;
    const reasonLabel: Record<string, string> = {
      received: strings.reasonReceived, damaged: strings.reasonDamaged, 'cycle-count': strings.reasonCycleCount,
      correction: strings.reasonCorrection, returned: strings.reasonReturned, other: strings.reasonOther,
    };
    const sourceLabel: Record<string, string> = { single: strings.sourceSingle, bulk: strings.sourceBulk, transfer: strings.sourceTransfer, order: strings.sourceOrder, undo: strings.sourceUndo, outside: strings.sourceOutside };
    const actionLabel: Record<string, string> = { adjust: strings.actionAdjust, set: strings.actionSet, inbound: strings.actionInbound, outbound: strings.actionOutbound, observed: strings.actionObserved };
    for (const row of rows) {
      const line = element('tr', `row source-${row.source}`);
      const change = element('td', undefined, actionLabel[row.action] ?? row.action);
      if (row.qty !== undefined) {
        // The word in the page's direction, the signed figure left to right beside it.
        change.append(' ', el('bdi', { className: 'figure', text: `${row.action === 'adjust' && row.qty > 0 ? '+' : ''}${format.number(row.qty)}`, attrs: { dir: 'ltr' } }));
      }
      const figures = row.before !== undefined && row.after !== undefined ? format.text(strings.beforeAfter, row.before, row.after) : '';
      for (const text of [format.timeAndDate(row.time), sourceLabel[row.source] ?? row.source, row.locationCode]) {
        line.append(element('td', undefined, text));
      }
      // OTO gave no transaction id for a change whose answer was lost: the cell says why it has none.
      const transaction = row.transactionId ?? (row.answer === 'lost' ? strings.answerLost : '');
      line.append(change, element('td', undefined, figures), this.reasonCell(row, reasonLabel), element('td', row.answer === 'lost' ? 'answer-lost' : undefined, transaction));
      body.append(line);
    }
    table.append(body);
    return table;
  }

  /** The reason in the page's words, then the note as it was typed, in its own direction. */
  private reasonCell(row: HistoryRow, reasonLabel: Record<string, string>): HTMLTableCellElement {
    const cell = element('td');
    const reason = row.reason && (reasonLabel[row.reason] ?? row.reason);
    if (reason) {
      cell.append(reason);
    }
    if (row.note) {
      cell.append(...(reason ? [' · '] : []), el('bdi', { className: 'note', text: row.note }));
    }
    return cell;
  }
}
