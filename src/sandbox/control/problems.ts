// What a control call refuses, and why: every problem of the input at once, each naming its field,
// so a test's author fixes them in one go. Nothing is changed by a call that throws one.

export interface ControlProblem {
  /** The field at fault, e.g. `[2].quantityOnHand` or `status`; empty for the input as a whole. */
  field: string;
  message: string;
}

export class ControlError extends Error {
  constructor(
    /** The HTTP status the control API answers it with (400, 401, 404, 409, 413…). */
    readonly status: number,
    readonly problems: readonly ControlProblem[],
  ) {
    super(problems.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message)).join('; '));
    this.name = 'ControlError';
  }

  /** The answer's body: the gateway's `{message, code}` shape, plus each problem. */
  body(): { message: string; code: number; problems: readonly ControlProblem[] } {
    return { message: this.message, code: this.status, problems: this.problems };
  }
}

/** Collects the problems of one input, then throws them together. */
export class Problems {
  readonly list: ControlProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** Throws a 400 listing every problem found, if any. */
  check(): void {
    if (this.list.length > 0) {
      throw new ControlError(400, this.list);
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `[2].sku`, `query.sku`: how the problems name a field. */
export function fieldOf(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;
}
