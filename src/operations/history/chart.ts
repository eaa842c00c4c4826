// The geometry of the stock history chart, without a DOM: on hand over time per location as
// step lines (a change holds until the next one), scaled into the plot area, with axis ticks.
// Dense series are reduced to at most a few points per pixel column (first, min, max, last of
// each column), so 10,000 changes draw as fast as a few hundred and look the same.
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

/** Per location, on hand before and after each change, ending at the figure read now. */
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
    points.push({ t: row.time, value: row.before ?? previous ?? row.after }, { t: row.time, value: row.after });
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
  const ticks: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  return ticks;
}

export function chartGeometry(series: readonly Series[], box: ChartBox): ChartGeometry {
  const plot = box.rtl
    ? { x0: box.right, x1: box.width - box.left, y0: box.top, y1: box.height - box.bottom }
    : { x0: box.left, x1: box.width - box.right, y0: box.top, y1: box.height - box.bottom };
  let tMin = Infinity;
  let tMax = -Infinity;
  let vMin = 0;
  let vMax = -Infinity;
  for (const line of series) {
    for (const point of line.points) {
      tMin = point.t < tMin ? point.t : tMin;
      tMax = point.t > tMax ? point.t : tMax;
      vMin = point.value < vMin ? point.value : vMin;
      vMax = point.value > vMax ? point.value : vMax;
    }
  }
  if (vMax === -Infinity) {
    return { paths: [], xTicks: [], yTicks: [], plot };
  }
  if (tMax === tMin) {
    tMax = tMin + 60_000;
  }
  const yTicks = niceTicks(vMin, vMax <= vMin ? vMin + 1 : vMax, 5);
  const yTop = Math.max(vMax, yTicks[yTicks.length - 1]);
  const yBottom = Math.min(vMin, yTicks[0]);
  const width = plot.x1 - plot.x0;
  const x = (t: number): number => {
    const share = (t - tMin) / (tMax - tMin);
    return box.rtl ? plot.x1 - share * width : plot.x0 + share * width;
  };
  const y = (value: number): number => plot.y1 - ((value - yBottom) / (yTop - yBottom || 1)) * (plot.y1 - plot.y0);
  const paths = series.filter((line) => line.points.length > 0).map((line) => {
    const reduced = reduceToColumns(line.points, x);
    let d = '';
    let previousX: number | undefined;
    let previousY: number | undefined;
    for (const point of reduced) {
      const px = round(x(point.t));
      const py = round(y(point.value));
      // A step: hold the previous figure until this change, then move to it.
      d += d === '' ? `M${px} ${py}` : `${px === previousX ? '' : `H${px}`}${py === previousY ? '' : `V${py}`}`;
      previousX = px;
      previousY = py;
    }
    const end = line.points[line.points.length - 1];
    return { locationCode: line.locationCode, d, last: { x: round(x(end.t)), y: round(y(end.value)), value: end.value } };
  });
  const xTicks = timeTicks(tMin, tMax, Math.max(2, Math.floor(width / 110))).map((t) => ({ position: round(x(t)), value: t }));
  return { paths, xTicks, yTicks: yTicks.map((value) => ({ position: round(y(value)), value })), plot };
}

/** Keeps, per pixel column, the first, lowest, highest and last point: the drawn line is unchanged. */
function reduceToColumns(points: readonly Point[], x: (t: number) => number): Point[] {
  if (points.length < 2000) {
    return [...points];
  }
  const kept: Point[] = [];
  let start = 0;
  while (start < points.length) {
    const column = Math.round(x(points[start].t));
    let end = start + 1;
    let low = start;
    let high = start;
    for (; end < points.length && Math.round(x(points[end].t)) === column; end++) {
      low = points[end].value < points[low].value ? end : low;
      high = points[end].value > points[high].value ? end : high;
    }
    // In time order, each point once.
    let last = -1;
    for (const index of [start, Math.min(low, high), Math.max(low, high), end - 1]) {
      if (index > last) {
        kept.push(points[index]);
        last = index;
      }
    }
    start = end;
  }
  return kept;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_STEPS = [60_000, 5 * 60_000, 15 * 60_000, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY];

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
