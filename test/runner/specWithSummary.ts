// Mocha's spec reporter, closed by the failure summary (failureSummary.ts): the spec epilogue
// prints each failure with its stack, the summary then lists them one per line. `.mocharc.json`
// names this file. (The in-editor suites' summary comes from the launcher, codeServerTests.ts.)
import type MochaType = require('mocha');
import { failureSummary, type FailedTest } from './failureSummary';

// Mocha 12's main entry is ESM; the CommonJS build loads under any Node.
const Mocha = require('mocha/lib/mocha.cjs') as typeof MochaType;
const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

export default class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner: MochaType.Runner, options?: MochaType.MochaOptions) {
    super(runner, options);
    const failed: FailedTest[] = [];
    runner.on(EVENT_TEST_FAIL, (test) => failed.push({ titles: test.titlePath() }));
    // Registered after the spec reporter's own epilogue, so it prints last.
    runner.once(EVENT_RUN_END, () => {
      for (const line of failureSummary('unit', runner.stats?.passes ?? 0, failed)) {
        console.log(line);
      }
    });
  }
}
