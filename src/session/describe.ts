// How the active environment is named where data is shown, so sandbox data is never taken for a
// real account.

import * as vscode from 'vscode';
import type { Environment } from './environment';
import type { Session } from './session';

/** The environment's name in pickers and titles: `Staging`, not the setting's id `staging`. */
export function environmentName(environment: Environment): string {
  switch (environment) {
    case 'sandbox':
      return vscode.l10n.t('Sandbox');
    case 'staging':
      return vscode.l10n.t('Staging');
    case 'production':
      return vscode.l10n.t('Production');
  }
}

export function sandboxLabel(): string {
  return vscode.l10n.t('Sandbox — demo data');
}

/**
 * The Stock view's description: the sandbox label, or the signed-in account and its plan
 * (`name · plan · environment`). Undefined when not signed in or the account cannot be read.
 */
export async function describeSession(session: Session): Promise<string | undefined> {
  if (session.environment === 'sandbox') {
    // One word beside the title and its five buttons fits the default side bar; the status bar's
    // beaker and tooltip say it is demo data.
    return environmentName('sandbox');
  }
  if (!session.isSignedIn) {
    return undefined;
  }
  try {
    const account = await session.getAccountInfo();
    return vscode.l10n.t('{0} · {1} · {2}', account.name, account.packageName, session.environment);
  } catch {
    return undefined;
  }
}
