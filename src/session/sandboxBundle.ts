// Loads the separately bundled sandbox (dist/sandbox.js) only when it is first needed, so its code
// stays out of dist/extension.js and is never loaded for staging or production.

import { bundleLoader } from '../common/lazyBundle';
import type { parseScenario, randomToken, scenarioFromState, startSandbox } from '../sandbox';

/** What the extension uses of the sandbox bundle. */
export interface SandboxModule {
  startSandbox: typeof startSandbox;
  parseScenario: typeof parseScenario;
  scenarioFromState: typeof scenarioFromState;
  randomToken: typeof randomToken;
}

export function sandboxFromBundle(bundlePath: string): () => SandboxModule {
  return bundleLoader<SandboxModule>(bundlePath, ['startSandbox', 'parseScenario', 'scenarioFromState', 'randomToken']);
}
