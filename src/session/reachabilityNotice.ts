// Tells the user once that OTO staging or production cannot be reached, with Retry and Show log;
// the watch (reachability.ts) decides when a failure is news.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/ids';
import { unreachableText } from '../common/text/unreachable';
import { ReachabilityWatch } from './reachability';
import type { Outage } from './reachability';
import type { Session } from './session';

export function registerReachabilityNotice(context: vscode.ExtensionContext, session: Session, log: vscode.LogOutputChannel): ReachabilityWatch {
  const watch = new ReachabilityWatch((outage) => void tell(watch, outage, log));
  context.subscriptions.push(
    session.onRequest((event) => watch.observe(event)),
    // Switching, signing in or out is the user acting: a failure after it is news again.
    session.onDidChange(() => {
      watch.reset();
      watch.forget();
    }),
  );
  return watch;
}

async function tell(watch: ReachabilityWatch, outage: Outage, log: vscode.LogOutputChannel): Promise<void> {
  log.error(`OTO ${outage.environment} cannot be reached: ${outage.detail}`);
  const retry = vscode.l10n.t('Retry');
  const showLog = vscode.l10n.t('Show log');
  const choice = await vscode.window.showErrorMessage(unreachableText(outage.environment), retry, showLog);
  if (choice === retry) {
    watch.reset();
    await vscode.commands.executeCommand(COMMANDS.refresh);
  } else if (choice === showLog) {
    await vscode.commands.executeCommand(COMMANDS.showLog);
  }
}
