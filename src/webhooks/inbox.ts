// The Webhook Inbox's events: what the receiver got, read (type, order, status), checked (the
// signature against the kept secret, the Authorization header against the kept key) and, once
// forwarded, what the ERP's own receiver answered. Newest first, bounded in count and bytes.
// No `vscode`: the view and the documents read it; tested from plain Node.
import { isUtf8 } from 'node:buffer';
import { MAX_JSON_DEPTH, withinDepth } from '../common/json/depth';
import { Emitter } from '../common/emitter';
import { oldestToCut } from '../common/trim';
import { bearerToken } from '../traffic/tokens';
import type { WebhookType } from '../oto/webhooks';
import type { ReceivedRequest, ReceiverAnswer } from './receiver';
import { STALE_AFTER_MS, typeOfPath, verifyPayload, type NamedSecret, type Verification } from './verify';

/** Whether the Authorization header carried the kept authorizationKey (raw or after `Bearer `). */
export type AuthorizationCheck = 'matches' | 'differs' | 'missing' | 'notChecked';

/** What a forwarded event's receiver answered. */
export interface ForwardResult {
  readonly url: string;
  readonly status?: number;
  /** Why nothing came back: `refused`, `timeout`, `reset`, a network error's code, `notLoopback`, `busy`, `loop` (an inbox forwarded it here: not forwarded again), or `cutShort` (the delivery never came whole: not forwarded). */
  readonly error?: string;
  /** At most FORWARD_ANSWER_LIMIT characters of the answer's body. */
  readonly body: string;
  readonly truncated: boolean;
  readonly durationMs: number;
}

export interface InboxEvent {
  readonly id: number;
  readonly receivedAt: number;
  readonly method: string;
  readonly path: string;
  /** As received (the Authorization value included: forwarding resends it); shortened wherever shown. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /**
   * The bytes as received, kept only when they are not UTF-8 (`bodyText` then holds U+FFFD where
   * they did not decode): forwarding sends these, so the ERP's receiver gets what the sender sent.
   */
  readonly rawBody?: Buffer;
  /** The parsed body; undefined when it was not a JSON object. */
  readonly payload?: Record<string, unknown>;
  readonly type?: WebhookType;
  readonly orderId?: string;
  /** The status the event is about: `status`, a wallet's `transactionStatus`, a shipment error's `errorCode`. */
  readonly status?: string;
  readonly verification: Verification;
  readonly authorization: AuthorizationCheck;
  /** What the inbox answered the sender, or would have: to one cut short, nothing was sent. */
  readonly answer: ReceiverAnswer;
  /** The connection closed before the body was whole (`bytes` came of `announced`): nothing was answered. */
  readonly cutShort?: ReceivedRequest['cutShort'];
  forward?: ForwardResult;
}

/** What the inbox checks deliveries with (from SecretStorage, held while the inbox runs). */
export interface InboxKeys {
  readonly secrets: readonly NamedSecret[];
  readonly authorizationKey?: string;
}

export const MAX_EVENTS = 200;
const KEEP_EVENTS = 150;
const MAX_BYTES = 8 * 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value === '' ? undefined : value;
  }
  return typeof value === 'number' ? String(value) : undefined;
}

function statusOf(payload: Record<string, unknown>, type: WebhookType | undefined): string | undefined {
  switch (type) {
    case 'walletTransaction':
      return text(payload.transactionStatus);
    case 'shipmentError':
      return text(payload.errorCode);
    case 'newOrders':
      return isRecord(payload.order) ? text(payload.order.status) : undefined;
    default:
      return text(payload.status);
  }
}

export function checkAuthorization(value: string | undefined, expected: string | undefined): AuthorizationCheck {
  if (expected === undefined || expected === '') {
    return 'notChecked';
  }
  if (value === undefined || value.trim() === '') {
    return 'missing';
  }
  return value.trim() === expected || bearerToken(value) === expected ? 'matches' : 'differs';
}

/**
 * What the inbox answers, as a careful receiver would: 400 for a body that is not a JSON object,
 * 401 for a signature no kept secret gives (the sandbox's wrongSignature fault) and for a timestamp
 * more than STALE_AFTER_MS off (a replay, the staleTimestamp fault), 200 otherwise. An unsigned
 * delivery is taken: OTO signs only for a webhook with a secretKey, and never signs newOrders. A
 * signed one the inbox has no secret for cannot be judged, and is taken too.
 */
