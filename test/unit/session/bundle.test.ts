import * as assert from 'node:assert';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

describe('extension bundle', () => {
  it('leaves the sandbox out of dist/extension.js (it is loaded from dist/sandbox.js only when used)', async () => {
    const root = path.resolve(__dirname, '../../../..');
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ['src/extension.ts'],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.includes('src/session/session.ts'), 'the session is part of the bundle');
    assert.deepStrictEqual(
      inputs.filter((input) => input.startsWith('src/sandbox/')),
      [],
    );
  });
});
