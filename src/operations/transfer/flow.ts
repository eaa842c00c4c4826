// The questions of "OTO: Transfer Stock…" as steps of the one step runner: from, SKU, to (each
// skipped when the command was invoked on it), the quantity (checked against the source's on
// hand, read fresh), how (at once or through inventory orders, with their two dates), the optional
// reason and note, and one confirmation. Every step is counted and has Back; nothing is sent here:
// the answer is the plan the command then sends (command.ts).
import * as l10n from '@vscode/l10n';
import type { InventoryStock } from '../../client';
import { dateFieldLabel, displayDate, type DateField } from '../../stockChange/dates';
import { confirmItems } from '../../stockChange/prompts/confirmPick';
import { pickLocation, pickSku } from '../../stockChange/prompts/picks';
import type { PickItem, Prompter, StepPosition } from '../../stockChange/prompts/prompter';
import { runSteps, type Step } from '../../stockChange/prompts/steps';
import { parseTransferQuantity } from '../../stockChange/quantity';
import { chosenReason, noReasonYet, reasonStep, reasonStepCount, type ReasonAnswers } from '../../stockChange/reasonStep';
import type { StockView } from '../../stockChange/stockView';
import type { Target } from '../../stockChange/target';
import { onHandAt } from '../bulk/preview';
import { readTransferDate, type TransferDate } from './dates';
import { newTransferId, type TransferClient, type TransferMethod, type TransferPlan } from './transfer';

export interface TransferFlowClient extends TransferClient {
  checkInventoryStock(skus: string[], options?: { signal?: AbortSignal }): Promise<InventoryStock>;
}

export interface TransferFlowContext {
  prompter: Prompter;
  stock: StockView;
  getClient(): Promise<TransferFlowClient>;
  environment(): string;
  /** The clock "today" is read from. */
  now(): Date;
  /** `oto.askReason`: whether the reason step is asked. */
  asksReason(): boolean;
}

/** A confirmed transfer: the plan, and the client and environment its figures were read from. */
export interface AskedTransfer {
  plan: TransferPlan;
  client: TransferFlowClient;
  environment: string;
}

type StepName = 'from' | 'sku' | 'to' | 'quantity' | 'method' | 'orderDate' | 'deliveryDate' | 'reason' | 'note' | 'confirm';

interface Figures {
  /** What they were read for: `sku`, `from` and `to`. */
  key: string;
  fromBefore: number;
  toBefore: number;
  toIsNew: boolean;
}

interface TransferAnswers {
  from?: string;
  sku?: string;
  to?: string;
  figures?: Figures;
  quantityText: string;
  method?: TransferMethod;
  orderText: string;
  deliveryText: string;
  why: ReasonAnswers;
  confirmed: boolean;
}

