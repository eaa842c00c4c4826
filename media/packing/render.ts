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

/**
 * A copy of a fixed subtree, built once per key and `scope` (the strings it shows, when it shows
 * any): cloning is much cheaper than building, which counts in long queues.
 */
function fromTemplate<T extends Node>(key: string, build: () => T, scope: object = UNSCOPED): T {
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
  return template.cloneNode(true) as T;
}

function icon(name: string, spin = false): HTMLElement {
  const className = `codicon codicon-${name}${spin ? ' codicon-modifier-spin' : ''}`;
  return fromTemplate(className, () => el('span', { className, attrs: { 'aria-hidden': 'true' } }));
}

function button(action: Action, label: string, options: { icon?: string; secondary?: boolean; disabled?: boolean; busy?: boolean; attrs?: Record<string, string> } = {}): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button', 'data-action': action, ...options.attrs };
  if (options.busy) {
    // aria-disabled rather than disabled: the button keeps focus while its call is in flight.
    attrs['aria-disabled'] = 'true';
  }
  const node = el('button', { className: options.secondary ? 'button secondary' : 'button', attrs }, [
    ...(options.icon ? [icon(options.icon)] : []),
    el('span', { text: label }),
  ]);
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

function renderItems(order: QueueOrder, s: PageStrings, f: Formatter): HTMLTableRowElement[] {
  const rows = order.items.map((item) => {
    const row = fromTemplate('item-row', () => el('tr', {}, [el('td', { className: 'sku' }), el('td', { className: 'name' }), el('td', { className: 'qty' })]));
    row.cells[0].textContent = item.sku;
    row.cells[1].textContent = item.name || s.unknownValue;
    row.cells[2].textContent = f.number(item.quantity);
    return row;
  });
  return rows;
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

/** Everything of a card that depends only on its shape (state, flags) and the strings. */
function cardSkeleton(view: CardView, s: PageStrings): HTMLElement {
  return el('article', { className: `card state-${view.state}${view.pending ? ' pending' : ''}`, attrs: { tabindex: '-1' } }, [
    el('div', { className: 'card-head' }, [
      el('h2', { className: 'order-id' }, [el('span', { className: 'muted', text: s.orderLabel }), el('span', { className: 'order-value' })]),
      el('span', { className: `badge badge-${view.state}` }, [icon(STATE_ICON[view.state]), el('span', { text: stateLabel(view.state, s) })]),
      el('span', { className: 'units' }),
    ]),
    el('table', { className: 'items' }, [
      // Fixed column widths, the same in every card, so the item tables line up down the queue.
      el('colgroup', {}, [el('col', { className: 'col-sku' }), el('col', { className: 'col-name' }), el('col', { className: 'col-qty' })]),
      el('thead', {}, [el('tr', {}, [el('th', { text: s.columnSku, attrs: { scope: 'col' } }), el('th', { text: s.columnProduct, attrs: { scope: 'col' } }), el('th', { className: 'qty', text: s.columnQuantity, attrs: { scope: 'col' } })])]),
      el('tbody'),
    ]),
    ...(view.error !== undefined ? [el('p', { className: 'card-error', attrs: { role: 'alert' } }, [icon('error'), el('span', { className: 'card-error-text' })])] : []),
    renderActions(view, s),
    el('section', { className: 'details' }),
  ]);
}

function part(card: HTMLElement, selector: string): HTMLElement {
  return card.querySelector(selector) as HTMLElement;
}

export function renderCard(view: CardView, s: PageStrings, f: Formatter): HTMLElement {
  const { order } = view;
  const shape = [view.state, view.pending, view.confirming, view.expanded, view.error !== undefined, view.offline, view.advance].join('|');
  const card = fromTemplate(`card|${shape}`, () => cardSkeleton(view, s), s);
  const titleId = nextId('order');
  const detailsId = nextId('details');
  card.dataset.orderId = order.orderId;
  card.setAttribute('aria-labelledby', titleId);
  part(card, '.order-id').id = titleId;
  part(card, '.order-value').textContent = order.orderId;
  const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
  part(card, '.units').textContent = f.text(pickForm(s.totalUnits, units), units);
  part(card, 'tbody').append(...renderItems(order, s, f));
  if (view.error !== undefined) {
    part(card, '.card-error-text').textContent = view.error;
  }
  if (view.confirming) {
    const questionId = nextId('confirm');
    part(card, '.confirm-question').id = questionId;
    part(card, '.confirm').setAttribute('aria-labelledby', questionId);
  }
  part(card, '[data-action="toggleDetails"]').setAttribute('aria-controls', detailsId);
  const details = part(card, '.details');
  details.id = detailsId;
  details.setAttribute('aria-labelledby', titleId);
  details.hidden = !view.expanded;
  if (view.expanded) {
    details.append(...renderDetailsBody(view.details, s, f));
  }
  return card;
}
