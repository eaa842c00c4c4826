// The sign-in and environment commands: thin VS Code prompts over the Session.

import * as vscode from 'vscode';
import { OtoError } from '../client';
import { ENVIRONMENTS, isEnvironment, isRemote } from './environment';
import type { Environment, RemoteEnvironment } from './environment';
import { environmentName } from './describe';
import { BaseUrlError, describeCause, EnvironmentSwitchError, KeyringError, WrongEnvironmentError } from './errors';
import type { SandboxEndpoint, Session } from './session';
import { isCancellation } from '../common/cancellation';
import { COMMANDS } from '../common/ids';
import { withCancellableProgress } from '../common/progress';
import { confirmModal } from '../common/confirm';
import { isUnreachable, unreachableText } from '../common/unreachable';
import type { ReachabilityWatch } from './reachability';

export interface SessionCommandsDeps {
  session: Session;
  /** Signing in tells its own failure: the outage notice stays quiet meanwhile. */
  reachability: ReachabilityWatch;
}

export function registerSessionCommands(context: vscode.ExtensionContext, { session, reachability }: SessionCommandsDeps): void {
  const register = (id: string, run: (...args: unknown[]) => Promise<unknown>) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register(COMMANDS.signIn, (environment) => signIn(session, reachability, isRemoteEnvironment(environment) ? environment : undefined));
  register(COMMANDS.signOut, () => signOut(session));
  register(COMMANDS.useSandbox, () => session.useEnvironment('sandbox'));
  register(COMMANDS.selectEnvironment, () => selectEnvironment(session, reachability));
  register(COMMANDS.copySandboxBaseUrl, () =>
    copySandboxValue(session, 'baseUrl', (sandbox) => vscode.l10n.t('Copied the sandbox base URL: {0}', sandbox.baseUrl)),
  );
  register(COMMANDS.copySandboxRefreshToken, () =>
    copySandboxValue(session, 'refreshToken', () =>
      vscode.l10n.t('Copied the sandbox refresh token. It stays the same for this workspace, across reloads and switches of environment.'),
    ),
  );
}

function isRemoteEnvironment(value: unknown): value is RemoteEnvironment {
  return isEnvironment(value) && isRemote(value);
}

async function signIn(session: Session, reachability: ReachabilityWatch, requested?: RemoteEnvironment): Promise<void> {
  const current = session.environment;
  const environment = requested ?? (isRemote(current) ? current : await pickRemoteEnvironment());
  if (!environment) {
    return;
  }
  const token = await vscode.window.showInputBox({
    title: vscode.l10n.t('Sign in to OTO {0}', environment),
    prompt: vscode.l10n.t('Paste the refresh token from the OTO dashboard (Settings → API Integrations).'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The refresh token cannot be empty.')),
  });
  if (token === undefined) {
    return;
  }
  try {
    const account = await withCancellableProgress({ title: vscode.l10n.t('Checking the token with OTO {0}…', environment) }, (signal) =>
      reachability.quietly(() => session.signIn(environment, token, signal)),
    );
    void vscode.window.showInformationMessage(
      account
        ? vscode.l10n.t('Signed in to OTO {0} as {1} ({2}).', environment, account.name, account.packageName)
        : vscode.l10n.t('Signed in to OTO {0}. (OTO did not say which account: accountInfo did not answer.)', environment),
    );
  } catch (error) {
    if (isCancellation(error)) {
      return;
    }
    if (error instanceof EnvironmentSwitchError) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Signed in to OTO {0}, but could not switch the oto.environment setting to it: {1}', environment, describeCause(error.cause)),
      );
      return;
    }
    const retry = vscode.l10n.t('Try Again');
    const showLog = vscode.l10n.t('Show log');
    // The transport's own words are in the log (every request is written there).
    const actions = isUnreachable(error) ? [retry, showLog] : [retry];
    const choice = await vscode.window.showErrorMessage(signInFailure(error, environment), ...actions);
    if (choice === retry) {
      await signIn(session, reachability, environment);
    } else if (choice === showLog) {
      await vscode.commands.executeCommand(COMMANDS.showLog);
    }
  }
}

/** Why signing in failed, in words that say what to do; every case means nothing was stored. */
function signInFailure(error: unknown, environment: RemoteEnvironment): string {
  if (error instanceof KeyringError) {
    return vscode.l10n.t(
      'OTO accepted the token, but VS Code could not save it in the operating system keyring ({0}), so you are not signed in. On Linux, install and unlock a keyring such as gnome-keyring, or start VS Code with --password-store=basic.',
      describeCause(error.cause),
    );
  }
  if (error instanceof BaseUrlError) {
    return baseUrlFailure(error);
  }
  if (error instanceof OtoError && error.kind === 'auth') {
    return vscode.l10n.t(
      'OTO {0} refused this refresh token, so nothing was stored. Check that you copied the whole token, and that it belongs to {0}.',
      environment,
    );
  }
  if (isUnreachable(error)) {
    return vscode.l10n.t('{0} The token could not be checked, so nothing was stored.', unreachableText(environment));
  }
  if (error instanceof OtoError && error.kind === 'timeout') {
    return vscode.l10n.t('Could not reach OTO {0} to check the token ({1}). Nothing was stored.', environment, error.message);
  }
  return vscode.l10n.t('OTO {0} could not check the token: {1}. Nothing was stored.', environment, describeCause(error));
}

