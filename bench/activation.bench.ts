// Bundle budget: size of the release dist/extension.js (at most 150 KB) and the time from
// `require` of the bundle to the end of `activate()` on the sandbox environment (under 50 ms
// median); over either, the bench says OVER BUDGET and exits non-zero. Then the first use of each
// lazily loaded bundle (what its loading adds to a command or view the first time). The extension host cannot be re-entered in a loop, so `vscode` is an inert stub
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
  'CodeLens', 'Diagnostic', 'DiagnosticSeverity', 'Disposable', 'FileSystemError', 'lm', 'LanguageModelTextPart',
  'LanguageModelToolResult', 'McpStdioServerDefinition',
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

/** The `oto.*` defaults package.json contributes, which VS Code's configuration answers with when nothing is set. */
function contributedDefaults(): Map<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(dist), 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };
  return new Map(Object.entries(manifest.contributes.configuration.properties).map(([key, entry]) => [key.replace(/^oto\./, ''), entry.default]));
}

function fakeVscode(registry: Registry, settings: Map<string, unknown>): Record<string, unknown> {
  const defaults = contributedDefaults();
  const configuration = {
    get: (key: string, fallback?: unknown) => (settings.has(key) ? settings.get(key) : defaults.has(key) ? defaults.get(key) : fallback),
    has: () => false,
    inspect: (key: string) => (defaults.has(key) ? { key: `oto.${key}`, defaultValue: defaults.get(key) } : undefined),
    update: async () => undefined,
  };
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
    window: stub('window', {
      createTreeView: (id: string, options: { treeDataProvider: { getChildren(element?: unknown): unknown } }) => {
        registry.views.set(id, options.treeDataProvider);
        return hiddenView();
      },
      state: { focused: true },
      activeTextEditor: undefined,
    }),
    commands: stub('commands', {
      registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
        registry.commands.set(id, run);
        return { dispose: () => registry.commands.delete(id) };
      },
    }),
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

/** The bundles loaded on first use (esbuild.js), and a command or view that loads each one. */
const LAZY_PARTS: Array<{ file: string; use: string; run(registry: Registry): unknown }> = [
  { file: 'orders.js', use: 'OTO: Show Recent Changes (none yet)', run: (registry) => registry.command('oto.showRecentChanges') },
  { file: 'operations.js', use: 'OTO: Review Interrupted Stock Changes', run: (registry) => registry.command('oto.reviewStockChanges') },
  { file: 'recording.js', use: 'OTO: Stop Recording Proxy', run: (registry) => registry.command('oto.stopRecordingProxy') },
  { file: 'sandboxHost.js', use: 'OTO: Clear Sandbox Faults', run: (registry) => registry.command('oto.clearSandboxFaults') },
  { file: 'workbench.js', use: 'Sandbox Traffic view shown', run: (registry) => registry.rows('oto.sandboxTraffic') },
  { file: 'devtools.js', use: 'OTO: Check Stock of Selection (no editor)', run: (registry) => registry.command('oto.checkStockOfSelection') },
];
const OTHER_BUNDLES = ['sandbox.js', 'proxy.js'];

/** What activate() registered with the stubbed `vscode`, to use as VS Code would. */
class Registry {
  readonly commands = new Map<string, (...args: unknown[]) => unknown>();
  readonly views = new Map<string, { getChildren(element?: unknown): unknown }>();
  command(id: string): unknown {
    const run = this.commands.get(id);
    if (!run) {
      throw new Error(`${id} is not registered at activation`);
    }
    return run();
  }
  rows(view: string): unknown {
    const provider = this.views.get(view);
    if (!provider) {
      throw new Error(`no tree view ${view} at activation`);
    }
    return provider.getChildren();
  }
}

const kb = (file: string): number => fs.statSync(path.join(dist, file)).size / 1024;

function forgetBundles(): void {
  for (const file of ['extension.js', ...LAZY_PARTS.map((part) => part.file), ...OTHER_BUNDLES]) {
    delete require.cache[path.join(dist, file)];
  }
}

async function activateOnce(registry: Registry, storage: string): Promise<{ ms: number; context: { subscriptions: Array<{ dispose(): unknown }> }; extension: ExtensionModule }> {
  forgetBundles();
  registry.commands.clear();
  registry.views.clear();
  const context = fakeContext(storage) as { subscriptions: Array<{ dispose(): unknown }> };
  const started = performance.now();
  const extension = require(path.join(dist, 'extension.js')) as ExtensionModule;
  await extension.activate(context);
  return { ms: performance.now() - started, context, extension };
}

