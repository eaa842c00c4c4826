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

export interface SandboxInventoryOrder {
  status: string;
  pickupLocation: string;
  orderDate?: string;
  items: Array<{ sku: string; quantity: number }>;
}

/**
 * An inventory order as the sandbox's orderDetails gives it by `otoId` (the client reads orders by
 * `orderId` only), over plain HTTP with a token of its own.
 */
export async function inventoryOrder(otoId: string): Promise<SandboxInventoryOrder> {
  const { baseUrl, refreshToken } = await sandbox();
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const signal = AbortSignal.timeout(5_000);
  const token = await fetch(new URL('refreshToken', base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: refreshToken }), signal });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const answer = await fetch(new URL(`orderDetails?otoId=${encodeURIComponent(otoId)}`, base), { headers: { Authorization: `Bearer ${accessToken}` }, signal });
  if (!answer.ok) {
    throw new Error(`orderDetails?otoId=${otoId}: HTTP ${answer.status} ${await answer.text()}`);
  }
  return (await answer.json()) as SandboxInventoryOrder;
}
