// Starts code-server (a full VS Code whose extension host is real Node) on 127.0.0.1 in its own
// process group, so stopping it also ends its extension hosts, file watcher and pty host.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Toolchain } from './toolchain';

export interface Profile {
  /** code-server's --user-data-dir (User/settings.json lives here). */
  userDataDir: string;
  /** code-server's --extensions-dir. */
  extensionsDir: string;
}

export interface RunningCodeServer {
  /** e.g. `http://127.0.0.1:41234` */
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic for tests and screenshots. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  // The sandbox listens on a fixed port (8787): code-server would offer to forward it, and the
  // test repo's parent git checkout would be offered too; both toasts only crowd the center.
  'remote.autoForwardPorts': false,
  'git.openRepositoryInParentFolders': 'never',
};

export function createProfile(dir: string, settings: Record<string, unknown>): Profile {
  const profile = { userDataDir: path.join(dir, 'user-data'), extensionsDir: path.join(dir, 'extensions') };
  fs.mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return profile;
}

/** code-server and its helpers write config and caches under XDG folders; keep them in the profile. */
function isolatedEnv(profile: Profile): NodeJS.ProcessEnv {
  const xdg = path.join(path.dirname(profile.userDataDir), 'xdg');
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  };
}

/** Installs a .vsix the way a user does (`code --install-extension`). */
export function installExtension(toolchain: Toolchain, profile: Profile, vsix: string): void {
  const result = spawnSync(
    toolchain.node,
    [toolchain.codeServerEntry, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force'],
    { env: isolatedEnv(profile), encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
}

/**
 * Makes the profile load the extension straight from `folder` (a working tree with dist/ built),
 * as an installed extension: a rebuild shows after "Reload Window", and no test driver is needed.
 * Rewrites the profile's extension list, so only this extension is installed.
 */
export function linkExtension(profile: Profile, folder: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const entry = {
    identifier: { id: `${manifest.publisher}.${manifest.name}`.toLowerCase() },
    version: manifest.version,
    location: { $mid: 1, scheme: 'file', path: path.resolve(folder) },
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  };
  fs.writeFileSync(path.join(profile.extensionsDir, 'extensions.json'), JSON.stringify([entry]));
}

/** Port 0 picks a free port; any other port is checked, since a busy one would answer /healthz for someone else. */
export async function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is in use; choose another with PORT=<n>`) : error),
    );
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function stopGroup(pid: number): Promise<void> {
  if (!groupAlive(pid)) {
    return;
  }
  process.kill(-pid, 'SIGTERM');
  for (let i = 0; i < 50 && groupAlive(pid); i++) {
    await sleep(100);
  }
  if (groupAlive(pid)) {
    process.kill(-pid, 'SIGKILL');
  }
}

export interface StartOptions {
  toolchain: Toolchain;
  profile: Profile;
  /** Folder the workbench opens by default. */
  folder: string;
  logFile: string;
  port?: number;
  /**
   * Required for the test payload in the URL; the built workbench ignores it otherwise. It also
   * hides notification toasts, so only the test launcher sets it.
   */
  testDriver?: boolean;
  /** VS Code's display language (`--locale`), e.g. `ar`; the extension's l10n bundles follow it. */
  locale?: string;
}

export async function startCodeServer(options: StartOptions): Promise<RunningCodeServer> {
  const port = await freePort(options.port);
  const config = path.join(path.dirname(options.profile.userDataDir), 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    options.toolchain.codeServerEntry,
    '--config', config,
    '--user-data-dir', options.profile.userDataDir,
    '--extensions-dir', options.profile.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    ...(options.testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.locale ? ['--locale', options.locale] : []),
    options.folder,
  ];
  const log = fs.openSync(options.logFile, 'w');
  // detached = setsid: a new process group that stop() ends as a whole.
  const child = spawn(options.toolchain.node, args, { detached: true, stdio: ['ignore', log, log], env: isolatedEnv(options.profile) });
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`could not start code-server with ${options.toolchain.node}`);
  }
  child.unref();
  // Whatever ends this process, code-server must not outlive it.
  const killOnExit = (): void => {
    if (groupAlive(pid)) {
      process.kill(-pid, 'SIGKILL');
    }
  };
  process.on('exit', killOnExit);
  const stop = async (): Promise<void> => {
    await stopGroup(pid);
    process.off('exit', killOnExit);
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      break;
    }
    try {
      if ((await fetch(`${origin}/healthz`)).ok) {
        return { origin, pid, stop };
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stop();
  const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-30).join('\n');
  throw new Error(`code-server did not answer on ${origin}/healthz within 30 s:\n${tail}`);
}
