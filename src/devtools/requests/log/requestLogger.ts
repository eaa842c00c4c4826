// Feeds each HTTP exchange into the ring (for the Requests view) and the log sink (the "OTO"
// output channel): one line per exchange, bodies only when the sink is at trace level.
import type { Exchange, RequestEventLike } from './exchange';
import type { ExchangeLog } from './exchangeLog';
import { formatExchangeBodies, formatExchangeLine } from './logFormat';

/** What `vscode.LogOutputChannel` offers, reduced to what the log writes. */
export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  trace(message: string): void;
  /** Formatting bodies is skipped entirely unless this is true. */
  isTraceEnabled(): boolean;
}

export function logLevelOf(exchange: Exchange): 'info' | 'warn' | 'error' {
  if (exchange.status === undefined || exchange.status >= 500) {
    return 'error';
  }
  return exchange.status >= 400 || exchange.error !== undefined ? 'warn' : 'info';
}

export class RequestLogger {
  constructor(
    private readonly exchanges: ExchangeLog,
    private readonly sink: LogSink,
  ) {}

  record(event: RequestEventLike): Exchange {
    const exchange = this.exchanges.add(event);
    this.sink[logLevelOf(exchange)](formatExchangeLine(exchange));
    if (this.sink.isTraceEnabled()) {
      for (const line of formatExchangeBodies(exchange)) {
        this.sink.trace(line);
      }
    }
    return exchange;
  }
}
