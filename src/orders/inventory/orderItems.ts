// The items of an inventory order: a loop of SKU → quantity, back to a list where an item can be
// changed or removed, until "Done".
import type { InventoryOrderAction, InventoryOrderItem } from '../../client';
import type { FlowContext } from '../context';
import type { LocationInfo } from '../../stockChange/stockView';
import { itemCount } from '../../stockChange/prompts/counts';
import * as l10n from '@vscode/l10n';
import { pickSku } from '../../stockChange/prompts/picks';
import type { PickItem, StepPosition } from '../../stockChange/prompts/prompter';
import { parseItemQuantity } from '../../stockChange/quantity';
import type { Step, StepInput } from '../../stockChange/prompts/steps';
import { cachedOnHand } from '../../stockChange/target';

export interface ItemsDraft {
  action: InventoryOrderAction;
  location: LocationInfo;
  items: InventoryOrderItem[];
}

type Choice = { kind: 'item'; index: number } | { kind: 'add' } | { kind: 'done' };

export async function editItems(input: StepInput, ctx: FlowContext, draft: ItemsDraft, position: StepPosition, firstSku?: string): Promise<void> {
  const where = draft.location.name ?? draft.location.code;
  const productName = (sku: string) => ctx.stock.getSku(sku)?.product?.name;
  const onHand = (sku: string) => cachedOnHand(ctx.stock, sku, draft.location.code) ?? 0;

  const quantityStep =
    (index: number, sku: string): Step =>
    async (step) => {
      const text = await step.input({
        ...position,
        value: draft.items[index] ? String(draft.items[index].qty) : '',
        prompt: () =>
          draft.action === 'inbound'
            ? l10n.t('How many of {0} to receive into {1}? ({2} on hand)', sku, where, onHand(sku))
            : l10n.t('How many of {0} to dispose of from {1}? ({2} on hand)', sku, where, onHand(sku)),
        validate: (value) => {
          const parsed = parseItemQuantity(value);
          return 'error' in parsed ? parsed.error : undefined;
        },
      });
      const parsed = parseItemQuantity(text);
      if ('value' in parsed) {
        draft.items[index] = { sku, qty: parsed.value };
      }
      return hub;
    };

  let lastPicked: string | undefined;
  const skuStep: Step = async (step) => {
    const sku = await pickSku(step, position, ctx.stock, draft.location, { current: lastPicked, exclude: draft.items.map((item) => item.sku) });
    lastPicked = sku;
    return quantityStep(draft.items.length, sku);
  };

  const itemStep =
    (index: number): Step =>
    async (step) => {
      const item = draft.items[index];
      const action = await step.pick<'change' | 'remove'>({
        ...position,
        placeholder: l10n.t('{0} × {1}', item.sku, item.qty),
        items: [
          { label: l10n.t('Change quantity'), value: 'change' },
          { label: l10n.t('Remove {0} from the order', item.sku), value: 'remove' },
        ],
      });
      if (action === 'change') {
        return quantityStep(index, item.sku);
      }
      draft.items.splice(index, 1);
      return hub;
    };

  const hub: Step = async (step) => {
    const items: PickItem<Choice>[] = draft.items.map((item, index) => ({
      label: l10n.t('{0} × {1}', item.sku, item.qty),
      description: productName(item.sku),
      detail: l10n.t('Select to change or remove'),
      value: { kind: 'item', index },
    }));
    items.push({ label: l10n.t('$(add) Add another item'), value: { kind: 'add' } });
    if (draft.items.length > 0) {
      items.push({ label: l10n.t('$(check) Done'), description: itemCount(draft.items.length), value: { kind: 'done' } });
    }
    const choice = await step.pick({
      ...position,
      placeholder: draft.action === 'inbound' ? l10n.t('Items to receive into {0}', where) : l10n.t('Items to dispose of from {0}', where),
      items,
      activeIndex: items.length - 1,
    });
    if (choice.kind === 'item') {
      return itemStep(choice.index);
    }
    return choice.kind === 'add' ? skuStep : undefined;
  };

  const start = draft.items.length > 0 ? hub : firstSku ? quantityStep(0, firstSku) : skuStep;
  await input.loop(start, hub);
}
