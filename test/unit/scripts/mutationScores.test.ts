// The score table `npm run mutation` prints and saves: scored as Stryker scores, per file, per folder, overall.
import * as assert from 'node:assert';
import { type MutationReport, scoreRows, scoreTable } from '../../../scripts/mutationScores';

const mutants = (...statuses: string[]): { mutants: Array<{ status: string }> } => ({ mutants: statuses.map((status) => ({ status })) });

describe('mutation score table', () => {
  const report: MutationReport = {
    files: {
      'src/b/two.ts': mutants('Killed', 'Survived', 'NoCoverage', 'Timeout'),
      'src/a/one.ts': mutants('Killed', 'Killed', 'Killed', 'Survived', 'CompileError', 'RuntimeError', 'Ignored'),
      'src/a/none.ts': mutants('Ignored'),
    },
  };

  it('scores killed and timed-out mutants over those that ran or had no test, leaving errors and ignored ones out', () => {
    const rows = scoreRows(report);
    assert.deepStrictEqual(
      rows.map((row) => [row.name, row.score === undefined ? undefined : Number(row.score.toFixed(2))]),
      [
        ['src/a/none.ts', undefined],
        ['src/a/one.ts', 75],
        ['src/b/two.ts', 50],
        ['src/a/', 75],
        ['src/b/', 50],
        ['all', 62.5],
      ],
    );
    const two = rows.find((row) => row.name === 'src/b/two.ts')!;
    assert.deepStrictEqual({ ...two, score: undefined }, { name: 'src/b/two.ts', mutants: 4, killed: 1, timedOut: 1, survived: 1, noCoverage: 1, score: undefined });
  });

  it('prints a Markdown table, one decimal, a dash where nothing was scored', () => {
    const lines = scoreTable(scoreRows(report)).split('\n');
    assert.strictEqual(lines[0], '| file | score | mutants | killed | timed out | survived | no coverage |');
    assert.strictEqual(lines[2], '| src/a/none.ts | — | 1 | 0 | 0 | 0 | 0 |');
    assert.strictEqual(lines.at(-1), '| all | 62.5 % | 12 | 4 | 1 | 2 | 1 |');
  });
});
