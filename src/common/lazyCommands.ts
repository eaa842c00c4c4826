// The one way a lazily bundled room registers its commands: a table from command id to what the
// command does with the room's runtime, loaded on the first command that runs.
import * as vscode from 'vscode';

export type LazyCommandTable<Runtime> = Readonly<Record<string, (runtime: Runtime, argument: unknown) => unknown>>;

export interface LazyCommandOptions {
  /**
   * Reports a command that failed, in the room's words. Without it the error reaches VS Code,
   * which shows it as "Running the contributed command … failed".
   */
  onError?(commandId: string, error: unknown): void;
}

export function registerLazyCommands<Runtime>(
  subscriptions: Array<{ dispose(): unknown }>,
  load: () => Runtime,
  table: LazyCommandTable<Runtime>,
  options: LazyCommandOptions = {},
): void {
  const { onError } = options;
  for (const [id, run] of Object.entries(table)) {
    subscriptions.push(
      vscode.commands.registerCommand(id, onError
        ? async (argument: unknown) => {
          try {
            return await run(load(), argument);
          } catch (error) {
            onError(id, error);
            return undefined;
          }
        }
        : (argument: unknown) => run(load(), argument)),
    );
  }
}
