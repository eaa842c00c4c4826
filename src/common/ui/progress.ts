// Progress the user can give up on: a notification with Cancel, whose token reaches the task as
// an AbortSignal (through the one bridge in cancellation.ts). A task that already shows its
// progress somewhere quiet (a view, the status bar) gets the notification only once it has taken
// a moment, so a quick read does not flash one.
import * as vscode from 'vscode';
import { withAbortSignal } from './cancellation';

/** How long a quietly shown task runs before its cancellable notification appears. */
export const NOTIFY_AFTER_MS = 1_000;

export type TaskProgress = vscode.Progress<{ message?: string; increment?: number }>;

export interface CancellableProgressOptions {
  title: string;
  /** Where the progress shows at once; the notification with Cancel follows after NOTIFY_AFTER_MS. */
  quietly?: vscode.ProgressOptions['location'];
}

export function withCancellableProgress<T>(options: CancellableProgressOptions, task: (signal: AbortSignal, progress: TaskProgress) => Promise<T>): Promise<T> {
  const notify = <R>(run: (signal: AbortSignal, progress: TaskProgress) => Promise<R>): Thenable<R> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: options.title, cancellable: true }, (progress, token) => withAbortSignal(token, (signal) => run(signal, progress)));
  if (options.quietly === undefined) {
    return Promise.resolve(notify(task));
  }
  const controller = new AbortController();
  // The quiet indicator has no room for messages.
  const running = task(controller.signal, { report: () => undefined });
  const settled = running.then(() => undefined, () => undefined);
  void vscode.window.withProgress({ location: options.quietly, title: options.title }, () => settled);
  const timer = setTimeout(() => {
    void notify((signal) => {
      signal.addEventListener('abort', () => controller.abort(), { once: true });
      return settled;
    });
  }, NOTIFY_AFTER_MS);
  void settled.then(() => clearTimeout(timer));
  return running;
}
