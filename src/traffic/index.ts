// The traffic core: capture, the bounded store, the contract lint and the CLI's reports. No
// `vscode`: the sandbox, the recording proxy and an ERP's CI use it from plain Node.
export * from './exchange';
export { BODY_LIMIT_BYTES, captureExchange, isOwnClient, OWN_USER_AGENT_PREFIX, UNAUTHENTICATED_BODY_LIMIT_BYTES, type CapturedExchange, type RawExchange } from './capture';
export { lint, RULES, type LintOptions } from './lint';
export { TrafficStore, type TrafficStoreOptions } from './store';
export { formatTrafficLine, isSeverity, TrafficSummary } from './report';
export { JsonlWriter, jsonLine } from './jsonl';
export { shortenToken, shortenTokens } from './tokens';
