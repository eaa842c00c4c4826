// Pure rendering: each function takes data and returns DOM nodes. Text from OTO only ever goes
// in through `textContent` (via `el`), never as markup, so an item named like an HTML tag is
// shown as those characters.
import type { OrderDetailsView, PackingState, PageStrings, QueueOrder, WarehouseInfo } from '../../src/packing/protocol';
import { el } from '../common/dom';
import type { Formatter } from '../common/format';
import { pickForm } from '../../src/common/text/pluralForms';

export type DetailsState = { status: 'loading' } | { status: 'loaded'; details: OrderDetailsView } | { status: 'failed'; error: string };

export interface CardView {
  order: QueueOrder;
  /** The state shown: the order's own, or the one being set while the call is in flight. */
  state: PackingState;
  pending: boolean;
  error?: string;
  confirming: boolean;
  expanded: boolean;
  details?: DetailsState;
  /** OTO cannot be reached: the Mark buttons wait (disabled) until it answers. */
  offline: boolean;
  /** The card offers Advance Order Status… (the sandbox). */
  advance: boolean;
}

export interface SummaryView {
  total: number;
  shown: number;
  readAt?: number;
  refreshing: boolean;
  refreshError?: string;
}

/** The buttons' `data-action` values, which the page's event handlers dispatch on. */
export type Action = 'pick' | 'pack' | 'confirmPack' | 'cancelPack' | 'advance' | 'toggleDetails' | 'retryDetails' | 'refresh' | 'showLog' | 'signIn';

const templates = new WeakMap<object, Map<string, Node>>();
const UNSCOPED = {};

/** A fixed subtree, built once per key and `scope` (the strings it shows, when it shows any). */
function templateOf<T extends Node>(key: string, build: () => T, scope: object = UNSCOPED): T {
  let cache = templates.get(scope);
  if (!cache) {
    cache = new Map();
    templates.set(scope, cache);
  }
  let template = cache.get(key);
  if (!template) {
    template = build();
    cache.set(key, template);
  }
  return template as T;
}

/** A copy of a template: cloning is much cheaper than building, which counts in long queues. */
function fromTemplate<T extends Node>(key: string, build: () => T, scope: object = UNSCOPED): T {
  return templateOf(key, build, scope).cloneNode(true) as T;
}

function icon(name: string, spin = false): HTMLElement {
  const className = `codicon codicon-${name}${spin ? ' codicon-modifier-spin' : ''}`;
  return fromTemplate(className, () => el('span', { className, attrs: { 'aria-hidden': 'true' } }));
}

/**
 * The class that draws a codicon before an element's own text (`glyph glyph-<name>`, packing.css):
 * a pseudo-element rather than a span of its own, so a queue's 2,000 buttons and badges are not
 * copied with 2,000 more nodes. The glyph is given an empty alternative text there, so it stays
 * out of the element's accessible name.
 */
function glyph(name: string): string {
  return ` glyph glyph-${name}`;
}

function button(action: Action, label: string, options: { icon?: string; secondary?: boolean; disabled?: boolean; busy?: boolean; attrs?: Record<string, string> } = {}): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button', 'data-action': action, ...options.attrs };
  if (options.busy) {
    // aria-disabled rather than disabled: the button keeps focus while its call is in flight.
    attrs['aria-disabled'] = 'true';
  }
  // The label as the button's own text, not in a span: a queue has 1,500 buttons.
  const className = `${options.secondary ? 'button secondary' : 'button'}${options.icon ? glyph(options.icon) : ''}`;
  const node = el('button', { className, attrs }, [document.createTextNode(label)]);
  node.disabled = options.disabled ?? false;
  return node;
}

let idCounter = 0;
function nextId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export function renderHeader(warehouse: WarehouseInfo, s: PageStrings, search: string): HTMLElement {
  const searchId = nextId('search');
  const input = el('input', {
    className: 'search-input',
    attrs: { id: searchId, type: 'search', placeholder: s.searchPlaceholder, 'aria-label': s.searchLabel, autocomplete: 'off', spellcheck: 'false' },
  });
  input.value = search;
  return el('header', { className: 'queue-header' }, [
    el('div', { className: 'title-row' }, [
      el('h1', { className: 'title' }, [icon('package'), el('span', { text: warehouse.name || warehouse.code })]),
      el('span', { className: 'code', text: warehouse.code }),
      button('refresh', s.refresh, { icon: 'refresh', secondary: true, attrs: { title: s.refresh } }),
    ]),
    el('div', { className: 'search' }, [icon('search'), input]),
    el('div', { className: 'summary-slot', attrs: { 'aria-live': 'polite' } }),
  ]);
}

