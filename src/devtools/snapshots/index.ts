// Stock snapshots: take one, keep it in the workspace's storage, open or diff two (the commands,
// snapshotCommands.ts, are in the lazily loaded tools: ../lazy.ts).
