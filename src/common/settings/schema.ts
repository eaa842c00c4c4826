// The extension's settings as the code reads them: each `oto.*` key with the part of its
// package.json schema a value must meet. package.json is the only home of the defaults; a
// unit test holds these descriptions equal to it, so the two cannot drift.

export type SettingSchema =
  | { type: 'string'; enum?: readonly string[] }
  | { type: 'boolean' }
  | { type: 'integer' | 'number'; minimum?: number; maximum?: number }
  | { type: 'array'; items: { type: 'string' } }
  /** Checked as a whole only; its reader checks each entry (e.g. `agent.writes`' per-environment values). */
  | { type: 'object' };

export interface SettingValues {
  environment: 'sandbox' | 'staging' | 'production';
  baseUrl: string;
  refreshIntervalSeconds: number;
  changeMarkMinutes: number;
  confirmAboveUnits: number;
  askReason: boolean;
  'hover.languages': string[];
  'alerts.lowStock': 'off' | 'notify';
  maxConnections: number;
  'sandbox.port': number;
  'sandbox.dialect': 'oto-codes' | 'numeric-codes';
  'proxy.port': number;
  'agent.writes': Readonly<Record<string, unknown>>;
  'webhooks.port': number;
}

export type SettingKey = keyof SettingValues;

const PORT: SettingSchema = { type: 'integer', minimum: 0, maximum: 65535 };

export const SETTINGS: Readonly<Record<SettingKey, SettingSchema>> = {
  environment: { type: 'string', enum: ['sandbox', 'staging', 'production'] },
  baseUrl: { type: 'string' },
  refreshIntervalSeconds: { type: 'integer', minimum: 0 },
  changeMarkMinutes: { type: 'number', minimum: 0, maximum: 1440 },
  confirmAboveUnits: { type: 'integer', minimum: 0 },
  askReason: { type: 'boolean' },
  'hover.languages': { type: 'array', items: { type: 'string' } },
  'alerts.lowStock': { type: 'string', enum: ['off', 'notify'] },
  maxConnections: { type: 'integer', minimum: 1, maximum: 64 },
  'sandbox.port': PORT,
  'sandbox.dialect': { type: 'string', enum: ['oto-codes', 'numeric-codes'] },
  'proxy.port': PORT,
  'agent.writes': { type: 'object' },
  'webhooks.port': PORT,
};

/** Whether a value (from settings.json, so anything) meets its setting's schema. */
export function conforms(value: unknown, schema: SettingSchema): boolean {
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' && (schema.enum === undefined || schema.enum.includes(value));
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
    case 'number':
      return (
        typeof value === 'number' && Number.isFinite(value) && (schema.type === 'number' || Number.isInteger(value)) &&
        (schema.minimum === undefined || value >= schema.minimum) && (schema.maximum === undefined || value <= schema.maximum)
      );
    case 'array':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/**
 * The value a setting has: the user's when it meets the schema (settings.json is hand-edited and
 * its problems are only squiggles), else the default package.json gives.
 */
export function settingValue<K extends SettingKey>(key: K, configured: unknown, packageDefault: unknown): SettingValues[K] {
  const schema = SETTINGS[key];
  if (conforms(configured, schema)) {
    return configured as SettingValues[K];
  }
  if (conforms(packageDefault, schema)) {
    return packageDefault as SettingValues[K];
  }
  throw new Error(`oto.${key} has no default in package.json that meets its schema`);
}
