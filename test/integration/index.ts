// Entry point the extension host loads from extensionTestsPath: runs every
// test/integration/*.test.js with mocha and settles when they are done (the contract shared by
// @vscode/test-electron and the code-server launcher in test/runner/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType = require('mocha');
import * as vscode from 'vscode';
import { screenshot } from './support/screenshot';
import { focused, notificationCenter, quickInput, uiAvailable } from './support/ui';

// Mocha 12's main entry is ESM; its CommonJS build loads in any extension host.
const Mocha = require('mocha/lib/mocha.cjs') as typeof MochaType;

interface Outcome {
  title: string;
  /** Suite titles, then the test's (or the failed hook's) own. */
  titles: string[];
  state: 'passed' | 'failed';
  error?: string;
  /** What the workbench showed right after the failure; the launcher prints it in its summary. */
  seen?: string[];
}

let failures = 0;
const outcomes: Outcome[] = [];

/**
 * After a failed test, what the workbench showed: the quick input, the notifications and a
 * screenshot, so a red run that happens once in twenty can be read afterwards, not just rerun.
 */
async function recordFailure(this: MochaType.Context): Promise<void> {
  if (this.currentTest?.state !== 'failed' || !uiAvailable()) {
    return;
  }
  failures++;
  const title = this.currentTest.fullTitle();
  const seen = [...outcomes].reverse().find((outcome) => outcome.title === title && outcome.state === 'failed');
  const look = async (what: string, probe: () => Promise<unknown>): Promise<void> => {
    let line: string;
    try {
      line = `${what}: ${JSON.stringify(await probe())}`;
    } catch (error) {
      line = `${what}: could not be read (${(error as Error).message})`;
    }
    console.log(`[failure ${failures}] ${line}`);
    if (seen) {
      seen.seen = [...(seen.seen ?? []), line];
    }
  };
  console.log(`[failure ${failures}] test: ${title}`);
  await look('quick input', quickInput);
  await look('focus', focused);
  await look('notifications', notificationCenter);
  await look('active tab', async () => vscode.window.tabGroups.activeTabGroup.activeTab?.label);
  // A key meant for a box that had already closed lands in the editor behind it.
  await look('unsaved documents', async () => vscode.workspace.textDocuments.filter((document) => document.isDirty).map((document) => document.uri.toString()));
  await look('screenshot', () => screenshot(`failed-${failures}`));
}

export function run(): Promise<void> {
  // OTO_TEST_GREP (passed through by the launcher) runs only the matching tests while developing.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.OTO_TEST_GREP || undefined, rootHooks: { afterEach: recordFailure } });
  // tsc never deletes outputs: a suite whose source is gone must not keep running from out/.
  const sources = path.resolve(__dirname, '..', '..', '..', 'test', 'integration');
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    if (fs.existsSync(path.join(sources, file.replace(/\.js$/, '.ts')))) {
      mocha.addFile(path.join(__dirname, file));
    }
  }
  // The code-server launcher starts echoing the console from here on.
  console.log('[oto-tests] started');
  if (!uiAvailable()) {
    console.warn('[oto-tests] WARNING: no UI bridge (only the code-server launcher, `npm run test:vscode`, has one): the suites that drive the tree, quick input and webviews are not registered in this run.');
  }
  const resultsFile = process.env.OTO_TEST_RESULTS;
  // Written as the run goes, so a host that never exits still tells the launcher what it was running.
  const write = (stats: { tests: number; passes: number; failures: number }, running?: string): void => {
    if (resultsFile) {
      fs.writeFileSync(resultsFile, JSON.stringify({ tests: stats.tests, passes: stats.passes, failures: stats.failures, running, outcomes }, null, 2));
    }
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      write(runner.stats ?? { tests: 0, passes: 0, failures });
      if (failures > 0) {
        reject(new Error(`${failures} integration test(s) failed`));
      } else {
        resolve();
      }
    });
    const outcome = (test: MochaType.Runnable, state: Outcome['state'], error?: Error): Outcome => ({ title: test.fullTitle(), titles: test.titlePath(), state, error: error?.message });
    runner.on('test', (test) => runner.stats && write(runner.stats, test.fullTitle()));
    runner.on('pass', (test) => outcomes.push(outcome(test, 'passed')));
    runner.on('fail', (test, error: Error) => outcomes.push(outcome(test, 'failed', error)));
  });
}
