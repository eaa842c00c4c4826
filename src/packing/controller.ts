// The host side of one packing panel, without `vscode`: it answers the page's messages, reads the
// queue and changes order states through `PackingQueue`, and tells the page what happened.
// Every message from the page is parsed first; anything malformed is logged and dropped.
import { describeMessage } from '../common/webview/schema';
import { parsePageMessage, type HostMessage, type PackingStatus, type PageMessage, type PageStrings, type WarehouseInfo } from './protocol';
import * as l10n from '@vscode/l10n';
import { isCancellation } from '../common/ui/cancellation';
import type { Reachability } from '../common/refresh/refreshScheduler';
import { isUnreachable, unreachableText } from '../common/text/unreachable';
import { withReadableStatuses } from './statusWords';
import { PackingQueue, SessionChangedError, StatusRefusedError, UnshowableOrderError, type RefusalReason } from './queue';
import { describeError, describeErrorForLog } from '../common/text/errorText';

export interface PackingLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PackingControllerOptions {
  warehouse: WarehouseInfo;
  queue: PackingQueue;
  strings: PageStrings;
  locale: string;
  /** Whether VS Code's accessibility support is on (`editor.accessibilitySupport`), read at each init. */
  screenReader?(): boolean;
  post(message: HostMessage): void;
  log: PackingLog;
  showLog(): void;
  signIn(): void;
  /** Called as each read of the queue starts (auto-refresh counts its interval from there). */
  onRefresh?(): void;
  /** Seconds after which a cached queue is read again when the page (re)appears. */
  staleAfterSeconds(): number;
  /** Whether OTO answers: while it does not, the page says so and holds its Mark buttons. */
  reachability?: Reachability;
  /**
   * Advance Order Status… from a card (the sandbox only: `available` says whether the page offers
   * it); `run` resolves once the command is done, and the queue is read again (a packed order leaves).
   */
  advanceOrderStatus?: { available(): boolean; run(orderId: string): Promise<void> };
  /** The words for "OTO cannot be reached" (naming the environment); `unreachableText()` by default. */
  unreachableMessage?(): string;
  now?: () => number;
}

export class PackingController {
  private readonly now: () => number;
  /** Fires when the panel closes: its reads in flight are given up. */
  private readonly closed = new AbortController();
  private readonly reachabilitySubscription: { dispose(): void } | undefined;

  constructor(private readonly options: PackingControllerOptions) {
    this.now = options.now ?? Date.now;
    this.reachabilitySubscription = options.reachability?.onDidChange(() => this.reachabilityChanged());
  }

  private get unreachable(): boolean {
    return this.options.reachability?.unreachable() === true;
  }

  private unreachableMessage(): string {
    return this.options.unreachableMessage?.() ?? unreachableText();
  }

  /** The transport's words (`connect ECONNREFUSED …`) go to the log; the page gets the common wording. */
  private reasonOf(error: unknown): string {
    return isUnreachable(error) ? this.unreachableMessage() : describeError(error);
  }

  private reachabilityChanged(): void {
    if (this.unreachable) {
      this.post({ type: 'unreachable', message: this.unreachableMessage() });
    } else {
      this.post({ type: 'reachable' });
      // What the page shows is as old as the outage.
      void this.refresh();
    }
  }

