// The geometry of the stock history chart, without a DOM: on hand over time per location as
// step lines (a change holds until the next one), scaled into the plot area, with axis ticks.
// Dense series are thinned to at most four points per pixel column (first, lowest, highest and
// last), so 10,000 changes draw about as fast as a few hundred and look the same.
import type { HistoryRow, LocationNow } from './protocol';

export interface Point {
  t: number;
  value: number;
}

export interface Series {
  locationCode: string;
  points: Point[];
}

export interface ChartBox {
  width: number;
  height: number;
  /** Space for the axes' labels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Right to left (Arabic): time runs from right to left, the value axis stands on the right. */
  rtl: boolean;
}

/** The narrowest chart drawn; a narrower slot scrolls it sideways rather than shrink its labels. */
export const MIN_CHART_WIDTH = 320;

/**
 * The chart's box for a slot `slotWidth` CSS pixels wide, with labels in a `fontPx` font: one unit
 * of the drawing is one CSS pixel at every width (the page redraws when the slot's width changes
 * instead of letting the SVG stretch, which scaled its text with the panel), and the room for the
 * labels follows the font, not the width.
 */
export function chartBox(slotWidth: number, fontPx: number, rtl: boolean): ChartBox {
  const font = Number.isFinite(fontPx) && fontPx > 0 ? fontPx : 13;
  const width = Math.max(MIN_CHART_WIDTH, Math.floor(Number.isFinite(slotWidth) ? slotWidth : 0));
  return { width, height: 240 + Math.round(2 * font), left: Math.round(4.5 * font), right: 16, top: 12, bottom: Math.round(2.2 * font), rtl };
}

export interface Tick {
  position: number;
  value: number;
}

export interface ChartGeometry {
  paths: Array<{ locationCode: string; d: string; last: { x: number; y: number; value: number } }>;
  xTicks: Tick[];
  yTicks: Tick[];
  plot: { x0: number; x1: number; y0: number; y1: number };
}

/** Per location, on hand before (where it differs from the figure before it) and after each change, ending at the figure read now. */
export function seriesFromRows(rows: readonly HistoryRow[], now: readonly LocationNow[], readAt: number): Series[] {
  const byLocation = new Map<string, Point[]>();
  // The host sends the ledger in time order: sorting is then only a check (10,000 rows: the chart's budget).
  let ordered = true;
  for (let index = 1; index < rows.length && ordered; index++) {
    ordered = rows[index - 1].time <= rows[index].time;
  }
  const sorted = ordered ? rows : [...rows].sort((a, b) => a.time - b.time);
  for (const row of sorted) {
    if (row.after === undefined) {
      continue;
    }
    let points = byLocation.get(row.locationCode);
    if (!points) {
      points = [];
      byLocation.set(row.locationCode, points);
    }
    const previous = points.length > 0 ? points[points.length - 1].value : undefined;
    const before = row.before ?? previous ?? row.after;
    // The line holds the figure drawn last until the next change: a change from that same figure
    // (the usual case) needs no point of its own for it, which halves the points of a long ledger.
    if (before !== previous) {
      points.push({ t: row.time, value: before });
    }
    points.push({ t: row.time, value: row.after });
  }
  for (const { locationCode, onHand } of now) {
    const points = byLocation.get(locationCode);
    if (points && points.length > 0) {
      points.push({ t: Math.max(readAt, points[points.length - 1].t), value: onHand });
    }
  }
  return [...byLocation.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([locationCode, points]) => ({ locationCode, points }));
}

/** Round steps (1, 2, 5 × 10ⁿ) covering [min, max] in about `count` ticks. */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min)) {
    return [min];
  }
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? raw;
  // From the step at or below min to the one at or above max: the highest line (and the lowest)
  // has a labelled figure beyond it rather than running above the last label.
  const ticks: number[] = [];
  const first = Math.floor(min / step + 1e-9) * step;
  for (let value = first; ticks.length === 0 || ticks[ticks.length - 1] < max - step * 1e-9; value += step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  return ticks;
}

/** Below this many points a series is drawn point by point; from it on, by pixel column. */
const REDUCE_FROM = 2000;

/**
 * The chart of `series`, each in time order (as `seriesFromRows` makes them). The page runs this
 * on cold code the moment a history arrives, before V8 has optimised anything: each point is
 * read once, to thin a dense series to its pixel columns, and only what is kept is measured and
 * drawn.
 */
