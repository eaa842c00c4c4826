// Forward to…: every event the inbox receives goes on to the ERP's own receiver on this machine,
// as `stripe listen --forward-to` does: same method, body (its bytes as received) and Authorization header, OTO's 10 s to
// answer, the answer kept (bounded) beside the event. Loopback only: the inbox never sends a
// delivery, with its signature and key, off this machine. What an inbox forwarded carries a mark and
// is never forwarded again: a target that is an inbox (this one, or another window's forwarding
// back) would otherwise loop without end in the extension host. No `vscode`.
import { hideUrlCredentials } from '../client/engine/urlCredentials';
import { deliver, isLoopback, DEFAULT_TIMEOUT_MS, WEBHOOK_USER_AGENT } from '../common/webhookDelivery';
import type { ForwardResult, InboxEvent } from './inbox';

/** What is kept of the answer's body, in characters. */
export const FORWARD_ANSWER_LIMIT = 4096;

export type ForwardTargetProblem = 'notUrl' | 'notHttp' | 'credentials' | 'notLoopback' | 'self';

/** The header that marks a request an inbox forwarded. */
export const FORWARDED_HEADER = 'x-oto-inbox-forwarded';

/** Checks a target the user typed; the URL, or what is wrong with it. `ownPort`: the inbox's own receiver, refused as a target. */
export function parseForwardTarget(text: string, ownPort?: number): URL | ForwardTargetProblem {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'notUrl';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'notHttp';
  }
  // The target is kept in the workspace's state, in clear: no place for a password.
  if (url.username !== '' || url.password !== '') {
    return 'credentials';
  }
  if (!isLoopback(url)) {
    return 'notLoopback';
  }
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return port === ownPort ? 'self' : url;
}

/** A target saved before a rule came to refuse it: why, the URL to show (no password), and one to offer instead. */
export interface RefusedSavedTarget {
  readonly problem: ForwardTargetProblem;
  readonly shown: string;
  /** The same target without what is refused (its user name and password), when that is a target. */
  readonly suggestion?: string;
}

/**
 * Checks the target saved in the workspace's state: the URL, or why it no longer is one. Targets
 * saved by an earlier version may carry what is refused now (a password in the URL).
 */
export function checkSavedForwardTarget(text: string): URL | RefusedSavedTarget {
  const target = parseForwardTarget(text);
  if (target instanceof URL) {
    return target;
  }
  const shown = hideUrlCredentials(text.trim());
  if (target !== 'credentials') {
    return { problem: target, shown };
  }
  const bare = new URL(text.trim());
  bare.username = '';
  bare.password = '';
  const suggestion = parseForwardTarget(bare.href);
  return { problem: target, shown, ...(suggestion instanceof URL ? { suggestion: suggestion.href } : {}) };
}

const FORWARDED_HEADERS = ['content-type', 'authorization'];

export async function forwardEvent(event: InboxEvent, target: URL, options: { signal: AbortSignal; timeoutMs?: number }): Promise<ForwardResult> {
  if (!isLoopback(target)) {
    return { url: target.href, error: 'notLoopback', body: '', truncated: false, durationMs: 0 };
  }
  if (event.headers[FORWARDED_HEADER] !== undefined) {
    return { url: target.href, error: 'loop', body: '', truncated: false, durationMs: 0 };
  }
  // The sender went before its body was whole: the receiver would get bytes no sender sent.
  if (event.cutShort) {
    return { url: target.href, error: 'cutShort', body: '', truncated: false, durationMs: 0 };
  }
  const headers: Record<string, string> = { 'User-Agent': WEBHOOK_USER_AGENT, [FORWARDED_HEADER]: '1' };
  for (const name of FORWARDED_HEADERS) {
    const value = event.headers[name];
    if (value !== undefined) {
      headers[name] = value;
    }
  }
  const result = await deliver({
    url: target,
    method: event.method === 'PUT' ? 'PUT' : 'POST',
    headers,
    // The bytes as received: a body that is not UTF-8 would change on the way if re-encoded.
    body: event.rawBody ?? event.bodyText,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: options.signal,
  });
  const body = result.body.toString('utf8');
  return {
    url: target.href,
    ...(result.status !== undefined ? { status: result.status } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
    body: body.slice(0, FORWARD_ANSWER_LIMIT),
    truncated: body.length > FORWARD_ANSWER_LIMIT || result.bytes > result.body.length,
    durationMs: Math.round(result.durationMs),
  };
}
