// The ids module against package.json: every contributed command is registered somewhere in
// src/, every registered command is contributed (or listed as internal), the views are the
// contributed ones, and no command, view or context key is spelled out outside src/common/ids.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, sourceFiles } from '../fakes/sources';
import { COMMANDS, CONTEXT_KEYS, HISTORY_PANEL, INTERNAL_COMMANDS, PACKING_PANEL, VIEWS } from '../../../src/common/ids';

interface Manifest {
  activationEvents: string[];
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; menus: Record<string, { command?: string; when?: string }[]> };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const contributed = manifest.contributes.commands.map((entry) => entry.command);

const SRC = sourceFiles(path.join(ROOT, 'src')).filter((source) => source.file !== path.join('src', 'common', 'ids.ts'));
const commandIds: Record<string, string> = COMMANDS;

/**
 * Ids passed first to `registerCommand(...)` or to a local `register(...)` helper (`COMMANDS.x` or
 * a literal), and the keys of a lazy room's `registerLazyCommands` table (`[COMMANDS.x]: …`).
 */
function registeredCommands(): Set<string> {
  const found = new Set<string>();
  const add = (name: string | undefined, literal?: string) => {
    const id = name !== undefined ? commandIds[name] : literal;
    assert.ok(id, `COMMANDS.${name} is not in src/common/ids.ts`);
    found.add(id);
  };
  for (const { text } of SRC) {
    for (const match of text.matchAll(/\bregister(?:Command|TextEditorCommand)?\(\s*(?:COMMANDS\.(\w+)|'([^']+)')/g)) {
      add(match[1], match[2]);
    }
    for (const table of text.matchAll(/\bregisterLazyCommands(?:<\w+>)?\([^{]*\{([^]*?)\n\s*\}/g)) {
      for (const match of table[1].matchAll(/\[COMMANDS\.(\w+)\]\s*:/g)) {
        add(match[1]);
      }
    }
  }
  return found;
}

describe('ids: commands, views and context keys against package.json', () => {
  const registered = registeredCommands();

  it('registers every contributed command', () => {
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'contributed in package.json but never registered');
  });

  it('contributes every registered command, or lists it as internal', () => {
    const allowed = new Set([...contributed, ...INTERNAL_COMMANDS]);
    assert.deepEqual([...registered].filter((id) => !allowed.has(id)), [], 'registered but neither contributed nor in INTERNAL_COMMANDS');
  });

  it('names every contributed command in COMMANDS, and nothing else', () => {
    const named = Object.values(commandIds);
    assert.deepEqual(contributed.filter((id) => !named.includes(id)), [], 'contributed but missing from COMMANDS');
    assert.deepEqual(named.filter((id) => !contributed.includes(id) && !INTERNAL_COMMANDS.includes(id)), [], 'in COMMANDS but not contributed');
  });

  it('names the contributed views, and activates on the packing panel', () => {
    const views = Object.values(manifest.contributes.views).flat().map((view) => view.id);
    assert.deepEqual([...views].sort(), Object.values(VIEWS).sort());
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${PACKING_PANEL}`));
  });

  it('keeps command, view, panel and context-key ids out of the code: they come from src/common/ids.ts', () => {
    // Command ids are never anything else, so none may be spelled out; context keys and views
    // share names with settings and stored state (oto.environment, oto.stock.grouping), so only
    // the calls that take them as such are checked.
    // Webview panel types are never anything else either.
    const reserved = new Set<string>([...Object.values(commandIds), PACKING_PANEL, HISTORY_PANEL]);
    const spelled: string[] = [];
    for (const { file, text } of SRC) {
      for (const match of text.matchAll(/(?:'setContext',|createTreeView\(|createWebviewPanel\(|registerWebviewPanelSerializer\()\s*'([^']+)'/g)) {
        spelled.push(`${file}: '${match[1]}'`);
      }
      for (const match of text.matchAll(/'(oto\.\w+)'/g)) {
        if (reserved.has(match[1])) {
          spelled.push(`${file}: '${match[1]}'`);
        }
      }
    }
    assert.deepEqual(spelled, []);
  });

  it('sets every context key somewhere, and has every context key package.json reads', () => {
    const code = SRC.map((source) => source.text).join('\n');
    const keys = Object.entries(CONTEXT_KEYS) as [string, string][];
    assert.deepEqual(keys.filter(([name]) => !code.includes(`CONTEXT_KEYS.${name}`)).map(([, id]) => id), [], 'in CONTEXT_KEYS but never set');
    const known = new Set<string>([...Object.values(CONTEXT_KEYS), ...Object.values(VIEWS)]);
    const unknown: string[] = [];
    for (const match of JSON.stringify(manifest.contributes).matchAll(/"when":"([^"]*)"/g)) {
      // Settings (config.oto.x) and tree items' contextValue (viewItem == oto.sku) are not context keys.
      for (const token of match[1].matchAll(/(config\.|viewItem\s*[!=]=~?\s*\/?\^?|viewItem\s*=~\s*\/\^?)?\b(oto\.[\w.]+)/g)) {
        if (token[1] === undefined && !known.has(token[2])) {
          unknown.push(token[2]);
        }
      }
    }
    assert.deepEqual(unknown, [], 'read by package.json but missing from CONTEXT_KEYS');
  });
});
