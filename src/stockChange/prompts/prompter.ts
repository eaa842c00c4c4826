// The small UI surface the flows need. The VS Code adapter implements it with QuickPick,
// InputBox and notifications; tests implement it with a scripted prompter.

/** Returned by `pick`/`input` when the user pressed the Back button. */
export const BACK = Symbol('back');

/** A value, BACK, or `undefined` when the prompt was dismissed (Escape). */
export type Prompted<T> = T | typeof BACK | undefined;

export interface StepPosition {
  title: string;
  /** 1-based position of this step in the flow, shown as "2/3". */
  step: number;
  totalSteps: number;
  /**
   * Stays open when focus moves away: a confirmation read beside a preview, or a long flow whose
   * answers a look elsewhere must not lose.
   */
  ignoreFocusOut?: boolean;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface PickRequest<T> extends StepPosition {
  placeholder: string;
  items: ReadonlyArray<PickItem<T>>;
  /** Item highlighted when the pick opens, so going back keeps the earlier choice. */
  activeIndex?: number;
  /** Typing also filters on each item's detail (e.g. a SKU's product name). */
  matchOnDetail?: boolean;
  /** Typing also filters on each item's description (e.g. a location's code). */
  matchOnDescription?: boolean;
  /**
   * What is typed, read as a choice of its own (shown above the items whatever the filter), or
   * the problem with it; undefined while it is neither (nothing typed, or a filter of the items).
   */
  typed?(text: string): { item: PickItem<T> } | { problem: string } | undefined;
  /** A problem with the chosen value: shown, and the pick stays open. */
  validate?(value: T): string | undefined;
  canGoBack: boolean;
}

/** A list to tick: several items chosen at once, each shown with a checkbox. */
export interface PickManyRequest<T> extends StepPosition {
  placeholder: string;
  items: ReadonlyArray<PickItem<T> & { picked: boolean }>;
  canGoBack: boolean;
}

export interface InputRequest extends StepPosition {
  value: string;
  placeholder?: string;
  /** Recomputed as the user types, e.g. to show `277 → 272`. */
  prompt(value: string): string;
  /** A specific message for a bad value, or undefined when it is acceptable. */
  validate(value: string): string | undefined;
  /**
   * A second way to accept the value (a button on the box): it is checked as Enter checks it, then
   * `choose` is told before the value is answered, e.g. to go on without the optional steps after it.
   */
  alternative?: { tooltip: string; choose(): void };
  canGoBack: boolean;
}

export interface ConfirmRequest {
  message: string;
  detail?: string;
  /** Label of the button that goes ahead; the modal's own Cancel declines. */
  confirm: string;
}

export type MessageLevel = 'info' | 'warning' | 'error';

export interface Prompter {
  pick<T>(request: PickRequest<T>): Promise<Prompted<T>>;
  /** The values of the items ticked when accepted (perhaps none). */
  pickMany<T>(request: PickManyRequest<T>): Promise<Prompted<T[]>>;
  input(request: InputRequest): Promise<Prompted<string>>;
  /** A modal confirmation; true only when the confirm button was chosen. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  /** A notification with action buttons; resolves to the chosen action or undefined. */
  message<A extends string>(level: MessageLevel, text: string, actions: readonly A[]): Promise<A | undefined>;
  /**
   * Runs the task while showing progress; a `cancellable` one (a read: a write cannot be called
   * back) offers Cancel, whose signal the task gets.
   */
  progress<T>(title: string, task: (signal?: AbortSignal) => Promise<T>, options?: { cancellable?: boolean }): Promise<T>;
}
