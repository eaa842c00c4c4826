// The recording proxy's public options. No `vscode`: the CLI and an ERP's CI run it from plain Node.
import type { ServerActivity, ServerLimits } from '../common/serverLimits';
import type { TrafficStore, TrafficStoreOptions } from '../traffic/store';

/** What the proxy does with a call that changes state on OTO. */
export type WritesMode = 'forward' | 'block' | 'simulate';
export const WRITES_MODES: readonly WritesMode[] = ['block', 'simulate', 'forward'];
/**
 * What happens to writes unless the caller asks otherwise: nothing reaches the upstream. Forwarding
 * writes (to production, the real stock) is always asked for by name: `writes: 'forward'`, the
 * CLI's `--writes forward`, the editor's pick.
 */
export const DEFAULT_WRITES: WritesMode = 'block';

/** The sandbox's limits on what one client may cost (timeouts, connections, sizes), and the upstream's. */
export interface ProxyLimits extends ServerLimits {
  /** The upstream must have answered in full within this time, or the client gets a 504. */
  upstreamTimeoutMs?: number;
  /** Upstream answers past this are not passed on: the client gets a 502. */
  maxAnswerBytes?: number;
}

/**
 * How an exchange's `fault` says what the proxy did instead of passing it on (blocked, simulated,
 * refused, the upstream failed), as the traffic view, the log and a saved recording show it.
 */
export const PROXY_NOTES = {
  blocked: 'blocked by the recording proxy (writes: block), not sent',
  simulated: 'simulated by the recording proxy (writes: simulate), not sent',
  refused: 'refused by the recording proxy, not sent',
  /** Followed by what failed. */
  upstreamFailed: 'upstream failed: ',
  /** Followed by the encoding and what went wrong. */
  undecodable: 'answer forwarded as it came but not kept: it would not decompress (',
} as const;

/** The proxy answered it itself, and OTO never did: blocked, refused, or the upstream failed (a simulated write was answered by the sandbox, as OTO would). */
export function answeredByProxy(fault: string | undefined): boolean {
  return fault === PROXY_NOTES.blocked || fault === PROXY_NOTES.refused || (fault?.startsWith(PROXY_NOTES.upstreamFailed) ?? false);
}

/**
 * True when `pathAndQuery` (what follows `/rest/v2/`) could climb out of it once a server
 * normalises it: a dot segment, an encoded slash or a backslash.
 */
export function leavesApi(pathAndQuery: string): boolean {
  const path = pathAndQuery.split('?', 1)[0];
  return path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment)) || /\\|%5c|%2f/i.test(path);
}

/** One exchange as the proxy saw it, before capture shortens its tokens. */
export interface ProxiedExchange {
  readonly startedAt: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly method: string;
  /** The request target as received (`/rest/v2/x?y=z`). */
  readonly target: string;
  readonly requestHeaders: Readonly<Record<string, string | string[] | undefined>>;
  readonly requestBody: Buffer;
  readonly status?: number;
  readonly responseHeaders?: Readonly<Record<string, string | string[] | number | undefined>>;
  /** The answer as the client got it, decoded when the upstream compressed it. */
  readonly responseBody?: Buffer;
  readonly durationMs: number;
  /** How the proxy handled it: sent upstream, blocked, simulated, or refused before anything. */
  readonly handling: 'forwarded' | 'blocked' | 'simulated' | 'refused' | 'upstream-failed';
  /** In words, when the upstream failed: `upstream timed out after 30000 ms`. */
  readonly failure?: string;
  /** A read whose answer the simulation changed. */
  readonly simulatedRead?: boolean;
  /** Why the upstream's compressed answer would not decompress: the client got it as it came, the capture keeps no body. */
  readonly undecodable?: string;
}

export interface ProxyOptions {
  /** The upstream base URL, e.g. `https://staging-api.tryoto.com/rest/v2/`. */
  upstream: string;
  /** A name for the upstream shown with each exchange (`staging`, `production`). */
  environment?: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  writes?: WritesMode;
  limits?: ProxyLimits;
  /** Where exchanges are kept (bounded) with the contract lint's findings; `false` keeps none. */
  traffic?: TrafficStoreOptions | false;
  /** Compare each upstream answer's shape with the sandbox's (`shape-drift` findings); on by default. */
  drift?: boolean;
}

export interface RunningProxy {
  /** e.g. `http://127.0.0.1:8788/rest/v2` (no trailing slash). */
  readonly baseUrl: string;
  readonly port: number;
  /** The upstream base URL, normalised (no trailing slash). */
  readonly upstream: string;
  readonly writes: WritesMode;
  /** Exchanges seen so far. */
  readonly exchangeCount: number;
  /** The captured exchanges (tokens shortened) with their findings, `shape-drift` included. */
  readonly traffic: TrafficStore;
  /** Requests open now, and when that changes (the CLI's --exit-after-idle). */
  readonly activity: ServerActivity;
  close(): Promise<void>;
}
