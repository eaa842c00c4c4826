// The one loader of lazily bundled parts: loads a bundle once, on first use, checks its exports,
// and starts a part once with its wiring; and every part the code loads is built and shipped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleLoader, lazyPart } from '../../../src/common/lazyBundle';
import { ROOT, sourceFiles } from '../fakes/sources';

describe('lazily loaded bundles', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-lazy-bundle-'));
    fs.mkdirSync(path.join(dir, 'dist'));
    // A part that counts its starts and hands back what it was given.
    fs.writeFileSync(
      path.join(dir, 'dist', 'counter.js'),
      'let starts = 0; exports.start = (wiring, subscriptions) => { starts++; subscriptions.push({ dispose() {} }); return { wiring, starts: () => starts }; };',
    );
    fs.writeFileSync(path.join(dir, 'dist', 'stale.js'), 'exports.begin = () => undefined;');
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads nothing until first used, then starts the part once with its wiring', () => {
    const context = { extensionPath: dir, subscriptions: [] as Array<{ dispose(): unknown }> };
    const file = path.join(dir, 'dist', 'counter.js');
    const part = lazyPart<{ name: string }, { wiring: { name: string }; starts(): number }>(context, 'counter', { name: 'wired' });
    assert.equal(require.cache[file], undefined);
    assert.equal(part.started, undefined);
    const runtime = part.load();
    assert.ok(require.cache[file]);
    assert.equal(runtime.wiring.name, 'wired');
    assert.equal(part.load(), runtime);
    assert.equal(part.started, runtime);
    assert.equal(runtime.starts(), 1);
    assert.equal(context.subscriptions.length, 1, 'what the part registers is disposed with the extension');
  });

  it('says to rebuild when a bundle lacks an export it must have', () => {
    const context = { extensionPath: dir, subscriptions: [] };
    assert.throws(() => lazyPart(context, 'stale', {}).load(), /stale\.js does not export start; rebuild the extension/);
    assert.throws(() => bundleLoader<{ run(): void }>(path.join(dir, 'dist', 'stale.js'), ['run'])(), /does not export run; rebuild/);
  });

  it('builds and ships every bundle the code loads', () => {
    const code = sourceFiles(path.join(ROOT, 'src')).map((source) => source.text).join('\n');
    const names = new Set([...code.matchAll(/lazyPart<[^>]*>\(context, '(\w+)'/g), ...code.matchAll(/asAbsolutePath\('dist\/(\w+)\.js'\)/g)].map((match) => match[1]));
    assert.ok(names.size >= 7, `found ${[...names].join(', ')}`);
    const build = fs.readFileSync(path.join(ROOT, 'esbuild.js'), 'utf8');
    const shipped = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.deepEqual([...names].filter((name) => !new RegExp(`\\b${name}: 'src/`).test(build)), [], 'loaded but not an entry point of esbuild.js');
    assert.deepEqual([...names].filter((name) => !shipped.includes(`!dist/${name}.js`)), [], 'loaded but not re-included in .vscodeignore');
  });
});
