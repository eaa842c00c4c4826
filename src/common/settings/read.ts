// The one place the extension reads its settings (see schema.ts for why they are typed there).
import * as vscode from 'vscode';
import { settingValue, type SettingKey, type SettingValues } from './schema';

export function readSetting<K extends SettingKey>(key: K): SettingValues[K] {
  const config = vscode.workspace.getConfiguration('oto');
  return settingValue(key, config.get<unknown>(key), config.inspect<unknown>(key)?.defaultValue);
}