export function inboxAnswer(payload: Record<string, unknown> | undefined, verification: Verification): ReceiverAnswer {
  if (!payload) {
    return { status: 400, reason: 'The body is not a JSON object: OTO sends webhooks as JSON' };
  }
  if (verification.verdict === 'invalid' && !verification.noSecret) {
    const over = verification.tried.map((candidate) => `orderId:${candidate.field}:timestamp`).join(' or ');
    return { status: 401, reason: `The signature does not match: it is not Base64(HMAC-SHA256(secretKey, ${over})) with the webhook's secretKey` };
  }
  if (verification.timestamp?.stale) {
    return { status: 401, reason: `The timestamp is more than ${STALE_AFTER_MS / 60_000} minutes from the inbox's clock: refused as a possible replay` };
  }
  return { status: 200 };
}

/** Reads one delivery into an event. */
export function readDelivery(id: number, request: ReceivedRequest, keys: InboxKeys, clockOffsetMs = 0): InboxEvent {
  const bodyText = request.body.toString('utf8');
  const rawBody = isUtf8(request.body) ? undefined : request.body;
  let payload: Record<string, unknown> | undefined;
  let tooDeep = false;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    // Kept as its text only: opening it (a JSON document) would overflow the stack.
    tooDeep = !withinDepth(parsed);
    payload = isRecord(parsed) && !tooDeep ? parsed : undefined;
  } catch {
    payload = undefined;
  }
  const verification = verifyPayload(payload, keys.secrets, { type: typeOfPath(request.path), now: request.receivedAt + clockOffsetMs });
  const type = verification.type;
  const subject = payload && type === 'newOrders' && isRecord(payload.order) ? payload.order : payload;
  return {
    id,
    receivedAt: request.receivedAt,
    method: request.method,
    path: request.path,
    headers: request.headers,
    bodyText,
    ...(rawBody ? { rawBody } : {}),
    ...(payload ? { payload } : {}),
    type,
    orderId: subject ? text(subject.orderId) : undefined,
    status: payload ? statusOf(payload, type) : undefined,
    verification,
    authorization: checkAuthorization(request.headers.authorization, keys.authorizationKey),
    ...(request.cutShort ? { cutShort: request.cutShort } : {}),
    answer: tooDeep ? { status: 400, reason: `The body nests deeper than ${MAX_JSON_DEPTH} levels: OTO's webhooks are a few levels deep` } : inboxAnswer(payload, verification),
  };
}

/** What an event's bodies weigh in the inbox's byte bound: the text, and the bytes when kept beside it. */
function keptSize(event: InboxEvent): number {
  return event.bodyText.length + (event.rawBody?.length ?? 0);
}

export class Inbox {
  private events: InboxEvent[] = [];
  private bytes = 0;
  private nextId = 1;
  private readonly changed = new Emitter<InboxEvent | undefined>();
  /** An event arrived or changed (its forward answer), or `undefined`: the list was cleared. */
  readonly onDidChange = this.changed.event;

  /**
   * `clockOffsetMs`: how far the sender's clock runs ahead of this machine's. The sandbox's
   * `advanceClock` moves time on for everything it emulates; a receiver living in that time judges
   * a timestamp by the same clock, or every delivery after an advance would look like a replay.
   */
  constructor(
    private readonly keys: () => InboxKeys,
    private readonly clockOffsetMs: () => number = () => 0,
  ) {}

  /** The receiver's handler: keeps the delivery (a refused one too), says what to answer. */
  readonly receive = (request: ReceivedRequest): ReceiverAnswer => {
    const event = readDelivery(this.nextId++, request, this.keys(), this.clockOffsetMs());
    this.events.push(event);
    this.bytes += keptSize(event);
    const { cut, bytes } = oldestToCut(
      this.events.map(keptSize),
      this.bytes,
      { maxCount: MAX_EVENTS, keepCount: KEEP_EVENTS, maxBytes: MAX_BYTES },
    );
    if (cut > 0) {
      this.events = this.events.slice(cut);
      this.bytes = bytes;
    }
    this.changed.fire(event);
    return event.answer;
  };

  /** Newest first. */
  list(): InboxEvent[] {
    return [...this.events].reverse();
  }

  get(id: number): InboxEvent | undefined {
    return this.events.find((event) => event.id === id);
  }

  setForward(id: number, result: ForwardResult): void {
    const event = this.get(id);
    if (event) {
      event.forward = result;
      this.changed.fire(event);
    }
  }

  clear(): void {
    this.events = [];
    this.bytes = 0;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
