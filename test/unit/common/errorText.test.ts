import * as assert from 'node:assert/strict';
import { OtoError } from '../../../src/client';
import { describeError, describeErrorForLog } from '../../../src/common/text/errorText';

describe('one error text: the same OTO error reads the same in every room', () => {
  it('puts OTO\'s code before its message, and says when the plan lacks stock management', () => {
    assert.equal(describeError(new OtoError({ kind: 'api', code: 'OTO1133', message: 'Location Code is missing or invalid', status: 400 })), 'OTO1133 Location Code is missing or invalid');
    assert.equal(describeError(new OtoError({ kind: 'api', message: 'Bad Gateway', status: 502 })), 'Bad Gateway');
    assert.match(describeError(new OtoError({ kind: 'api', code: 'OTO1150', message: 'No permission', status: 403 })), /^OTO1150 No permission \(this OTO account's plan does not include stock management\)$/);
  });

  it('names an unreachable OTO in words, leaving the transport\'s text to the log', () => {
    const text = describeError(new OtoError({ kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:9' }));
    assert.equal(text, 'OTO cannot be reached — check your network or proxy.');
    assert.equal(describeErrorForLog(new OtoError({ kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:9' })), 'connect ECONNREFUSED 127.0.0.1:9');
  });

  it('gives any other error its message, and something to read when it has none', () => {
    assert.equal(describeError(new Error('disk full')), 'disk full');
    assert.equal(describeError(new Error('')), 'Unknown error');
    assert.equal(describeError('plain words'), 'plain words');
    assert.equal(describeError(undefined), 'Unknown error');
  });
});
