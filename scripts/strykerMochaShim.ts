// Preloaded into StrykerJS's processes only (scripts/mutation.ts). @stryker-mutator/mocha-runner
// 10.1 requires Mocha's CLI helpers by their bare names (`mocha/lib/cli/run-helpers`), which Mocha 12
// ships as `.cjs` files; CommonJS resolution tries only `.js`, `.json` and `.node`, so it would not
// find them. Registering `.cjs` (loaded as the CommonJS it is) lets the bare names resolve. Remove
// once the runner names the files itself.
import * as Module from 'node:module';

const extensions = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
extensions['.cjs'] ??= extensions['.js'];
