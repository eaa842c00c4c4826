// The per-file score table of a Stryker run, from its JSON report (mutation-testing-report-schema):
// what CONTRIBUTING and an issue's resolved note quote. Scored as Stryker scores: killed and timed
// out over every mutant that ran or had no test (compile and runtime errors, ignored mutants left out).

export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly mutants: ReadonlyArray<{ readonly status: string }> }>>;
}

export interface ScoreRow {
  /** A file, or a folder's total (`folder/`), or `all`. */
  readonly name: string;
  readonly mutants: number;
  readonly killed: number;
  readonly timedOut: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Percent, or undefined when nothing in it could be scored. */
  readonly score: number | undefined;
}

type Counts = Omit<ScoreRow, 'name' | 'score'>;

function count(statuses: readonly string[]): Counts {
  const of = (status: string): number => statuses.filter((one) => one === status).length;
  return { mutants: statuses.length, killed: of('Killed'), timedOut: of('Timeout'), survived: of('Survived'), noCoverage: of('NoCoverage') };
}

function row(name: string, counts: Counts): ScoreRow {
  const detected = counts.killed + counts.timedOut;
  const valid = detected + counts.survived + counts.noCoverage;
  return { name, ...counts, score: valid === 0 ? undefined : (detected / valid) * 100 };
}

const folderOf = (file: string): string => file.slice(0, file.lastIndexOf('/') + 1);

/** One row per file, then one per folder, then all of them: files sorted by path. */
export function scoreRows(report: MutationReport): ScoreRow[] {
  const files = Object.keys(report.files).sort();
  const statuses = (names: readonly string[]): string[] => names.flatMap((file) => report.files[file].mutants.map((mutant) => mutant.status));
  const folders = [...new Set(files.map(folderOf))];
  return [
    ...files.map((file) => row(file, count(statuses([file])))),
    ...folders.map((folder) => row(folder, count(statuses(files.filter((file) => folderOf(file) === folder))))),
    row('all', count(statuses(files))),
  ];
}

/** The rows as a Markdown table. */
export function scoreTable(rows: readonly ScoreRow[]): string {
  const lines = rows.map(
    (one) => `| ${one.name} | ${one.score === undefined ? '—' : `${one.score.toFixed(1)} %`} | ${one.mutants} | ${one.killed} | ${one.timedOut} | ${one.survived} | ${one.noCoverage} |`,
  );
  return ['| file | score | mutants | killed | timed out | survived | no coverage |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |', ...lines].join('\n');
}
