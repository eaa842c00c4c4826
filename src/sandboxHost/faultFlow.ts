// The steps of "OTO: Inject Sandbox Fault…" on the shared prompter: which endpoint (or the
// webhook deliveries), how it fails, its amount when the kind has one (a Retry-After, a latency, a
// delay), for how long, for whom. Every step counted, the total following the choices made so far
// (5, or 6 with an amount; 4 or 5 for deliveries), Back on each. Plain TypeScript, tested in Node.
import * as l10n from '@vscode/l10n';
import { asciiDigits } from '../common/text/display';
import type { PickItem, Prompter, StepPosition } from '../stockChange/prompts/prompter';
import { runSteps, type Step, type StepInput } from '../stockChange/prompts/steps';
import { WEBHOOK_TYPES, type WebhookType } from '../oto/webhooks';
import { deliveryFaultKinds, faultKinds, type DeliveryFaultChoices, type DeliveryFaultKindItem, type FaultChoices, type FaultKindItem } from './faultPicks';

type Target = { kind: 'endpoint'; endpoint: string } | { kind: 'deliveries' };

interface FaultState {
  target?: Target;
  kind?: FaultKindItem;
  deliveryKind?: DeliveryFaultKindItem;
  amount?: number;
  by?: 'requests' | 'seconds';
  count?: number;
  clients?: 'all' | 'others';
  /** `null`: every type. */
  webhookType?: WebhookType | null;
  times?: number;
}

/** A whole number from 1 to `max`, in any digits the user types; else undefined. */
export function wholeNumber(text: string, max: number): number | undefined {
  const plain = asciiDigits(text.trim());
  const value = Number(plain);
  return /^\d+$/.test(plain) && value >= 1 && value <= max ? value : undefined;
}

function indexOf<T>(items: ReadonlyArray<PickItem<T>>, same: (value: T) => boolean): number | undefined {
  const index = items.findIndex((item) => same(item.value));
  return index < 0 ? undefined : index;
}

