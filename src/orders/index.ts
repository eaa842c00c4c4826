// Wires the stock commands into VS Code: adjust, set, inventory order and recent changes. Their
// flows are in dist/orders.js (lazy.ts), loaded on the first of them.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/ids';
import { lazyPart } from '../common/lazyBundle';
import type { OrderFlows, OrdersDeps } from './deps';

export type { OrdersDeps } from './deps';

export function registerOrders(context: vscode.ExtensionContext, deps: OrdersDeps): void {
  const flows = lazyPart<OrdersDeps, OrderFlows>(context, 'orders', deps);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.adjustStock, (argument: unknown) => flows.load().adjustStock(argument)),
    vscode.commands.registerCommand(COMMANDS.setStock, (argument: unknown) => flows.load().setStock(argument)),
    vscode.commands.registerCommand(COMMANDS.createInventoryOrder, (argument: unknown) => flows.load().createInventoryOrder(argument)),
    vscode.commands.registerCommand(COMMANDS.showRecentChanges, () => flows.load().showRecentChanges()),
  );
}
