// `npm run test:electron`: the same suites as test:vscode, in the desktop VS Code that
// @vscode/test-electron downloads (for machines with internet access; CI here uses code-server).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const repo = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const output = path.join(repo, 'test-output');
  fs.mkdirSync(output, { recursive: true });
  await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [path.join(repo, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { OTO_TEST_RESULTS: path.join(output, 'integration-results.json') },
  });
}

main().catch((error: unknown) => {
  console.error(`[test:electron] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
