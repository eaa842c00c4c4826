// The stock-change flows' bundle (dist/orders.js): adjust, set, inventory order and recent
// changes, loaded on the first of these commands.
import * as vscode from 'vscode';
import type { FlowContext } from './context';
import type { OrdersRuntime, OrdersWiring } from './deps';
import { createInventoryOrder } from './inventory/inventoryOrder';
import { RecentChanges } from './recent/recentChanges';
import { showRecentChanges } from './recent/recentView';
import { changeStock } from './change/stockChange';
import { UndosUnderWay } from './change/undo';
import { targetOf } from '../stockChange/target';
import { VsCodePrompter } from '../stockChange/prompts/vscodePrompter';
import { COMMANDS } from '../common/ids';
import { configureLocalisation } from '../common/text/localisation';
import { readSetting } from '../common/settings/read';

export type { OrdersRuntime };

const confirmAboveUnits = (): number => readSetting('confirmAboveUnits');
// Read here, not from the operator tools: asking Adjust's reason loads no other bundle.
const asksReason = (): boolean => readSetting('askReason');

export function start(deps: OrdersWiring): OrdersRuntime {
  // This bundle has its own copy of `@vscode/l10n` and the display language.
  configureLocalisation();
  const recent = new RecentChanges(deps.workspaceState, undefined, deps.onRecorded, deps.onLostAnswer);
  const undos = new UndosUnderWay();
  const run = async (flow: (ctx: FlowContext) => Promise<void>): Promise<void> => {
    const prompter = new VsCodePrompter();
    try {
      await flow({
        prompter,
        getClient: () => deps.getClient(),
        stock: deps.store,
        environment: () => deps.environment(),
        generation: () => deps.generation(),
        recent,
        undos,
        confirmAboveUnits,
        copyToClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
        showLog: async () => {
          await vscode.commands.executeCommand(COMMANDS.showLog);
        },
        now: () => new Date(),
        asksReason,
        operatorChanges: deps.operatorChanges,
      });
    } finally {
      prompter.dispose();
    }
  };
  return {
    adjustStock: (argument) => run((ctx) => changeStock(ctx, 'adjust', targetOf(argument))),
    setStock: (argument) => run((ctx) => changeStock(ctx, 'set', targetOf(argument))),
    createInventoryOrder: (argument) => run((ctx) => createInventoryOrder(ctx, targetOf(argument))),
    showRecentChanges: () => run(showRecentChanges),
  };
}
