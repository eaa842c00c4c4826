// `npm run test:vscode`: runs test/integration in a real VS Code (code-server + headless Chromium).
// By default the extension under test is the .vsix from `npm run package`, installed into
// code-server the way a user installs it; `--source` runs the working tree's dist/ instead.
// Every suite runs in English; then the suites written for Arabic run in a second code-server
// whose display language is Arabic (`--locale ar` runs only those).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProfile, installExtension, QUIET_SETTINGS, startCodeServer, type RunningCodeServer } from './codeServer';
import { failureSummary } from './failureSummary';
import { useDisplayLanguage } from './displayLanguage';
import { manifestProblems } from './manifestProblems';
import { ensureToolchain, type Toolchain } from './toolchain';
import { runSuiteInWorkbench } from './workbench';

const repo = path.resolve(__dirname, '..', '..', '..');
const output = path.join(repo, 'test-output');

interface Manifest {
  name: string;
  publisher: string;
  version: string;
}

interface Results {
  tests: number;
  passes: number;
  /** Hook failures count here too, without a test of their own. */
  failures: number;
  /** The test under way when the file was written; absent once the run is over. */
  running?: string;
  outcomes: Array<{ titles: string[]; state: 'passed' | 'failed'; error?: string; seen?: string[] }>;
}

function requireFile(file: string, hint: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(repo, file)} is missing: ${hint}`);
  }
  return file;
}

function installedExtensionPath(extensionsDir: string, manifest: Manifest): string {
  const id = `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
  const found = fs.readdirSync(extensionsDir).find((entry) => entry.toLowerCase() === id);
  if (!found) {
    throw new Error(`the .vsix installed, but ${id} is not in ${extensionsDir}: ${fs.readdirSync(extensionsDir).join(', ')}`);
  }
  return path.join(extensionsDir, found);
}

function readResults(file: string): Results | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

/** One run of the suites in one code-server: its display language, which tests, where results go. */
interface Pass {
  /** `en`, or a language whose l10n the extension ships (the pass then installs a language pack for it). */
  locale: string;
  grep?: string;
  resultsFile: string;
}

/** Which passes to run: `--locale ar` runs that language only; otherwise English, then (unless OTO_TEST_GREP narrows the run) the Arabic suite. */
function passesFor(argv: readonly string[], grep: string | undefined): Pass[] {
  const at = argv.indexOf('--locale');
  const results = (locale: string): string => path.join(output, locale === 'en' ? 'integration-results.json' : `integration-results-${locale}.json`);
  // The suites written for a language other than English carry this in their title.
  const other = (locale: string): Pass => ({ locale, grep: grep ?? `in the display language ${locale}`, resultsFile: results(locale) });
  if (at >= 0) {
    const locale = argv[at + 1];
    if (!locale || locale.startsWith('-')) {
      throw new Error('--locale needs a language, e.g. --locale ar');
    }
    return [locale === 'en' ? { locale, grep, resultsFile: results(locale) } : other(locale)];
  }
  return grep ? [{ locale: 'en', grep, resultsFile: results('en') }] : [{ locale: 'en', resultsFile: results('en') }, other('ar')];
}

