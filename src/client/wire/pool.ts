// The keep-alive connection pools: at most `maxConnections` sockets to one origin, shared by every
// client of this process (of this bundle) that talks to it with the same bound. Node's agent has no
// socket limit by default, so 1,000 concurrent calls used to open 1,000 sockets: past a server's
// connection cap they failed, and against OTO they are a flood from one merchant. Calls past the
// bound wait in the agent's queue, in the order they were made, for a socket to come free.
import * as http from 'node:http';
import * as https from 'node:https';

/** Connections to one origin at a time unless the client says otherwise. */
export const DEFAULT_MAX_CONNECTIONS = 8;
/** The most a client may ask for: a server caps connections anyway (the sandbox at 256). */
export const MAX_MAX_CONNECTIONS = 64;
/** As Node's global agent: an idle socket is closed after this long, and never keeps the process alive. */
const IDLE_SOCKET_MS = 5_000;
/** Origins remembered; past it the oldest pool is forgotten (its sockets close when idle). */
const MAX_POOLS = 32;

const pools = new Map<string, http.Agent>();

/** The pool for `url`'s origin with this bound. */
export function poolFor(url: URL, maxConnections: number): http.Agent {
  const key = `${url.protocol}//${url.host} ${maxConnections}`;
  let pool = pools.get(key);
  if (!pool) {
    const options: http.AgentOptions = {
      keepAlive: true, maxSockets: maxConnections, maxFreeSockets: maxConnections, scheduling: 'lifo', timeout: IDLE_SOCKET_MS,
    };
    pool = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    pools.set(key, pool);
    if (pools.size > MAX_POOLS) {
      pools.delete(pools.keys().next().value as string);
    }
  }
  return pool;
}

/** `undefined` when `value` is a usable bound, else what is wrong with it. */
export function checkMaxConnections(value: unknown): string | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_MAX_CONNECTIONS
    ? undefined
    : `maxConnections must be a whole number from 1 to ${MAX_MAX_CONNECTIONS}`;
}
