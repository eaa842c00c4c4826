// What a sandbox received, as the tests read it: from its one journal (`sandbox.traffic`, what
// `GET /__oto/requests` lists), as WireMock's own tests read its request journal. An exchange joins
// the journal once it is over (answered, or its client gone), so a request still held by a latency
// fault is not in it yet: to know it arrived, give the fault `times` and wait for it to be taken
// (`faultTaken`); once its client gave up, it joins the journal as the sandbox sees the client go
// (`settled`). Tokens are kept shortened there; compare a sent token by its fingerprint.
import type { RunningSandbox } from '../../../src/sandbox';
import type { TrafficExchange } from '../../../src/traffic/exchange';
import { tokenFingerprint } from '../../../src/traffic/tokens';
import { until } from '../until';

export interface Received {
  method: string;
  endpoint: string;
  /** The request target as received, path and query (tokens shortened). */
  url: string;
  query: Readonly<Record<string, string>>;
  /** The parsed JSON body; its text when it is not JSON or was cut; undefined when there was none. */
  body: unknown;
  /** It carried a Bearer access token the sandbox took (not answered 401). */
  authorized: boolean;
  /** The refresh token a `refreshToken` call sent, as its fingerprint (`fingerprint(token)`). */
  refreshToken?: string;
  exchange: TrafficExchange;
}

function receivedOf(exchange: TrafficExchange): Received {
  const { requestBody } = exchange;
  return {
    method: exchange.method,
    endpoint: exchange.endpoint,
    url: exchange.target ?? exchange.path,
    query: exchange.query,
    body: requestBody.json !== undefined ? requestBody.json : requestBody.text === '' ? undefined : requestBody.text,
    authorized: exchange.client.token !== undefined && exchange.status !== 401,
    refreshToken: exchange.grant?.refreshToken,
    exchange,
  };
}

/** Everything the sandbox's journal holds, oldest first. */
export function received(sandbox: RunningSandbox): Received[] {
  return sandbox.traffic.history().map(receivedOf);
}

/** What the journal holds for these endpoints (all of them when none is named), oldest first. */
export function sentTo(sandbox: RunningSandbox, ...endpoints: string[]): Received[] {
  return received(sandbox).filter((request) => endpoints.length === 0 || endpoints.includes(request.endpoint));
}

/** The fingerprint the journal keeps of `token` (a keyed hash, the same within one run). */
export function fingerprint(token: string): string {
  return tokenFingerprint(token);
}

/** True once no fault with `times` left is active for `endpoint`: each has been taken by a request that arrived. */
export function faultTaken(sandbox: RunningSandbox, endpoint: string): boolean {
  return !sandbox.faults.list().some((active) => active.fault.endpoint === endpoint && active.left !== undefined);
}

/** A point in the journal to count from with `since`: exchange ids only grow, whatever the journal has let go of since. */
export function mark(sandbox: RunningSandbox): number {
  return sandbox.traffic.history().at(-1)?.id ?? 0;
}

/** What joined the journal after `from` (a `mark`), oldest first. */
export function since(sandbox: RunningSandbox, from: number): Received[] {
  return received(sandbox).filter((request) => request.exchange.id > from);
}

/** Resolves once no request is open at the sandbox, so every one it received is in the journal. */
export function settled(sandbox: RunningSandbox): Promise<void> {
  return until('every request at the sandbox over and in its journal', () => sandbox.activity.open === 0);
}
