// What the Stock view and every packing panel share about refreshing on their own: the
// `oto.refreshIntervalSeconds` setting and the window's focus, followed for as long as the
// scheduler lives, and whether OTO can be reached (it backs off during an outage). Each owner still
// reports its own visibility and its finished refreshes.
import * as vscode from 'vscode';
import { RefreshScheduler, type Reachability } from './refreshScheduler';
import { readSetting } from '../settings/read';

/** The setting in seconds; 0 is never. */
export function refreshIntervalSeconds(): number {
  return readSetting('refreshIntervalSeconds');
}

export class WorkbenchRefreshScheduler extends RefreshScheduler {
  private readonly subscriptions: vscode.Disposable[];

  constructor(tick: () => void, visible: boolean, reachability: Reachability) {
    super(tick, { intervalSeconds: refreshIntervalSeconds(), visible, focused: vscode.window.state.focused, unreachable: reachability.unreachable() });
    this.subscriptions = [
      reachability.onDidChange(() => this.update({ unreachable: reachability.unreachable() })),
      vscode.window.onDidChangeWindowState(({ focused }) => this.update({ focused })),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('oto.refreshIntervalSeconds')) {
          this.update({ intervalSeconds: refreshIntervalSeconds() });
        }
      }),
    ];
  }

  override dispose(): void {
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
    super.dispose();
  }
}
