// What OTO's API is: endpoints, limits, date formats, error codes and shapes, dialects. No `vscode`,
// no Node built-ins, nothing from another room: the client, the sandbox, the lint, the proxy and the
// OpenAPI document read it, and it reads none of them (ESLint refuses the import). The contract
// and the OpenAPI generator (contract.ts, openapi.ts) are imported from their own files, so the
// bundles that only need a limit or a code do not carry them.
export * from './endpoints';
export * from './limits';
export * from './dates';
export * from './errors';
export * from './dialects';
