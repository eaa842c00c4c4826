// Which exchanges the Requests view lists. Two background reads a minute would otherwise push the
// writes and errors an integrator is looking for out of sight.
import { isError, type RequestEventLike } from '../log/exchange';

/**
 * `all`; `noReads` hides successful reads and token refreshes (what auto-refresh makes), keeping
 * writes and every failure; `writes`; `errors`.
 */
export type RequestFilter = 'all' | 'noReads' | 'writes' | 'errors';

export const REQUEST_FILTERS: readonly RequestFilter[] = ['all', 'noReads', 'writes', 'errors'];

export function isRequestFilter(value: unknown): value is RequestFilter {
  return typeof value === 'string' && (REQUEST_FILTERS as readonly string[]).includes(value);
}

export function matchesFilter(exchange: RequestEventLike, filter: RequestFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'noReads':
      return exchange.operation === 'write' || isError(exchange);
    case 'writes':
      return exchange.operation === 'write';
    case 'errors':
      return isError(exchange);
  }
}
