// Talks real HTTP to a running sandbox, the way any OTO integration would.
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  json: unknown;
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(10_000) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function accessToken(sandbox: RunningSandbox): Promise<string> {
  const answer = await call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: sandbox.refreshToken }) });
  return (answer.json as { access_token: string }).access_token;
}

/** A signed-in view of a sandbox: GET and POST by endpoint name, answers parsed. */
export interface Api {
  token: string;
  get(pathAndQuery: string): Promise<Answer>;
  post(endpoint: string, body: unknown): Promise<Answer>;
}

export async function signIn(sandbox: RunningSandbox): Promise<Api> {
  const token = await accessToken(sandbox);
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  return {
    token,
    get: (pathAndQuery) => call(`${sandbox.baseUrl}/${pathAndQuery}`, { headers }),
    post: (endpoint, body) => call(`${sandbox.baseUrl}/${endpoint}`, { method: 'POST', headers, body: JSON.stringify(body) }),
  };
}

/** The body of a successful answer, failing the test with the answer when it is not one. */
export function ok<T = Record<string, unknown>>(answer: Answer): T {
  if (answer.status !== 200) {
    throw new Error(`expected HTTP 200, got ${answer.status}: ${answer.text}`);
  }
  return answer.json as T;
}

/** A fresh sandbox and a signed-in Api for each test of the calling suite. */
export function useSandbox(options: SandboxOptions = {}): { readonly sandbox: RunningSandbox; readonly api: Api } {
  const context = {} as { sandbox: RunningSandbox; api: Api };
  beforeEach(async () => {
    context.sandbox = await startSandbox(options);
    context.api = await signIn(context.sandbox);
  });
  afterEach(() => context.sandbox.close());
  return context;
}
