// The sandbox the extension is showing, reached from outside it with plain HTTP: the session's
// "copy" commands put its base URL and refresh token on the clipboard, like a user would copy them.
import * as vscode from 'vscode';
import { OtoClient } from '../../../src/client';

export interface SandboxAccess {
  baseUrl: string;
  refreshToken: string;
  client: OtoClient;
}

let access: SandboxAccess | undefined;

export async function copied(command: string): Promise<string> {
  await vscode.env.clipboard.writeText('');
  await vscode.commands.executeCommand(command);
  const value = await vscode.env.clipboard.readText();
  if (!value) {
    throw new Error(`${command} put nothing on the clipboard`);
  }
  return value;
}

/** Forgets the copied URL and token: the sandbox was restarted, perhaps on another port. */
export function forgetSandbox(): void {
  access = undefined;
}

export async function sandbox(): Promise<SandboxAccess> {
  if (!access) {
    const baseUrl = await copied('oto.copySandboxBaseUrl');
    const refreshToken = await copied('oto.copySandboxRefreshToken');
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(baseUrl)) {
      throw new Error(`the sandbox must be on loopback, got ${baseUrl}`);
    }
    access = { baseUrl, refreshToken, client: new OtoClient({ baseUrl, refreshToken, timeoutMs: 5_000 }) };
    await vscode.commands.executeCommand('notifications.clearAll');
  }
  return access;
}
