// What one account of the sandbox keeps of what clients send it. OTO keeps every order forever;
// the sandbox runs inside the extension host (or a CI job's process), so an import loop or a
// hostile client must reach a clear refusal, not the process's memory limit. The journal is
// bounded elsewhere (TrafficStore); these bound the state itself.
import { gatewayFailure } from '../http/errors';
import type { CustomerOrder, InventoryOrder, SandboxState } from '../state/model';

/** Inventory orders an account keeps (createInventoryOrder); past it, 507 until a reset. */
export const MAX_INVENTORY_ORDERS = 20_000;
/** The text those orders keep (descriptions, waybills, SKUs), about this many UTF-16 characters. */
export const MAX_INVENTORY_ORDER_TEXT = 64 * 1024 * 1024;
/** Customer orders an account keeps (seeded, the scenario's, the control API's `POST /__oto/orders`). */
export const MAX_CUSTOMER_ORDERS = 10_000;
/** Events an order's status history keeps; older ones give way (a loop of status changes). */
export const MAX_ORDER_EVENTS = 200;

const keptText = new WeakMap<SandboxState, number>();

/** About the characters an inventory order keeps beyond its fixed fields. */
function textOf(order: Pick<InventoryOrder, 'items' | 'description' | 'waybillNumber' | 'binLocationName'>): number {
  let size = (order.description?.length ?? 0) + (order.waybillNumber?.length ?? 0) + (order.binLocationName?.length ?? 0);
  for (const item of order.items) {
    size += item.sku.length + 16;
  }
  return size;
}

const RESET_HINT = 'POST /__oto/reset (or the Reset Sandbox command) starts the account again';

/**
 * Counts a new inventory order in, or refuses it (507, nothing changed) when the account holds as
 * many as it may. Called once the order is known to be valid, before anything changes.
 */
export function admitInventoryOrder(state: SandboxState, order: Pick<InventoryOrder, 'items' | 'description' | 'waybillNumber' | 'binLocationName'>): void {
  if (state.inventoryOrders.length >= MAX_INVENTORY_ORDERS) {
    throw gatewayFailure(507, `The sandbox keeps at most ${MAX_INVENTORY_ORDERS} inventory orders per account; ${RESET_HINT}`);
  }
  const size = textOf(order);
  const kept = keptText.get(state) ?? 0;
  if (kept + size > MAX_INVENTORY_ORDER_TEXT) {
    throw gatewayFailure(507, `The sandbox keeps at most ${MAX_INVENTORY_ORDER_TEXT / 1024 / 1024} MB of inventory orders' text per account; ${RESET_HINT}`);
  }
  keptText.set(state, kept + size);
}

/** Why a further customer order cannot be added, or undefined when it can. */
export function customerOrdersFull(state: SandboxState): string | undefined {
  return state.orders.length >= MAX_CUSTOMER_ORDERS ? `The sandbox keeps at most ${MAX_CUSTOMER_ORDERS} orders per account; ${RESET_HINT}` : undefined;
}

/** Drops the oldest events of an order's histories past MAX_ORDER_EVENTS. */
export function trimHistories(order: CustomerOrder): void {
  // statusHistory is oldest first; packingStatusHistory newest first.
  if (order.statusHistory.length > MAX_ORDER_EVENTS) {
    order.statusHistory.splice(0, order.statusHistory.length - MAX_ORDER_EVENTS);
  }
  if (order.packingStatusHistory.length > MAX_ORDER_EVENTS) {
    order.packingStatusHistory.length = MAX_ORDER_EVENTS;
  }
}