async function runPass(pass: Pass, fromSource: boolean, manifest: Manifest, toolchain: Toolchain, log: (line: string) => void): Promise<{ code: number; summary: string[] }> {
  const testsPath = requireFile(path.join(repo, 'out', 'test', 'integration', 'index.js'), 'run `npm run compile` first');
  fs.mkdirSync(path.join(toolchain.root, 'runs'), { recursive: true });
  const runDir = fs.mkdtempSync(path.join(toolchain.root, 'runs', 'run-'));
  // The extension's sandbox takes any free port: tests never bind a fixed one (8787 by default).
  const profile = createProfile(runDir, { ...QUIET_SETTINGS, 'oto.sandbox.port': 0, 'oto.webhooks.port': 0 });
  if (pass.locale !== 'en') {
    useDisplayLanguage(profile, pass.locale);
  }
  let extensionPath = repo;
  let vsix = '';
  if (fromSource) {
    requireFile(path.join(repo, 'dist', 'extension.js'), 'run `npm run build` first');
  } else {
    vsix = requireFile(path.join(repo, `${manifest.name}-${manifest.version}.vsix`), 'run `npm run package` first');
    installExtension(toolchain, profile, vsix);
    extensionPath = installedExtensionPath(profile.extensionsDir, manifest);
    log(`installed ${path.basename(vsix)} into code-server`);
  }
  fs.rmSync(pass.resultsFile, { force: true });
  let server: RunningCodeServer | undefined;
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const kind = pass.locale === 'en' ? 'integration' : `integration (${pass.locale})`;
  const consoleLog = path.join(output, pass.locale === 'en' ? 'workbench-console.log' : `workbench-console-${pass.locale}.log`);
  try {
    server = await startCodeServer({
      toolchain,
      profile,
      folder: path.join(repo, 'test', 'fixtures', 'workspace'),
      logFile: path.join(output, pass.locale === 'en' ? 'code-server.log' : `code-server-${pass.locale}.log`),
      testDriver: true,
      ...(pass.locale === 'en' ? {} : { locale: pass.locale }),
    });
    log(`code-server ${server.origin} up, display language ${pass.locale}; testing ${fromSource ? 'the working tree' : 'the installed .vsix'}`);
    // The test host lives inside the page: its exit code is all we get; the results file says what ran.
    const code = await runSuiteInWorkbench({
      chromium: toolchain.chromium,
      origin: server.origin,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsPath,
      folder: path.join(repo, 'test', 'fixtures', 'workspace'),
      env: {
        OTO_TEST_RESULTS: pass.resultsFile,
        OTO_SCREENSHOT_DIR: path.join(output, 'screenshots'),
        OTO_TEST_EXTENSION_PATH: extensionPath,
        OTO_TEST_VSIX: vsix,
        OTO_UI_DIR: path.join(runDir, 'ui'),
        // The extension's global storage (journals, ledgers), where the tests of an interrupted transfer leave a journal.
        OTO_TEST_STORAGE_DIR: path.join(profile.userDataDir, 'User', 'globalStorage', `${manifest.publisher}.${manifest.name}`.toLowerCase()),
        ...(pass.grep ? { OTO_TEST_GREP: pass.grep } : {}),
      },
      screenshotDir: path.join(output, 'screenshots'),
      consoleLog,
      uiDir: path.join(runDir, 'ui'),
      timeoutMs: Number(process.env.OTO_VSCODE_TIMEOUT_MS || 600_000),
      onLine: (line) => console.log(line),
    });
    const results = readResults(pass.resultsFile);
    if (code === 0 && (!results || results.tests === 0)) {
      return { code: 1, summary: [`[harness] ${kind}: the test host exited 0 but no test ran`] };
    }
    log(`exit code ${code}`);
    if (results?.running) {
      log(`the test host stopped during: ${results.running}`);
    }
    const failed = results?.outcomes
      .filter((outcome) => outcome.state === 'failed')
      .map((outcome) => ({ titles: outcome.titles, details: [...(outcome.error ? [outcome.error.split('\n')[0]] : []), ...(outcome.seen ?? [])] })) ?? [];
    const refused = manifestProblems(fs.readFileSync(consoleLog, 'utf8'), `${manifest.publisher}.${manifest.name}`);
    const summary = results ? failureSummary(kind, results.passes, failed) : [`[harness] ${kind}: no results written`];
    // A contribution VS Code refused is gone from the product though every test passed.
    summary.push(...refused.map((problem) => `  failed: VS Code refused part of package.json: ${problem}`));
    return { code: code || (refused.length > 0 ? 1 : 0), summary };
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await server?.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const fromSource = process.argv.includes('--source');
  const started = Date.now();
  const log = (line: string): void => console.log(`[harness] ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as Manifest;
  const passes = passesFor(process.argv, process.env.OTO_TEST_GREP || undefined);
  const toolchain = ensureToolchain((line) => console.log(`[harness] ${line}`));
  fs.mkdirSync(output, { recursive: true });
  const summaries: string[] = [];
  let code = 0;
  for (const pass of passes) {
    const outcome = await runPass(pass, fromSource, manifest, toolchain, log);
    summaries.push(...outcome.summary);
    code = code || outcome.code;
  }
  // The closing lines CI reads: how many in-editor tests ran per pass, then each failed one on its own line.
  console.log(summaries.join('\n'));
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[harness] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
