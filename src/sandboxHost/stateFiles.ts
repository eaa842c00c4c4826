// The sandbox's saved state, its next IDs and the workspace's id as files in one folder (in VS
// Code, the workspace's storage on the extension host's disk): every window and browser that
// opens the workspace starts its sandbox from the same state, which a workspace's Memento does
// not give (in a browser it lives in that browser). Each file is replaced whole (written
// beside it, then renamed), so a crash leaves the old one or the new one. No `vscode`.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { SandboxSnapshot } from '../sandbox';
import type { SandboxIds } from './host';

export interface SandboxFiles {
  readState(): Promise<SandboxSnapshot | undefined>;
  writeState(snapshot: SandboxSnapshot | undefined): Promise<void>;
  readIds(): Promise<SandboxIds | undefined>;
  writeIds(ids: SandboxIds): Promise<void>;
  /** The workspace's id (for its token's key), made once; `legacy` is kept when there is none yet. */
  workspaceId(legacy?: string): Promise<string>;
}

export const STATE_FILE = 'state.json';
const IDS_FILE = 'ids.json';
const ID_FILE = 'workspace-id';

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

async function replace(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await fs.writeFile(temporary, text);
  await fs.rename(temporary, file);
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export function sandboxFiles(dir: string): SandboxFiles {
  const file = (name: string): string => path.join(dir, name);
  return {
    async readState() {
      const text = await readText(file(STATE_FILE));
      if (text === undefined) {
        return undefined;
      }
      try {
        // Checked by the sandbox when it starts from it (a SnapshotError says what is wrong).
        return JSON.parse(text) as SandboxSnapshot;
      } catch {
        throw new Error(`${file(STATE_FILE)}: not JSON (cut short?)`);
      }
    },
    async writeState(snapshot) {
      if (snapshot === undefined) {
        await fs.rm(file(STATE_FILE), { force: true });
      } else {
        await replace(file(STATE_FILE), JSON.stringify(snapshot));
      }
    },
    async readIds() {
      try {
        const ids = JSON.parse((await readText(file(IDS_FILE))) ?? 'null') as Partial<SandboxIds> | null;
        return ids && isId(ids.transactionId) && isId(ids.otoId) ? { transactionId: ids.transactionId, otoId: ids.otoId } : undefined;
      } catch {
        return undefined;
      }
    },
    writeIds: (ids) => replace(file(IDS_FILE), JSON.stringify(ids)),
    async workspaceId(legacy) {
      const kept = (await readText(file(ID_FILE)))?.trim();
      if (kept) {
        return kept;
      }
      const id = legacy ?? randomUUID();
      await replace(file(ID_FILE), id);
      return id;
    },
  };
}
