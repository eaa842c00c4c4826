// The house's floors hold: ESLint's no-restricted-imports (eslint.config.mjs) refuses a room's
// internals from outside it, and the tree as it is passes. Linting without type information keeps
// this quick; only the import rule runs.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../../..');

function linter(): ESLint {
  return new ESLint({
    cwd: ROOT,
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  });
}

async function refusals(file: string, specifier: string): Promise<string[]> {
  const text = `import * as imported from '${specifier}';\nexport const probe = imported;\n`;
  const [result] = await linter().lintText(text, { filePath: path.join(ROOT, file) });
  return result.messages.map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('room boundaries (eslint no-restricted-imports)', function () {
  this.timeout(120_000);

  const refused: Array<[string, string]> = [
    ['src/proxy/simulate.ts', '../sandbox/http/errors'],
    ['src/proxy/simulate.ts', '../sandbox/endpoints/stock'],
    ['src/workbench/probe.ts', '../sandbox/http/routes'],
    ['src/session/probe.ts', '../sandbox/state/snapshot'],
    ['src/traffic/rules/probe.ts', '../../sandbox/endpoints/api'],
    ['src/traffic/rules/probe.ts', '../../sandbox'],
    ['src/traffic/probe.ts', '../proxy'],
    ['src/common/serverLimits.ts', '../sandbox/http/errors'],
    ['src/common/serverLimits.ts', '../sandbox/types'],
    ['src/common/text/probe.ts', '../../workbench/findingText'],
    ['src/common/ui/probe.ts', '../../session'],
    ['src/oto/probe.ts', '../client'],
    ['src/oto/probe.ts', '../common/emitter'],
    ['src/oto/probe.ts', 'node:http'],
    ['src/oto/probe.ts', 'vscode'],
    ['src/client/probe.ts', 'vscode'],
    ['src/proxy/probe.ts', 'vscode'],
    ['src/sandbox/probe.ts', '../proxy'],
    ['src/sandbox/http/probe.ts', '../../sandboxCli/cli'],
    ['src/sandboxCli/probe.ts', 'vscode'],
    ['src/orders/change/probe.ts', '../../operations/history/ledger'],
    ['src/orders/probe.ts', '../operations'],
    ['src/operations/transfer/probe.ts', '../../orders/change/apply'],
    ['src/operations/probe.ts', '../orders/recent/recentChanges'],
    ['src/stockChange/probe.ts', '../orders/context'],
    ['src/stockChange/prompts/probe.ts', '../../operations/journal'],
    ['src/stockChange/probe.ts', '../stock/store/store'],
    ['src/common/probe.ts', '../stockChange/quantity'],
  ];
  for (const [file, specifier] of refused) {
    it(`refuses '${specifier}' in ${file}`, async () => {
      const messages = await refusals(file, specifier);
      assert.equal(messages.length, 1, messages.join('\n'));
      assert.match(messages[0], /^no-restricted-imports: /);
    });
  }

  const allowed: Array<[string, string]> = [
    ['src/proxy/simulate.ts', '../sandbox'],
    ['src/proxy/simulate.ts', '../oto'],
    ['src/sandboxHost/host.ts', '../sandbox/types'],
    ['src/sandbox/http/probe.ts', './errors'],
    ['src/sandbox/http/probe.ts', '../endpoints/api'],
    ['src/common/text/probe.ts', '../../client'],
    ['src/common/probe.ts', '../oto'],
    ['src/oto/probe.ts', './endpoints'],
    ['src/traffic/rules/probe.ts', '../../oto'],
    ['src/workbench/probe.ts', '../sandboxHost/faultsStatus'],
    ['src/orders/change/probe.ts', '../../stockChange/reasonStep'],
    ['src/operations/transfer/probe.ts', '../../stockChange/prompts/steps'],
    ['src/stockChange/probe.ts', '../client'],
    ['src/stockChange/probe.ts', '../common/text/display'],
    ['src/agent/core/probe.ts', '../../orders/change/apply'],
  ];
  for (const [file, specifier] of allowed) {
    it(`allows '${specifier}' in ${file}`, async () => {
      assert.deepEqual(await refusals(file, specifier), []);
    });
  }

  it('the tree as it is crosses no boundary', async () => {
    const results = await linter().lintFiles(['src/**/*.ts']);
    const crossings = results.flatMap((result) =>
      result.messages.map((message) => `${path.relative(ROOT, result.filePath)}:${message.line} ${message.message}`));
    assert.deepEqual(crossings, []);
  });
});
