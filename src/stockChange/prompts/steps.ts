// A multi-step flow in the manner of VS Code's quickinput sample: each step asks one thing and
// returns the next step; Back re-runs the previous step (which prefills from the flow's state),
// Escape ends the whole flow.
import { BACK, InputRequest, PickManyRequest, PickRequest, Prompter } from './prompter';

// Back and Escape unwind a flow as these two symbols, not errors: only runSteps catches them.
/* eslint-disable @typescript-eslint/only-throw-error */
const back = Symbol('step back');
const cancel = Symbol('step cancel');

export type Step = (input: StepInput) => Promise<Step | undefined>;

export type FlowEnd = 'done' | 'back' | 'cancel';

export class StepInput {
  constructor(
    readonly prompter: Prompter,
    private readonly canGoBack: boolean,
  ) {}

  async pick<T>(request: Omit<PickRequest<T>, 'canGoBack'>): Promise<T> {
    return settle(await this.prompter.pick({ ...request, canGoBack: this.canGoBack }));
  }

  async pickMany<T>(request: Omit<PickManyRequest<T>, 'canGoBack'>): Promise<T[]> {
    return settle(await this.prompter.pickMany({ ...request, canGoBack: this.canGoBack }));
  }

  async input(request: Omit<InputRequest, 'canGoBack'>): Promise<string> {
    return settle(await this.prompter.input({ ...request, canGoBack: this.canGoBack }));
  }

  /**
   * Runs a loop of sub-steps (e.g. the order's items) as one step of this flow: entering `hub`
   * forgets the sub-steps before it, Back from the hub leaves the loop backwards.
   */
  async loop(start: Step, hub: Step): Promise<void> {
    const end = await runSteps(this.prompter, start, { hub, canGoBack: this.canGoBack });
    if (end === 'back') {
      throw back;
    }
    if (end === 'cancel') {
      throw cancel;
    }
  }
}

function settle<T>(answer: T | typeof BACK | undefined): T {
  if (answer === BACK) {
    throw back;
  }
  if (answer === undefined) {
    throw cancel;
  }
  return answer;
}

export async function runSteps(
  prompter: Prompter,
  start: Step,
  options: { hub?: Step; canGoBack?: boolean } = {},
): Promise<FlowEnd> {
  const history: Step[] = [];
  let next: Step | undefined = start;
  while (next) {
    // Returning to a step already taken (a loop) goes back to that point rather than growing
    // the history, so Back never replays a finished iteration.
    const seen = next === options.hub ? 0 : history.indexOf(next);
    if (seen >= 0) {
      history.length = seen;
    }
    history.push(next);
    const input = new StepInput(prompter, history.length > 1 || options.canGoBack === true);
    try {
      next = await next(input);
    } catch (signal) {
      if (signal === cancel) {
        return 'cancel';
      }
      if (signal !== back) {
        throw signal;
      }
      history.pop();
      next = history.pop();
      if (!next) {
        return 'back';
      }
    }
  }
  return 'done';
}
