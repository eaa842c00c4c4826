// Stock snapshots: take one, keep it in the workspace's storage, open or diff two.
export { registerSnapshotCommands } from './snapshotCommands';
export { SnapshotRepository } from './snapshotRepository';
