// The request log: every call the client makes, kept (bounded) for the "OTO" output channel and
// the Requests view with its filter, and each exchange's document, cURL and replay.
export type { Exchange, RequestEventLike } from './log/exchange';
export { registerExchangeCommands } from './view/exchangeCommands';
export { ExchangeLog } from './log/exchangeLog';
export type { ReplayClient } from './replay/replay';
export { registerRequestFilter } from './view/requestFilterCommand';
export { RequestLogger } from './log/requestLogger';
export { RequestsView } from './view/requestsView';