export function chartGeometry(series: readonly Series[], box: ChartBox): ChartGeometry {
  const plot = box.rtl
    ? { x0: box.right, x1: box.width - box.left, y0: box.top, y1: box.height - box.bottom }
    : { x0: box.left, x1: box.width - box.right, y0: box.top, y1: box.height - box.bottom };
  const lines = series.filter((line) => line.points.length > 0);
  if (lines.length === 0) {
    return { paths: [], xTicks: [], yTicks: [], plot };
  }
  // In time order, a series' first and last points bound its time.
  let tMin = Infinity;
  let tMax = -Infinity;
  for (const { points } of lines) {
    tMin = Math.min(tMin, points[0].t);
    tMax = Math.max(tMax, points[points.length - 1].t);
  }
  const width = plot.x1 - plot.x0;
  const tickCount = Math.max(2, Math.floor(width / 110));
  // A history of a few seconds holds no whole minute (or one): its time axis would have no label
  // or one. It is widened to the whole minutes around it, which are labelled.
  if (tMax === tMin || timeTicks(tMin, tMax, tickCount).length < 2) {
    tMin = Math.floor(tMin / MINUTE) * MINUTE;
    tMax = Math.max(tMin + MINUTE, Math.ceil(tMax / MINUTE) * MINUTE);
  }
  const kept = lines.map((line) => byPixelColumn(line.points, tMin, width / (tMax - tMin)));
  // Each column keeps its lowest and highest point, so the kept points span every value.
  let vMin = 0;
  let vMax = -Infinity;
  for (const points of kept) {
    for (const { value } of points) {
      vMin = value < vMin ? value : vMin;
      vMax = value > vMax ? value : vMax;
    }
  }
  const yTicks = niceTicks(vMin, vMax <= vMin ? vMin + 1 : vMax, 5);
  const yTop = Math.max(vMax, yTicks[yTicks.length - 1]);
  const yBottom = Math.min(vMin, yTicks[0]);
  const xMap: LinearMap = { origin: box.rtl ? plot.x1 : plot.x0, from: tMin, factor: (box.rtl ? -width : width) / (tMax - tMin) };
  const yMap: LinearMap = { origin: plot.y1, from: yBottom, factor: -(plot.y1 - plot.y0) / (yTop - yBottom || 1) };
  const x = (t: number): number => round(xMap.origin + (t - xMap.from) * xMap.factor);
  const y = (value: number): number => round(yMap.origin + (value - yMap.from) * yMap.factor);
  const paths = lines.map((line, index) => {
    const end = line.points[line.points.length - 1];
    return { locationCode: line.locationCode, d: stepPath(kept[index], xMap, yMap, kept[index] !== line.points), last: { x: x(end.t), y: y(end.value), value: end.value } };
  });
  const xTicks = timeTicks(tMin, tMax, tickCount).map((t) => ({ position: x(t), value: t }));
  return { paths, xTicks, yTicks: yTicks.map((value) => ({ position: y(value), value })), plot };
}

/** `origin + (v − from) × factor`: where a value lies on an axis. */
interface LinearMap {
  origin: number;
  from: number;
  factor: number;
}

/**
 * A dense series thinned to the first, lowest, highest and last point of each pixel column (in
 * time order, each once; columns counted from `t0`, the plot's edge): the drawn line is
 * unchanged. A sparse one as it is.
 */
function byPixelColumn(points: readonly Point[], t0: number, pixelsPerMs: number): readonly Point[] {
  if (points.length < REDUCE_FROM) {
    return points;
  }
  const msPerPixel = 1 / pixelsPerMs;
  const kept: Point[] = [];
  let start = 0;
  while (start < points.length) {
    // The column's end as a time: inside it, each point costs a comparison, not a position.
    const columnEnd = t0 + (Math.floor((points[start].t - t0) * pixelsPerMs) + 1) * msPerPixel;
    let low = start;
    let high = start;
    let lowValue = points[start].value;
    let highValue = lowValue;
    let next = start + 1;
    for (; next < points.length && points[next].t < columnEnd; next++) {
      const value = points[next].value;
      if (value < lowValue) {
        low = next;
        lowValue = value;
      } else if (value > highValue) {
        high = next;
        highValue = value;
      }
    }
    const first = Math.min(low, high);
    const second = Math.max(low, high);
    kept.push(points[start]);
    if (first > start) {
      kept.push(points[first]);
    }
    if (second > first) {
      kept.push(points[second]);
    }
    if (next - 1 > second) {
      kept.push(points[next - 1]);
    }
    start = next;
  }
  return kept;
}

/**
 * The step line through `points` (a change holds until the next one) as SVG path data. Turning
 * numbers into text is most of the cost here on cold code, so each value's `V` command is made
 * once, and a thinned series (`byColumn`) is drawn at whole-pixel columns: one `H` per column.
 */
function stepPath(points: readonly Point[], xMap: LinearMap, yMap: LinearMap, byColumn: boolean): string {
  const { origin: x0, from: t0, factor: xFactor } = xMap;
  const { origin: y0, from: v0, factor: yFactor } = yMap;
  const pixelsPerMs = Math.abs(xFactor);
  const direction = Math.sign(xFactor);
  const vertical = new Map<number, string>();
  let d = '';
  let previousX = Number.NaN;
  let previousY = '';
  for (const { t, value } of points) {
    const px = byColumn ? x0 + direction * Math.floor((t - t0) * pixelsPerMs) : round(x0 + (t - t0) * xFactor);
    let py = vertical.get(value);
    if (py === undefined) {
      py = `V${round(y0 + (value - v0) * yFactor)}`;
      vertical.set(value, py);
    }
    if (d === '') {
      d = `M${px} ${py.slice(1)}`;
    } else {
      // A step: hold the previous figure until this change, then move to it.
      if (px !== previousX) {
        d += `H${px}`;
      }
      if (py !== previousY) {
        d += py;
      }
    }
    previousX = px;
    previousY = py;
  }
  return d;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_STEPS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY];

/** Ticks at round times (whole minutes, hours, days…), about `count` of them. */
export function timeTicks(tMin: number, tMax: number, count: number): number[] {
  const step = TIME_STEPS.find((candidate) => (tMax - tMin) / candidate <= count) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(tMin / step) * step; t <= tMax; t += step) {
    ticks.push(t);
  }
  return ticks;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
