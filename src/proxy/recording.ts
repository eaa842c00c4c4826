// A recording: the proxy's exchanges as JSONL (the `--log` format, tokens already shortened), and
// its replay against the sandbox, in order, as two texts for the diff editor — what the upstream
// answered on the left, what the sandbox answers on the right.
import type { TrafficExchange } from '../traffic/exchange';
import { jsonLine } from '../traffic/jsonl';
import { readJsonLines } from '../common/text/jsonLines';
import { shortenTokens } from '../traffic/tokens';
import { answeredByProxy, leavesApi } from './types';

/** A recording the editor replays into a diff holds at most this many exchanges (the traffic store's default capacity); the CLI streams any length. */
export const MAX_RECORDED = 1_000;
/** A replayed answer is read up to this size; the rest is cut (and said so). */
const MAX_REPLAYED_ANSWER_BYTES = 1_000_000;
const REPLAY_TIMEOUT_MS = 10_000;

/** The fields of a recorded exchange that replay and the diff need. */
export interface RecordedExchange {
  id: number;
  method: string;
  endpoint: string;
  path: string;
  target?: string;
  query: Record<string, string>;
  requestHeaders: Record<string, string>;
  requestBody: { text: string; truncated: boolean };
  status?: number;
  responseBody?: { text: string; truncated: boolean };
  /** Who answered: the sandbox, or OTO behind the proxy. */
  source?: { kind: string };
  /** What the server did instead of answering as OTO (see PROXY_NOTES), or the fault it injected. */
  fault?: string;
  /** `outbound`: a webhook delivery the sandbox sent, not a request it received. */
  direction?: string;
  /** The sandbox account whose exchange it was (a `--log` line of an added account; none for the default one). */
  account?: string;
}

export function recordingText(exchanges: readonly TrafficExchange[]): string {
  return exchanges.map(jsonLine).join('');
}

/**
 * What Save Recording keeps of a store: its last exchanges, oldest first, at most MAX_RECORDED.
 * The store's history holds up to an eighth more until its next cut: saved, they made a file that
 * replay refuses.
 */
export function recordedExchanges(traffic: { list(): TrafficExchange[] }): TrafficExchange[] {
  return traffic.list().slice(0, MAX_RECORDED).reverse();
}

export class RecordingError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBody(value: unknown): value is { text: string; truncated: boolean } {
  return isRecord(value) && typeof value.text === 'string' && typeof value.truncated === 'boolean';
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
}

/** The exchanges of a JSONL recording; a line that is not one names its number. */
export function parseRecording(text: string): RecordedExchange[] {
  // The sandbox killed mid-write leaves the log's last line torn: the exchanges before it replay.
  const lines = text.split('\n').filter((line) => line.trim() !== '').length;
  if (lines > MAX_RECORDED) {
    throw new RecordingError(`The recording has ${lines} exchanges; at most ${MAX_RECORDED} are replayed.`);
  }
  const read = readJsonLines(text, isRecordedExchange);
  if (read.bad.length > 0) {
    throw new RecordingError(`Line ${read.bad[0]} of the recording is not an exchange of OTO Stock's traffic log.`);
  }
  // Replaying nothing finds no difference: a CI step given an empty or wrong file would pass.
  if (read.values.length === 0) {
    throw new RecordingError(read.torn ? "The recording has no exchanges: its only line is not a whole JSON line of OTO Stock's traffic log." : 'The recording has no exchanges.');
  }
  return read.values;
}

export function isRecordedExchange(json: unknown): json is RecordedExchange {
  return (
    isRecord(json) && typeof json.id === 'number' && typeof json.method === 'string' && typeof json.endpoint === 'string' && typeof json.path === 'string' &&
    (json.target === undefined || typeof json.target === 'string') && isStringMap(json.query) && isStringMap(json.requestHeaders) && isBody(json.requestBody) &&
    (json.status === undefined || typeof json.status === 'number') && (json.responseBody === undefined || isBody(json.responseBody)) &&
    (json.source === undefined || (isRecord(json.source) && typeof json.source.kind === 'string')) && (json.fault === undefined || typeof json.fault === 'string') &&
    (json.direction === undefined || typeof json.direction === 'string') && (json.account === undefined || typeof json.account === 'string')
  );
}

/**
 * Why an exchange of a recording is not a request to replay: the recording proxy answered it
 * itself (blocked, refused, the upstream failed), or it is a webhook delivery the sandbox sent. A
 * blocked write sent now would change the sandbox where OTO never changed, and its recorded answer
 * (the proxy's 403, 404 or 502) says nothing of what OTO answers; a delivery is the sandbox's own
 * doing, which the replayed requests cause again.
 */
