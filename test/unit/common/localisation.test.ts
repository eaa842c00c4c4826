// The host hands VS Code's bundle and display language to the code that runs without `vscode`
// (here the stock-change flows' quantity preview), through @vscode/l10n.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module = require('node:module');
import * as path from 'node:path';
import { preview } from '../../../src/stockChange/quantity';
import { arabicBundle } from '../l10nBundle';

const ARABIC = arabicBundle();

interface StandIn {
  l10n: { bundle: Record<string, string> | undefined };
  env: { language: string };
}

/** The stand-in `vscode` common/text/localisation.ts is loaded with (plain Node has none). */
const vscode: StandIn = { l10n: { bundle: undefined }, env: { language: 'en' } };

function loadLocalisation(): typeof import('../../../src/common/text/localisation') {
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : original.call(this, request, ...rest);
  };
  try {
    return require('../../../src/common/text/localisation') as typeof import('../../../src/common/text/localisation');
  } finally {
    loader._load = original;
  }
}

const { configureLocalisation } = loadLocalisation();

/** What activation does when VS Code runs in the given language with the given bundle. */
function configureAs(state: StandIn): void {
  Object.assign(vscode, state);
  configureLocalisation();
}

describe('localisation: the host configures @vscode/l10n once', () => {
  afterEach(() => configureAs({ l10n: { bundle: undefined }, env: { language: 'en' } }));

  it('gives a pure module its English words until configured', () => {
    assert.equal(preview('adjust', 5, '-10'), '5 → -5 (below zero)');
  });

  it('gives a pure module the Arabic words and digits of VS Code’s Arabic bundle', () => {
    configureAs({ l10n: { bundle: ARABIC }, env: { language: 'ar' } });
    const five = new Intl.NumberFormat('ar').format(5);
    const minusFive = new Intl.NumberFormat('ar').format(-5);
    assert.equal(preview('adjust', 5, '-10'), `${five} ← ${minusFive} (أقل من الصفر)`);
  });

  it('goes back to English when VS Code has no bundle (the English display language)', () => {
    configureAs({ l10n: { bundle: ARABIC }, env: { language: 'ar' } });
    configureAs({ l10n: { bundle: undefined }, env: { language: 'en' } });
    assert.equal(preview('adjust', 5, '-10'), '5 → -5 (below zero)');
  });

  it('is done by every host bundle esbuild.js builds, each having its own copy of @vscode/l10n', () => {
    const root = path.resolve(__dirname, '..', '..', '..', '..');
    const entries = [...fs.readFileSync(path.join(root, 'esbuild.js'), 'utf8').matchAll(/'(src\/(?:extension|\w+\/lazy)\.ts)'/g)].map((match) => match[1]);
    assert.ok(entries.includes('src/extension.ts') && entries.length > 1, `entries found: ${entries.join(', ')}`);
    const missing = entries.filter((entry) => !/\bconfigureLocalisation\(\);/.test(fs.readFileSync(path.join(root, entry), 'utf8')));
    assert.deepEqual(missing, [], 'bundles that would show English in Arabic');
  });
});
