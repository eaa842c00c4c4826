// Waiting in the unit tests for a state that sends no event, such as a request reaching the
// sandbox: look again every few milliseconds, within one bound whose error says what was awaited.
import { setTimeout as delay } from 'node:timers/promises';

export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    }
    await delay(2);
  }
}
