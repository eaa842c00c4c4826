import * as assert from 'node:assert/strict';
import { Disposable, SwappedSubscriptions } from '../../../src/common/lifecycle';

class Owner extends Disposable {
  own(name: string, log: string[]) {
    return this._register({ dispose: () => log.push(name) });
  }
}

describe('one lifecycle: Disposable with _register, swapped subscriptions', () => {
  it('frees what it owns once, newest first, and frees at once what is registered after', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.own('emitter', log);
    owner.own('subscription', log);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['subscription', 'emitter']);
    owner.own('late', log);
    assert.deepEqual(log, ['subscription', 'emitter', 'late']);
  });

  it('frees the old subscriptions when new ones are set, and the current ones on dispose', () => {
    const log: string[] = [];
    const swapped = new SwappedSubscriptions();
    swapped.set([{ dispose: () => log.push('first sandbox') }]);
    swapped.set([{ dispose: () => log.push('second sandbox') }]);
    assert.deepEqual(log, ['first sandbox']);
    swapped.dispose();
    swapped.dispose();
    assert.deepEqual(log, ['first sandbox', 'second sandbox']);
  });
});