export function notReplayed(exchange: RecordedExchange): NotReplayed | undefined {
  if (exchange.direction === 'outbound') {
    return 'webhook';
  }
  if (exchange.source?.kind === 'proxy') {
    return answeredByProxy(exchange.fault) ? 'proxy' : undefined;
  }
  return sandboxFault(exchange) === 'instead' ? 'fault' : undefined;
}

export type NotReplayed = 'proxy' | 'webhook' | 'fault';

/**
 * What a fault the sandbox injected did, read from its words (`describeFault` in
 * sandbox/http/capture.ts): `instead` of the call (a 429, a hang, a drop: the account never
 * handled it), `after` it (`applied, then …`: the change was made, its answer lost), or nothing
 * to the answer (`+200 ms` alone).
 */
export function sandboxFault(exchange: RecordedExchange): 'instead' | 'after' | undefined {
  const words = /^(applied, then )?(hang|\d{3}(?: Retry-After .*?)?|connection dropped)(?: \+\d+ ms)?$/.exec(exchange.fault ?? '');
  if (!words) {
    // No fault, latency alone (the answer is the account's), or words the sandbox does not write.
    return undefined;
  }
  return words[1] === undefined ? 'instead' : 'after';
}

const NOT_REPLAYED: Readonly<Record<NotReplayed, (exchange: RecordedExchange) => string>> = {
  proxy: (exchange) => `not sent: the recording proxy answered it itself (${exchange.fault ?? ''})`,
  webhook: () => 'not sent: a webhook delivery the sandbox sent, not a request to it',
  fault: (exchange) => `not sent: a fault the sandbox injected answered it instead (${exchange.fault ?? ''})`,
};

export interface ReplayTarget {
  /** The sandbox's base URL, e.g. `http://127.0.0.1:8787/rest/v2`. */
  baseUrl: string;
  refreshToken: string;
}

export interface ReplayedPair {
  recorded: RecordedExchange;
  /** What the sandbox answered; absent when the exchange was not sent (see `skipped`). */
  answer?: { status: number; text: string };
  /** Why it was not sent, or how sending failed. */
  skipped?: string;
  /** Not a request to replay (see notReplayed): there is nothing to compare, so no difference. */
  notReplayed?: NotReplayed;
  /** Sent (its change was made when recorded) but not compared: a fault the sandbox injected lost its recorded answer. */
  notCompared?: 'fault';
}

/** The answer's first MAX_REPLAYED_ANSWER_BYTES; past them reading stops and the connection is dropped (an endless answer included). */
async function readAnswer(response: Response): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  let cut = false;
  const reader = response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    chunks.push(Buffer.from(read.value.buffer, read.value.byteOffset, read.value.byteLength));
    size += read.value.byteLength;
    if (size > MAX_REPLAYED_ANSWER_BYTES) {
      cut = true;
      // Cancelling the stream drops the connection: nothing more is read.
      await reader?.cancel();
      break;
    }
  }
  const bytes = Buffer.concat(chunks, size);
  return cut ? `${bytes.subarray(0, MAX_REPLAYED_ANSWER_BYTES).toString('utf8')}\n… (cut at ${MAX_REPLAYED_ANSWER_BYTES} bytes)` : bytes.toString('utf8');
}

/**
 * A webhook registration's body with stand-ins for the keys the log shortened (`…ey-1`): sent as
 * recorded, the `…` could never go in an Authorization header, and the target refuses it where
 * it took the real key. The stand-in keeps the last characters, so registrations stay apart.
 */
function withStandInKeys(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isRecord(json)) {
    return text;
  }
  let changed = false;
  const body = { ...json };
  for (const field of ['secretKey', 'authorizationKey']) {
    const value = body[field];
    if (typeof value === 'string' && value.startsWith('…')) {
      body[field] = `replayed-${value.slice(1)}`;
      changed = true;
    }
  }
  return changed ? JSON.stringify(body) : text;
}

/** Replays one recorded exchange after another to one target, signing in once (and again where the recording did). */
export type Replayer = (exchange: RecordedExchange) => Promise<ReplayedPair>;

/**
 * A replayer for `target`. The recording's tokens are shortened, so the target's own stand in:
 * its refresh token for refreshToken calls, an access token for it wherever the recording had an
 * Authorization.
 */
