// Snapshots on disk, one JSON file each, in the extension's workspace storage (or global storage
// when no folder is open). Files rather than Memento because a large catalogue's snapshot runs to
// megabytes and only the one being compared needs loading.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseSnapshot, type StockSnapshot } from './snapshot';

export interface SnapshotEntry {
  readonly id: string;
  readonly name: string;
  readonly takenAt: string;
  readonly environment: string;
}

const ID = /^[0-9]{13}-[0-9a-z]{1,12}$/;

export class SnapshotRepository {
  constructor(private readonly directory: string) {}

  async save(snapshot: StockSnapshot): Promise<SnapshotEntry> {
    await fs.mkdir(this.directory, { recursive: true });
    const id = `${Date.parse(snapshot.takenAt)}-${Math.random().toString(36).slice(2, 10)}`;
    await fs.writeFile(this.file(id), JSON.stringify(snapshot), 'utf8');
    return { id, name: snapshot.name, takenAt: snapshot.takenAt, environment: snapshot.environment };
  }

  /** Newest first; unreadable files are skipped rather than failing the list. */
  async list(): Promise<SnapshotEntry[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
    const entries: SnapshotEntry[] = [];
    for (const name of names) {
      const id = name.replace(/\.json$/, '');
      if (name.endsWith('.json') && ID.test(id)) {
        const snapshot = await this.load(id);
        if (snapshot) {
          entries.push({ id, name: snapshot.name, takenAt: snapshot.takenAt, environment: snapshot.environment });
        }
      }
    }
    return entries.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
  }

  async load(id: string): Promise<StockSnapshot | undefined> {
    if (!ID.test(id)) {
      return undefined;
    }
    try {
      return parseSnapshot(JSON.parse(await fs.readFile(this.file(id), 'utf8')));
    } catch {
      return undefined;
    }
  }

  async delete(id: string): Promise<void> {
    if (ID.test(id)) {
      await fs.rm(this.file(id), { force: true });
    }
  }

  private file(id: string): string {
    return path.join(this.directory, `${id}.json`);
  }
}
