// The packing page: holds what the host sent plus the page's own UI state (search, and per order
// one CardState: expanded, details, change in flight, error, confirmation, its rendered card),
// and keeps the DOM in step. A status change is shown at once and undone if the host reports
// that the call failed. Messages from the host are parsed before use.
import {
  parseHostMessage,
  parsePageMessage,
  parsePanelState,
  type HostMessage,
  type PackingStatus,
  type PageMessage,
  type PageStrings,
  type PanelState,
  type QueueOrder,
  type WarehouseInfo,
} from '../../src/packing/protocol';
import { describeMessage } from '../../src/common/webview/schema';
import { matchesSearch, searchText, searchWords } from './filter';
import { focusCard, focusedControl, focusNeighbour, refocus, visibleCards, type FocusedControl } from './focus';
import { createFormatter, type Formatter } from '../common/format';
import type { WebviewApi } from '../common/webviewApi';
import { notPicked, renderCard, renderEmpty, renderShell, renderHeader, renderLoadError, renderLoading, renderNoMatches, renderUnreachable, renderSummary, type Action, type CardView, type DetailsState } from './render';

interface Ready {
  warehouse: WarehouseInfo;
  strings: PageStrings;
  format: Formatter;
  header: HTMLElement;
  summarySlot: HTMLElement;
  search: HTMLInputElement;
}

interface Card {
  /** The view it was built from, as JSON; undefined while it is a shell (built later). */
  key: string | undefined;
  element: HTMLElement;
}

/**
 * Everything the page keeps about one order besides what the host sent: one entry per order, so
 * an order that leaves the queue (or a reset) takes all of it along at once.
 */
interface CardState {
  expanded: boolean;
  confirming: boolean;
  details?: DetailsState;
  pending?: { requestId: number; target: PackingStatus };
  error?: string;
  /** The card last built for it, and the view it was built from. */
  card?: Card;
}

/**
 * A queue is shown in two steps. The task that brings it puts a shell for every order in the list
 * (an empty card of the placeholder height, named like the card: render.ts) and builds whole
 * cards for as many as the window can show, counting no card shorter than `MIN_CARD_HEIGHT`; the
 * first frame paints those, with the list at its full length. The rest are built in idle time,
 * `BUILD_SLICE_MS` (a frame) at a time, so a key or a scroll is answered in between; a shell that nears the
 * screen first, or any key pressed meanwhile, has them built at once. Building all 500 cards in
 * the first task had cost about 25 ms of script and its frame (painted in 53 to 73 ms).
 */
const MIN_CARD_HEIGHT = 100;
const BUILD_SLICE_MS = 16;
/** Under load the browser may find no idle time: the rest is built within this wait anyway. */
const BUILD_TIMEOUT_MS = 100;

/** Chromium's event when a `content-visibility: auto` element starts or stops being skipped (not in TypeScript's DOM lib yet). */
interface ContentVisibilityEvent extends Event {
  skipped: boolean;
}

/**
 * A redrawn card goes into the element it replaces: the list keeps its children (so scroll
 * anchoring keeps the cards on screen still), and an off-screen card keeps the height it was last
 * laid out at (`contain-intrinsic-size: auto`) rather than the placeholder's, so a change above
 * the screen does not move what is on it.
 */
function takeOver(previous: HTMLElement, next: HTMLElement): void {
  for (const name of previous.getAttributeNames()) {
    if (!next.hasAttribute(name)) {
      previous.removeAttribute(name);
    }
  }
  for (const name of next.getAttributeNames()) {
    previous.setAttribute(name, next.getAttribute(name) as string);
  }
  previous.replaceChildren(...next.childNodes);
}

