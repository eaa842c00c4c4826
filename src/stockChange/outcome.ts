// What a failed write says about whether it took effect: the one rule every stock-changing flow
// (adjust, set, undo, inventory order, bulk, transfer, the agent tools) decides resending by.
import { isOtoError } from '../client';

/**
 * The request may have reached OTO and taken effect even though no good answer came back: a
 * timeout, a dropped connection, a server error (even one with an OTO code: a gateway or OTO may
 * fail after the change was made), a success status with an answer that cannot be read (the
 * server took the request). Not when the connection was never made.
 */
export function isLostAnswer(error: unknown): boolean {
  if (!isOtoError(error) || error.unsent === true) {
    return false;
  }
  return error.kind === 'timeout' || error.kind === 'network' || error.answerTooLarge === true || error.unreadable === true || (error.kind === 'api' && (error.status ?? 0) >= 500);
}

/**
 * A lost answer that was an answer: a server error (5xx) OTO or a gateway sent back. Told apart
 * from no answer at all, which it is not ("No answer from OTO" to a 500 with an OTO code).
 */
export function isServerErrorAnswer(error: unknown): boolean {
  return isOtoError(error) && error.kind === 'api' && (error.status ?? 0) >= 500;
}

/** A lost answer that was an answer with a success status, but not one that could be read (not JSON, or not OTO's shape). */
export function isUnreadableAnswer(error: unknown): boolean {
  return isOtoError(error) && error.unreadable === true;
}