export function createReplayer(target: ReplayTarget, signal?: AbortSignal): Replayer {
  let accessToken: string | undefined;
  const send = async (method: string, pathAndQuery: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; text: string }> => {
    const response = await fetch(`${target.baseUrl}/${pathAndQuery}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(REPLAY_TIMEOUT_MS)]) : AbortSignal.timeout(REPLAY_TIMEOUT_MS),
    });
    return { status: response.status, text: await readAnswer(response) };
  };
  const token = async (): Promise<string> => {
    if (accessToken === undefined) {
      const answer = await send('POST', 'refreshToken', { 'Content-Type': 'application/json' }, JSON.stringify({ refresh_token: target.refreshToken }));
      accessToken = (JSON.parse(answer.text) as { access_token?: string }).access_token ?? '';
    }
    return accessToken;
  };

  return async (exchange) => {
    signal?.throwIfAborted();
    const why = notReplayed(exchange);
    if (why !== undefined) {
      return { recorded: exchange, skipped: NOT_REPLAYED[why](exchange), notReplayed: why };
    }
    if (exchange.requestBody.truncated) {
      return { recorded: exchange, skipped: 'not sent: its body was cut when it was recorded' };
    }
    const recordedTarget = exchange.target ?? exchange.path;
    const pathAndQuery = recordedTarget.replace(/^\/rest\/v2\//, '');
    // The recording is a file anyone may have edited: its requests go below /rest/v2/ of the target, nowhere else.
    if (pathAndQuery === recordedTarget || leavesApi(pathAndQuery)) {
      return { recorded: exchange, skipped: 'not sent: its path is not below /rest/v2/' };
    }
    const headers: Record<string, string> = {};
    const contentType = exchange.requestHeaders['content-type'];
    if (contentType !== undefined) {
      headers['Content-Type'] = contentType;
    }
    let body = exchange.method === 'GET' || exchange.method === 'HEAD' ? undefined : exchange.requestBody.text;
    if (body !== undefined && exchange.endpoint === 'webhook') {
      body = withStandInKeys(body);
    }
    try {
      if (exchange.endpoint === 'refreshToken') {
        body = JSON.stringify({ refresh_token: target.refreshToken });
      } else if (exchange.requestHeaders.authorization !== undefined) {
        headers.Authorization = `Bearer ${await token()}`;
      }
      const answer = await send(exchange.method, pathAndQuery, headers, body);
      if (exchange.endpoint === 'refreshToken' && answer.status === 200) {
        // The token the replayed sign-in got serves the calls after it, as it served the recorded ones.
        accessToken = (JSON.parse(answer.text) as { access_token?: string }).access_token ?? accessToken;
      }
      return { recorded: exchange, answer, ...(sandboxFault(exchange) === 'after' ? { notCompared: 'fault' as const } : {}) };
    } catch (error) {
      signal?.throwIfAborted();
      return { recorded: exchange, skipped: `failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}

/** Sends the recorded requests, in order, to the target (see createReplayer), every pair kept: the editor's diff shows them all. */
export async function replayRecording(recorded: readonly RecordedExchange[], target: ReplayTarget, signal?: AbortSignal): Promise<ReplayedPair[]> {
  const replay = createReplayer(target, signal);
  const pairs: ReplayedPair[] = [];
  for (const exchange of recorded) {
    pairs.push(await replay(exchange));
  }
  return pairs;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortedKeys);
  }
  if (isRecord(value)) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys(value[key])]));
  }
  return value;
}

/** A body as the diff shows it: JSON indented with sorted keys (OTO's key order means nothing), tokens shortened. */
function pretty(text: string): string {
  let shown = text;
  try {
    shown = JSON.stringify(sortedKeys(JSON.parse(text)), null, 2);
  } catch {
    // Not JSON: shown as it came.
  }
  return shortenTokens(shown);
}

/** The two sides of the replay diff, pair by pair under the same headings so the editor lines them up. */
export function replaySides(pairs: readonly ReplayedPair[]): { recorded: string; sandbox: string } {
  const recorded: string[] = [];
  const sandbox: string[] = [];
  pairs.forEach(({ recorded: exchange, answer, skipped }, index) => {
    const heading = `#${index + 1} ${exchange.method} ${exchange.target ?? exchange.path}`;
    const upstreamBody = exchange.responseBody ? pretty(exchange.responseBody.text) + (exchange.responseBody.truncated ? '\n… (cut when recorded)' : '') : '(no answer)';
    recorded.push(`${heading} → ${exchange.status ?? 'no answer'}\n${upstreamBody}\n`);
    sandbox.push(answer ? `${heading} → ${answer.status}\n${pretty(answer.text)}\n` : `${heading} → ${skipped ?? 'not sent'}\n`);
  });
  return { recorded: recorded.join('\n'), sandbox: sandbox.join('\n') };
}