export class PackingPage {
  private ready: Ready | undefined;
  private orders: QueueOrder[] = [];
  private readAt: number | undefined;
  private loaded = false;
  private loading = false;
  private loadError: { message: string; signIn: boolean } | undefined;
  /** The host's "OTO cannot be reached" while it cannot: shown above the cards, whose Mark buttons wait. */
  private unreachable: string | undefined;
  private search = '';
  private readonly states = new Map<string, CardState>();
  private nextRequestId = 1;
  /** The idle callback building the shells, while some are left. */
  private buildTask: number | undefined;
  /** Where in `orders` that callback goes on; every order before it has its card built. */
  private buildCursor = 0;
  private readonly haystacks = new WeakMap<QueueOrder, string>();
  /** The host offers Advance Order Status… on each card (the sandbox). */
  private advance = false;
  private readonly list: HTMLElement;
  private readonly stateSlot: HTMLElement;
  private readonly noticeSlot: HTMLElement;
  private noticeShown: string | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: WebviewApi,
  ) {
    this.list = document.createElement('div');
    this.list.className = 'cards';
    this.stateSlot = document.createElement('div');
    this.noticeSlot = document.createElement('div');
    const saved = parsePanelState(api.getState());
    if (saved) {
      this.search = saved.search;
      for (const orderId of saved.expanded) {
        this.stateOf(orderId).expanded = true;
      }
    }
  }

  start(): void {
    window.addEventListener('message', (event: MessageEvent) => this.receive(event.data));
    this.root.addEventListener('click', (event) => this.onClick(event));
    this.root.addEventListener('input', (event) => this.onInput(event));
    this.root.addEventListener('keydown', (event) => this.onKeyDown(event));
    document.addEventListener('keydown', (event) => this.onDocumentKeyDown(event));
    // Before the key does anything (Tab, arrows, find): every card is there for it to reach.
    document.addEventListener('keydown', () => this.buildShells(Infinity), true);
    // Capture: the event does not bubble.
    this.list.addEventListener('contentvisibilityautostatechange', (event) => this.onNearScreen(event as ContentVisibilityEvent), true);
    this.root.replaceChildren(renderLoading(undefined));
    this.post({ type: 'ready' });
  }

  receive(raw: unknown): void {
    const message = parseHostMessage(raw);
    if (!message) {
      console.warn(`OTO packing page: ignored a malformed ${describeMessage(raw)}.`);
      return;
    }
    this.handle(message);
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        return this.init(message.warehouse, message.strings, message.locale, message.screenReader === true);
      case 'loading':
        this.loading = true;
        return this.update();
      case 'reset':
        return this.reset();
      case 'queue':
        this.advance = message.advance === true;
        return this.setQueue(message.orders, message.readAt);
      case 'loadError':
        this.loading = false;
        this.loadError = { message: message.message, signIn: message.signIn };
        return this.update();
      case 'unreachable':
        this.unreachable = message.message;
        return this.update();
      case 'reachable':
        this.unreachable = undefined;
        return this.update();
      case 'statusResult':
        return this.statusResult(message);
      case 'orderDetails':
        return this.setDetails(message.orderId, { status: 'loaded', details: message.details });
      case 'orderDetailsError':
        return this.setDetails(message.orderId, { status: 'failed', error: message.error });
    }
  }

  /** Sends what the host's parser accepts, checked with that same parser: a message it would drop is not sent. */
  private post(message: PageMessage): void {
    if (!parsePageMessage(message)) {
      console.error(`OTO packing page: did not send a malformed ${describeMessage(message)}.`);
      return;
    }
    this.api.postMessage(message);
  }

  private init(warehouse: WarehouseInfo, strings: PageStrings, locale: string, screenReader: boolean): void {
    this.root.classList.toggle('screen-reader', screenReader);
    const header = renderHeader(warehouse, strings, this.search);
    const search = header.querySelector('input') as HTMLInputElement;
    const summarySlot = header.querySelector('.summary-slot') as HTMLElement;
    this.ready = { warehouse, strings, format: createFormatter(locale), header, summarySlot, search };
    this.stopBuilding();
    for (const state of this.states.values()) {
      state.card = undefined;
    }
    this.list.replaceChildren();
    this.root.replaceChildren(header, this.noticeSlot, this.stateSlot, this.list);
    this.root.removeAttribute('aria-busy');
    this.saveState();
    this.update();
  }

  /** The session changed: nothing of the old one stays on screen, and no button of it stays live. */
  private reset(): void {
    this.advance = false;
    this.stopBuilding();
    this.orders = [];
    this.readAt = undefined;
    this.loaded = false;
    this.loadError = undefined;
    this.unreachable = undefined;
    this.states.clear();
    this.list.replaceChildren();
    this.saveState();
    this.update();
  }

  private setQueue(orders: QueueOrder[], readAt: number): void {
    this.orders = orders;
    this.readAt = readAt;
    this.loaded = true;
    this.loading = false;
    this.loadError = undefined;
    const present = new Set(orders.map((order) => order.orderId));
    for (const [orderId, state] of this.states) {
      if (!present.has(orderId)) {
        this.states.delete(orderId);
      } else if (state.expanded && !state.details) {
        // Cards left expanded before a reload need their details again.
        this.requestDetails(orderId);
      }
    }
    this.saveState();
    this.update();
  }

  private statusResult(message: Extract<HostMessage, { type: 'statusResult' }>): void {
    const card = this.states.get(message.orderId);
    if (!card?.pending || card.pending.requestId !== message.requestId) {
      return;
    }
    card.pending = undefined;
    if (message.ok) {
      const state = message.state;
      this.orders = this.orders.map((order) => (order.orderId === message.orderId ? { ...order, state } : order));
    } else {
      card.error = message.error;
    }
    this.update();
  }

  private setDetails(orderId: string, details: DetailsState): void {
    if (this.orders.some((order) => order.orderId === orderId)) {
      this.stateOf(orderId).details = details;
      this.update();
    }
  }

  /** The order's entry, made on first use. */
  private stateOf(orderId: string): CardState {
    let state = this.states.get(orderId);
    if (!state) {
      state = { expanded: false, confirming: false };
      this.states.set(orderId, state);
    }
    return state;
  }

  private expandedIds(): string[] {
    return [...this.states].filter(([, state]) => state.expanded).map(([orderId]) => orderId);
  }

  private saveState(): void {
    if (this.ready) {
      const state: PanelState = { warehouse: this.ready.warehouse, search: this.search, expanded: this.expandedIds() };
      this.api.setState(state);
    }
  }

  /** What the card shows, derived from the order and its entry. */
  private cardView(order: QueueOrder, card: CardState): CardView {
    const { pending, expanded } = card;
    return {
      order,
      state: pending ? pending.target : order.state,
      pending: pending !== undefined,
      error: card.error,
      confirming: card.confirming,
      expanded,
      details: expanded ? card.details : undefined,
      offline: this.unreachable !== undefined,
      advance: this.advance,
    };
  }

  /**
   * Brings the DOM in step with the state: a new order gets a shell, a built card whose view
   * changed is rebuilt, the others are left alone. A shell is built from the order's view at the
   * time it is built, so a change that comes meanwhile is in it.
   */
  private update(): void {
    const ready = this.ready;
    if (!ready) {
      return;
    }
    const focus = focusedControl();
    const { strings } = ready;
    // Without orders the load error says it already; with them, the notice says why the buttons wait.
    const notice = this.loaded || this.loadError === undefined ? this.unreachable : undefined;
    if (notice !== this.noticeShown) {
      // Redrawn only when it changes, so focus on its button survives the updates in between.
      this.noticeShown = notice;
      this.noticeSlot.replaceChildren(...(notice !== undefined ? [renderUnreachable(strings, notice)] : []));
    }
    if (!this.loaded) {
      this.stateSlot.replaceChildren(this.loadError !== undefined ? renderLoadError(strings, this.loadError.message, this.loadError.signIn) : renderLoading(strings));
      ready.summarySlot.replaceChildren();
      return;
    }
    const elements: HTMLElement[] = [];
    for (const order of this.orders) {
      const state = this.stateOf(order.orderId);
      if (!state.card) {
        state.card = { key: undefined, element: renderShell(order.orderId, strings) };
      } else if (state.card.key !== undefined) {
        this.build(order, state, state.card);
      }
      elements.push(state.card.element);
    }
    this.showCards(elements);
    this.applyFilter(focus);
  }

  /**
   * Builds the order's card into its element (a shell, or the card it had) unless what it shows
   * is unchanged. The element stays, so the list keeps its children (scroll anchoring keeps the
   * cards on screen still) and whether the search hides it.
   */
  private build(order: QueueOrder, state: CardState, card: Card): void {
    const view = this.cardView(order, state);
    const key = JSON.stringify(view);
    if (card.key === key || !this.ready) {
      return;
    }
    const hidden = card.element.hidden;
    takeOver(card.element, renderCard(view, this.ready.strings, this.ready.format));
    card.element.hidden = hidden;
    card.key = key;
  }

  /** Builds the cards still shells until `until` (a `performance.now()` time), at least one; true when none is left. */
  private buildShells(until: number): boolean {
    if (this.buildTask === undefined) {
      return true;
    }
    let built = 0;
    for (; this.buildCursor < this.orders.length; this.buildCursor++) {
      if (built > 0 && performance.now() >= until) {
        return false;
      }
      const order = this.orders[this.buildCursor];
      const state = this.states.get(order.orderId);
      if (state?.card && state.card.key === undefined) {
        this.build(order, state, state.card);
        built += 1;
      }
    }
    this.stopBuilding();
    return true;
  }

  /** Shells are left: the list says it is not whole yet (`aria-busy`), and idle time builds them. */
  private buildLater(): void {
    this.list.setAttribute('aria-busy', 'true');
    this.buildCursor = 0;
    if (this.buildTask !== undefined) {
      return;
    }
    const next = (deadline: IdleDeadline): void => {
      const slice = deadline.didTimeout ? BUILD_SLICE_MS : Math.min(BUILD_SLICE_MS, deadline.timeRemaining());
      if (!this.buildShells(performance.now() + slice)) {
        this.buildTask = requestIdleCallback(next, { timeout: BUILD_TIMEOUT_MS });
      }
    };
    this.buildTask = requestIdleCallback(next, { timeout: BUILD_TIMEOUT_MS });
  }

  private stopBuilding(): void {
    if (this.buildTask !== undefined) {
      cancelIdleCallback(this.buildTask);
      this.buildTask = undefined;
    }
    this.list.removeAttribute('aria-busy');
  }

  /** A shell comes near the screen (scrolled to) before idle time built it: it is built for the frame that shows it. */
  private onNearScreen(event: ContentVisibilityEvent): void {
    const orderId = event.skipped ? undefined : (event.target as HTMLElement).dataset.orderId;
    const state = orderId === undefined ? undefined : this.states.get(orderId);
    if (orderId !== undefined && state?.card && state.card.key === undefined) {
      this.build(this.orderById(orderId), state, state.card);
    }
  }

  /** Puts these cards in the list, appending when the list already holds the first of them. */
  private showCards(elements: HTMLElement[]): void {
    const current = this.list.children;
    const isPrefix = current.length <= elements.length && elements.every((element, index) => index >= current.length || current[index] === element);
    if (!isPrefix) {
      this.list.replaceChildren(...elements);
    } else if (current.length < elements.length) {
      this.list.append(...elements.slice(current.length));
    }
  }

  private searchText(order: QueueOrder): string {
    let text = this.haystacks.get(order);
    if (text === undefined) {
      text = searchText(order);
      this.haystacks.set(order, text);
    }
    return text;
  }

  /** Shows the cards matching the search, and the summary and messages that go with them. */
  private applyFilter(focus = focusedControl()): void {
    const ready = this.ready;
    if (!ready || !this.loaded) {
      return;
    }
    let shown = 0;
    let shells = 0;
    // With VS Code's accessibility support on, every card is built at once: a screen reader reads
    // the whole list, off screen too (packing.css).
    const firstScreen = this.root.classList.contains('screen-reader') ? Infinity : Math.ceil(window.innerHeight / MIN_CARD_HEIGHT);
    // Parsed once per filtering, and no order's text is made while nothing is searched.
    const words = searchWords(this.search);
    for (const order of this.orders) {
      const visible = words.length === 0 || matchesSearch(this.searchText(order), words);
      shown += visible ? 1 : 0;
      const state = this.states.get(order.orderId);
      const card = state?.card;
      if (!state || !card) {
        continue;
      }
      if (card.element.hidden === visible) {
        card.element.hidden = !visible;
      }
      if (card.key === undefined) {
        // The cards the search shows first are built for the next frame; the others wait for idle time.
        if (visible && shown <= firstScreen) {
          this.build(order, state, card);
        } else {
          shells += 1;
        }
      }
    }
    if (shells > 0) {
      this.buildLater();
    } else {
      this.stopBuilding();
    }
    const { strings, format, warehouse } = ready;
    const refreshError = this.unreachable === undefined ? this.loadError?.message : undefined;
    ready.summarySlot.replaceChildren(renderSummary({ total: this.orders.length, shown, readAt: this.readAt, refreshing: this.loading, refreshError }, strings, format));
    if (this.orders.length === 0) {
      this.stateSlot.replaceChildren(renderEmpty(strings, warehouse, format));
    } else if (shown === 0) {
      this.stateSlot.replaceChildren(renderNoMatches(strings, this.search, format));
    } else {
      this.stateSlot.replaceChildren();
    }
    this.restoreFocus(focus);
  }

  /** Puts focus back where it was before a card was redrawn, unless it has gone somewhere else meanwhile. */
  private restoreFocus(before: FocusedControl | undefined): void {
    if (!before || (document.activeElement && document.activeElement !== document.body)) {
      return;
    }
    const card = this.states.get(before.orderId)?.card?.element;
    if (card && !card.hidden) {
      refocus(card, before.action);
    }
  }

  private onInput(event: Event): void {
    if (this.ready && event.target === this.ready.search) {
      this.search = this.ready.search.value;
      this.saveState();
      this.applyFilter();
    }
  }

  private onClick(event: MouseEvent): void {
    const target = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]');
    if (!target || target.disabled || target.getAttribute('aria-disabled') === 'true') {
      return;
    }
    const orderId = target.closest<HTMLElement>('.card')?.dataset.orderId;
    this.act(target.dataset.action as Action, orderId);
  }

  private act(action: Action, orderId: string | undefined): void {
    switch (action) {
      case 'refresh':
        return this.post({ type: 'refresh' });
      case 'showLog':
        return this.post({ type: 'showLog' });
      case 'signIn':
        return this.post({ type: 'signIn' });
    }
    if (orderId === undefined) {
      return;
    }
    switch (action) {
      case 'pick':
        return this.setStatus(orderId, 'picked', false);
      case 'pack': {
        // Packed cannot be undone: the card asks first (and says so), whatever the order's state.
        const state = this.stateOf(orderId);
        state.error = undefined;
        state.confirming = true;
        return this.update();
      }
      case 'confirmPack': {
        const state = this.stateOf(orderId);
        state.confirming = false;
        return this.setStatus(orderId, 'packed', notPicked(this.cardView(this.orderById(orderId), state).state));
      }
      case 'cancelPack':
        this.stateOf(orderId).confirming = false;
        return this.update();
      case 'advance':
        return this.post({ type: 'advanceOrderStatus', orderId });
      case 'toggleDetails':
        return this.toggleDetails(orderId);
      case 'retryDetails':
        return this.loadDetails(orderId);
    }
  }

  private orderById(orderId: string): QueueOrder {
    return this.orders.find((order) => order.orderId === orderId) as QueueOrder;
  }

  private setStatus(orderId: string, target: PackingStatus, skipPicked: boolean): void {
    const state = this.stateOf(orderId);
    // The buttons are disabled meanwhile; a key that still got here sends nothing either.
    if (state.pending || this.unreachable !== undefined) {
      return;
    }
    const requestId = this.nextRequestId++;
    state.error = undefined;
    state.pending = { requestId, target };
    this.update();
    const update = { type: 'updatePackingStatus', requestId, orderId, skipPicked } as const;
    // Only the confirmation above leads here for packed, so the message says it was confirmed.
    this.post(target === 'picked' ? { ...update, packingStatus: 'picked' } : { ...update, packingStatus: 'packed', confirmed: true });
  }

  private toggleDetails(orderId: string): void {
    const state = this.stateOf(orderId);
    state.expanded = !state.expanded;
    this.saveState();
    if (!state.expanded) {
      return this.update();
    }
    const known = state.details;
    if (known?.status === 'loaded' || known?.status === 'loading') {
      return this.update();
    }
    this.loadDetails(orderId);
  }

  private requestDetails(orderId: string): void {
    this.stateOf(orderId).details = { status: 'loading' };
    this.post({ type: 'getOrderDetails', orderId });
  }

  private loadDetails(orderId: string): void {
    this.requestDetails(orderId);
    this.update();
  }

  /**
   * Arrow keys move between cards (to the same button), ArrowUp from the first card back to the
   * search box; Escape backs out of a confirmation.
   */
  private onKeyDown(event: KeyboardEvent): void {
    const active = document.activeElement as HTMLElement | null;
    const card = active?.closest<HTMLElement>('.card');
    if (!active || !card) {
      return;
    }
    if (event.key === 'Escape' && card.querySelector('.confirm')) {
      event.preventDefault();
      return this.act('cancelPack', card.dataset.orderId);
    }
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step === undefined) {
      return;
    }
    if (focusNeighbour(this.list, card, active, step)) {
      event.preventDefault();
    } else if (step === -1 && this.ready) {
      event.preventDefault();
      this.ready.search.focus();
    }
  }

  /** "/" jumps to the search box; in it, ArrowDown goes to the first card's next step and Escape clears the search. */
  private onDocumentKeyDown(event: KeyboardEvent): void {
    const search = this.ready?.search;
    if (!search) {
      return;
    }
    const typing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement;
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      search.focus();
      search.select();
    } else if (event.key === 'ArrowDown' && document.activeElement === search) {
      const [first] = visibleCards(this.list);
      if (first) {
        event.preventDefault();
        focusCard(first);
      }
    } else if (event.key === 'Escape' && document.activeElement === search && search.value !== '') {
      event.preventDefault();
      search.value = '';
      this.search = '';
      this.saveState();
      this.applyFilter();
    }
  }
}