export function renderSummary(view: SummaryView, s: PageStrings, f: Formatter): HTMLElement {
  const count =
    view.shown !== view.total
      ? f.text(pickForm(s.filteredCount, view.total), view.total, view.shown)
      : f.text(pickForm(s.orderCount, view.total), view.total);
  const parts: Node[] = [el('span', { className: 'count', text: count })];
  if (view.readAt !== undefined) {
    parts.push(el('span', { className: 'read-at', text: f.text(s.readAt, f.time(view.readAt)) }));
  }
  if (view.refreshing) {
    parts.push(el('span', { className: 'refreshing' }, [icon('loading', true), el('span', { text: s.loading })]));
  }
  if (view.refreshError !== undefined) {
    parts.push(
      el('span', { className: 'refresh-error', attrs: { role: 'alert' } }, [icon('warning'), el('span', { text: view.refreshError })]),
      button('showLog', s.showLog, { secondary: true }),
    );
  }
  return el('div', { className: 'summary' }, parts);
}

export function renderLoading(s: PageStrings | undefined): HTMLElement {
  return el('div', { className: 'state-message loading', attrs: { role: 'status' } }, [icon('loading', true), el('p', { text: s?.loading ?? '' })]);
}

export function renderEmpty(s: PageStrings, warehouse: WarehouseInfo, f: Formatter): HTMLElement {
  return el('div', { className: 'state-message empty', attrs: { role: 'status' } }, [
    icon('inbox'),
    el('h2', { text: s.emptyTitle }),
    el('p', { text: f.text(s.emptyBody, warehouse.name || warehouse.code) }),
    button('refresh', s.refresh, { icon: 'refresh' }),
  ]);
}

export function renderNoMatches(s: PageStrings, search: string, f: Formatter): HTMLElement {
  return el('div', { className: 'state-message no-matches', attrs: { role: 'status' } }, [icon('filter'), el('p', { text: f.text(s.noMatches, search.trim()) })]);
}

/** OTO cannot be reached: what is shown is as last read, and marking waits for an answer. */
export function renderUnreachable(s: PageStrings, message: string): HTMLElement {
  return el('div', { className: 'notice unreachable', attrs: { role: 'alert' } }, [
    icon('debug-disconnect'),
    el('div', { className: 'notice-text' }, [el('p', { className: 'notice-title', text: message }), el('p', { text: s.unreachableNote })]),
    button('refresh', s.retry, { icon: 'refresh', secondary: true }),
  ]);
}

/** The queue could not be read; when the cause is a missing sign-in, signing in is the first way out. */
export function renderLoadError(s: PageStrings, message: string, signIn: boolean): HTMLElement {
  const actions = [button('refresh', s.retry, { icon: 'refresh', secondary: signIn }), button('showLog', s.showLog, { secondary: true, icon: 'output' })];
  if (signIn) {
    actions.unshift(button('signIn', s.signIn, { icon: 'sign-in' }));
  }
  return el('div', { className: 'state-message error', attrs: { role: 'alert' } }, [icon('error'), el('h2', { text: s.errorTitle }), el('p', { className: 'error-text', text: message }), el('div', { className: 'actions' }, actions)]);
}

const STATE_ICON: Record<PackingState, string> = { ready: 'circle-large-outline', picked: 'pass', packed: 'check-all', unknown: 'question' };

function stateLabel(state: PackingState, s: PageStrings): string {
  return { ready: s.stateReady, picked: s.statePicked, packed: s.statePacked, unknown: s.stateUnknown }[state];
}

/**
 * A row of empty cells, given their text by `textContent` once copied: a copy without the text
 * nodes is that much cheaper, and one `textContent` costs less than reaching an empty text node
 * and setting its data (the page's code runs cold, once per queue, so each DOM call counts).
 */
function itemRow(): HTMLTableRowElement {
  return el('tr', {}, [el('td', { className: 'sku' }), el('td', { className: 'name' }), el('td', { className: 'qty' })]);
}

/** Orders with up to this many items get their rows with the card's copy; longer ones row by row. */
const ROWS_IN_TEMPLATE = 12;

/**
 * Fills the item table's rows (`body` holds the first `ROWS_IN_TEMPLATE` of them already) and
 * returns the order's total units. An indexed loop: the page's code runs cold, where an iterator
 * per order costs.
 */
