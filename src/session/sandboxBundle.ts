// Loads the separately bundled sandbox (dist/sandbox.js) only when it is first needed, so its code
// stays out of dist/extension.js and is never loaded for staging or production.

import type { parseScenario, randomToken, scenarioFromState, startSandbox } from '../sandbox';

/** What the extension uses of the sandbox bundle. */
export interface SandboxModule {
  startSandbox: typeof startSandbox;
  parseScenario: typeof parseScenario;
  scenarioFromState: typeof scenarioFromState;
  randomToken: typeof randomToken;
}


export function sandboxFromBundle(bundlePath: string): () => SandboxModule {
  return () => {
    // A computed path, so esbuild leaves this require to run time instead of bundling the sandbox.
    const sandboxModule = require(bundlePath) as Partial<SandboxModule>;
    for (const name of ['startSandbox', 'parseScenario', 'scenarioFromState', 'randomToken'] as const) {
      if (typeof sandboxModule[name] !== 'function') {
        throw new Error(`${bundlePath} does not export ${name}; rebuild the extension.`);
      }
    }
    return sandboxModule as SandboxModule;
  };
}
