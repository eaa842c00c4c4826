// The version `GET /__oto/health` reports: the extension's (a unit test keeps it equal to
// package.json's), written here so the one-file CLI does not bundle the whole manifest.
export const SANDBOX_VERSION = '0.1.0';