function fillItems(body: HTMLTableSectionElement, items: QueueOrder['items'], s: PageStrings, f: Formatter): number {
  for (let index = body.childElementCount; index < items.length; index++) {
    body.append(fromTemplate('item-row', itemRow));
  }
  // Walked by sibling: indexing `rows` and `cells` (live collections) costs more, 2,500 times.
  let row = body.firstElementChild as Element;
  let units = 0;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const sku = row.firstElementChild as Element;
    const name = sku.nextElementSibling as Element;
    sku.textContent = item.sku;
    name.textContent = item.name || s.unknownValue;
    (name.nextElementSibling as Element).textContent = f.number(item.quantity);
    units += item.quantity;
    row = row.nextElementSibling as Element;
  }
  return units;
}

/** Ready, or not known to be anything else: picking is the next step (OTO itself refuses a pick that is not). */
export function notPicked(state: PackingState): boolean {
  return state === 'ready' || state === 'unknown';
}

function renderActions(view: CardView, s: PageStrings): HTMLElement {
  const toggle = button('toggleDetails', view.expanded ? s.hideDetails : s.showDetails, {
    secondary: true,
    icon: view.expanded ? 'chevron-down' : 'chevron-right',
    attrs: { 'aria-expanded': String(view.expanded) },
  });
  const advance = view.advance && !view.pending ? [button('advance', s.advanceStatus, { secondary: true, icon: 'arrow-circle-right' })] : [];
  if (view.state === 'packed') {
    return el('div', { className: 'actions' }, [el('span', { className: 'packed-note', text: s.packedNote }), ...advance, toggle]);
  }
  if (view.confirming) {
    return el('div', { className: 'actions' }, [renderConfirm(view, s), toggle]);
  }
  const toPick = notPicked(view.state);
  // One primary button per card, the order's next step: picking, then packing. The Mark buttons
  // come before Details, so Tab reaches them first.
  return el('div', { className: 'actions' }, [
    // Offline, no button stands out as the next step: none can be taken.
    button('pick', s.markPicked, { icon: 'pass', secondary: !toPick || view.offline, disabled: !toPick || view.offline, busy: view.pending }),
    button('pack', s.markPacked, { icon: 'check-all', secondary: toPick || view.offline, disabled: view.offline, busy: view.pending }),
    ...(view.pending ? [el('span', { className: 'updating', attrs: { role: 'status' } }, [icon('loading', true), el('span', { text: s.updating })])] : []),
    ...advance,
    toggle,
  ]);
}

/** Packed cannot be undone: the card says so, in place of its Mark buttons, before anything is sent. */
function renderConfirm(view: CardView, s: PageStrings): HTMLElement {
  const skipsPick = notPicked(view.state);
  return el('div', { className: 'confirm', attrs: { role: 'group' } }, [
    icon('warning'),
    el('span', { className: 'confirm-question', text: skipsPick ? s.confirmSkipPicked : s.confirmPacked }),
    button('confirmPack', skipsPick ? s.confirmMarkPacked : s.markPacked, { icon: 'check-all', disabled: view.offline }),
    button('cancelPack', s.cancel, { secondary: true }),
  ]);
}

function renderDetailsBody(details: DetailsState | undefined, s: PageStrings, f: Formatter): Node[] {
  if (!details || details.status === 'loading') {
    return [el('p', { className: 'details-loading', attrs: { role: 'status' } }, [icon('loading', true), el('span', { text: s.loadingDetails })])];
  }
  if (details.status === 'failed') {
    return [el('p', { className: 'details-error', attrs: { role: 'alert' } }, [icon('error'), el('span', { text: details.error })]), button('retryDetails', s.retry, { secondary: true, icon: 'refresh' })];
  }
  const { status, customerCity, packingHistory } = details.details;
  const history = packingHistory.length
    ? el(
        'ol',
        { className: 'history' },
        packingHistory.map((entry) => el('li', {}, [el('span', { className: 'history-status', text: entry.status }), el('span', { className: 'history-date', text: f.dateTime(entry.date) }), el('span', { className: 'history-description', text: entry.description })])),
      )
    : el('p', { className: 'muted', text: s.noPackingHistory });
  return [
    el('dl', {}, [
      el('dt', { text: s.orderStatus }),
      el('dd', { text: status || s.unknownValue }),
      el('dt', { text: s.customerCity }),
      el('dd', { text: customerCity || s.unknownValue }),
      ...optionalRows(details.details, s, f),
    ]),
    el('h3', { text: s.packingHistory }),
    history,
  ];
}

