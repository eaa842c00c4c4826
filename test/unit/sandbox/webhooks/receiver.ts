// An ERP's webhook receiver on 127.0.0.1 for the tests: records every delivery and answers as told.
// It checks signatures with node:crypto alone, never with the sandbox's signer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

export interface Answer {
  status?: number;
  body?: string;
  /** Milliseconds before answering. */
  delayMs?: number;
}

export interface Receiver {
  readonly url: string;
  readonly deliveries: Delivery[];
  /** What the next deliveries are answered (the last entry for all after). */
  answers: Answer[];
  /** Called on each delivery before it is answered (an ERP's processing). */
  onDelivery?: (delivery: Delivery) => Promise<void> | void;
  /** Resolves once `count` deliveries arrived. */
  received(count: number, timeoutMs?: number): Promise<Delivery[]>;
  close(): Promise<void>;
}

export async function startReceiver(path = '/oto/webhook'): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  let waiters: Array<() => void> = [];
  const receiver: Receiver = {
    url: '',
    deliveries,
    answers: [{ status: 200, body: '{"ok":true}' }],
    received: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          if (deliveries.length >= count) {
            resolve(deliveries.slice(0, count));
            return true;
          }
          return false;
        };
        if (check()) {
          return;
        }
        const timer = setTimeout(() => reject(new Error(`expected ${count} deliveries, got ${deliveries.length}`)), timeoutMs);
        const waiter = (): void => {
          if (check()) {
            clearTimeout(timer);
          } else {
            waiters.push(waiter);
          }
        };
        waiters.push(waiter);
      }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const delivery: Delivery = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, text, json: JSON.parse(text) as Record<string, unknown> };
        await receiver.onDelivery?.(delivery);
        const answer = receiver.answers.length > 1 ? (receiver.answers.shift() as Answer) : receiver.answers[0];
        deliveries.push(delivery);
        const current = waiters;
        waiters = [];
        current.forEach((waiter) => waiter());
        if (answer.delayMs) {
          await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        }
        if (!response.destroyed) {
          response.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
          response.end(answer.body ?? '');
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (receiver as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}

/** Base64(HMAC-SHA256(secret, text)), the way an ERP computes it. */
export function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64');
}

/** Whether `signature` matches `orderId:<field>:timestamp` of `payload` under `secret`. */
export function verifies(payload: Record<string, unknown>, secret: string, field: string): boolean {
  const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));
  const expected = Buffer.from(hmac(secret, `${text(payload.orderId)}:${text(payload[field])}:${text(payload.timestamp)}`));
  const given = Buffer.from(text(payload.signature));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
