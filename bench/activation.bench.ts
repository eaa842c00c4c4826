// Bundle budget: size of the release dist/extension.js (goal < 150 KB) and the time from
// `require` of the bundle to the end of `activate()` on the sandbox environment (goal < 50 ms
// median). The extension host cannot be re-entered in a loop, so `vscode` is an inert stub
// here (every API call succeeds and returns inert objects); the bundle, its imports and
// everything activate() awaits are real, in plain Node.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const Module = require('node:module') as { _load(request: string, parent: unknown, isMain: boolean): unknown };

const dist = path.resolve(__dirname, '..', '..', 'dist');
const RUNS = 25;
const SIZE_BUDGET_KB = 150;
const TIME_BUDGET_MS = 50;

/**
 * Any property, call or construction yields another inert stub, except the `overrides`; `then`
 * stays undefined so awaiting a stub resolves.
 */
function stub(name: string, overrides: Record<string, unknown> = {}): unknown {
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  // Assigned properties (e.g. a status bar item's `name`) are kept, as on the real objects.
  const assigned = new Map<PropertyKey, unknown>(Object.entries(overrides));
  return new Proxy(target, {
    set(_target, key, value) {
      assigned.set(key, value);
      return true;
    },
    get(_target, key) {
      if (assigned.has(key)) {
        return assigned.get(key);
      }
      if (key === Symbol.toPrimitive) {
        return () => `[${name}]`;
      }
      if (key === 'then' || key === 'toJSON' || typeof key === 'symbol') {
        return undefined;
      }
      if (key === 'dispose') {
        return () => undefined;
      }
      return stub(`${name}.${String(key)}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`) as object,
  });
}

class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((other) => other !== listener)) };
  };
  fire(value: T): void {
    this.listeners.forEach((listener) => listener(value));
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** The runtime names of the `vscode` module; the bundle's ESM interop copies only own properties. */
const API_NAMES = [
  'commands', 'window', 'workspace', 'env', 'languages', 'extensions', 'authentication', 'debug', 'tasks',
  'Uri', 'ThemeIcon', 'ThemeColor', 'TreeItem', 'TreeItemCollapsibleState', 'ProgressLocation', 'MarkdownString',
  'ConfigurationTarget', 'QuickInputButtons', 'QuickPickItemKind', 'Hover', 'ViewColumn', 'StatusBarAlignment', 'Range',
  'Position', 'Selection', 'LogLevel', 'CancellationTokenSource', 'TabInputWebview', 'TabInputText', 'ColorThemeKind',
  'UIKind', 'ExtensionMode', 'RelativePattern', 'FileType', 'Location', 'TextEdit', 'WorkspaceEdit',
  'CodeLens', 'Diagnostic', 'DiagnosticSeverity', 'Disposable', 'FileSystemError',
];

interface FakeUri {
  fsPath: string;
  path: string;
  scheme: string;
  toString(): string;
}

const fileUri = (fsPath: string): FakeUri => ({ fsPath, path: fsPath, scheme: 'file', toString: () => `file://${fsPath}` });

/** A view that is not showing, as on a start with the OTO container closed. */
const hiddenView = (): unknown => stub('view', { visible: false, onDidChangeVisibility: new EventEmitter<unknown>().event });

function fakeVscode(): Record<string, unknown> {
  const configuration = { get: (_key: string, fallback?: unknown) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };
  const api: Record<string, unknown> = Object.fromEntries(API_NAMES.map((name) => [name, stub(name)]));
  return Object.assign(api, {
    version: '1.139.1',
    EventEmitter,
    Disposable: class {
      static from(): { dispose(): void } {
        return { dispose: () => undefined };
      }
      constructor(private readonly onDispose: () => void) {}
      dispose(): void {
        this.onDispose();
      }
    },
    l10n: {
      t: (message: string | { message: string }, ...args: unknown[]) =>
        (typeof message === 'string' ? message : message.message).replace(/\{(\d+)\}/g, (_match, index: string) => String(args[Number(index)])),
    },
    Uri: stub('Uri', { file: fileUri, joinPath: (base: FakeUri, ...parts: string[]) => fileUri(path.join(base.fsPath, ...parts)), parse: fileUri }),
    env: stub('env', { language: 'en' }),
    workspace: stub('workspace', { getConfiguration: () => configuration, workspaceFolders: undefined }),
    window: stub('window', { createTreeView: hiddenView, state: { focused: true } }),
  });
}

function fakeContext(storage: string): unknown {
  const memento = (): unknown => {
    const values = new Map<string, unknown>();
    return { get: (key: string, fallback?: unknown) => (values.has(key) ? values.get(key) : fallback), update: async (key: string, value: unknown) => void values.set(key, value), keys: () => [...values.keys()], setKeysForSync: () => undefined };
  };
  const secrets = new Map<string, string>();
  const changes = new EventEmitter<unknown>();
  return {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    secrets: { get: async (key: string) => secrets.get(key), store: async (key: string, value: string) => void secrets.set(key, value), delete: async (key: string) => void secrets.delete(key), onDidChange: changes.event },
    globalState: memento(),
    workspaceState: memento(),
    extensionPath: path.dirname(dist),
    extensionUri: fileUri(path.dirname(dist)),
    asAbsolutePath: (relative: string) => path.join(path.dirname(dist), relative),
    storagePath: storage,
    globalStoragePath: storage,
    logPath: storage,
    globalStorageUri: fileUri(storage),
    storageUri: fileUri(storage),
    logUri: fileUri(storage),
    extensionMode: 1,
    extension: { id: 'oto-stock.oto-stock', extensionUri: fileUri(path.dirname(dist)), packageJSON: JSON.parse(fs.readFileSync(path.join(path.dirname(dist), 'package.json'), 'utf8')) as unknown },
    environmentVariableCollection: stub('environmentVariableCollection'),
  };
}

interface ExtensionModule {
  activate(context: unknown): unknown;
  deactivate?(): unknown;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

export async function run(): Promise<void> {
  const bundle = path.join(dist, 'extension.js');
  const sizes = ['extension.js', 'sandbox.js'].filter((file) => fs.existsSync(path.join(dist, file))).map((file) => `${file} ${(fs.statSync(path.join(dist, file)).size / 1024).toFixed(1)} KB`);
  const extensionKb = fs.statSync(bundle).size / 1024;
  console.log(`bundle sizes (release build): ${sizes.join(', ')}`);
  console.log(`dist/extension.js: ${extensionKb.toFixed(1)} KB (budget ${SIZE_BUDGET_KB} KB: ${extensionKb < SIZE_BUDGET_KB ? 'within' : 'OVER'})`);

  const vscode = fakeVscode();
  const originalLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    return request === 'vscode' ? vscode : originalLoad.call(this, request, parent, isMain);
  };
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-bench-'));
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const file of ['extension.js', 'sandbox.js']) {
        delete require.cache[path.join(dist, file)];
      }
      const context = fakeContext(storage) as { subscriptions: Array<{ dispose(): unknown }> };
      const started = performance.now();
      const extension = require(bundle) as ExtensionModule;
      await extension.activate(context);
      times.push(performance.now() - started);
      await extension.deactivate?.();
      for (const disposable of context.subscriptions) {
        await disposable.dispose();
      }
    }
  } finally {
    Module._load = originalLoad;
    fs.rmSync(storage, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  console.log(`require + activate() on the sandbox environment, ${RUNS} runs (vscode stubbed, Node ${process.version}):`);
  console.log(`  first ${times[0].toFixed(2)} ms, median ${median.toFixed(2)} ms, p90 ${percentile(sorted, 0.9).toFixed(2)} ms, min ${sorted[0].toFixed(2)} ms (budget ${TIME_BUDGET_MS} ms median: ${median < TIME_BUDGET_MS ? 'within' : 'OVER'})`);
}
