// Runs the sandbox CLI as a child process, as a developer or a CI job would.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '../../../../src/sandboxCli/cli.js');

export interface Cli {
  child: ChildProcess;
  /** stdout and stderr together, so far. */
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the CLI (`script`: another build of it) with `args`; `env` adds to the environment. */
export function run(args: string[], script = CLI, cwd?: string, env: NodeJS.ProcessEnv = {}): Cli {
  const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OTO_SANDBOX_PORT: '', npm_lifecycle_event: '', ...env } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves as soon as the CLI's output matches `pattern`; rejects if it ends, or takes `timeoutMs`, without. */
export function waitFor(pattern: RegExp, cli: Cli, timeoutMs = 15_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const streams = [cli.child.stdout, cli.child.stderr];
    const finish = (outcome: () => void): void => {
      clearTimeout(timer);
      streams.forEach((stream) => stream?.off('data', check));
      cli.child.off('close', ended);
      outcome();
    };
    // Listens after run()'s own listener, so the output already holds the chunk.
    function check(): boolean {
      const match = pattern.exec(cli.output());
      if (match) {
        finish(() => resolve(match));
      }
      return match !== null;
    }
    function ended(): void {
      if (!check()) {
        finish(() => reject(new Error(`the CLI ended without printing ${pattern}: ${cli.output()}`)));
      }
    }
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${pattern} in: ${cli.output()}`))), timeoutMs);
    streams.forEach((stream) => stream?.on('data', check));
    cli.child.on('close', ended);
    if (cli.child.exitCode !== null) {
      ended();
    } else {
      check();
    }
  });
}
