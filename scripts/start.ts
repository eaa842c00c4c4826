// `npm start`: opens the extension (on the sandbox environment, the default) in a real VS Code with
// a watch build running. With `code` on the PATH: a desktop window in extension-development mode;
// otherwise code-server on 127.0.0.1, printing the URL to open. Ctrl-C stops everything started here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProfile, linkExtension, QUIET_SETTINGS, startCodeServer, type RunningCodeServer } from '../test/runner/codeServer';
import { ensureToolchain } from '../test/runner/toolchain';
import { workbenchUrl } from '../test/runner/workbench';

const repo = path.resolve(__dirname, '..', '..');
const folder = path.join(repo, 'test', 'fixtures', 'workspace');

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Children in their own process group, so one signal ends each with everything it spawned. */
const groups: ChildProcess[] = [];
let server: RunningCodeServer | undefined;

function startGroup(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: repo, stdio: 'inherit', detached: true });
  groups.push(child);
  return child;
}

async function stopAll(): Promise<void> {
  for (const child of groups) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  await server?.stop();
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log('\n[start] stopping');
      void stopAll().finally(() => process.exit(0));
    });
  }
  startGroup(process.execPath, [path.join(repo, 'esbuild.js'), '--watch']);
  if (onPath('code') && !process.env.OTO_START_CODE_SERVER) {
    // --wait keeps the CLI attached to the window, so stopping it here closes what was opened.
    const code = startGroup('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${repo}`, folder]);
    console.log('[start] opened a VS Code window in extension-development mode; Ctrl-C stops the watch build and the window');
    code.on('exit', () => void stopAll().finally(() => process.exit(0)));
    return;
  }
  const toolchain = ensureToolchain((line) => console.log(`[start] ${line}`));
  // One profile kept between runs, so layout and settings survive a restart.
  const dir = path.join(toolchain.root, 'start-profile');
  const settingsFile = path.join(dir, 'user-data', 'User', 'settings.json');
  const profile = fs.existsSync(settingsFile)
    ? { userDataDir: path.join(dir, 'user-data'), extensionsDir: path.join(dir, 'extensions') }
    : createProfile(dir, QUIET_SETTINGS);
  // Installed as a link to the working tree rather than passed as a development path: that path is
  // only honoured with the smoke-test driver, which hides every notification toast.
  linkExtension(profile, repo);
  server = await startCodeServer({
    toolchain,
    profile,
    folder,
    logFile: path.join(dir, 'code-server.log'),
    port: Number(process.env.PORT || 8750),
  });
  const url = workbenchUrl(server.origin, folder);
  console.log(`[start] code-server is running the extension (log: ${path.join(dir, 'code-server.log')}). Open:\n\n  ${url}\n\n[start] Reload the window after a rebuild; Ctrl-C stops code-server and the watch build.`);
}

main().catch(async (error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await stopAll();
  process.exit(1);
});
