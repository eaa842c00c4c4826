// The sandbox CLI saved into a project: the start line its message offers, and the file itself.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { SANDBOX_VERSION } from '../../../src/sandbox/control/version';
import { startCommandFor } from '../../../src/sandboxHost/sandboxFile';

const ROOT = path.join(__dirname, '..', '..', '..', '..');

describe('the sandbox saved for CI', () => {
  it('starts it by its path from the project folder, or its whole path when saved elsewhere, quoted when the path needs it', () => {
    const project = path.join(path.sep, 'work', 'erp');
    assert.strictEqual(startCommandFor(path.join(project, 'oto-sandbox.js'), project), 'node oto-sandbox.js --port 8787 --log traffic.jsonl --fail-on error --exit-after-idle 10');
    assert.strictEqual(startCommandFor(path.join(project, 'ci', 'tools', 'oto-sandbox.js'), project).split(' ')[1], 'ci/tools/oto-sandbox.js');
    const elsewhere = path.join(path.sep, 'tmp', 'oto-sandbox.js');
    assert.strictEqual(startCommandFor(elsewhere, project).split(' ')[1], elsewhere);
    assert.strictEqual(startCommandFor(elsewhere, undefined).split(' ')[1], elsewhere);
    assert.match(startCommandFor(path.join(project, 'test tools', 'oto-sandbox.js'), project), /^node "test tools\/oto-sandbox\.js" --port 8787 /);
  });

  it('says its version, the one package.json and the control API give, with --version', () => {
    const said = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'oto-sandbox.js'), '--version'], { encoding: 'utf8', timeout: 10_000 });
    assert.strictEqual(said.trim(), `oto-sandbox ${SANDBOX_VERSION}`);
    assert.strictEqual(SANDBOX_VERSION, (require(path.join(ROOT, 'package.json')) as { version: string }).version);
  });
});
