// The one reader for the JSONL files we append to (the ledger, operation journals, the traffic
// log that recordings replay). Appends are not atomic: a process stopped mid-write leaves its last
// line cut short. That torn tail is expected and left out quietly; any other line that is not
// what the file should hold is reported by number, so each caller decides whether it may skip it.

export interface JsonLines<T> {
  values: T[];
  /** 1-based numbers of complete lines that were not JSON or not what `accept` takes. */
  bad: number[];
  /** The last line was cut short (no newline and not JSON) and is not in `values`. */
  torn: boolean;
}

export function readJsonLines<T>(text: string, accept: (value: unknown) => value is T): JsonLines<T> {
  const lines = text.split('\n');
  const result: JsonLines<T> = { values: [], bad: [], torn: false };
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    const last = index === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (last) {
        result.torn = true;
      } else {
        result.bad.push(index + 1);
      }
      return;
    }
    if (accept(value)) {
      result.values.push(value);
    } else {
      result.bad.push(index + 1);
    }
  });
  return result;
}
