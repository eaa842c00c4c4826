// The sandbox CLI saved into a project (src/sandboxHost/saveForCi.ts): its name, and the line a CI
// job starts it with.
import * as path from 'node:path';

export const SANDBOX_FILE_NAME = 'oto-sandbox.js';

/** The sandbox CLI this installation of the extension ships. */
export interface ShippedCli {
  /** dist/oto-sandbox.js in the extension's folder. */
  cliFile: string;
  /** The extension's version, which the file has (`--version`, `GET /__oto/health`). */
  version: string;
}

/** The command line a CI job starts it with, from the folder the file was saved to. */
export function startCommandFor(saved: string, folder: string | undefined): string {
  const relative = folder === undefined ? undefined : path.relative(folder, saved);
  const where = relative !== undefined && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : saved;
  // Double quotes, which both a POSIX shell and Windows' shells take, around a path that needs any.
  const shown = /^[\w./\\:@-]+$/.test(where) ? where : `"${where}"`;
  return `node ${shown} --port 8787 --log traffic.jsonl --fail-on error --exit-after-idle 10`;
}
