// Where a page's render time goes, from one extra run traced through the Chrome DevTools Protocol
// (the timed runs stay untraced: tracing adds its own cost). The renderer's main-thread events
// between two marks the page run sets are split by kind, each event counted without the events
// nested in it; the waits between them (for the next frame) are what is left of the wall time.
import type { Page } from 'playwright-core';

export interface TraceBreakdown {
  scriptMs: number;
  styleLayoutMs: number;
  paintMs: number;
  /** Everything else on the main thread: garbage collection, intersection checks, tracing itself. */
  otherMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

const KINDS: Record<string, keyof Omit<TraceBreakdown, 'otherMs'>> = {
  FunctionCall: 'scriptMs',
  EvaluateScript: 'scriptMs',
  TimerFire: 'scriptMs',
  FireAnimationFrame: 'scriptMs',
  EventDispatch: 'scriptMs',
  RunMicrotasks: 'scriptMs',
  UpdateLayoutTree: 'styleLayoutMs',
  Layout: 'styleLayoutMs',
  PrePaint: 'paintMs',
  Paint: 'paintMs',
  Layerize: 'paintMs',
  Commit: 'paintMs',
};

/** Which kind an event's own time counts as: V8's own events are script (a call from the bench's evaluate, compiling, tiering up) but for garbage collection. */
function kindOf(name: string): keyof TraceBreakdown {
  if (Object.hasOwn(KINDS, name)) {
    return KINDS[name];
  }
  return /^v8\./i.test(name) && !/^V8\.GC|GC$/.test(name) ? 'scriptMs' : 'otherMs';
}

/** Marks the page sets around the work to trace (`performance.mark`). */
export const TRACE_START = 'oto-bench-start';
export const TRACE_END = 'oto-bench-end';

/** Runs `work` (which must set the two marks in the page) under a trace, and splits the time between the marks. */
export async function traceBreakdown(page: Page, work: () => Promise<unknown>): Promise<TraceBreakdown> {
  const session = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8', transferMode: 'ReportEvents' });
  try {
    await work();
  } finally {
    await session.send('Tracing.end');
    await complete;
    await session.detach();
  }
  const start = events.find((event) => event.name === TRACE_START);
  const end = events.find((event) => event.name === TRACE_END);
  if (!start || !end) {
    throw new Error('the traced run set no start and end marks');
  }
  // The page's main thread (the one its marks were set on), each event cut to the marks: the run's
  // own script starts in the call that set the first mark.
  const inWindow = events
    .filter((event) => event.ph === 'X' && event.pid === start.pid && event.tid === start.tid && event.dur !== undefined && event.ts < end.ts && event.ts + event.dur > start.ts)
    .map((event) => {
      const from = Math.max(event.ts, start.ts);
      return { ...event, ts: from, dur: Math.min(event.ts + (event.dur ?? 0), end.ts) - from };
    })
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const result: TraceBreakdown = { scriptMs: 0, styleLayoutMs: 0, paintMs: 0, otherMs: 0 };
  const stack: TraceEvent[] = [];
  for (const event of inWindow) {
    while (stack.length > 0 && stack[stack.length - 1].ts + (stack[stack.length - 1].dur ?? 0) <= event.ts) {
      stack.pop();
    }
    const ms = (event.dur ?? 0) / 1000;
    const parent = stack[stack.length - 1];
    if (parent) {
      result[kindOf(parent.name)] -= ms;
    }
    result[kindOf(event.name)] += ms;
    stack.push(event);
  }
  return result;
}

export function formatBreakdown(breakdown: TraceBreakdown): string {
  const { scriptMs, styleLayoutMs, paintMs, otherMs } = breakdown;
  return `script ${scriptMs.toFixed(1)} ms, style and layout ${styleLayoutMs.toFixed(1)} ms, paint ${paintMs.toFixed(1)} ms, other ${otherMs.toFixed(1)} ms (one traced run; the rest of the wall time waits for frames)`;
}