function deliverySlot(d: OrderDetailsView, s: PageStrings, f: Formatter): string | undefined {
  const date = d.deliverySlotDate === undefined ? undefined : f.date(d.deliverySlotDate);
  if (d.deliverySlotFrom === undefined || d.deliverySlotTo === undefined) {
    return date;
  }
  return f.text(s.deliverySlotRange, date ?? '', d.deliverySlotFrom, d.deliverySlotTo).replace(/^, /, '');
}

const PAYMENT_WORDS: Record<string, 'paymentPaid' | 'paymentCod'> = { paid: 'paymentPaid', cod: 'paymentCod' };

/** The rows OTO sent values for; a field it left out gets no row. */
function optionalRows(d: OrderDetailsView, s: PageStrings, f: Formatter): Node[] {
  const payment = d.paymentMethod === undefined ? undefined : Object.hasOwn(PAYMENT_WORDS, d.paymentMethod.toLowerCase()) ? s[PAYMENT_WORDS[d.paymentMethod.toLowerCase()]] : d.paymentMethod;
  const amount = d.amountDue === undefined ? undefined : d.currency ? f.text(s.amountWithCurrency, f.number(d.amountDue), d.currency) : f.number(d.amountDue);
  const rows: Array<[string, string | undefined, string?]> = [
    [s.customerRegion, d.customerRegion],
    [s.deliverySlot, deliverySlot(d, s, f)],
    [s.paymentMethod, payment],
    [s.amountDue, amount],
    [s.packageWeight, d.packageWeight === undefined ? undefined : f.text(s.packageWeightValue, d.packageWeight)],
    [s.packageCount, d.packageCount === undefined ? undefined : f.number(d.packageCount)],
    // As text only: a URL from the network is never made a live link.
    [s.trackingUrl, d.trackingUrl, 'tracking-url'],
  ];
  return rows.flatMap(([label, value, className]) =>
    value === undefined ? [] : [el('dt', { text: label }), el('dd', { text: value, ...(className ? { className, attrs: { dir: 'ltr' } } : {}) })],
  );
}

/**
 * A column header named by its `aria-label`, which a screen reader announces with each cell of the
 * column; packing.css draws the label from that attribute, so 500 cards' headers are not 1,500 text
 * nodes more to copy.
 */
function columnHeader(label: string, className?: string): HTMLTableCellElement {
  return el('th', { className, attrs: { scope: 'col', 'aria-label': label } });
}

const unitsTexts = new WeakMap<PageStrings, Map<number, string>>();

/**
 * "15 units": made once per total and page strings (the formatter comes with them, in `init`),
 * as choosing a plural form costs more than the rest of a card's text (500 cards).
 */
function unitsText(units: number, s: PageStrings, f: Formatter): string {
  let texts = unitsTexts.get(s);
  if (!texts) {
    texts = new Map();
    unitsTexts.set(s, texts);
  }
  let text = texts.get(units);
  if (text === undefined) {
    text = f.text(pickForm(s.totalUnits, units), units);
    // A queue has a few dozen different totals; the bound keeps a hostile one from growing this.
    if (texts.size < 1000) {
      texts.set(units, text);
    }
  }
  return text;
}

/** Everything of a card that depends only on its shape (state, flags, item count) and the strings. */
function cardSkeleton(view: CardView, s: PageStrings, rows: number): HTMLElement {
  return el('article', { className: `card state-${view.state}${view.pending ? ' pending' : ''}`, attrs: { tabindex: '-1' } }, [
    el('div', { className: 'card-head' }, [
      el('h2', { className: 'order-id' }, [el('span', { className: 'muted', text: s.orderLabel }), el('span', { className: 'order-value' })]),
      el('span', { className: `badge badge-${view.state}${glyph(STATE_ICON[view.state])}`, text: stateLabel(view.state, s) }),
      el('span', { className: 'units' }),
    ]),
    el('table', { className: 'items' }, [
      // Fixed column widths on the header cells (packing.css), the same in every card, so the item
      // tables line up down the queue.
      el('thead', {}, [el('tr', {}, [columnHeader(s.columnSku, 'col-sku'), columnHeader(s.columnProduct), columnHeader(s.columnQuantity, 'qty')])]),
      el('tbody', {}, Array.from({ length: rows }, itemRow)),
    ]),
    ...(view.error !== undefined ? [el('p', { className: 'card-error', attrs: { role: 'alert' } }, [icon('error'), el('span', { className: 'card-error-text' })])] : []),
    renderActions(view, s),
  ]);
}

