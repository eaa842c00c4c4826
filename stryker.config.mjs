// Mutation testing of the cores whose promises the tests must notice breaking: the client engine
// (no write resent, one refresh, no token leaked), input validation and URL batching, the contract
// lint rules, and the sandbox's endpoints and control API (OTO's error codes, no write applied on
// a bad request, no control call that changes state on a 400). `npm run mutation` (CONTRIBUTING,
// "Mutation testing"); not part of `npm test`: the whole run takes hours on two cores, so it runs
// one group at a time: `npm run mutation -- --group rules` (or OTO_MUTATION_GROUP=rules).
//
// The TypeScript sources are mutated; Stryker's sandbox copy is then compiled with plain `tsc`
// into its own out/ (mutated files get `// @ts-nocheck`, so a mutant that breaks a type still
// runs and is judged by the tests), and the plain-Node specs of the group run from there with
// per-test coverage, so each mutant runs only the tests that reach it. Each group keeps its own
// incremental file, so a second run re-tests only the mutants whose code or tests changed.

/** Each group: the sources it mutates and the plain-Node suites that judge them. */
export const GROUPS = {
  engine: {
    mutate: ['src/client/engine/**/*.ts'],
    spec: ['out/test/unit/client/**/*.test.js'],
  },
  input: {
    mutate: ['src/client/input/**/*.ts'],
    spec: ['out/test/unit/client/**/*.test.js'],
  },
  rules: {
    mutate: ['src/traffic/rules/**/*.ts'],
    spec: ['out/test/unit/traffic/**/*.test.js'],
  },
  sandbox: {
    mutate: ['src/sandbox/endpoints/**/*.ts', 'src/sandbox/control/**/*.ts'],
    // The suites that talk HTTP to an in-process sandbox; the CLI suites (and control's
    // example and module suites, which run dist/oto-sandbox.js) spawn their own Node, which never runs a mutant.
    spec: [
      'out/test/unit/sandbox/endpoints/**/*.test.js',
      'out/test/unit/sandbox/control/control.test.js',
      'out/test/unit/sandbox/control/refusals.test.js',
      'out/test/unit/sandbox/http/**/*.test.js',
      'out/test/unit/sandbox/webhooks/control.test.js',
    ],
  },
};

/** The groups named by OTO_MUTATION_GROUP (comma-separated; every group when unset). */
export function selectedGroups(value = process.env.OTO_MUTATION_GROUP) {
  const names = (value ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !Object.hasOwn(GROUPS, name));
  if (unknown.length > 0) {
    throw new Error(`Unknown mutation group ${unknown.join(', ')}: the groups are ${Object.keys(GROUPS).join(', ')}.`);
  }
  return names.length > 0 ? names : Object.keys(GROUPS);
}

const groups = selectedGroups();
const name = groups.join('+');
const unique = (lists) => [...new Set(lists.flat())];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: unique(groups.map((group) => GROUPS[group].mutate)),
  buildCommand: 'tsc -p .',
  checkers: [],
  testRunner: 'mocha',
  mochaOptions: {
    // .mocharc.json would add every other suite back.
    'no-config': true,
    spec: unique(groups.map((group) => GROUPS[group].spec)),
  },
  coverageAnalysis: 'perTest',
  // The machine is shared; `--concurrency 1` for a quieter run.
  concurrency: 2,
  // The tests talk HTTP to a real sandbox, a few wait out a real Retry-After second.
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: `reports/mutation/${name}/stryker-incremental.json`,
  ignorePatterns: ['out', 'dist', 'media/dist', 'test-output', '.vscode-test', '*.vsix', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${name}/report.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
