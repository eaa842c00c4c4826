// What "OTO: Inject Sandbox Fault…" asks, turned into the sandbox's Fault, and how an active
// fault is told in words (status bar, the faults list). Plain TypeScript, tested in Node.
import * as l10n from '@vscode/l10n';
import type { ActiveFault, DeliveryFault, DeliveryFaultKind, Fault, WebhookType } from '../sandbox/types';
import { plural } from '../common/text/plural';

export type FaultKind = 'rateLimit' | 'serverError500' | 'serverError503' | 'hang' | 'drop' | 'lostAnswer' | 'expiredToken' | 'latency';

export interface FaultChoices {
  /** An endpoint name, or `*`. */
  endpoint: string;
  kind: FaultKind;
  /** Retry-After seconds for `rateLimit`, milliseconds for `latency`. */
  amount?: number;
  limit: { by: 'requests' | 'seconds'; count: number };
  clients: 'all' | 'others';
}

export interface FaultKindItem {
  /** Not `kind`: a QuickPickItem's `kind` is its separator flag. */
  type: FaultKind;
  label: string;
  detail: string;
  /** What the amount step asks, for the kinds that have one. */
  amount?: { prompt: string; initial: number; max: number };
}

export function faultKinds(): FaultKindItem[] {
  return [
    {
      type: 'rateLimit',
      label: l10n.t('Rate limit (429 with Retry-After)'),
      detail: l10n.t('OTO1143 "Too many request!"; does the client wait as long as told?'),
      amount: { prompt: l10n.t('Retry-After in seconds'), initial: 30, max: 3600 },
    },
    { type: 'serverError500', label: l10n.t('Server error 500'), detail: l10n.t('OTO1081 "a system error occured"') },
    { type: 'serverError503', label: l10n.t('Service unavailable 503'), detail: l10n.t('OTO1105 "Wait for 1 minute before request again!"') },
    { type: 'hang', label: l10n.t('Hang until the client times out'), detail: l10n.t('The request is received and never answered') },
    { type: 'drop', label: l10n.t('Drop the connection'), detail: l10n.t('A network error, nothing applied') },
    {
      type: 'lostAnswer',
      label: l10n.t('Apply the change, then lose the answer'),
      detail: l10n.t('The write happens, the connection drops: a retry would apply it twice'),
    },
    { type: 'expiredToken', label: l10n.t('Expired token (401)'), detail: l10n.t('"Jwt is expired": does the client refresh once and retry once?') },
    {
      type: 'latency',
      label: l10n.t('Added latency'),
      detail: l10n.t('Answers normally, later'),
      amount: { prompt: l10n.t('Delay in milliseconds'), initial: 2000, max: 600_000 },
    },
  ];
}

export function faultOf(choices: FaultChoices): Fault {
  const scope: Fault = {
    endpoint: choices.endpoint,
    ...(choices.limit.by === 'requests' ? { times: choices.limit.count } : { seconds: choices.limit.count }),
    ...(choices.clients === 'others' ? { clients: 'others' as const } : {}),
  };
  switch (choices.kind) {
    case 'rateLimit':
      return { ...scope, status: 429, headers: { 'Retry-After': String(choices.amount ?? 30) } };
    case 'serverError500':
      return { ...scope, status: 500 };
    case 'serverError503':
      return { ...scope, status: 503 };
    case 'hang':
      return { ...scope, hang: true };
    case 'drop':
      return { ...scope, reset: true };
    case 'lostAnswer':
      return { ...scope, afterEffect: true };
    case 'expiredToken':
      return { ...scope, status: 401 };
    case 'latency':
      return { ...scope, latencyMs: choices.amount ?? 2000 };
  }
}

/** What the fault does, e.g. `429 Retry-After 30 s`. */
export function faultEffect(fault: Fault): string {
  if (fault.afterEffect) {
    return l10n.t('applied, then the answer lost');
  }
  if (fault.hang) {
    return l10n.t('hang');
  }
  if (fault.reset) {
    return l10n.t('dropped connection');
  }
  if (fault.status !== undefined) {
    const retryAfter = Object.entries(fault.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
    return retryAfter === undefined ? String(fault.status) : l10n.t('{0} Retry-After {1} s', fault.status, retryAfter);
  }
  return l10n.t('+{0} ms latency', fault.latencyMs ?? 0);
}

/** One line for an active fault: effect · where · for how long · for whom. */
export function describeFault(active: ActiveFault, now: number = Date.now()): string {
  const { fault } = active;
  const where = fault.endpoint === '*' ? l10n.t('all endpoints') : fault.endpoint;
  const limits = [
    active.left === undefined ? undefined : plural(active.left, '1 request left', '{0} requests left'),
    active.expiresAt === undefined ? undefined : l10n.t('{0} s left', Math.max(0, Math.ceil((active.expiresAt - now) / 1000))),
  ].filter((part) => part !== undefined);
  const whom = fault.clients === 'others' ? l10n.t('other clients only') : l10n.t('every client');
  return [faultEffect(fault), where, ...(limits.length > 0 ? limits : [l10n.t('until cleared')]), whom].join(' · ');
}

/** A delivery fault's kind as Inject Sandbox Fault… offers it. */
export interface DeliveryFaultKindItem {
  type: DeliveryFaultKind;
  label: string;
  detail: string;
  /** `delay`: the milliseconds step. */
  amount?: { prompt: string; initial: number; max: number };
}

export function deliveryFaultKinds(): DeliveryFaultKindItem[] {
  return [
    { type: 'duplicate', label: l10n.t('Duplicate'), detail: l10n.t('Sent twice: does the receiver apply the event once?') },
    { type: 'outOfOrder', label: l10n.t('Out of order'), detail: l10n.t('Held until the next event of the same order went') },
    { type: 'delay', label: l10n.t('Delay'), detail: l10n.t('Sent later'), amount: { prompt: l10n.t('Delay in milliseconds'), initial: 2000, max: 600_000 } },
    { type: 'drop', label: l10n.t('Drop'), detail: l10n.t('Never sent: does the receiver notice a missing status?') },
    { type: 'wrongSignature', label: l10n.t('Wrong signature'), detail: l10n.t('Signed with another secret: the receiver must refuse it') },
    { type: 'staleTimestamp', label: l10n.t('Stale timestamp'), detail: l10n.t('A day old, signed correctly: a replayed delivery') },
    { type: 'retry', label: l10n.t('Retry until 2xx'), detail: l10n.t('Resent with backoff until the receiver accepts it') },
  ];
}

export interface DeliveryFaultChoices {
  kind: DeliveryFaultKind;
  /** `delay`: milliseconds. */
  amount?: number;
  /** Only deliveries of this type; every type when absent. */
  webhookType?: WebhookType;
  /** How many deliveries. */
  times: number;
}

export function deliveryFaultOf(choices: DeliveryFaultChoices): DeliveryFault {
  return {
    kind: choices.kind,
    times: choices.times,
    ...(choices.webhookType ? { webhookType: choices.webhookType } : {}),
    ...(choices.kind === 'delay' ? { delayMs: choices.amount ?? 2000 } : {}),
  };
}
