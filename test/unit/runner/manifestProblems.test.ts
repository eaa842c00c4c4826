// The launcher fails a run on a contribution VS Code refused: it must find those lines, ours only.
import * as assert from 'node:assert/strict';
import { manifestProblems } from '../../../test/runner/manifestProblems';

describe('the in-editor launcher: contributions VS Code refused', () => {
  it('reads our extension\'s extension-point messages from the workbench console, once each, and no one else\'s', () => {
    const console = [
      'workbench started',
      "[oto-stock.oto-stock]: Tool set 'otoStock' CANNOT have an empty tools array (none of the tools were found)",
      "[oto-stock.oto-stock]: Tool set 'otoStock' CANNOT have an empty tools array (none of the tools were found)",
      '[vscode.git]: something of the git extension',
      'a line that mentions [oto-stock.oto-stock]: in the middle',
    ].join('\n');
    assert.deepEqual(manifestProblems(console, 'oto-stock.oto-stock'), ["Tool set 'otoStock' CANNOT have an empty tools array (none of the tools were found)"]);
    assert.deepEqual(manifestProblems('[vscode.git]: x\n', 'oto-stock.oto-stock'), []);
  });
});
