// The sandbox's record of what it received, bounded by count and by (estimated) bytes: the
// in-process sandbox lives as long as the editor. Bodies are kept truncated, and a request without
// a valid token keeps only a small prefix of its URL and body, so it costs little once answered.
import { oldestToCut } from '../../common/trim';
import type { RunningSandbox } from '../types';

export type LoggedRequest = RunningSandbox['requests'][number];

export const LOG_LIMITS = {
  entries: 10_000,
  bytes: 8_000_000,
  /** Body text kept per authorized request; more is cut, and the entry's body is the cut text. */
  bodyBytes: 16_384,
  /** URL and body text kept per unauthorized request. */
  unauthorizedBytes: 1_024,
};

/** Fixed cost of an entry beyond its texts (object, method, endpoint), a rough estimate. */
const ENTRY_OVERHEAD = 256;

export interface Received {
  method: string;
  endpoint: string;
  url: string;
  query: Record<string, string>;
  /** The body text as received (undefined when it was not read). */
  text?: string;
  /** What to keep when the text is short enough: the parsed JSON, or the text when it is not JSON. */
  body: unknown;
  authorized: boolean;
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  private readonly costs: number[] = [];
  private bytes = 0;

  add(received: Received): void {
    const limit = received.authorized ? LOG_LIMITS.bodyBytes : LOG_LIMITS.unauthorizedBytes;
    const long = received.url.length > (received.authorized ? Infinity : LOG_LIMITS.unauthorizedBytes);
    const url = long ? cut(received.url, LOG_LIMITS.unauthorizedBytes) : received.url;
    const text = received.text;
    const body = text !== undefined && text.length > limit ? cut(text, limit) : received.body;
    const entry: LoggedRequest = { method: received.method.slice(0, 32), endpoint: received.endpoint.slice(0, 256), url, query: long ? {} : received.query, body, authorized: received.authorized };
    const cost = ENTRY_OVERHEAD + 2 * url.length + Math.min(text?.length ?? 0, limit);
    this.entries.push(entry);
    this.costs.push(cost);
    this.bytes += cost;
    this.trim();
  }

  /**
   * Drops the oldest entries over the bounds in one cut: shifting one per request would move the
   * whole 10,000-entry array on every request an ERP's CI sends.
   */
  private trim(): void {
    // Past the count bound, an eighth more goes at once, so the next cut is 1,250 requests away.
    const { cut, bytes } = oldestToCut(this.costs, this.bytes, { maxCount: LOG_LIMITS.entries, keepCount: Math.floor(LOG_LIMITS.entries * 0.875), maxBytes: LOG_LIMITS.bytes });
    if (cut > 0) {
      this.entries.splice(0, cut);
      this.costs.splice(0, cut);
      this.bytes = bytes;
    }
  }
}

function cut(text: string, limit: number): string {
  return `${text.slice(0, limit)}… (${text.length} characters in all)`;
}
