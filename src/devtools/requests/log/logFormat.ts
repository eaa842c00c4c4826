// Text of the request log: one line per exchange, bodies only at trace level, and the JSON
// document of one exchange. Everything passes through redaction on its way out.
import { errorCode, type Exchange, isError, parseBody } from './exchange';
import { formatDuration, formatTime } from '../../../common/text/timeFormat';
import { redactText, redactValue } from './redaction';

export { formatDuration, formatTime };

/** `14:03:07.250 GET checkInventoryStock 200 84 ms attempt 1` (+ ` OTO1133 message` on errors). */
export function formatExchangeLine(exchange: Exchange): string {
  const parts = [
    formatTime(exchange.startedAt),
    exchange.method,
    exchange.endpoint,
    exchange.status === undefined ? '---' : String(exchange.status),
    formatDuration(exchange.durationMs),
    `attempt ${exchange.attempt}`,
  ];
  if (isError(exchange)) {
    const code = errorCode(exchange);
    if (code) {
      parts.push(code);
    }
    if (exchange.error?.message) {
      parts.push(exchange.error.message);
    }
  }
  return redactText(parts.join(' '));
}

/** The trace-level lines that follow an exchange's line. */
export function formatExchangeBodies(exchange: Exchange): string[] {
  return [
    redactText(`  → ${exchange.url} ${exchange.requestBody ?? ''}`.trimEnd()),
    redactText(`  ← ${exchange.responseBody ?? '(no body)'}`),
  ];
}

/** The read-only JSON document shown when an exchange is selected in the Requests view. */
export function formatExchangeDocument(exchange: Exchange): string {
  const document = {
    request: {
      method: exchange.method,
      url: exchange.url,
      headers: exchange.requestHeaders ?? {},
      body: parseBody(exchange.requestBody),
    },
    response: {
      status: exchange.status ?? null,
      durationMs: Math.round(exchange.durationMs),
      attempt: exchange.attempt,
      startedAt: new Date(exchange.startedAt).toISOString(),
      ...(exchange.error ? { error: exchange.error } : {}),
      body: parseBody(exchange.responseBody),
    },
  };
  return `${JSON.stringify(redactValue(document), null, 2)}\n`;
}
