// "Copy as cURL": a command a developer can paste into a shell to repeat the exchange. Secrets
// come from the environment (`$OTO_ACCESS_TOKEN`, `$OTO_REFRESH_TOKEN`), never from the log.
import { redactText } from '../log/redaction';
import { needsAccessToken } from '../../../oto';

/** What a cURL line (and a replay) needs of a request: the Requests view's and the Sandbox Traffic view's alike. */
export interface RequestLike {
  readonly method: string;
  /** Full URL, query included. */
  readonly url: string;
  /** Endpoint name as in the path after `/rest/v2/`. */
  readonly endpoint: string;
  readonly requestBody?: string;
}

/** Quotes for POSIX shells: single quotes, each embedded `'` closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The body argument, already shell-quoted. */
function quotedBody(exchange: RequestLike): string | undefined {
  const body = exchange.requestBody;
  if (body === undefined || body === '') {
    return undefined;
  }
  if (exchange.endpoint === 'refreshToken') {
    // The variable sits between two quoted halves so the shell expands it inside the JSON.
    return `${shellQuote('{"refresh_token":"')}"$OTO_REFRESH_TOKEN"${shellQuote('"}')}`;
  }
  return shellQuote(redactText(body));
}

export function buildCurl(exchange: RequestLike): string {
  const parts = ['curl'];
  if (/[[\]{}]/.test(exchange.url)) {
    parts.push('--globoff');
  }
  if (exchange.method !== 'GET') {
    parts.push(`-X ${exchange.method}`);
  }
  // The URL too: a client (an ERP in the sandbox's traffic) may put a token in the query.
  parts.push(shellQuote(redactText(exchange.url)));
  if (needsAccessToken(exchange.endpoint)) {
    parts.push(`-H "Authorization: Bearer $OTO_ACCESS_TOKEN"`);
  }
  const body = quotedBody(exchange);
  if (body !== undefined) {
    parts.push(`-H 'Content-Type: application/json'`, `--data-raw ${body}`);
  }
  return parts.join(' \\\n  ');
}
