// A Prompter that plays a script instead of a user, and records everything it was shown, so the
// flows run in plain Node exactly as they do behind VS Code's quick input.
import { BACK, ConfirmRequest, InputRequest, MessageLevel, PickManyRequest, PickRequest, Prompted, Prompter } from '../../../src/stockChange/prompts/prompter';

export type Answer =
  | { kind: 'pick'; label: string | RegExp }
  | { kind: 'pickTyped'; text: string }
  | { kind: 'tick'; labels: readonly string[] }
  | { kind: 'pickRefused'; label?: string; text?: string; message: RegExp }
  | { kind: 'type'; value: string }
  | { kind: 'typeAlternative'; value: string }
  | { kind: 'rejected'; value: string; message: RegExp }
  | { kind: 'back' }
  | { kind: 'escape' }
  | { kind: 'confirm'; yes: boolean }
  | { kind: 'respond'; action: string };

/** Picks the item whose label is (or, for a RegExp, matches) this. */
export const pick = (label: string | RegExp): Answer => ({ kind: 'pick', label });
/** Accepts a list of checkboxes with exactly the items of these labels ticked (none: accepts it empty). */
export const tick = (...labels: string[]): Answer => ({ kind: 'tick', labels });
/** Types into a quick pick and accepts the choice it makes of the text (not one of its items). */
export const pickTyped = (text: string): Answer => ({ kind: 'pickTyped', text });
/** Chooses this item, which the pick must refuse with a message matching `message`; it stays open. */
export const pickRefused = (label: string, message: RegExp): Answer => ({ kind: 'pickRefused', label, message });
/** Types into a quick pick, which must show a problem matching `message`; it stays open. */
export const typedRefused = (text: string, message: RegExp): Answer => ({ kind: 'pickRefused', text, message });
/** Types a value the input box must accept. */
export const type = (value: string): Answer => ({ kind: 'type', value });
/** Types a value and accepts it with the box's second button (`alternative`), not Enter. */
export const typeAlternative = (value: string): Answer => ({ kind: 'typeAlternative', value });
/** Types a value the input box must refuse with a message matching `message`; the box stays open. */
export const rejected = (value: string, message: RegExp): Answer => ({ kind: 'rejected', value, message });
export const back: Answer = { kind: 'back' };
export const escape: Answer = { kind: 'escape' };
export const confirm = (yes: boolean): Answer => ({ kind: 'confirm', yes });
/** Chooses this action on the next notification (notifications not scripted are dismissed). */
export const respond = (action: string): Answer => ({ kind: 'respond', action });

export type Shown =
  | { kind: 'pick'; request: PickRequest<unknown>; labels: string[]; rejections: string[] }
  | { kind: 'pickMany'; request: PickManyRequest<unknown>; labels: string[]; ticked: string[] }
  | { kind: 'input'; request: InputRequest; prompts: string[]; rejections: string[] }
  | { kind: 'confirm'; request: ConfirmRequest }
  | { kind: 'message'; level: MessageLevel; text: string; actions: readonly string[] }
  | { kind: 'progress'; title: string };

export class ScriptedPrompter implements Prompter {
  readonly shown: Shown[] = [];
  /** Every way the flow strayed from the script; a flow reports such an error as a message, so tests check this is empty. */
  readonly errors: string[] = [];
  private readonly script: Answer[] = [];

  play(...answers: Answer[]): this {
    this.script.push(...answers);
    return this;
  }

  get remaining(): readonly Answer[] {
    return this.script;
  }

  picks(): Array<Extract<Shown, { kind: 'pick' }>> {
    return this.shown.filter((entry): entry is Extract<Shown, { kind: 'pick' }> => entry.kind === 'pick');
  }

  inputs(): Array<Extract<Shown, { kind: 'input' }>> {
    return this.shown.filter((entry): entry is Extract<Shown, { kind: 'input' }> => entry.kind === 'input');
  }

  messages(): Array<Extract<Shown, { kind: 'message' }>> {
    return this.shown.filter((entry): entry is Extract<Shown, { kind: 'message' }> => entry.kind === 'message');
  }

  confirms(): Array<Extract<Shown, { kind: 'confirm' }>> {
    return this.shown.filter((entry): entry is Extract<Shown, { kind: 'confirm' }> => entry.kind === 'confirm');
  }

  async pick<T>(request: PickRequest<T>): Promise<Prompted<T>> {
    const labels = request.items.map((item) => item.label);
    const entry: Extract<Shown, { kind: 'pick' }> = { kind: 'pick', request, labels, rejections: [] };
    this.shown.push(entry);
    for (;;) {
      const answer = this.next('pick', request.placeholder);
      if (answer.kind === 'back' || answer.kind === 'escape') {
        return this.navigate(answer, request.canGoBack);
      }
      if (answer.kind === 'pickTyped') {
        const reading = request.typed?.(answer.text);
        if (!reading || !('item' in reading)) {
          throw this.fail(`"${answer.text}" typed into "${request.placeholder}" made no choice: ${reading ? reading.problem : 'the pick takes no typed value'}`);
        }
        const problem = request.validate?.(reading.item.value);
        if (problem !== undefined) {
          throw this.fail(`the typed "${answer.text}" was refused: ${problem}`);
        }
        return reading.item.value;
      }
      if (answer.kind === 'pickRefused') {
        const reading = answer.text === undefined ? undefined : request.typed?.(answer.text);
        const chosen = answer.label === undefined ? undefined : request.items[labels.indexOf(answer.label)];
        const problem = reading && 'problem' in reading ? reading.problem
          : reading && 'item' in reading ? request.validate?.(reading.item.value)
            : chosen ? request.validate?.(chosen.value) : undefined;
        if (problem === undefined || !answer.message.test(problem)) {
          throw this.fail(`${answer.label ?? answer.text} should be refused with ${answer.message}, got ${problem ?? 'no problem'}`);
        }
        entry.rejections.push(problem);
        continue;
      }
      if (answer.kind !== 'pick') {
        throw this.fail(`script expected ${answer.kind} but a quick pick was shown: ${request.placeholder}`);
      }
      const wanted = answer.label;
      const index = labels.findIndex((label) => (typeof wanted === 'string' ? label === wanted : wanted.test(label)));
      if (index < 0) {
        throw this.fail(`no item ${String(wanted)} in "${request.placeholder}": ${labels.join(' | ')}`);
      }
      const problem = request.validate?.(request.items[index].value);
      if (problem !== undefined) {
        throw this.fail(`${labels[index]} was refused: ${problem}`);
      }
      return request.items[index].value;
    }
  }

