// Sends the sendable rows of a journal, a few at a time. Each write is announced in the journal
// (on disk) before it is sent and its answer recorded after; a write whose answer was lost is
// recorded as such and never sent again from here. Cancelling stops new sends; writes in flight
// finish and are recorded. A set whose figure moved since the preview is not sent (holdMovedSets).
import type { InventoryStock, UpdateStockQuantityRequest, UpdateStockQuantityResponse } from '../../client';
import { setTimeout as wait } from 'node:timers/promises';
import { isOtoError } from '../../client';
import { isLostAnswer } from '../../stockChange/outcome';
import type { Journal } from '../journal';
import { onHandAt, type PlannedRow } from './preview';
import type { RowState } from './state';

export interface BulkClient {
  updateStockQuantity(request: UpdateStockQuantityRequest): Promise<UpdateStockQuantityResponse>;
  checkInventoryStock(skus: string[], options?: { pickupLocationCode?: string; signal?: AbortSignal }): Promise<InventoryStock>;
}

export interface RunOptions {
  client: BulkClient;
  journal: Journal;
  rows: readonly PlannedRow[];
  concurrency?: number;
  /** Cancel: no new row is sent once it fires (a write already sent is answered and recorded). */
  signal?: AbortSignal;
  /** After each row's answer (or lost answer) is on disk. */
  onRow?(row: PlannedRow, state: RowState): void;
}

export interface RunResult {
  cancelled: boolean;
  /** Rows not sent because the apply was cancelled (a set held back is not counted). */
  notSent: number;
}

export const BULK_CONCURRENCY = 4;
/** OTO's rate limit: sending waits this long when it names no Retry-After, and stops when it asks for longer than the most. */
const RATE_LIMIT_PAUSE_MS = 1_000;
const MAX_RATE_LIMIT_PAUSE_MS = 60_000;

export async function sendRows(options: RunOptions): Promise<RunResult> {
  const queue = await holdMovedSets(options);
  let cancelled = false;
  /** OTO asked to slow down: no row is sent before this time (epoch ms); `Infinity`: none more. */
  let resumeAt = 0;
  const worker = async (): Promise<void> => {
    for (let row = queue.shift(); row !== undefined; row = queue.shift()) {
      if (resumeAt > Date.now() && resumeAt !== Infinity) {
        await pause(resumeAt - Date.now(), options.signal);
      }
      if (options.signal?.aborted || resumeAt === Infinity) {
        cancelled ||= options.signal?.aborted === true;
        queue.unshift(row);
        return;
      }
      // If the announcement cannot be written, the write is not sent (the error ends the apply).
      await options.journal.append({ type: 'send', row: row.index });
      const { state, slowDownMs } = await sendOne(options, row);
      if (slowDownMs !== undefined) {
        resumeAt = Math.max(resumeAt, slowDownMs > MAX_RATE_LIMIT_PAUSE_MS ? Infinity : Date.now() + slowDownMs);
      }
      options.onRow?.(row, state);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? BULK_CONCURRENCY, queue.length)) }, worker);
  const settled = await Promise.allSettled(workers);
  await options.journal.append({ type: 'stopped', cancelled });
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    throw failure.reason;
  }
  return { cancelled, notSent: queue.length };
}

/**
 * A set overwrites whatever is there, and OTO has no compare-and-set: the set rows' figures are
 * read again (one batched read) just before sending, and a row whose figure moved since the
 * preview is held back (journalled, "not sent" with the figure now) for a fresh preview. The rows
 * to send are returned.
 */
async function holdMovedSets(options: RunOptions): Promise<PlannedRow[]> {
  const sets = options.rows.filter((row) => row.action === 'set');
  if (sets.length === 0) {
    return [...options.rows];
  }
  const stock = await options.client.checkInventoryStock([...new Set(sets.map((row) => row.sku))]);
  const held = new Set<PlannedRow>();
  for (const row of sets) {
    const now = onHandAt(stock, row.sku, row.locationCode);
    if (now !== row.before) {
      await options.journal.append({ type: 'held', row: row.index, now });
      held.add(row);
      options.onRow?.(row, { state: 'not-sent', now });
    }
  }
  return options.rows.filter((row) => !held.has(row));
}

/** `slowDownMs`: OTO refused the write for its rate limit and asked to wait this long (or a default). */
async function sendOne(options: RunOptions, row: PlannedRow): Promise<{ state: RowState; slowDownMs?: number }> {
  try {
    const answer = await options.client.updateStockQuantity({ actionType: row.action, sku: row.sku, locationCode: row.locationCode, qty: row.qty });
    const transactionId = answer.transactionID === undefined ? undefined : String(answer.transactionID);
    await options.journal.append({ type: 'applied', row: row.index, transactionId, warnings: answer.warnings });
    return { state: { state: 'applied', transactionId, warnings: answer.warnings } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isLostAnswer(error)) {
      await options.journal.append({ type: 'lost', row: row.index, message });
      return { state: { state: 'check', message } };
    }
    // Refused unprocessed: the row is as if never sent (Review sends it after a fresh preview),
    // and the run waits as OTO asked before sending the next one.
    if (isOtoError(error) && error.kind === 'rate-limit') {
      await options.journal.append({ type: 'held', row: row.index, message });
      return { state: { state: 'not-sent', message }, slowDownMs: error.retryAfterMs ?? RATE_LIMIT_PAUSE_MS };
    }
    const code = isOtoError(error) ? error.code : undefined;
    await options.journal.append({ type: 'failed', row: row.index, code, message });
    return { state: { state: 'failed', code, message } };
  }
}

/** Waits `ms`, or less once `signal` fires. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return wait(ms, undefined, { signal }).catch(() => undefined);
}

/**
 * Re-reads the SKUs of rows whose answer was lost (one batched read) and records the figure now,
 * so the operator can compare before / after / now. Reads are safe to retry; writes are not made.
 */
export async function checkRows(client: BulkClient, journal: Journal, rows: readonly PlannedRow[]): Promise<Map<number, number>> {
  const figures = new Map<number, number>();
  if (rows.length === 0) {
    return figures;
  }
  const stock = await client.checkInventoryStock([...new Set(rows.map((row) => row.sku))]);
  for (const row of rows) {
    const now = onHandAt(stock, row.sku, row.locationCode);
    await journal.append({ type: 'checked', row: row.index, now });
    figures.set(row.index, now);
  }
  return figures;
}
