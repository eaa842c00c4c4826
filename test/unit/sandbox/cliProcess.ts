// Runs the sandbox CLI as a child process, as a developer or a CI job would.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '../../../src/sandbox/cli.js');

/** Starts the CLI (`script`: another build of it) with `args`; output is stdout and stderr together. */
export function run(args: string[], script = CLI, cwd?: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OTO_SANDBOX_PORT: '' } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitFor(pattern: RegExp, output: () => string): Promise<RegExpExecArray> {
  for (let i = 0; i < 100; i++) {
    const match = pattern.exec(output());
    if (match) {
      return match;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${pattern} in: ${output()}`);
}

