// `npm run test:vscode`: runs test/integration in a real VS Code (code-server + headless Chromium).
// By default the extension under test is the .vsix from `npm run package`, installed into
// code-server the way a user installs it; `--source` runs the working tree's dist/ instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProfile, installExtension, QUIET_SETTINGS, startCodeServer, type RunningCodeServer } from './codeServer';
import { failureSummary } from './failureSummary';
import { ensureToolchain } from './toolchain';
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
  outcomes: Array<{ titles: string[]; state: 'passed' | 'failed' }>;
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

async function main(): Promise<number> {
  const fromSource = process.argv.includes('--source');
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as Manifest;
  const testsPath = requireFile(path.join(repo, 'out', 'test', 'integration', 'index.js'), 'run `npm run compile` first');
  const toolchain = ensureToolchain((line) => console.log(`[harness] ${line}`));

  fs.mkdirSync(path.join(toolchain.root, 'runs'), { recursive: true });
  const runDir = fs.mkdtempSync(path.join(toolchain.root, 'runs', 'run-'));
  // The extension's sandbox takes any free port: tests never bind a fixed one (8787 by default).
  const profile = createProfile(runDir, { ...QUIET_SETTINGS, 'oto.sandbox.port': 0, 'oto.webhooks.port': 0 });
  let extensionPath = repo;
  let vsix = '';
  if (fromSource) {
    requireFile(path.join(repo, 'dist', 'extension.js'), 'run `npm run build` first');
  } else {
    vsix = requireFile(path.join(repo, `${manifest.name}-${manifest.version}.vsix`), 'run `npm run package` first');
    installExtension(toolchain, profile, vsix);
    extensionPath = installedExtensionPath(profile.extensionsDir, manifest);
    console.log(`[harness] installed ${path.basename(vsix)} into code-server (${elapsed()})`);
  }

  fs.mkdirSync(output, { recursive: true });
  const resultsFile = path.join(output, 'integration-results.json');
  fs.rmSync(resultsFile, { force: true });
  let server: RunningCodeServer | undefined;
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    server = await startCodeServer({
      toolchain,
      profile,
      folder: path.join(repo, 'test', 'fixtures', 'workspace'),
      logFile: path.join(output, 'code-server.log'),
      testDriver: true,
    });
    console.log(`[harness] code-server ${server.origin} up (${elapsed()}); testing ${fromSource ? 'the working tree' : 'the installed .vsix'}`);
    // The test host lives inside the page: its exit code is all we get; the results file says what ran.
    const code = await runSuiteInWorkbench({
      chromium: toolchain.chromium,
      origin: server.origin,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsPath,
      folder: path.join(repo, 'test', 'fixtures', 'workspace'),
      env: {
        OTO_TEST_RESULTS: resultsFile,
        OTO_SCREENSHOT_DIR: path.join(output, 'screenshots'),
        OTO_TEST_EXTENSION_PATH: extensionPath,
        OTO_TEST_VSIX: vsix,
        OTO_UI_DIR: path.join(runDir, 'ui'),
        // The extension's global storage (journals, ledgers), where the tests of an interrupted transfer leave a journal.
        OTO_TEST_STORAGE_DIR: path.join(profile.userDataDir, 'User', 'globalStorage', `${manifest.publisher}.${manifest.name}`.toLowerCase()),
        ...(process.env.OTO_TEST_GREP ? { OTO_TEST_GREP: process.env.OTO_TEST_GREP } : {}),
      },
      screenshotDir: path.join(output, 'screenshots'),
      consoleLog: path.join(output, 'workbench-console.log'),
      uiDir: path.join(runDir, 'ui'),
      timeoutMs: Number(process.env.OTO_VSCODE_TIMEOUT_MS || 600_000),
      onLine: (line) => console.log(line),
    });
    const results = readResults(resultsFile);
    if (code === 0 && (!results || results.tests === 0)) {
      console.error('[harness] the test host exited 0 but no test ran');
      return 1;
    }
    console.log(`[harness] exit code ${code} (${elapsed()})`);
    if (results?.running) {
      console.log(`[harness] the test host stopped during: ${results.running}`);
    }
    // The closing lines CI reads: how many in-editor tests ran, then each failed one on its own line.
    const failed = results?.outcomes.filter((outcome) => outcome.state === 'failed').map((outcome) => outcome.titles) ?? [];
    console.log(results ? failureSummary('integration', results.passes, failed).join('\n') : '[harness] no results written');
    return code;
  } finally {
    await server?.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[harness] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
