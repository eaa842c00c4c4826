// The control room on the sandbox's own port: `/__oto/…` calls, JSON in and out, never captured as
// an exchange nor linted. Only loopback callers are answered, unless the sandbox has a control
// token: then only callers that send it (`Authorization: Bearer <token>`), from anywhere.
import type * as http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { MAX_JSON_DEPTH, withinDepth } from '../../common/json/depth';
import { drained } from '../../common/serverLimits';
import { repeatedQueryNames } from '../../oto';
import { bearerToken } from '../http/auth';
import { bodyDecoder } from '../http/bodyText';
import { ApiFailure } from '../http/errors';
import { readBody } from '../http/server';
import type { SandboxControl } from './operations';
import { ControlError } from './problems';
import { CONTROL_PREFIX, CONTROL_ROUTES, type ControlRoute } from './routes';

export interface ControlRoomOptions {
  control: SandboxControl;
  /** When set, every call must carry it as a bearer token, and callers need not be on loopback. */
  token?: string;
  /** The largest body a call may send (the sandbox's `maxBodyBytes`). */
  maxBodyBytes: number;
  /** The calls (default: CONTROL_ROUTES). */
  routes?: readonly ControlRoute[];
}

/** True for 127.0.0.0/8 and ::1, IPv4-mapped or not. */
export function isLoopbackAddress(address: string | undefined): boolean {
  const plain = address?.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || (plain !== undefined && /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain));
}

/** True when `host` (a listening address or name) only takes connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

interface Compiled {
  route: ControlRoute;
  pattern: RegExp;
  names: string[];
}

function compile(routes: readonly ControlRoute[]): Compiled[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split('/')
      .map((part) => {
        const param = /^\{(\w+)\}$/.exec(part);
        if (param) {
          names.push(param[1]);
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { route, pattern: new RegExp(`^${source}/?$`), names };
  });
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function send(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

function fail(response: http.ServerResponse, status: number, message: string, headers?: Record<string, string>): void {
  send(response, status, new ControlError(status, [{ field: '', message }]).body(), headers);
}

/** The handler the sandbox's server hands every request under `/__oto`. */
export function controlRoom(options: ControlRoomOptions): (incoming: http.IncomingMessage, response: http.ServerResponse) => void {
  const table = compile(options.routes ?? CONTROL_ROUTES);
  const listing = (options.routes ?? CONTROL_ROUTES).map((route) => ({ method: route.method, path: `${CONTROL_PREFIX}${route.path}`, summary: route.summary }));

  const serve = async (incoming: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    if (options.token !== undefined) {
      const given = bearerToken(incoming.headers.authorization);
      if (given === undefined || !sameSecret(given, options.token)) {
        incoming.resume();
        fail(response, 401, 'The control API needs the sandbox\'s control token: Authorization: Bearer <token>', { 'WWW-Authenticate': 'Bearer realm="oto-sandbox-control"' });
        return;
      }
    } else if (!isLoopbackAddress(incoming.socket.remoteAddress)) {
      incoming.resume();
      fail(response, 403, 'The control API answers only this machine unless the sandbox was started with a control token');
      return;
    }
    let url: URL;
    try {
      url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    } catch {
      incoming.resume();
      fail(response, 400, 'Bad request target');
      return;
    }
    // URLSearchParams.get keeps the first of a repeated name (`?status=200&status=4xx`): a filter
    // would quietly be half of what was asked, and a test pass on it.
    const repeated = repeatedQueryNames(url.search);
    if (repeated.length > 0) {
      incoming.resume();
      throw new ControlError(400, repeated.map((name) => ({ field: name, message: 'is given more than once; give it once (a list, where a call takes one, is one value)' })));
    }
    const path = url.pathname.slice(CONTROL_PREFIX.length) || '/';
    const method = incoming.method ?? 'GET';
    if (path === '/' || path === '') {
      incoming.resume();
      send(response, 200, { calls: listing });
      return;
    }
    const matches = table.map((entry) => ({ entry, found: entry.pattern.exec(path) })).filter(({ found }) => found !== null);
    const match = matches.find(({ entry }) => entry.route.method === method);
    if (!match) {
      incoming.resume();
      if (matches.length > 0) {
        const allowed = [...new Set(matches.map(({ entry }) => entry.route.method))].join(', ');
        fail(response, 405, `${CONTROL_PREFIX}${path} takes ${allowed}, not ${method}`, { Allow: allowed });
      } else {
        fail(response, 404, `No control call ${CONTROL_PREFIX}${path}; GET ${CONTROL_PREFIX}/ lists them`);
      }
      return;
    }
    // As the API reads its bodies: a scenario saved by .NET with a BOM, or in another charset, is
    // read as meant; a compressed one is refused 415 saying so, not "not valid JSON (…\u001f…)".
    const decode = bodyDecoder(incoming.headers);
    if (decode instanceof ApiFailure) {
      await drained(incoming);
      throw decode;
    }
    const text = await readBody(incoming, options.maxBodyBytes, decode);
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch (error) {
        throw new ControlError(400, [{ field: '', message: `the body is not valid JSON (${error instanceof Error ? error.message : String(error)})` }]);
      }
      if (!withinDepth(body)) {
        throw new ControlError(400, [{ field: '', message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` }]);
      }
    }
    const params = Object.fromEntries(match.entry.names.map((name, index) => [name, decodePart(match.found![index + 1])]));
    const account = options.control.account(url.searchParams.get('account') ?? undefined);
    const answer = await match.entry.route.handle({ control: options.control, account, params, query: url.searchParams, body, text });
    send(response, 200, answer);
  };

  return (incoming, response) => {
    serve(incoming, response).catch((error: unknown) => {
      if (response.headersSent) {
        return;
      }
      if (error instanceof ControlError) {
        send(response, error.status, error.body());
      } else if (error instanceof ApiFailure) {
        // The body bound (413) and other gateway refusals of the server's own.
        send(response, error.status, error.body);
      } else {
        fail(response, 500, `The control call failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  };
}
