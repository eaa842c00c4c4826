// Mutation testing of the three cores whose promises the tests must notice breaking: the client
// engine (no write resent, one refresh, no token leaked), input validation and URL batching, and
// the contract lint rules. `npm run mutation` (CONTRIBUTING, "Mutation testing"); not part of
// `npm test`: a full run takes the better part of an hour on two cores.
//
// The TypeScript sources are mutated; Stryker's sandbox copy is then compiled with plain `tsc`
// into its own out/ (mutated files get `// @ts-nocheck`, so a mutant that breaks a type still
// runs and is judged by the tests), and the plain-Node specs of those folders run from there with
// per-test coverage, so each mutant runs only the tests that reach it.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/client/engine/**/*.ts', 'src/client/input/**/*.ts', 'src/traffic/rules/**/*.ts'],
  buildCommand: 'tsc -p .',
  checkers: [],
  testRunner: 'mocha',
  mochaOptions: {
    // .mocharc.json would add every other suite back.
    'no-config': true,
    spec: ['out/test/unit/client/**/*.test.js', 'out/test/unit/traffic/**/*.test.js'],
  },
  coverageAnalysis: 'perTest',
  // The machine is shared; `-c 1` for a quieter run.
  concurrency: 2,
  // The tests talk HTTP to a real sandbox, a few wait out a real Retry-After second.
  timeoutMS: 10_000,
  ignorePatterns: ['out', 'dist', 'media/dist', 'test-output', '.vscode-test', '*.vsix', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/report.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
