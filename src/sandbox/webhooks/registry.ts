// The webhooks one account registered, with OTO's checks and errors (OTO1120–OTO1125), and the
// management endpoint `/rest/v2/webhook` (POST creates, GET lists, PUT updates, DELETE removes).
import { MAX_WEBHOOKS_PER_ACCOUNT as MAX_WEBHOOKS } from '../../oto';
import { checkWebhookFields, isWebhookInputProblem } from '../../oto/webhookInput';
import { ApiFailure, OTO_MESSAGES, otoFailure } from '../http/errors';
import type { ApiRequest, Endpoint } from '../endpoints/api';
import { WEBHOOK_TYPES, type Webhook, type WebhookInput, type WebhookType } from './types';

export { MAX_WEBHOOKS_PER_ACCOUNT as MAX_WEBHOOKS } from '../../oto';

/** A refused registration through the running sandbox's functions: OTO's code and message. */
export class WebhookError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Each problem of the input on its own, when there were several. */
    readonly problems: readonly string[] = [message],
  ) {
    super(`${code}: ${message}`);
  }
}

function failureOf(code: string, message: string, status = 400): ApiFailure {
  return new ApiFailure(status, { success: false, otoErrorCode: code, otoErrorMessage: message });
}

/** A webhook id as OTO gives it (a number in lists, its digits in POST's answer); undefined for anything else. */
export function webhookIdOf(value: unknown): number | undefined {
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** A registration OTO would refuse among `inputs` (a scenario's, the sandbox's own): which, the field, and why. */
export interface RegistrationProblem {
  index: number;
  field: string;
  message: string;
}

/** What OTO would refuse of `inputs` registered in order, each checked against those before it; empty when none. */
export function registrationProblems(inputs: readonly WebhookInput[]): RegistrationProblem[] {
  const urls: string[] = [];
  const ids = new Set<number>();
  const problems: RegistrationProblem[] = [];
  inputs.forEach((input, index) => {
    if (urls.length >= MAX_WEBHOOKS) {
      problems.push({ index, field: '', message: `OTO1120: ${OTO_MESSAGES.OTO1120}` });
      return;
    }
    const checked = input !== null && typeof input === 'object' ? checkWebhookFields({ method: 'post', ...input }, urls) : { code: 'OTO1121', message: OTO_MESSAGES.OTO1121, field: '' };
    const id = input !== null && typeof input === 'object' ? input.id : undefined;
    if (id !== undefined && ids.has(id)) {
      problems.push({ index, field: 'id', message: `OTO1010: id ${id} is already another registration's` });
      return;
    }
    if (id !== undefined) {
      ids.add(id);
    }
    if ('code' in checked) {
      problems.push({ index, field: checked.field, message: `${checked.code}: ${checked.message}` });
    } else {
      urls.push(checked.url);
    }
  });
  return problems;
}

export class WebhookRegistry {
  private readonly hooks: Webhook[] = [];
  private nextId = 1;

  /**
   * `reserved`: the ids the registrations given with one (a saved state's) will take, skipped by
   * those given without: the sandbox's own webhook, registered at start, keeps the number it had.
   */
  constructor(private readonly reserved: ReadonlySet<number> = new Set()) {}

  list(): Webhook[] {
    return this.hooks.map((hook) => ({ ...hook }));
  }

  /** The webhooks an event of `type` goes to, in the order they were registered. */
  of(type: WebhookType): readonly Webhook[] {
    return this.hooks.filter((hook) => hook.webhookType === type);
  }

  get(id: number): Webhook | undefined {
    return this.hooks.find((hook) => hook.id === id);
  }

  /** Registers through the sandbox's functions (CLI, scenario, control API); a WebhookError when OTO would refuse. */
  register(input: WebhookInput): Webhook {
    if (input === null || typeof input !== 'object') {
      throw new WebhookError('OTO1121', OTO_MESSAGES.OTO1121);
    }
    const { id, ...fields } = input;
    if (id !== undefined && (!Number.isSafeInteger(id) || id < 1 || this.get(id))) {
      throw new WebhookError('OTO1010', `id must be a whole number above 0 that no other registration has, got ${JSON.stringify(id)}`);
    }
    try {
      // OTO's API requires the method; the sandbox's own callers (CLI, scenario) get post by default.
      return this.create({ method: 'post', ...fields }, id);
    } catch (error) {
      throw asWebhookError(error);
    }
  }

  remove(id: number): boolean {
    const index = this.hooks.findIndex((hook) => hook.id === id);
    if (index >= 0) {
      this.hooks.splice(index, 1);
    }
    return index >= 0;
  }

  /** Registrations made from now on are numbered past every id given so far (OTO does not reuse one). */
  numberPastAll(): void {
    this.nextId = Math.max(this.nextId, ...this.hooks.map((hook) => hook.id + 1));
  }

  /** A registration with the next free id, or `id` (a saved one's). */
  create(body: Record<string, unknown>, id?: number): Webhook {
    if (this.hooks.length >= MAX_WEBHOOKS) {
      throw otoFailure('OTO1120');
    }
    const fields = this.check(body, undefined);
    while (id === undefined && (this.reserved.has(this.nextId) || this.get(this.nextId))) {
      this.nextId += 1;
    }
    const hook: Webhook = { id: id ?? this.nextId++, ...fields };
    this.hooks.push(hook);
    return { ...hook };
  }

  update(body: Record<string, unknown>): Webhook {
    const id = webhookIdOf(body.id);
    if (body.id === undefined || body.id === null || body.id === '') {
      throw otoFailure('OTO1125');
    }
    const hook = id === undefined ? undefined : this.get(id);
    if (!hook) {
      throw failureOf('OTO1125', `webhook id ${JSON.stringify(body.id)} does not exist`, 404);
    }
    // Fields left out keep their value; url and method are still required of the result. A null
    // webhookType would read as left out and then default to orderStatus: a change of type unasked.
    if (body.webhookType === null) {
      throw failureOf('OTO1010', `webhookType must be one of ${WEBHOOK_TYPES.join(', ')}, got null`);
    }
    const merged = { ...hook, ...Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) };
    const fields = this.check(merged, hook.id);
    this.hooks[this.hooks.indexOf(hook)] = { id: hook.id, ...fields };
    return { id: hook.id, ...fields };
  }

  /** OTO's checks of a POST or PUT body, in OTO's order of codes (src/oto/webhookInput.ts, which the editor checks with too). */
  private check(body: Record<string, unknown>, self: number | undefined): Omit<Webhook, 'id'> {
    const checked = checkWebhookFields(body, this.hooks.filter((hook) => hook.id !== self).map((hook) => hook.url));
    if (isWebhookInputProblem(checked)) {
      throw otoFailure(checked.code, 400, checked.message);
    }
    return checked;
  }

  /** `/rest/v2/webhook`: one endpoint, four methods. */
  answer(request: ApiRequest): unknown {
    const body = request.body;
    const object = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    if (request.method !== 'GET' && body !== undefined && !object) {
      throw otoFailure('OTO1075');
    }
    switch (request.method) {
      case 'POST': {
        const hook = this.create(object ?? {});
        return { success: true, id: String(hook.id), message: 'webhook has been created' };
      }
      case 'PUT':
        this.update(object ?? {});
        return { success: true, message: 'webhook has been updated' };
      case 'DELETE': {
        // OTO does not say where the id goes: the query and the body are both read.
        const given = request.query.id ?? object?.id;
        if (given === undefined || given === '') {
          throw otoFailure('OTO1125');
        }
        const id = webhookIdOf(given);
        if (id === undefined || !this.remove(id)) {
          throw failureOf('OTO1125', `webhook id ${JSON.stringify(given)} does not exist`, 404);
        }
        return { success: true, message: 'webhook has been deleted' };
      }
      default: {
        const wanted = request.query.id;
        const hooks = wanted === undefined ? this.hooks : this.hooks.filter((hook) => hook.id === webhookIdOf(wanted));
        return { webhooks: hooks.map(listed), success: true };
      }
    }
  }
}

/** GET's shape: OTO's fields in OTO's order, `null` where nothing was given, the secret in clear. */
function listed(hook: Webhook): Record<string, unknown> {
  return {
    id: hook.id,
    method: hook.method,
    url: hook.url,
    webhookType: hook.webhookType,
    secretKey: hook.secretKey ?? null,
    authorizationKey: hook.authorizationKey ?? null,
    timestampFormat: hook.timestampFormat ?? null,
    orderPrefix: hook.orderPrefix ?? null,
  };
}

function asWebhookError(error: unknown): unknown {
  if (error instanceof ApiFailure) {
    const body = error.body as { otoErrorCode: string; otoErrorMessage: string };
    return new WebhookError(body.otoErrorCode, body.otoErrorMessage, error.status);
  }
  return error;
}

/** `/rest/v2/webhook`, answered by the account's registry. */
export const manageWebhooks: Endpoint = (state, request) => {
  if (!state.webhooks) {
    throw otoFailure('OTO1081', 500);
  }
  return state.webhooks.manage(request);
};