/** Asks what to inject; undefined when the user escaped (or went back from the first step). */
export async function askFault(prompter: Prompter, endpoints: readonly string[]): Promise<FaultChoices | DeliveryFaultChoices | undefined> {
  const state: FaultState = {};
  const title = l10n.t('Inject Sandbox Fault');
  const amountOf = (): { prompt: string; initial: number; max: number } | undefined => (state.target?.kind === 'deliveries' ? state.deliveryKind?.amount : state.kind?.amount);
  // The amount step comes third when the kind has one; the steps after it move one on.
  const extra = (): number => (amountOf() ? 1 : 0);
  // Five or six steps: a look elsewhere (the traffic, an endpoint's name) must not lose the answers given.
  const at = (step: number): StepPosition => ({ title, step, totalSteps: (state.target?.kind === 'deliveries' ? 4 : 5) + extra(), ignoreFocusOut: true });

  const number = (input: StepInput, position: StepPosition, prompt: string, initial: number, max: number): Promise<number> =>
    input
      .input({
        ...position,
        value: String(initial),
        prompt: () => prompt,
        validate: (text) => (wholeNumber(text, max) === undefined ? l10n.t('A whole number from 1 to {0}.', max) : undefined),
      })
      .then((text) => wholeNumber(text, max) as number);

  const targetStep: Step = async (input) => {
    const items: Array<PickItem<Target>> = [
      { label: '*', description: l10n.t('all endpoints'), value: { kind: 'endpoint', endpoint: '*' } },
      { label: `$(radio-tower) ${l10n.t('Webhook deliveries')}`, description: l10n.t('what the sandbox sends your receiver'), value: { kind: 'deliveries' } },
      ...endpoints.map((name): PickItem<Target> => ({ label: name, value: { kind: 'endpoint', endpoint: name } })),
    ];
    const before = state.target;
    const chosen = await input.pick({
      ...at(1),
      placeholder: l10n.t('Which endpoint fails?'),
      items,
      activeIndex: before && indexOf(items, (value) => value.kind === before.kind && (value.kind === 'deliveries' || (before.kind === 'endpoint' && value.endpoint === before.endpoint))),
    });
    if (chosen.kind !== state.target?.kind) {
      state.amount = undefined;
    }
    state.target = chosen;
    return chosen.kind === 'deliveries' ? deliveryKindStep : kindStep;
  };

  /** Step 2, of either branch: the kind, the earlier one highlighted; another kind forgets the amount. */
  async function pickKind<K extends { type: string; label: string; detail: string }>(input: StepInput, kinds: K[], current: K | undefined, placeholder: string): Promise<K> {
    const items = kinds.map((item) => ({ label: item.label, detail: item.detail, value: item }));
    const chosen = await input.pick({ ...at(2), placeholder, items, activeIndex: indexOf(items, (value) => value.type === current?.type) });
    if (chosen.type !== current?.type) {
      state.amount = undefined;
    }
    return chosen;
  }

  const kindStep: Step = async (input) => {
    state.kind = await pickKind(input, faultKinds(), state.kind, l10n.t('How does it fail?'));
    return state.kind.amount ? amountStep : durationStep;
  };

  const deliveryKindStep: Step = async (input) => {
    state.deliveryKind = await pickKind(input, deliveryFaultKinds(), state.deliveryKind, l10n.t('What happens to the deliveries?'));
    return state.deliveryKind.amount ? amountStep : webhookTypeStep;
  };

  const amountStep: Step = async (input) => {
    const amount = amountOf();
    if (amount) {
      state.amount = await number(input, at(3), amount.prompt, state.amount ?? amount.initial, amount.max);
    }
    return state.target?.kind === 'deliveries' ? webhookTypeStep : durationStep;
  };

  const durationStep: Step = async (input) => {
    const items: Array<PickItem<'requests' | 'seconds'>> = [
      { label: l10n.t('For the next N requests'), value: 'requests' },
      { label: l10n.t('For N seconds'), value: 'seconds' },
    ];
    const chosen = await input.pick({ ...at(3 + extra()), placeholder: l10n.t('For how long?'), items, activeIndex: indexOf(items, (value) => value === state.by) });
    if (chosen !== state.by) {
      state.count = undefined;
    }
    state.by = chosen;
    return countStep;
  };

  const countStep: Step = async (input) => {
    const requests = state.by === 'requests';
    state.count = await number(input, at(4 + extra()), requests ? l10n.t('How many requests?') : l10n.t('How many seconds?'), state.count ?? (requests ? 3 : 60), requests ? 100_000 : 86_400);
    return clientsStep;
  };

  const clientsStep: Step = async (input) => {
    const items: Array<PickItem<'others' | 'all'>> = [
      { label: l10n.t('Other clients only'), detail: l10n.t('Your ERP, curl, CI; the Stock view keeps working'), value: 'others' },
      { label: l10n.t('Every client'), detail: l10n.t('This extension included'), value: 'all' },
    ];
    state.clients = await input.pick({ ...at(5 + extra()), placeholder: l10n.t('Who gets the fault?'), items, activeIndex: indexOf(items, (value) => value === state.clients) });
    return undefined;
  };

  const webhookTypeStep: Step = async (input) => {
    const items: Array<PickItem<WebhookType | null>> = [{ label: l10n.t('Every type'), value: null }, ...WEBHOOK_TYPES.map((name) => ({ label: name, value: name }))];
    state.webhookType = await input.pick({ ...at(3 + extra()), placeholder: l10n.t('Deliveries of which type?'), items, activeIndex: indexOf(items, (value) => value === state.webhookType) });
    return timesStep;
  };

  const timesStep: Step = async (input) => {
    state.times = await number(input, at(4 + extra()), l10n.t('How many deliveries?'), state.times ?? 1, 1000);
    return undefined;
  };

  if ((await runSteps(prompter, targetStep)) !== 'done') {
    return undefined;
  }
  const amount = amountOf() ? state.amount : undefined;
  if (state.target?.kind === 'deliveries') {
    return state.deliveryKind && state.times !== undefined ? { kind: state.deliveryKind.type, amount, webhookType: state.webhookType ?? undefined, times: state.times } : undefined;
  }
  return state.target && state.kind && state.by && state.count !== undefined && state.clients
    ? { endpoint: state.target.endpoint, kind: state.kind.type, amount, limit: { by: state.by, count: state.count }, clients: state.clients }
    : undefined;
}
