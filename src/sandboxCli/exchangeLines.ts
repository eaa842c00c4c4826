// Which exchanges the CLI words one by one. At an ERP test suite's pace, every one. Under a flood
// (a load test, a bulk import, a client stuck in a loop) past LINES_PER_SECOND in a second, the
// exchanges that went as expected (answered below 400, no finding, no fault) are counted instead,
// and one line a second says how many: the ones worth a look are not drowned in thousands of
// lines nobody reads, and a load test does not pay for wording them. `--log` keeps every exchange;
// `--every-line` prints each.
import { formatTime } from '../common/text/timeFormat';
import type { TrafficExchange } from '../traffic/exchange';
import { formatTrafficLine } from '../traffic/report';

export const LINES_PER_SECOND = 100;

/** Where the lines go (LineOutput: batched off the request path). */
export interface LineSink {
  write(line: string): void;
  flush(): void;
}

/** An exchange that went as expected: the kind a flood is made of. */
export function isPlain(exchange: TrafficExchange): boolean {
  return (
    exchange.direction !== 'outbound' &&
    exchange.findings.length === 0 &&
    exchange.fault === undefined &&
    exchange.otoCode === undefined &&
    exchange.status !== undefined &&
    exchange.status < 400
  );
}

/**
 * `12,345`, without Intl: the first locale-aware format loads ICU's locale data, which held the
 * CLI's resident memory about 6 MB higher for the rest of its run (the bench's RSS after 100,000 reads).
 */
function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}

export class ExchangeLines {
  /** The wall-clock second being counted (ms since the epoch, a multiple of 1,000). */
  private second = Number.NaN;
  private printed = 0;
  private counted = 0;
  private timer: NodeJS.Timeout | undefined;
  private explained = false;

  /** `now`: wall time, not the sandbox's clock (which a test may have moved). */
  constructor(
    private readonly output: LineSink,
    private readonly everyLine = false,
    private readonly now: () => number = Date.now,
    private readonly perSecond = LINES_PER_SECOND,
  ) {}

  /** `account`: an added account's name, which marks its lines. */
  add(exchange: TrafficExchange, account?: string): void {
    const now = this.now();
    const second = now - (now % 1000);
    if (second !== this.second) {
      this.sayCounted();
      this.second = second;
      this.printed = 0;
    }
    if (!this.everyLine && this.printed >= this.perSecond && isPlain(exchange)) {
      this.counted++;
      // Said when the next second's first exchange comes, or at the second's end if none does.
      this.timer ??= setTimeout(() => this.sayCounted(), second + 1000 - now).unref();
      return;
    }
    this.printed++;
    this.output.write(`${account === undefined || account === 'default' ? '' : `[${account}] `}${formatTrafficLine(exchange)}`);
  }

  /** Says what was counted and writes everything out (before the summary). */
  flush(): void {
    this.sayCounted();
    this.output.flush();
  }

  private sayCounted(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.counted === 0) {
      return;
    }
    const count = this.counted;
    this.counted = 0;
    // Why, the first time only: a flood says it once a second.
    const why = this.explained ? '' : ` (past ${this.perSecond} lines a second, only exchanges worth a look are printed; --every-line prints each, --log keeps each)`;
    this.explained = true;
    this.output.write(`${formatTime(this.second).slice(0, 8)} +${grouped(count)} more answered without a finding${why}`);
  }
}
