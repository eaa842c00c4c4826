import * as assert from 'node:assert';
import { MAX_BACKOFF_MS, RefreshScheduler, type SchedulerInputs, type Timers } from '../../../src/common/refresh/refreshScheduler';

/** A hand-driven clock: the scheduler's logic is tested without waiting for real time. */
class ManualTimers implements Timers {
  time = 1_000_000;
  private nextHandle = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.pending.set(handle, { at: this.time + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get scheduled(): number {
    return this.pending.size;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) {
        break;
      }
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

describe('RefreshScheduler', () => {
  const active: SchedulerInputs = { intervalSeconds: 60, visible: true, focused: true };
  let timers: ManualTimers;
  let ticks: number[];
  let scheduler: RefreshScheduler;

  function start(inputs: SchedulerInputs): void {
    scheduler = new RefreshScheduler(() => ticks.push(timers.now()), inputs, timers);
  }

  beforeEach(() => {
    timers = new ManualTimers();
    ticks = [];
  });

  afterEach(() => scheduler.dispose());

  it('refreshes every interval while visible and focused', () => {
    start(active);
    timers.advance(59_999);
    assert.deepStrictEqual(ticks, []);
    timers.advance(1);
    timers.advance(60_000 * 2);
    assert.deepStrictEqual(ticks, [1_060_000, 1_120_000, 1_180_000]);
  });

  it('never refreshes with an interval of 0', () => {
    start({ ...active, intervalSeconds: 0 });
    timers.advance(3_600_000);
    assert.deepStrictEqual(ticks, []);
    assert.strictEqual(timers.scheduled, 0);
  });

  it('stops while the view is hidden or the window unfocused', () => {
    start(active);
    scheduler.update({ visible: false });
    timers.advance(600_000);
    scheduler.update({ visible: true, focused: false });
    timers.advance(600_000);
    assert.deepStrictEqual(ticks, []);
    assert.strictEqual(scheduler.active, false);
  });

  it('refreshes at once when it comes back after longer than the interval', () => {
    start(active);
    timers.advance(30_000);
    scheduler.update({ focused: false });
    timers.advance(120_000);
    scheduler.update({ focused: true });
    timers.advance(0);
    assert.deepStrictEqual(ticks, [1_150_000]);
  });

  it('continues the countdown when it comes back within the interval', () => {
    start(active);
    timers.advance(20_000);
    scheduler.update({ visible: false });
    timers.advance(10_000);
    scheduler.update({ visible: true });
    timers.advance(29_999);
    assert.deepStrictEqual(ticks, []);
    timers.advance(1);
    assert.deepStrictEqual(ticks, [1_060_000]);
  });

  it('restarts the countdown after any refresh, such as a manual one', () => {
    start(active);
    timers.advance(50_000);
    scheduler.refreshed();
    timers.advance(50_000);
    assert.deepStrictEqual(ticks, []);
    timers.advance(10_000);
    assert.deepStrictEqual(ticks, [1_110_000]);
  });

  it('follows a changed interval', () => {
    start(active);
    scheduler.update({ intervalSeconds: 5 });
    timers.advance(12_000);
    assert.deepStrictEqual(ticks, [1_005_000, 1_010_000]);
  });

  it('does nothing after dispose', () => {
    start(active);
    scheduler.dispose();
    scheduler.update({ visible: true });
    timers.advance(600_000);
    assert.deepStrictEqual(ticks, []);
  });

  it('backs off while OTO cannot be reached, doubling the wait up to a cap, and refreshes at once when it answers again', () => {
    start(active);
    scheduler.update({ unreachable: true });
    const start0 = timers.now();
    timers.advance(60 * 60_000);
    const gaps = ticks.map((at, index) => (at - (index === 0 ? start0 : ticks[index - 1])) / 1000);
    assert.deepStrictEqual(gaps, [60, 120, 240, 480, 600, 600, 600, 600], 'an hour of outage: 8 refreshes, not 60');
    assert.strictEqual(MAX_BACKOFF_MS, 600_000);

    ticks = [];
    const back = timers.now();
    scheduler.update({ unreachable: false });
    timers.advance(0);
    assert.deepStrictEqual(ticks, [back], 'an answer came back: read now, not at the end of the wait');
    timers.advance(120_000);
    assert.deepStrictEqual(ticks, [back, back + 60_000, back + 120_000], 'then every interval again');

    scheduler.update({ unreachable: true });
    ticks = [];
    timers.advance(60_000);
    assert.strictEqual(ticks.length, 1, 'a new outage starts from the interval again');
  });

  it('refreshes at once when it shows again after an outage ended while it was hidden', () => {
    start({ ...active, unreachable: true });
    scheduler.update({ visible: false });
    timers.advance(10_000);
    scheduler.update({ unreachable: false });
    assert.deepStrictEqual(ticks, [], 'hidden: no request');
    const shown = timers.now();
    scheduler.update({ visible: true });
    timers.advance(0);
    assert.deepStrictEqual(ticks, [shown]);
  });
});
