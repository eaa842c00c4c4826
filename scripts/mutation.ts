// `npm run mutation [-- stryker options]`: StrykerJS over the cores named in stryker.config.mjs.
// StrykerJS needs Node 22 or later; on an older Node (the Debian one) it runs on the Node 24 the
// in-editor test harness already installs from npm (test/runner/toolchain.ts), so nothing else
// has to be set up. Its exit code is Stryker's.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { cacheRoot, ensureNode } from '../test/runner/toolchain';

const MIN_NODE_MAJOR = 22;
const repo = path.resolve(__dirname, '..', '..');

function nodeForStryker(): string {
  if (Number(process.versions.node.split('.')[0]) >= MIN_NODE_MAJOR) {
    return process.execPath;
  }
  const home = ensureNode(cacheRoot(), console.log);
  return path.join(home, 'bin', 'node');
}

const node = nodeForStryker();
const stryker = path.join(repo, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
// NODE_OPTIONS reaches Stryker's own process and every test runner it forks.
const shim = path.join(__dirname, 'strykerMochaShim.js');
const env = {
  ...process.env,
  PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${shim}`.trim(),
};
const result = spawnSync(node, [stryker, 'run', ...process.argv.slice(2)], { cwd: repo, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