/** The transfer the operator asked for and confirmed, or undefined when they cancelled at any step. */
export async function askTransfer(ctx: TransferFlowContext, target: Target): Promise<AskedTransfer | undefined> {
  const title = l10n.t('Transfer Stock');
  const environment = ctx.environment();
  const client = await ctx.getClient();
  const now = ctx.now();
  const asked = { from: target.locationCode === undefined, sku: target.sku === undefined, reason: ctx.asksReason() };
  const answers: TransferAnswers = { from: target.locationCode, sku: target.sku, quantityText: '', orderText: l10n.t('today'), deliveryText: '', why: noReasonYet(), confirmed: false };

  // The steps as answered so far: the dates once orders are chosen, the note once a reason is.
  const names = (): StepName[] => [
    ...(asked.from ? (['from'] as const) : []),
    ...(asked.sku ? (['sku'] as const) : []),
    'to',
    'quantity',
    'method',
    ...(answers.method === 'orders' ? (['orderDate', 'deliveryDate'] as const) : []),
    ...(asked.reason ? (reasonStepCount(answers.why) === 2 ? (['reason', 'note'] as const) : (['reason'] as const)) : []),
    'confirm',
  ];
  const numberOf = (name: StepName): number => names().indexOf(name) + 1;
  const position = (step: number, stepTitle = title): StepPosition => ({ title: stepTitle, step, totalSteps: names().length });
  const from = (): string => answers.from as string;
  const sku = (): string => answers.sku as string;
  const to = (): string => answers.to as string;
  const quantity = (): number => {
    const parsed = parseTransferQuantity(answers.quantityText, answers.figures?.fromBefore ?? 0);
    return 'value' in parsed ? parsed.value : 0;
  };

  const confirmStep: Step = async (input) => {
    const plan = planOf(answers, quantity(), now);
    const detail = plan.method === 'immediate'
      ? l10n.t('{0}: {1} → {2}. {3}: {4} → {5}.', plan.from, plan.fromBefore, plan.fromBefore - plan.qty, plan.to, plan.toBefore, plan.toBefore + plan.qty)
      : l10n.t('An outbound order of {0} at {1} and an inbound order of {0} at {2}.', plan.qty, plan.from, plan.to);
    // The dates beside the action, where they are read in full: after the orders they were cut off.
    const dates = (['orderDate', 'deliveryDate'] as const).flatMap((field) => (plan[field] ? [l10n.t('{0}: {1}', dateFieldLabel(field), displayDate(plan[field]))] : [])).join(' · ');
    const items = confirmItems({ action: l10n.t('$(arrow-swap) Transfer'), description: dates || undefined, detail });
    answers.confirmed = await input.pick({
      ...position(numberOf('confirm'), l10n.t('Transfer {0} × {1} from {2} to {3}?', plan.qty, plan.sku, plan.from, plan.to)),
      placeholder: l10n.t('Two writes, one after the other: nothing is resent on its own.'),
      items,
      ignoreFocusOut: true,
    });
    return undefined;
  };
  const afterDetails = (): Step | undefined => (asked.reason ? reasonStep(answers.why, numberOf('reason'), (step) => position(step), confirmStep) : confirmStep);

  const dateStep = (field: DateField): Step => async (input) => {
    const read = (text: string): TransferDate => readTransferDate(field, text, field === 'deliveryDate' ? orderDateOf(answers, now) : undefined, now);
    const ask = l10n.t('{0} as DD/MM/YYYY, or "today" or "tomorrow"', dateFieldLabel(field));
    const prompt = field === 'deliveryDate' ? l10n.t('{0} (leave empty for none)', ask) : ask;
    const text = await input.input({
      ...position(numberOf(field)),
      value: field === 'orderDate' ? answers.orderText : answers.deliveryText,
      // The date as read, in the display language's format, from the first key on.
      prompt: (value) => {
        const reading = read(value);
        return 'date' in reading ? l10n.t('{0}: {1}', prompt, displayDate(reading.date)) : prompt;
      },
      validate: (value) => {
        const reading = read(value);
        return 'error' in reading ? reading.error : undefined;
      },
    });
    if (field === 'orderDate') {
      answers.orderText = text;
      return dateStep('deliveryDate');
    }
    answers.deliveryText = text;
    return afterDetails();
  };

  const methodStep: Step = async (input) => {
    const qty = quantity();
    const items: PickItem<TransferMethod>[] = [
      { label: l10n.t('Immediately'), detail: l10n.t('Adjust −{0} at {1}, then +{0} at {2}: on hand moves now.', qty, from(), to()), value: 'immediate' },
      { label: l10n.t('Through inventory orders'), detail: l10n.t('An outbound order at {0} and an inbound order at {1}, with dates: the forecast moves until the orders are handled.', from(), to()), value: 'orders' },
    ];
    answers.method = await input.pick({
      ...position(numberOf('method')),
      placeholder: l10n.t('How should the stock move?'),
      items,
      activeIndex: Math.max(0, items.findIndex((item) => item.value === answers.method)),
    });
    return answers.method === 'orders' ? dateStep('orderDate') : afterDetails();
  };

  const quantityStep: Step = async (input) => {
    const key = [sku(), from(), to()].join('\u241f');
    if (answers.figures?.key !== key) {
      const stock = await ctx.prompter.progress(l10n.t('Reading stock of {0}…', sku()), (signal) => client.checkInventoryStock([sku()], { signal }), { cancellable: true });
      const there = Object.hasOwn(stock, sku()) ? stock[sku()] : [];
      answers.figures = { key, fromBefore: onHandAt(stock, sku(), from()), toBefore: onHandAt(stock, sku(), to()), toIsNew: !there.some((entry) => entry.pickupLocationCode === to()) };
    }
    const figures = answers.figures;
    answers.quantityText = await input.input({
      ...position(numberOf('quantity')),
      value: answers.quantityText,
      placeholder: l10n.t('e.g. 5'),
      prompt: () => l10n.t('{0}: {1} on hand at {2}, {3} at {4}. How many units to move?', sku(), figures.fromBefore, from(), figures.toBefore, to()),
      validate: (value) => {
        const parsed = parseTransferQuantity(value, figures.fromBefore);
        return 'error' in parsed ? parsed.error : undefined;
      },
    });
    return methodStep;
  };

  const toStep: Step = async (input) => {
    answers.to = (await pickLocation(input, position(numberOf('to')), ctx.stock, answers.to, { placeholder: l10n.t('Move {0} from {1} to which location?', sku(), from()), exclude: from() })).code;
    return quantityStep;
  };
  const skuStep: Step = async (input) => {
    const location = ctx.stock.locations.find((candidate) => candidate.code === from()) ?? { code: from() };
    answers.sku = await pickSku(input, position(numberOf('sku')), ctx.stock, location, {
      current: answers.sku,
      stocked: { placeholder: l10n.t('Pick the SKU to move from {0}', from()), empty: l10n.t('No SKU has stock at {0} to transfer.', from()) },
    });
    return toStep;
  };
  const fromStep: Step = async (input) => {
    answers.from = (await pickLocation(input, position(numberOf('from')), ctx.stock, answers.from, { placeholder: l10n.t('Move stock from which location?') })).code;
    // Another source: the SKU picked for the last one may have no stock here.
    if (asked.sku && answers.sku !== undefined && (ctx.stock.getSku(answers.sku)?.locations.find((entry) => entry.locationCode === answers.from)?.onHand ?? 0) <= 0) {
      answers.sku = undefined;
    }
    return asked.sku ? skuStep : toStep;
  };

  const end = await runSteps(ctx.prompter, asked.from ? fromStep : asked.sku ? skuStep : toStep);
  if (end !== 'done' || !answers.confirmed) {
    return undefined;
  }
  return { plan: planOf(answers, quantity(), now), client, environment };
}

function planOf(answers: TransferAnswers, qty: number, now: Date): TransferPlan {
  const figures = answers.figures as Figures;
  const method = answers.method ?? 'immediate';
  const dates = method === 'orders' ? datesOf(answers, now) : {};
  return {
    id: newTransferId(),
    sku: answers.sku as string,
    from: answers.from as string,
    to: answers.to as string,
    qty,
    method,
    fromBefore: figures.fromBefore,
    toBefore: figures.toBefore,
    toIsNew: figures.toIsNew,
    ...dates,
    ...chosenReason(answers.why),
  };
}

function orderDateOf(answers: TransferAnswers, now: Date): string | undefined {
  const order = readTransferDate('orderDate', answers.orderText, undefined, now);
  return 'date' in order ? order.date : undefined;
}

/** Both dates, checked in their boxes before the flow could go on. */
function datesOf(answers: TransferAnswers, now: Date): { orderDate?: string; deliveryDate?: string } {
  const orderDate = orderDateOf(answers, now);
  const delivery = readTransferDate('deliveryDate', answers.deliveryText, orderDate, now);
  return { orderDate, deliveryDate: 'date' in delivery ? delivery.date : undefined };
}