async function deactivate({ context, extension }: { context: { subscriptions: Array<{ dispose(): unknown }> }; extension: ExtensionModule }): Promise<void> {
  await extension.deactivate?.();
  for (const disposable of context.subscriptions) {
    await disposable.dispose();
  }
}

async function timed(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const median = (values: number[]): number => percentile([...values].sort((a, b) => a - b), 0.5);

export async function run(): Promise<void> {
  const extensionKb = kb('extension.js');
  const present = (file: string) => fs.existsSync(path.join(dist, file));
  console.log('bundle sizes (release build):');
  console.log(`  extension.js ${extensionKb.toFixed(1)} KB (loaded at activation)`);
  for (const part of LAZY_PARTS.filter((each) => present(each.file))) {
    console.log(`  ${part.file} ${kb(part.file).toFixed(1)} KB (loaded on first use: ${part.use})`);
  }
  for (const file of OTHER_BUNDLES.filter(present)) {
    console.log(`  ${file} ${kb(file).toFixed(1)} KB (loaded when started)`);
  }
  const withinSize = extensionKb <= SIZE_BUDGET_KB;
  console.log(`dist/extension.js: ${extensionKb.toFixed(1)} KB (budget ${SIZE_BUDGET_KB} KB: ${withinSize ? 'within' : 'OVER BUDGET'})`);

  const registry = new Registry();
  const settings = new Map<string, unknown>();
  const vscode = fakeVscode(registry, settings);
  const originalLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    return request === 'vscode' ? vscode : originalLoad.call(this, request, parent, isMain);
  };
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-bench-'));
  const times: number[] = [];
  const firstUse = new Map<string, { first: number[]; again: number[] }>(LAZY_PARTS.map((part) => [part.file, { first: [], again: [] }]));
  try {
    for (let i = 0; i < RUNS; i++) {
      const activated = await activateOnce(registry, storage);
      times.push(activated.ms);
      await deactivate(activated);
    }
    // Apart from the activations above, so loading the lazy bundles does not weigh on them; on
    // staging, where no sandbox starts in the background (it would load the workbench with it).
    settings.set('environment', 'staging');
    for (let i = 0; i < RUNS; i++) {
      const activated = await activateOnce(registry, storage);
      for (const part of LAZY_PARTS) {
        const figures = firstUse.get(part.file)!;
        figures.first.push(await timed(() => part.run(registry)));
        figures.again.push(await timed(() => part.run(registry)));
      }
      await deactivate(activated);
    }
  } finally {
    Module._load = originalLoad;
    fs.rmSync(storage, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  const activation = median(times);
  const withinTime = activation < TIME_BUDGET_MS;
  console.log(`require + activate() on the sandbox environment, ${RUNS} runs (vscode stubbed, Node ${process.version}):`);
  console.log(`  first ${times[0].toFixed(2)} ms, median ${activation.toFixed(2)} ms, p90 ${percentile(sorted, 0.9).toFixed(2)} ms, min ${sorted[0].toFixed(2)} ms (budget ${TIME_BUDGET_MS} ms median: ${withinTime ? 'within' : 'OVER BUDGET'})`);
  console.log(`first use of each lazily loaded part after activation (require + start + the command), median of ${RUNS}; "again" is the same use once loaded:`);
  for (const part of LAZY_PARTS) {
    const figures = firstUse.get(part.file)!;
    const first = median(figures.first);
    const again = median(figures.again);
    console.log(`  ${part.file.padEnd(16)} ${part.use.padEnd(40)} first ${first.toFixed(2)} ms, again ${again.toFixed(2)} ms (load costs ${(first - again).toFixed(2)} ms)`);
  }
  if (!withinSize || !withinTime) {
    console.error(`OVER BUDGET: ${[!withinSize && `dist/extension.js is ${extensionKb.toFixed(1)} KB (budget ${SIZE_BUDGET_KB} KB)`, !withinTime && `activation median ${activation.toFixed(2)} ms (budget ${TIME_BUDGET_MS} ms)`].filter(Boolean).join('; ')}`);
    process.exitCode = 1;
  }
}
