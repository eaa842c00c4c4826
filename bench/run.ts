// Runs every `*.bench.js` beside this file in turn; each prints its own figures.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Bench {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.js') && (!only || name.startsWith(only)))
    .sort();
  if (files.length === 0) {
    throw new Error(`no benchmark matches ${only ?? '*'}`);
  }
  for (const file of files) {
    console.log(`\n## ${file.replace(/\.bench\.js$/, '')}`);
    const bench = require(path.join(__dirname, file)) as Bench;
    await bench.run();
  }
  if (process.exitCode) {
    console.error('\nOVER BUDGET (see above): npm run bench fails.');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
