// The developer tools that only commands reach (dist/devtools.js): stock snapshots, "Check Stock of
// Selection" and "Export Stock", loaded on the first of them.
import { configureLocalisation } from '../common/text/localisation';
import type { DevtoolsRuntime, DevtoolsWiring } from './deps';
import { exportStock } from './export/exportCommand';
import { checkStock } from './hover/checkStockCommand';
import { compareSnapshots, saveSnapshot, type SnapshotContext } from './snapshots/snapshotCommands';
import { SnapshotRepository } from './snapshots/snapshotRepository';

export type { DevtoolsRuntime };

export function start(wiring: DevtoolsWiring): DevtoolsRuntime {
  // This bundle has its own copy of `@vscode/l10n` and the display language.
  configureLocalisation();
  const snapshots: SnapshotContext = { session: wiring.session, stock: wiring.stock, repository: new SnapshotRepository(wiring.snapshotsDir), documents: wiring.snapshotDocuments };
  return {
    saveSnapshot: () => saveSnapshot(snapshots),
    compareSnapshots: () => compareSnapshots(snapshots),
    checkStock: () => checkStock(wiring.stock, wiring.reports),
    exportStock: (format) => exportStock(wiring.session, wiring.stock, format),
  };
}
