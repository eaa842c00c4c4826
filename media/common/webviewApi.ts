// The part of VS Code's webview API the pages use: `acquireVsCodeApi()` in VS Code (callable once
// per page), a stand-in in the Chromium tests, which load the same bundle with their own function.

export interface WebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi;

/** The page's one handle on the host; call it once, from the page's entry point. */
export function acquireWebviewApi(): WebviewApi {
  return acquireVsCodeApi();
}
