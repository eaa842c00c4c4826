// "OTO: Create Inventory Order…": action → location → items → optional details → review →
// submit, exactly once.
import type { CreateInventoryOrderRequest, InventoryOrderAction, InventoryOrderItem } from '../../client';
import { refreshRows } from '../change/apply';
import { Connection, FlowContext } from '../context';
import type { LocationInfo } from '../../stockChange/stockView';
import { connectOrReport, showFailure, showLostAnswer, stillCurrent, withWarnings } from '../change/failure';
import { isLostAnswer, isServerErrorAnswer, isUnreadableAnswer } from '../../stockChange/outcome';
import { itemCount, unitCount } from '../../stockChange/prompts/counts';
import * as l10n from '@vscode/l10n';
import { DETAIL_FIELDS, detailText, editDetails, fieldLabel, OrderDetails } from './orderDetails';
import { today } from '../../stockChange/dates';
import { editItems } from './orderItems';
import { pickLocation } from '../../stockChange/prompts/picks';
import type { PickItem } from '../../stockChange/prompts/prompter';
import type { OrderRecord } from '../../stockChange/records';
import { Step, runSteps } from '../../stockChange/prompts/steps';
import { findLocation, locationName, Target, targetLocation } from '../../stockChange/target';
import { describeError } from '../../common/text/errorText';

interface OrderState {
  action?: InventoryOrderAction;
  location?: LocationInfo;
  items: InventoryOrderItem[];
  details: OrderDetails;
}

function actionLabel(action: InventoryOrderAction): string {
  return action === 'inbound' ? l10n.t('Inbound') : l10n.t('Outbound');
}

function actionDescription(action: InventoryOrderAction): string {
  return action === 'inbound' ? l10n.t('a purchase into the location') : l10n.t('a disposal out of the location');
}

function totalUnits(items: readonly InventoryOrderItem[]): number {
  return items.reduce((sum, item) => sum + item.qty, 0);
}

export function buildOrderRequest(action: InventoryOrderAction, location: LocationInfo, items: readonly InventoryOrderItem[], details: OrderDetails): CreateInventoryOrderRequest {
  return { action, locationCode: location.code, items: items.map((item) => ({ ...item })), ...details };
}

export async function createInventoryOrder(ctx: FlowContext, target: Target): Promise<void> {
  const title = l10n.t('Create Inventory Order');
  const connection = await connectOrReport(ctx, title);
  if (!connection) {
    return;
  }
  const state: OrderState = {
    location: targetLocation(ctx.stock, target),
    items: [],
    details: { orderDate: today(ctx.now()) },
  };
  const askLocation = !state.location;
  const totalSteps = askLocation ? 5 : 4;
  const position = (step: number) => ({ title, step, totalSteps });
  const locationSteps = Number(askLocation);

  const reviewStep: Step = async (input) => {
    const action = state.action as InventoryOrderAction;
    const location = state.location as LocationInfo;
    const rows: PickItem<'submit' | 'items' | 'details' | 'start'>[] = [
      { label: l10n.t('$(check) Create the order'), description: l10n.t('{0}, {1}', itemCount(state.items.length), unitCount(totalUnits(state.items))), value: 'submit' },
      { label: l10n.t('{0} order at {1}', actionLabel(action), locationName(location)), description: actionDescription(action), value: 'start' },
      ...state.items.map((item) => ({ label: l10n.t('{0} × {1}', item.sku, item.qty), description: ctx.stock.getSku(item.sku)?.product?.name, value: 'items' as const })),
      ...DETAIL_FIELDS.filter((field) => state.details[field] !== undefined).map((field) => ({
        label: fieldLabel(field),
        description: detailText(state.details, field),
        value: 'details' as const,
      })),
    ];
    const choice = await input.pick({ ...position(locationSteps + 4), placeholder: l10n.t('Review the order; pick a line to change it'), items: rows, activeIndex: 0 });
    switch (choice) {
      case 'submit':
        return undefined;
      case 'items':
        return itemsStep;
      case 'details':
        return detailsStep;
      case 'start':
        return actionStep;
    }
  };
  const detailsStep: Step = async (input) => {
    await editDetails(input, ctx, state.details, position(locationSteps + 3));
    return reviewStep;
  };
  // Only the first visit of the items loop starts with the row's SKU.
  let firstSku = target.sku;
  const itemsStep: Step = async (input) => {
    await editItems(input, ctx, { action: state.action as InventoryOrderAction, location: state.location as LocationInfo, items: state.items }, position(locationSteps + 2), firstSku);
    firstSku = undefined;
    return detailsStep;
  };
  const locationStep: Step = async (input) => {
    state.location = await pickLocation(input, position(2), ctx.stock, state.location?.code);
    return itemsStep;
  };
  const actionStep: Step = async (input) => {
    const actions: InventoryOrderAction[] = ['inbound', 'outbound'];
    state.action = await input.pick({
      ...position(1),
      placeholder: l10n.t('Inbound (purchase) or outbound (disposal)?'),
      items: actions.map((action) => ({ label: actionLabel(action), description: actionDescription(action), value: action })),
      activeIndex: state.action ? actions.indexOf(state.action) : undefined,
    });
    return askLocation ? locationStep : itemsStep;
  };

  try {
    if ((await runSteps(ctx.prompter, actionStep)) !== 'done') {
      return;
    }
  } catch (error) {
    await showFailure(ctx, title, error);
    return;
  }
  const request = buildOrderRequest(state.action as InventoryOrderAction, state.location as LocationInfo, state.items, state.details);
  if (await confirmLargeOrder(ctx, request)) {
    await submitOrder(ctx, connection, request);
  }
}

