// `npm run mutation [-- --group <name>] [-- stryker options]`: StrykerJS over the groups named in
// stryker.config.mjs (engine, input, rules, sandbox; several as `--group engine,input`; every
// group when none is named, or OTO_MUTATION_GROUP's). Afterwards it prints the per-file score
// table and saves it beside the report (reports/mutation/<group>/scores.md).
// StrykerJS needs Node 22 or later; on an older Node (the Debian one) it runs on the Node 24 the
// in-editor test harness already installs from npm (test/runner/toolchain.ts), so nothing else
// has to be set up. Its exit code is Stryker's.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheRoot, ensureNode } from '../test/runner/toolchain';
import { type MutationReport, scoreRows, scoreTable } from './mutationScores';

const MIN_NODE_MAJOR = 22;
const repo = path.resolve(__dirname, '..', '..');

function nodeForStryker(): string {
  if (Number(process.versions.node.split('.')[0]) >= MIN_NODE_MAJOR) {
    return process.execPath;
  }
  const home = ensureNode(cacheRoot(), console.log);
  return path.join(home, 'bin', 'node');
}

/** `--group a,b` / `--group=a,b` taken out of the arguments; the rest go to Stryker. */
function takeGroup(args: readonly string[]): { group: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let group: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--group') {
      group = args[++i];
    } else if (args[i].startsWith('--group=')) {
      group = args[i].slice('--group='.length);
    } else {
      rest.push(args[i]);
    }
  }
  return { group, rest };
}

const { group, rest } = takeGroup(process.argv.slice(2));
const node = nodeForStryker();
const stryker = path.join(repo, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
// NODE_OPTIONS reaches Stryker's own process and every test runner it forks.
const shim = path.join(__dirname, 'strykerMochaShim.js');
const env = {
  ...process.env,
  ...(group === undefined ? {} : { OTO_MUTATION_GROUP: group }),
  PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${shim}`.trim(),
};
const started = Date.now();
const result = spawnSync(node, [stryker, 'run', ...rest], { cwd: repo, env, stdio: 'inherit' });

// The report's folder is named for the groups run (stryker.config.mjs), newest report written.
const reports = path.join(repo, 'reports', 'mutation');
const written = fs.existsSync(reports)
  ? fs
      .readdirSync(reports)
      .map((name) => path.join(reports, name, 'report.json'))
      .filter((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs >= started)
  : [];
for (const file of written) {
  const table = scoreTable(scoreRows(JSON.parse(fs.readFileSync(file, 'utf8')) as MutationReport));
  const saved = path.join(path.dirname(file), 'scores.md');
  fs.writeFileSync(saved, `${table}\n`);
  console.log(`\n${table}\n\nSaved to ${path.relative(repo, saved)}.`);
}
process.exit(result.status ?? 1);
