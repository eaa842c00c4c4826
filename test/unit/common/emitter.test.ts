import * as assert from 'node:assert';
import { Emitter } from '../../../src/common/emitter';

describe('Emitter', () => {
  it('delivers to every listener even when one throws, and stops after dispose', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    const originalError = console.error;
    const logged: unknown[] = [];
    console.error = (error: unknown) => logged.push(error);
    try {
      emitter.event(() => {
        throw new Error('broken listener');
      });
      const subscription = emitter.event((value) => heard.push(value));
      emitter.fire(1);
      subscription.dispose();
      emitter.fire(2);
    } finally {
      console.error = originalError;
    }
    assert.deepStrictEqual(heard, [1]);
    assert.strictEqual(logged.length, 2);
  });

  it('treats the same function subscribed twice as two subscriptions', () => {
    const emitter = new Emitter<string>();
    const heard: string[] = [];
    const listener = (value: string) => heard.push(value);
    const first = emitter.event(listener);
    emitter.event(listener);
    first.dispose();
    emitter.fire('x');
    assert.deepStrictEqual(heard, ['x']);
  });

  it('tells a lone listener that throws, and one added while it is told only from the next event on', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    const originalError = console.error;
    const logged: unknown[] = [];
    console.error = (error: unknown) => logged.push(error);
    try {
      const lone = emitter.event((value) => {
        heard.push(`lone ${value}`);
        if (value === 1) {
          emitter.event((later) => heard.push(`added ${later}`));
          throw new Error('after adding one');
        }
      });
      emitter.fire(1);
      emitter.fire(2);
      lone.dispose();
      emitter.fire(3);
    } finally {
      console.error = originalError;
    }
    assert.deepStrictEqual(heard, ['lone 1', 'lone 2', 'added 2', 'added 3']);
    assert.strictEqual(logged.length, 1);
  });
});
