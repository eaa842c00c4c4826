// Retry-After (RFC 9110 §10.2.3): delay-seconds (1*DIGIT) or an HTTP-date. One reading for every
// place that honours or judges it (the client, and through it the bulk apply's pause; the lint's
// retry-after-ignored). Anything else is invalid and ignored, never read as "retry at once":
// `Date.parse('2.5')` is a date in 2001, which would make `2.5` mean no wait at all.

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
/** IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`);
/** The obsolete RFC 850 form, `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC850_DATE = new RegExp(`^${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`);
/** The obsolete asctime form, `Sun Nov  6 08:49:37 1994` (GMT, though it does not say so). */
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} (?: \\d|\\d{2}) ${TIME} \\d{4}$`);

/**
 * The wait a Retry-After value asks for, in milliseconds: delay-seconds, or an HTTP-date counted
 * from `now` (a date already past is no wait). `undefined` when there is none or it is invalid
 * (`2.5`, `-1`, `soon`, a date in any other form).
 */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) {
    return undefined;
  }
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  let date = Number.NaN;
  if (IMF_FIXDATE.test(trimmed) || RFC850_DATE.test(trimmed)) {
    date = Date.parse(trimmed);
  } else if (ASCTIME_DATE.test(trimmed)) {
    date = Date.parse(`${trimmed} GMT`);
  }
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
