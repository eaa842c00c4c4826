// Loads the separately bundled sandbox (dist/sandbox.js) only when it is first needed, so its code
// stays out of dist/extension.js and is never loaded for staging or production.

import type { RunningSandbox, SandboxOptions } from '../sandbox/types';
import type { SandboxStarter } from './ports';

interface SandboxModule {
  startSandbox(options?: SandboxOptions): Promise<RunningSandbox>;
}

export function sandboxFromBundle(bundlePath: string): SandboxStarter {
  return async () => {
    // A computed path, so esbuild leaves this require to run time instead of bundling the sandbox.
    const sandboxModule = require(bundlePath) as Partial<SandboxModule>;
    if (typeof sandboxModule.startSandbox !== 'function') {
      throw new Error(`${bundlePath} does not export startSandbox; rebuild the extension.`);
    }
    // Default options: the same seed as `npm run sandbox` and the tests, so their data matches the tree.
    return sandboxModule.startSandbox({});
  };
}
