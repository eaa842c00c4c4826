import * as assert from 'node:assert';
import { checkBaseUrl, isEnvironment, tokenKey } from '../../../src/session/environment';

describe('environments', () => {
  it('accepts only the three environment names', () => {
    assert.ok(isEnvironment('sandbox') && isEnvironment('staging') && isEnvironment('production'));
    assert.ok(!isEnvironment('Production') && !isEnvironment('') && !isEnvironment(undefined));
  });

  it('keeps each environment’s token under its own key', () => {
    assert.notStrictEqual(tokenKey('staging'), tokenKey('production'));
  });

  it('keeps a token signed in under an oto.baseUrl override apart from OTO’s own, one per URL', () => {
    const gateway = tokenKey('production', 'https://gateway.example.com/rest/v2');
    assert.notStrictEqual(gateway, tokenKey('production'));
    assert.notStrictEqual(gateway, tokenKey('production', 'https://other.example.com/rest/v2'));
    assert.notStrictEqual(gateway, tokenKey('staging', 'https://gateway.example.com/rest/v2'));
    assert.strictEqual(gateway, tokenKey('production', 'https://GATEWAY.example.com/rest/v2/'), 'the same URL spelt differently');
  });

  it('accepts https base URLs and plain http only to this machine', () => {
    assert.strictEqual(checkBaseUrl('https://gateway.example.com/rest/v2'), undefined);
    assert.strictEqual(checkBaseUrl('http://127.0.0.1:8080/rest/v2'), undefined);
    assert.strictEqual(checkBaseUrl('http://localhost:8080/rest/v2'), undefined);
    assert.strictEqual(checkBaseUrl('http://gateway.example.com/rest/v2'), 'insecure');
    assert.strictEqual(checkBaseUrl('http://127.0.0.1.example.com/'), 'insecure');
    assert.strictEqual(checkBaseUrl('ftp://127.0.0.1/'), 'insecure');
    assert.strictEqual(checkBaseUrl('api.tryoto.com/rest/v2'), 'notUrl');
  });
});
