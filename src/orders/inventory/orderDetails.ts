// The optional details of an inventory order, each skippable: a list of fields, each opening its
// own prompt, until "Continue to review".
import { asciiDigits } from '../../common/text/display';
import type { FlowContext } from '../context';
import * as l10n from '@vscode/l10n';
import { dateFieldLabel, dateOrderProblem, displayDate, readDate, today, tomorrow, type DateField } from '../../stockChange/dates';
import type { PickItem, StepPosition } from '../../stockChange/prompts/prompter';
import type { Step, StepInput } from '../../stockChange/prompts/steps';

export interface OrderDetails {
  binLocationName?: string;
  orderDate?: string;
  deliveryDate?: string;
  waybillNumber?: string;
  description?: string;
}

type TextField = 'binLocationName' | 'waybillNumber' | 'description';
type Field = TextField | DateField;

const MAX_TEXT = 200;

export function fieldLabel(field: Field): string {
  switch (field) {
    case 'binLocationName':
      return l10n.t('Bin location name');
    case 'orderDate':
    case 'deliveryDate':
      return dateFieldLabel(field);
    case 'waybillNumber':
      return l10n.t('Waybill number');
    case 'description':
      return l10n.t('Description');
  }
}

export const DETAIL_FIELDS: readonly Field[] = ['binLocationName', 'orderDate', 'deliveryDate', 'waybillNumber', 'description'];

function isDateField(field: Field): field is DateField {
  return field === 'orderDate' || field === 'deliveryDate';
}

/** A field's value as the UI shows it: dates in the display language's format. */
export function detailText(details: OrderDetails, field: Field): string | undefined {
  const value = details[field];
  return value !== undefined && isDateField(field) ? displayDate(value) : value;
}

export async function editDetails(input: StepInput, ctx: FlowContext, details: OrderDetails, position: StepPosition): Promise<void> {
  const set = (field: Field, value: string | undefined) => {
    if (value === undefined || value === '') {
      delete details[field];
    } else {
      details[field] = value;
    }
  };

  const textStep =
    (field: TextField): Step =>
    async (step) => {
      const text = await step.input({
        ...position,
        value: details[field] ?? '',
        prompt: () => l10n.t('{0} (leave empty for none)', fieldLabel(field)),
        validate: (value) => (value.trim().length > MAX_TEXT ? l10n.t('{0} is limited to {1} characters.', fieldLabel(field), MAX_TEXT) : undefined),
      });
      set(field, text.trim());
      return hub;
    };

  const typedDateStep =
    (field: DateField): Step =>
    async (step) => {
      const text = await step.input({
        ...position,
        value: details[field] ?? '',
        placeholder: 'DD/MM/YYYY',
        prompt: () => l10n.t('{0} as DD/MM/YYYY, or "today" or "tomorrow"', fieldLabel(field)),
        validate: (value) => {
          const parsed = readDate(details, field, value, ctx.now());
          return 'error' in parsed ? parsed.error : undefined;
        },
      });
      const parsed = readDate(details, field, text, ctx.now());
      set(field, 'date' in parsed ? parsed.date : undefined);
      return hub;
    };

  const dateStep =
    (field: DateField): Step =>
    async (step) => {
      const now = ctx.now();
      // A date, or 'type' / 'none'.
      const choices: PickItem<string>[] = [
        { label: l10n.t('Today'), description: displayDate(today(now)), value: today(now) },
        { label: l10n.t('Tomorrow'), description: displayDate(tomorrow(now)), value: tomorrow(now) },
        { label: l10n.t('Type a date…'), description: 'DD/MM/YYYY', value: 'type' },
        { label: field === 'orderDate' ? l10n.t('No order date') : l10n.t('No delivery date'), value: 'none' },
      ];
      const current = choices.findIndex((choice) => choice.value === (details[field] ?? 'none'));
      const choice = await step.pick({
        ...position,
        placeholder: l10n.t('{0}: pick one, or type a date as DD/MM/YYYY', fieldLabel(field)),
        items: choices,
        activeIndex: current >= 0 ? current : 2,
        // A date typed into the pick is taken as it is, without going through "Type a date…".
        typed: (text) => {
          if (!/\d/.test(asciiDigits(text))) {
            return undefined;
          }
          const parsed = readDate(details, field, text, now);
          return 'date' in parsed ? { item: { label: `$(calendar) ${displayDate(parsed.date)}`, value: parsed.date } } : { problem: parsed.error };
        },
        validate: (value) => (value === 'type' || value === 'none' ? undefined : dateOrderProblem(details, field, value)),
      });
      if (choice === 'type') {
        return typedDateStep(field);
      }
      set(field, choice === 'none' ? undefined : choice);
      return hub;
    };

  const hub: Step = async (step) => {
    const items: PickItem<Field | 'done'>[] = [
      { label: l10n.t('$(arrow-right) Continue to review'), value: 'done' },
      ...DETAIL_FIELDS.map((field) => ({ label: fieldLabel(field), description: detailText(details, field) ?? l10n.t('(none)'), value: field })),
    ];
    const choice = await step.pick({ ...position, placeholder: l10n.t('Optional details: pick one to change it, or continue'), items, activeIndex: 0 });
    if (choice === 'done') {
      return undefined;
    }
    return isDateField(choice) ? dateStep(choice) : textStep(choice);
  };

  await input.loop(hub, hub);
}
