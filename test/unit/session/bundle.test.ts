import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { sandboxFromBundle } from '../../../src/session/sandboxBundle';

const root = path.resolve(__dirname, '../../../..');

/** Bundles one entry point the way esbuild.js does, returning what went into it. */
async function bundle(entryPoint: string, outfile?: string): Promise<esbuild.Metafile> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entryPoint],
    bundle: true,
    write: outfile !== undefined,
    outfile,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    logLevel: 'silent',
  });
  return result.metafile;
}

describe('sandbox bundle', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-session-bundle-'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is left out of dist/extension.js', async () => {
    const inputs = Object.keys((await bundle('src/extension.ts')).inputs);
    assert.ok(inputs.includes('src/session/sandboxBundle.ts'), 'the loader is part of the bundle');
    assert.deepStrictEqual(
      inputs.filter((input) => input.startsWith('src/sandbox/')),
      [],
    );
  });

  it('keeps the lazily loaded parts out of dist/extension.js too, each in its own bundle', async () => {
    const inputs = Object.keys((await bundle('src/extension.ts')).inputs);
    // A body that runs only on first use; its shell (index.ts) stays in the main bundle.
    const lazy = [
      'src/operations/runtime.ts',
      'src/recording/commands.ts',
      'src/recording/controller.ts',
      'src/proxy/recording.ts',
      'src/sandboxHost/faultCommands.ts',
      'src/sandboxHost/faultsStatus.ts',
      'src/sandboxHost/scenarioCommands.ts',
      'src/workbench/diagnostics.ts',
      'src/workbench/documents.ts',
      'src/workbench/feed.ts',
      'src/workbench/commands.ts',
      'src/devtools/snapshots/snapshotCommands.ts',
      'src/devtools/hover/checkStockCommand.ts',
      'src/devtools/export/exportCommand.ts',
      'src/orders/change/stockChange.ts',
      'src/orders/inventory/inventoryOrder.ts',
      'src/orders/recent/recentView.ts',
      'src/agent/core/tools.ts',
      'src/agent/core/writes.ts',
      'src/agent/vscode/lazy.ts',
      'src/webhookInbox/controller.ts',
      'src/webhookInbox/trigger.ts',
      'src/webhooks/receiver.ts',
      'src/webhooks/verify.ts',
    ];
    assert.deepStrictEqual(lazy.filter((input) => inputs.includes(input)), []);
    for (const [entry, body] of [['src/recording/lazy.ts', 'src/recording/commands.ts'], ['src/sandboxHost/lazy.ts', 'src/sandboxHost/faultCommands.ts'], ['src/workbench/lazy.ts', 'src/workbench/diagnostics.ts'], ['src/devtools/lazy.ts', 'src/devtools/snapshots/snapshotCommands.ts'], ['src/orders/lazy.ts', 'src/orders/change/stockChange.ts'], ['src/agent/vscode/lazy.ts', 'src/agent/core/tools.ts'], ['src/webhookInbox/lazy.ts', 'src/webhooks/receiver.ts']]) {
      assert.ok(Object.keys((await bundle(entry)).inputs).includes(body), `${entry} bundles ${body}`);
    }
  });

  it('is loaded from its own file only when started, and serves the API', async () => {
    const file = path.join(dir, 'sandbox.js');
    await bundle('src/sandbox/index.ts', file);
    const load = sandboxFromBundle(file);
    assert.strictEqual(require.cache[file], undefined, 'nothing is loaded before the start');
    const sandbox = await load().startSandbox();
    try {
      assert.ok(require.cache[file]);
      assert.match(sandbox.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/rest\/v2$/);
      const response = await fetch(`${sandbox.baseUrl}/healthCheck`);
      assert.deepStrictEqual(await response.json(), { status: 'ok' });
    } finally {
      await sandbox.close();
    }
  });

  it('says to rebuild when the file is not the sandbox bundle', async () => {
    const file = path.join(dir, 'not-a-sandbox.js');
    fs.writeFileSync(file, 'module.exports = {};');
    assert.throws(() => sandboxFromBundle(file)(), /does not export startSandbox; rebuild/);
  });
});
