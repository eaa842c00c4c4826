// The closing summary of a test run: one line of counts, then every failed test (a hook counts as
// one) on a line of its own, suite path and title, so a red run says at once what broke. A failure
// may carry what was seen when it happened (its error, what the workbench showed): CI keeps only
// the tail of a long log, so what explains a failure that happens once in twenty is printed here,
// beside its name, not only where the test ran.
// Shared by the unit reporter (specWithSummary.ts) and the in-editor launcher (codeServerTests.ts).

/** `describe` titles then the test's (or hook's) own title. */
export type TitlePath = readonly string[];

export interface FailedTest {
  titles: TitlePath;
  /** Printed indented under the failure's line, each cut to a line of at most `DETAIL_CHARS`. */
  details?: readonly string[];
}

const DETAIL_CHARS = 400;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > DETAIL_CHARS ? `${flat.slice(0, DETAIL_CHARS - 1)}…` : flat;
}

export function failureSummary(kind: string, passed: number, failed: readonly FailedTest[]): string[] {
  return [
    `${kind}: ${passed} passed, ${failed.length} failed`,
    ...failed.flatMap(({ titles, details = [] }) => [`  failed: ${titles.filter(Boolean).join(' › ')}`, ...details.map((detail) => `    ${oneLine(detail)}`)]),
  ];
}
