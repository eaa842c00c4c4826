// How times and durations read in logs, views and the sandbox CLI.

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The second `formatTime` worded last and its `14:03:07.`: the sandbox CLI words thousands a second. */
let lastSecond = Number.NaN;
let lastSecondText = '';

/** Local wall-clock time with milliseconds, e.g. `14:03:07.250`. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs);
  const millisecond = date.getMilliseconds();
  const second = date.getTime() - millisecond;
  if (second !== lastSecond) {
    lastSecond = second;
    lastSecondText = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.`;
  }
  return `${lastSecondText}${pad(millisecond, 3)}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