  pickManys(): Array<Extract<Shown, { kind: 'pickMany' }>> {
    return this.shown.filter((entry): entry is Extract<Shown, { kind: 'pickMany' }> => entry.kind === 'pickMany');
  }

  async pickMany<T>(request: PickManyRequest<T>): Promise<Prompted<T[]>> {
    const labels = request.items.map((item) => item.label);
    this.shown.push({ kind: 'pickMany', request, labels, ticked: request.items.filter((item) => item.picked).map((item) => item.label) });
    const answer = this.next('list of checkboxes', request.placeholder);
    if (answer.kind === 'back' || answer.kind === 'escape') {
      return this.navigate(answer, request.canGoBack);
    }
    if (answer.kind !== 'tick') {
      throw this.fail(`script expected ${answer.kind} but a list of checkboxes was shown: ${request.placeholder}`);
    }
    const missing = answer.labels.filter((label) => !labels.includes(label));
    if (missing.length > 0) {
      throw this.fail(`no item ${missing.join(', ')} in "${request.placeholder}": ${labels.join(' | ')}`);
    }
    return request.items.filter((item) => answer.labels.includes(item.label)).map((item) => item.value);
  }

  async input(request: InputRequest): Promise<Prompted<string>> {
    const entry: Extract<Shown, { kind: 'input' }> = { kind: 'input', request, prompts: [request.prompt(request.value)], rejections: [] };
    this.shown.push(entry);
    for (;;) {
      const answer = this.next('input', entry.prompts[0]);
      if (answer.kind === 'back' || answer.kind === 'escape') {
        return this.navigate(answer, request.canGoBack);
      }
      if (answer.kind === 'typeAlternative') {
        const problem = request.validate(answer.value);
        if (!request.alternative || problem) {
          throw this.fail(`input "${answer.value}" accepted through a second button: ${problem ?? 'the box has none'}`);
        }
        entry.prompts.push(request.prompt(answer.value));
        request.alternative.choose();
        return answer.value;
      }
      if (answer.kind !== 'type' && answer.kind !== 'rejected') {
        throw this.fail(`script expected ${answer.kind} but an input box was shown: ${entry.prompts[0]}`);
      }
      entry.prompts.push(request.prompt(answer.value));
      const problem = request.validate(answer.value);
      if (answer.kind === 'type') {
        if (problem) {
          throw this.fail(`input "${answer.value}" was refused: ${problem}`);
        }
        return answer.value;
      }
      if (!problem || !answer.message.test(problem)) {
        throw this.fail(`input "${answer.value}" should be refused with ${answer.message}, got ${problem ?? 'no message'}`);
      }
      entry.rejections.push(problem);
    }
  }

  async confirm(request: ConfirmRequest): Promise<boolean> {
    this.shown.push({ kind: 'confirm', request });
    const answer = this.next('confirm', request.message);
    if (answer.kind !== 'confirm') {
      throw this.fail(`script expected ${answer.kind} but a confirmation was shown: ${request.message}`);
    }
    return answer.yes;
  }

  async message<A extends string>(level: MessageLevel, text: string, actions: readonly A[]): Promise<A | undefined> {
    this.shown.push({ kind: 'message', level, text, actions });
    const answer = this.script[0];
    if (answer?.kind !== 'respond') {
      return undefined;
    }
    this.script.shift();
    const action = actions.find((candidate) => candidate === answer.action);
    if (!action) {
      throw this.fail(`no action "${answer.action}" on message "${text}": ${actions.join(' | ')}`);
    }
    return action;
  }

  /** Set: the user presses Cancel on every cancellable progress this long after it starts. */
  cancelProgressAfterMs: number | undefined;

  async progress<T>(title: string, task: (signal?: AbortSignal) => Promise<T>, options?: { cancellable?: boolean }): Promise<T> {
    this.shown.push({ kind: 'progress', title });
    if (!options?.cancellable || this.cancelProgressAfterMs === undefined) {
      return task();
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.cancelProgressAfterMs);
    try {
      return await task(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(message: string): Error {
    this.errors.push(message);
    return new Error(message);
  }

  private next(what: string, context: string): Answer {
    const answer = this.script.shift();
    if (!answer) {
      throw this.fail(`script ran out at a ${what}: ${context}`);
    }
    return answer;
  }

  private navigate(answer: Answer, canGoBack: boolean): typeof BACK | undefined {
    if (answer.kind === 'escape') {
      return undefined;
    }
    if (!canGoBack) {
      throw this.fail('script pressed Back on a first step, which has no Back button');
    }
    return BACK;
  }
}