/** `oto.confirmAboveUnits` applies to orders too: a large one gets a modal on top of the review. */
async function confirmLargeOrder(ctx: FlowContext, request: CreateInventoryOrderRequest): Promise<boolean> {
  const units = totalUnits(request.items);
  const limit = ctx.confirmAboveUnits();
  if (units <= limit) {
    return true;
  }
  return ctx.prompter.confirm({
    message: l10n.t('Create an inventory order of {0} at {1}?', unitCount(units), locationName(findLocation(ctx.stock, request.locationCode))),
    detail: l10n.t('This order moves more than {0}.', unitCount(limit)),
    confirm: l10n.t('Create Order'),
  });
}

async function submitOrder(ctx: FlowContext, connection: Connection, request: CreateInventoryOrderRequest): Promise<void> {
  const location = findLocation(ctx.stock, request.locationCode);
  const where = locationName(location);
  const json = JSON.stringify(request, null, 2);
  const copy = l10n.t('Copy order JSON');
  const touched = request.items.map((item) => ({ sku: item.sku, locationCode: request.locationCode }));
  let choice: string | undefined;
  if (!(await stillCurrent(ctx, connection))) {
    return;
  }
  try {
    const response = await ctx.prompter.progress(l10n.t('Creating the inventory order at {0}…', where), () =>
      connection.client.createInventoryOrder(request),
    );
    refreshRows(ctx, touched);
    const otoId = String(response.otoId);
    await ctx.recent.add<OrderRecord>({
      type: 'order',
      environment: connection.environment,
      action: request.action,
      locationCode: request.locationCode,
      items: request.items.map((item) => ({ ...item })),
      otoId,
      request: { ...request },
    });
    const text = l10n.t('Created inventory order {0} ({1}) at {2} with {3}.', otoId, actionLabel(request.action), where, itemCount(request.items.length));
    choice = await ctx.prompter.message(response.warnings?.length ? 'warning' : 'info', withWarnings(text, response.warnings), [copy]);
  } catch (error) {
    if (isLostAnswer(error)) {
      refreshRows(ctx, touched);
      choice = await showLostAnswer(
        ctx,
        isUnreadableAnswer(error)
          ? l10n.t('OTO answered the order at {0}, but its answer could not be read ({1}). The order may exist in OTO; nothing was resent, so check OTO before creating it again.', where, describeError(error))
          : isServerErrorAnswer(error)
          ? l10n.t('OTO answered the order at {0} with a server error ({1}). The order may exist in OTO; nothing was resent, so check OTO before creating it again.', where, describeError(error))
          : l10n.t('No answer from OTO to the order at {0} ({1}). The order may exist in OTO; nothing was resent, so check OTO before creating it again.', where, describeError(error)),
        [copy],
      );
    } else {
      choice = await showFailure(ctx, l10n.t('The order was not created'), error, [copy]);
    }
  }
  if (choice === copy) {
    await ctx.copyToClipboard(json);
  }
}