function baseUrlFailure(error: BaseUrlError): string {
  return error.problem === 'notUrl'
    ? vscode.l10n.t('The oto.baseUrl setting "{0}" is not a URL. Nothing was sent.', error.value)
    : vscode.l10n.t(
        'The oto.baseUrl setting "{0}" must use https (plain http only to 127.0.0.1 or localhost), so the token is not sent there.',
        error.value,
      );
}

async function pickRemoteEnvironment(): Promise<RemoteEnvironment | undefined> {
  const items: Array<vscode.QuickPickItem & { environment: RemoteEnvironment }> = [
    { environment: 'production', label: environmentName('production'), description: vscode.l10n.t('your live OTO account') },
    { environment: 'staging', label: environmentName('staging'), description: vscode.l10n.t("OTO's test servers, with a separate test account") },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Sign in to which OTO environment?'),
  });
  return picked?.environment;
}

async function signOut(session: Session): Promise<void> {
  const current = session.environment;
  const environment = isRemote(current) ? current : await pickSignedInEnvironment(session);
  if (!environment) {
    return;
  }
  if (!(await confirmModal(vscode.l10n.t('Sign out of OTO {0}? The refresh token stored on this machine is deleted.', environment), vscode.l10n.t('Sign Out')))) {
    return;
  }
  try {
    await session.signOut(environment);
  } catch (error) {
    void vscode.window.showErrorMessage(
      error instanceof KeyringError
        ? vscode.l10n.t('Could not delete the token from the operating system keyring: {0}', describeCause(error.cause))
        : String(error instanceof Error ? error.message : error),
    );
  }
}

async function pickSignedInEnvironment(session: Session): Promise<RemoteEnvironment | undefined> {
  const signedIn: RemoteEnvironment[] = [];
  for (const environment of ['production', 'staging'] as const) {
    if (await session.hasToken(environment)) {
      signedIn.push(environment);
    }
  }
  if (signedIn.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to OTO staging or production.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    signedIn.map((environment) => ({ label: environmentName(environment), environment })),
    { title: vscode.l10n.t('Sign out of which OTO environment?') },
  );
  return picked?.environment;
}

async function selectEnvironment(session: Session, reachability: ReachabilityWatch): Promise<void> {
  const items: Array<vscode.QuickPickItem & { environment: Environment }> = [];
  for (const environment of ENVIRONMENTS) {
    const state = await environmentState(session, environment);
    const current = environment === session.environment;
    items.push({
      environment,
      label: current ? `$(check) ${environmentName(environment)}` : environmentName(environment),
      description: current ? vscode.l10n.t('current · {0}', state) : state,
    });
  }
  const picked = await pickActive(items, items.find((item) => item.environment === session.environment), vscode.l10n.t('Use which OTO environment?'));
  if (!picked) {
    return;
  }
  await session.useEnvironment(picked.environment);
  if (!session.isSignedIn && isRemote(picked.environment)) {
    const signInLabel = vscode.l10n.t('Sign In');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Now using OTO {0}. Sign in with a refresh token to see its stock.', picked.environment),
      signInLabel,
    );
    if (choice === signInLabel) {
      await signIn(session, reachability, picked.environment);
    }
  }
}

/** A quick pick that opens on `active` (showQuickPick always opens on the first item). */
function pickActive<T extends vscode.QuickPickItem>(items: T[], active: T | undefined, title: string): Promise<T | undefined> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = title;
  quickPick.items = items;
  if (active) {
    quickPick.activeItems = [active];
  }
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.activeItems[0]);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

async function environmentState(session: Session, environment: Environment): Promise<string> {
  if (!isRemote(environment)) {
    return vscode.l10n.t('demo data, runs on this machine');
  }
  try {
    return (await session.hasToken(environment)) ? vscode.l10n.t('signed in') : vscode.l10n.t('not signed in');
  } catch {
    return vscode.l10n.t('keyring unavailable');
  }
}

/**
 * The running sandbox (started if needed). When another environment is active, offers to switch;
 * undefined (having said why) when the user declines or the sandbox cannot start.
 */
export async function sandboxEndpoint(session: Session): Promise<SandboxEndpoint | undefined> {
  try {
    return await session.getSandbox();
  } catch (error) {
    if (error instanceof WrongEnvironmentError) {
      const useSandbox = vscode.l10n.t('Use Sandbox');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('The sandbox only runs while it is the active environment (now: {0}).', session.environment),
        useSandbox,
      );
      if (choice !== useSandbox) {
        return undefined;
      }
      await session.useEnvironment('sandbox');
      return sandboxEndpoint(session);
    }
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The sandbox could not start: {0}', error instanceof Error ? error.message : String(error)),
    );
    return undefined;
  }
}

async function copySandboxValue(
  session: Session,
  field: keyof SandboxEndpoint,
  done: (sandbox: SandboxEndpoint) => string,
): Promise<void> {
  const sandbox = await sandboxEndpoint(session);
  if (sandbox) {
    await vscode.env.clipboard.writeText(sandbox[field]);
    void vscode.window.showInformationMessage(done(sandbox));
  }
}
