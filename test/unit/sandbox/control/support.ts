// Talks to a sandbox's control room over real HTTP, as an ERP's test suite would.
import type { RunningSandbox } from '../../../../src/sandbox';
import { call, type Answer } from '../../fakes/sandboxHttp';

/** `http://127.0.0.1:PORT/__oto` of a running sandbox. */
export function controlUrl(sandbox: RunningSandbox): string {
  return sandbox.baseUrl.replace(/\/rest\/v2$/, '/__oto');
}

/** One control call; `body` is sent as JSON (a string as it is). */
export function control(sandbox: RunningSandbox, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return call(`${controlUrl(sandbox)}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The body of a 200 answer, failing with the answer otherwise. */
export function okJson<T = Record<string, unknown>>(answer: Answer): T {
  if (answer.status !== 200) {
    throw new Error(`expected HTTP 200, got ${answer.status}: ${answer.text}`);
  }
  return answer.json as T;
}

/** The problems' fields of a 400 answer, sorted. */
export function problemFields(answer: Answer): string[] {
  if (answer.status !== 400) {
    throw new Error(`expected HTTP 400, got ${answer.status}: ${answer.text}`);
  }
  return (answer.json as { problems: Array<{ field: string }> }).problems.map((problem) => problem.field).sort();
}