/** The parts of a card its order fills in, by selector. */
const CARD_PARTS = {
  value: '.order-value',
  units: '.units',
  items: 'tbody',
  errorText: '.card-error-text',
  confirm: '.confirm',
  question: '.confirm-question',
  toggle: '[data-action="toggleDetails"]',
} as const;

type CardPart = keyof typeof CARD_PARTS;

/** Where each part sits in a card's skeleton, as child indices from the card; found once per skeleton. */
const partPaths = new WeakMap<Node, Partial<Record<CardPart, number[]>>>();

function pathsIn(skeleton: HTMLElement): Partial<Record<CardPart, number[]>> {
  let paths = partPaths.get(skeleton);
  if (!paths) {
    paths = {};
    for (const [name, selector] of Object.entries(CARD_PARTS) as Array<[CardPart, string]>) {
      const found = skeleton.querySelector(selector);
      if (found) {
        const path: number[] = [];
        for (let node: Element = found; node !== skeleton; node = node.parentElement as Element) {
          path.unshift(Array.prototype.indexOf.call((node.parentElement as Element).children, node));
        }
        paths[name] = path;
      }
    }
    partPaths.set(skeleton, paths);
  }
  return paths;
}

/**
 * A card's part, walked to by child index: a copy of a skeleton has its parts where the skeleton
 * has them, and walking is much cheaper than a selector search through the whole card (500 cards
 * × 7 parts).
 */
function part<T extends HTMLElement = HTMLElement>(card: HTMLElement, path: number[] | undefined): T {
  let node: Element = card;
  for (const index of path ?? []) {
    node = node.firstElementChild as Element;
    for (let step = 0; step < index; step++) {
      node = node.nextElementSibling as Element;
    }
  }
  return node as T;
}

/** What names a card, shell or built: its own label, the same in both. */
function cardLabel(orderId: string, s: PageStrings): string {
  return `${s.orderLabel} ${orderId}`;
}

/**
 * A card's stand-in until it is built: an empty card of the placeholder height, in its place in
 * the list and named like the card, so the first frame paints the cards on screen with the list
 * at its full length (scroll bar, find, a screen reader's list of articles) and builds the rest
 * after. The built card takes over this element (`takeOver` in page.ts).
 */
export function renderShell(orderId: string, s: PageStrings): HTMLElement {
  const shell = fromTemplate('shell', () => el('article', { className: 'card shell', attrs: { tabindex: '-1' } }));
  shell.setAttribute('data-order-id', orderId);
  shell.setAttribute('aria-label', cardLabel(orderId, s));
  return shell;
}

export function renderCard(view: CardView, s: PageStrings, f: Formatter): HTMLElement {
  const { order } = view;
  const rows = Math.min(order.items.length, ROWS_IN_TEMPLATE);
  const shape = `${view.state}|${view.pending}|${view.confirming}|${view.expanded}|${view.error !== undefined}|${view.offline}|${view.advance}|${rows}`;
  const skeleton = templateOf(`card|${shape}`, () => cardSkeleton(view, s, rows), s);
  const card = skeleton.cloneNode(true) as HTMLElement;
  const paths = pathsIn(skeleton);
  // Named by a label of its own rather than by its heading: a card content-visibility skips
  // (off screen) is in the accessibility tree without its contents, so only its own attribute can
  // name it there.
  const label = cardLabel(order.orderId, s);
  card.setAttribute('data-order-id', order.orderId);
  card.setAttribute('aria-label', label);
  part(card, paths.value).textContent = order.orderId;
  const units = fillItems(part<HTMLTableSectionElement>(card, paths.items), order.items, s, f);
  part(card, paths.units).textContent = unitsText(units, s, f);
  if (view.error !== undefined) {
    part(card, paths.errorText).textContent = view.error;
  }
  if (view.confirming) {
    const questionId = nextId('confirm');
    part(card, paths.question).id = questionId;
    part(card, paths.confirm).setAttribute('aria-labelledby', questionId);
  }
  if (view.expanded) {
    // Only an open card has its details section (and the toggle's aria-controls): a collapsed
    // one has nothing to point at, and 500 empty sections cost their copies.
    const detailsId = nextId('details');
    part(card, paths.toggle).setAttribute('aria-controls', detailsId);
    card.append(el('section', { className: 'details', attrs: { id: detailsId, 'aria-label': label } }, renderDetailsBody(view.details, s, f)));
  }
  return card;
}
