// A modal warning with one action: true only when the user chose it (Cancel and Escape say no).
import * as vscode from 'vscode';

export async function confirmModal(message: string, action: string, detail?: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, ...(detail === undefined ? {} : { detail }) }, action)) === action;
}
