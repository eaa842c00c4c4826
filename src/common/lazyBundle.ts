// The one way the extension loads a part bundled on its own (dist/<name>.js, see esbuild.js): on
// first use, once, with its exports checked, so dist/extension.js stays small and starts fast.
// No `vscode`: the sandbox host and plain-Node tests use it too.
import * as path from 'node:path';

/** The module at `bundlePath`, required on the first call; a stale build that lacks an export says so. */
export function bundleLoader<T>(bundlePath: string, exportNames: ReadonlyArray<keyof T & string>): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      // A computed path, so esbuild leaves this require to run time instead of bundling it in.
      const candidate = require(bundlePath) as Record<string, unknown>;
      for (const name of exportNames) {
        if (typeof candidate[name] !== 'function') {
          throw new Error(`${bundlePath} does not export ${name}; rebuild the extension.`);
        }
      }
      loaded = candidate as T;
    }
    return loaded;
  };
}

/** What a feature's lazy bundle exports (its `lazy.ts`): started once with what the extension hands it. */
export interface LazyEntry<Wiring, Runtime> {
  start(wiring: Wiring, subscriptions: Array<{ dispose(): unknown }>): Runtime;
}

/** A feature whose body is in its own bundle: `load()` starts it on first use, `started` peeks without loading. */
export interface LazyPart<Runtime> {
  load(): Runtime;
  readonly started: Runtime | undefined;
}

interface BundleContext {
  readonly extensionPath: string;
  readonly subscriptions: Array<{ dispose(): unknown }>;
}

/** The feature in `dist/<name>.js`; what it registers is disposed with the extension. */
export function lazyPart<Wiring, Runtime>(context: BundleContext, name: string, wiring: Wiring): LazyPart<Runtime> {
  const entry = bundleLoader<LazyEntry<Wiring, Runtime>>(path.join(context.extensionPath, 'dist', `${name}.js`), ['start']);
  let runtime: Runtime | undefined;
  return {
    load: () => {
      runtime ??= entry().start(wiring, context.subscriptions);
      return runtime;
    },
    get started() {
      return runtime;
    },
  };
}
