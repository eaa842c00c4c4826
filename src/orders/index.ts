// Wires the stock commands into VS Code: adjust, set, inventory order and recent changes. Their
// flows are in dist/orders.js (lazy.ts), loaded on the first of them.
import type * as vscode from 'vscode';
import { COMMANDS } from '../common/ids';
import { lazyPart } from '../common/lazyBundle';
import type { OrdersRuntime, OrdersWiring } from './deps';
import { registerLazyCommands } from '../common/lazyCommands';

export type { OrdersWiring } from './deps';

export function registerOrders(context: vscode.ExtensionContext, deps: OrdersWiring): void {
  const flows = lazyPart<OrdersWiring, OrdersRuntime>(context, 'orders', deps);
  registerLazyCommands(context.subscriptions, flows.load, {
    [COMMANDS.adjustStock]: (run, argument) => run.adjustStock(argument),
    [COMMANDS.setStock]: (run, argument) => run.setStock(argument),
    [COMMANDS.createInventoryOrder]: (run, argument) => run.createInventoryOrder(argument),
    [COMMANDS.showRecentChanges]: (run) => run.showRecentChanges(),
  });
}
