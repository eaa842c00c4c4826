// The request log: every call the client makes, kept (bounded) for the "OTO" output channel and
// the Requests view with its filter, and each exchange's document, cURL and replay.
export type { Exchange, RequestEventLike } from './exchange';
export { registerExchangeCommands } from './exchangeCommands';
export { ExchangeLog } from './exchangeLog';
export type { ReplayClient } from './replay';
export { registerRequestFilter } from './requestFilterCommand';
export { RequestLogger } from './requestLogger';
export { RequestsView } from './requestsView';