  /** Handles one raw message from the page; resolves when it has been answered. */
  async receive(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) {
      this.options.log.warn(`Packing queue ${this.options.warehouse.code}: ignored a malformed ${describeMessage(raw)} from the page.`);
      return;
    }
    await this.handle(message);
  }

  /**
   * The session changed (sign-in, sign-out, switch): the page drops what it shows, so the last
   * environment's orders never stay on screen with live buttons, and the queue is read afresh.
   */
  async reset(): Promise<void> {
    this.options.queue.reset();
    this.post({ type: 'reset' });
    await this.refresh();
  }

  /** The panel closed: reads in flight stop, with nothing more sent. */
  dispose(): void {
    this.closed.abort();
    this.reachabilitySubscription?.dispose();
  }

  // A closed panel's webview throws on postMessage ("Webview is disposed"); a session reset can
  // still reach a controller whose panel has just closed.
  private post(message: HostMessage): void {
    if (!this.closed.signal.aborted) {
      this.options.post(message);
    }
  }

  /** Reads the queue again and sends it (or the error) to the page. */
  async refresh(): Promise<void> {
    if (this.closed.signal.aborted) {
      return;
    }
    const { queue, warehouse } = this.options;
    this.options.onRefresh?.();
    this.post({ type: 'loading' });
    try {
      await queue.load(this.closed.signal);
      this.sendQueue();
    } catch (error) {
      if (error instanceof SessionChangedError || isCancellation(error)) {
        return; // the reset that follows the change reads again; a closed panel shows nothing
      }
      const reason = error instanceof UnshowableOrderError
        ? l10n.t('OTO listed order "{0}" with an id, a SKU or a quantity that makes no sense (a quantity must be a whole number of at least 1), so the queue is not shown.', error.orderId.slice(0, 80))
        : this.reasonOf(error);
      this.options.log.error(`Packing queue ${warehouse.code}: could not read the queue: ${describeErrorForLog(error)}`);
      const signIn = (error as { kind?: unknown } | undefined)?.kind === 'auth';
      this.post({ type: 'loadError', message: l10n.t('Could not read the packing queue of {0}: {1}', warehouse.name || warehouse.code, reason), signIn });
    }
  }

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.pageReady();
      case 'refresh':
        return this.refresh();
      case 'updatePackingStatus':
        return this.updateStatus(message);
      case 'getOrderDetails':
        return this.sendDetails(message.orderId);
      case 'advanceOrderStatus':
        return this.advance(message.orderId);
      case 'showLog':
        return this.options.showLog();
      case 'signIn':
        return this.options.signIn();
    }
  }

  private async advance(orderId: string): Promise<void> {
    const advance = this.options.advanceOrderStatus;
    if (!advance?.available()) {
      this.options.log.warn(`Packing queue ${this.options.warehouse.code}: Advance Order Status asked for ${orderId.slice(0, 80)} where it is not offered (not the sandbox); nothing was changed.`);
      return;
    }
    await advance.run(orderId);
    await this.refresh();
  }

  /** A page that (re)appears gets everything at once, and a fresh read only if its data is stale. */
  private async pageReady(): Promise<void> {
    const { warehouse, strings, locale, queue } = this.options;
    this.post({ type: 'init', warehouse, strings, locale, ...(this.options.screenReader?.() ? { screenReader: true as const } : {}) });
    if (this.unreachable) {
      this.post({ type: 'unreachable', message: this.unreachableMessage() });
    }
    const readAt = queue.readAt;
    if (readAt !== undefined) {
      this.sendQueue();
    }
    const stale = this.options.staleAfterSeconds();
    if (readAt === undefined || (stale > 0 && this.now() - readAt >= stale * 1000)) {
      await this.refresh();
    }
  }

  private sendQueue(): void {
    const { queue } = this.options;
    const advance = this.options.advanceOrderStatus?.available() === true;
    this.post({ type: 'queue', orders: [...queue.orders], readAt: queue.readAt ?? this.now(), ...(advance ? { advance } : {}) });
  }

  private async updateStatus(message: Extract<PageMessage, { type: 'updatePackingStatus' }>): Promise<void> {
    const { requestId, orderId, packingStatus, skipPicked } = message;
    try {
      const state = await this.options.queue.setStatus(orderId, packingStatus, skipPicked);
      this.options.log.info(`Packing queue ${this.options.warehouse.code}: order ${orderId} marked ${state}.`);
      this.post({ type: 'statusResult', requestId, orderId, ok: true, state });
    } catch (error) {
      const reason = error instanceof StatusRefusedError ? this.refusalText(error.reason, orderId) : this.reasonOf(error);
      this.options.log.warn(`Packing queue ${this.options.warehouse.code}: order ${orderId} not marked ${packingStatus}: ${reason}`);
      const shown = error instanceof StatusRefusedError ? reason : this.failureText(orderId, packingStatus, reason);
      this.post({ type: 'statusResult', requestId, orderId, ok: false, error: shown });
    }
  }

  private failureText(orderId: string, target: PackingStatus, reason: string): string {
    return target === 'picked'
      ? l10n.t('Could not mark order {0} picked: {1}', orderId, reason)
      : l10n.t('Could not mark order {0} packed: {1}', orderId, reason);
  }

  private refusalText(reason: RefusalReason, orderId: string): string {
    switch (reason) {
      case 'notInQueue':
        return l10n.t('Order {0} is no longer in this queue. Refresh to see the current queue.', orderId);
      case 'busy':
        return l10n.t('Order {0} is already being updated.', orderId);
      case 'alreadyPicked':
        return l10n.t('Order {0} is already picked.', orderId);
      case 'alreadyPacked':
        return l10n.t('Order {0} is already packed.', orderId);
      case 'notPicked':
        return l10n.t('Order {0} has not been picked yet; confirm to mark it packed anyway.', orderId);
    }
  }

  private async sendDetails(orderId: string): Promise<void> {
    try {
      const before = this.options.queue.stateOf(orderId);
      const details = await this.options.queue.details(orderId, this.closed.signal);
      this.post({ type: 'orderDetails', orderId, details: withReadableStatuses(details) });
      if (this.options.queue.stateOf(orderId) !== before) {
        this.sendQueue();
      }
    } catch (error) {
      if (error instanceof SessionChangedError || isCancellation(error)) {
        return;
      }
      const reason = this.reasonOf(error);
      this.options.log.warn(`Packing queue ${this.options.warehouse.code}: could not read details of order ${orderId}: ${reason}`);
      this.post({ type: 'orderDetailsError', orderId, error: l10n.t('Could not load the details of order {0}: {1}', orderId, reason) });
    }
  }
}
