// The one place the extension reads its settings (see schema.ts for why they are typed there).
import * as vscode from 'vscode';
import { settingValue, type SettingKey, type SettingValues } from './schema';

export function readSetting<K extends SettingKey>(key: K): SettingValues[K] {
  const config = vscode.workspace.getConfiguration('oto');
  return settingValue(key, config.get<unknown>(key), config.inspect<unknown>(key)?.defaultValue);
}

/**
 * VS Code's own `editor.accessibilitySupport` is on: a screen reader is in use (VS Code sets it when
 * it detects one and the user agrees), so pages give up savings that hide content from it.
 */
export function accessibilitySupportOn(): boolean {
  return vscode.workspace.getConfiguration('editor').get<unknown>('accessibilitySupport') === 'on';
}
