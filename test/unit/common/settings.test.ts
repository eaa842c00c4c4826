// The settings the code reads against package.json: one description each, equal to the
// contributed schema (package.json holds the defaults), and no setting read outside the reader.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { conforms, SETTINGS, settingValue, type SettingKey, type SettingSchema } from '../../../src/common/settings/schema';
import { ROOT, sourceFiles } from '../fakes/sources';

interface Contributed extends Record<string, unknown> {
  default: unknown;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Contributed> } | { properties: Record<string, Contributed> }[] } };
const contributed: Record<string, Contributed> = Object.assign({}, ...[manifest.contributes.configuration].flat().map((section) => section.properties));

function schemaPart(entry: Contributed): Record<string, unknown> {
  const keys: (keyof SettingSchema | 'enum' | 'minimum' | 'maximum' | 'items')[] = ['type', 'enum', 'minimum', 'maximum', 'items'];
  return Object.fromEntries(keys.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]]));
}

describe('settings: one typed reader, defaults from package.json only', () => {
  it('describes every contributed setting as package.json does, with a default that meets it', () => {
    assert.deepEqual(Object.keys(SETTINGS).map((key) => `oto.${key}`).sort(), Object.keys(contributed).sort());
    for (const [key, schema] of Object.entries(SETTINGS)) {
      const entry = contributed[`oto.${key}`];
      assert.deepEqual(schema, schemaPart(entry), key);
      assert.ok(conforms(entry.default, schema), `the default of oto.${key}`);
    }
  });

  it('takes the user\'s value when it meets the schema, and package.json\'s default when it does not', () => {
    const cases: [SettingKey, unknown, unknown][] = [
      ['sandbox.port', 9000, 9000], ['sandbox.port', 70000, 8787], ['sandbox.port', '9000', 8787], ['sandbox.port', 8787.5, 8787],
      ['changeMarkMinutes', 2.5, 2.5], ['changeMarkMinutes', -1, 10], ['refreshIntervalSeconds', 0, 0], ['refreshIntervalSeconds', Number.NaN, 60],
      ['environment', 'staging', 'staging'], ['environment', 'prod', 'sandbox'], ['askReason', false, false], ['askReason', 'no', true],
      ['hover.languages', ['json'], ['json']], ['hover.languages', ['json', 5], contributed['oto.hover.languages'].default], ['maxConnections', 0, 8],
    ];
    for (const [key, configured, expected] of cases) {
      assert.deepEqual(settingValue(key, configured, contributed[`oto.${key}`].default), expected, `${key} = ${JSON.stringify(configured)}`);
    }
    assert.throws(() => settingValue('sandbox.port', undefined, 'x'), /oto\.sandbox\.port has no default in package\.json/);
  });

  it('reads settings only through the reader: no other file gets a value from the configuration', () => {
    const reader = path.join('src', 'common', 'settings', 'read.ts');
    const readsElsewhere = sourceFiles(path.join(ROOT, 'src')).filter((source) => source.file !== reader && /getConfiguration\([^)]*\)\s*\.get\b|\bconfig\.get\b/.test(source.text));
    assert.deepEqual(readsElsewhere.map((source) => source.file), []);
  });
});
