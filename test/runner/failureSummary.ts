// The closing summary of a test run: one line of counts, then every failed test (a hook counts as
// one) on a line of its own, suite path and title, so a red run says at once what broke.
// Shared by the unit reporter (specWithSummary.ts) and the in-editor launcher (codeServerTests.ts).

/** `describe` titles then the test's (or hook's) own title. */
export type TitlePath = readonly string[];

export function failureSummary(kind: string, passed: number, failed: readonly TitlePath[]): string[] {
  return [`${kind}: ${passed} passed, ${failed.length} failed`, ...failed.map((titles) => `  failed: ${titles.filter(Boolean).join(' › ')}`)];
}
