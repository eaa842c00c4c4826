// The OTO sandbox's control API (`/__oto/…`), as a test suite uses it: plain fetch, one function
// per call. Every call names the account it acts on, so test files running in parallel each keep
// to their own. OTO_SANDBOX_URL is where the sandbox runs (`node oto-sandbox.js --port 8787`).
'use strict';

const root = (process.env.OTO_SANDBOX_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');

async function control(method, path, body, account) {
  const url = `${root}/__oto${path}${account ? `${path.includes('?') ? '&' : '?'}account=${encodeURIComponent(account)}` : ''}`;
  const answer = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await answer.json();
  if (!answer.ok) {
    throw new Error(`${method} ${path}: ${answer.status} ${parsed.message}`);
  }
  return parsed;
}

/** A new isolated account (its own stock, orders, journal, faults and clock), and its client's settings. */
async function newAccount(scenario) {
  const { account, refreshToken } = await control('POST', '/accounts', scenario);
  return { account, refreshToken, baseUrl: `${root}/rest/v2` };
}

module.exports = {
  newAccount,
  reset: (account) => control('POST', '/reset', undefined, account),
  setStock: (account, rows) => control('PUT', '/stock', rows, account),
  requests: (account, filter = {}) => control('GET', `/requests?${new URLSearchParams(filter)}`, undefined, account).then((answer) => answer.requests),
  count: (account, matcher) => control('POST', '/requests/count', matcher, account).then((answer) => answer.count),
  findings: (account) => control('GET', '/findings', undefined, account),
  addFault: (account, fault) => control('POST', '/faults', fault, account).then((answer) => answer.id),
  faults: (account) => control('GET', '/faults', undefined, account).then((answer) => answer.faults),
  clearFaults: (account) => control('DELETE', '/faults', undefined, account),
  advanceClock: (account, seconds) => control('POST', '/clock', { advanceSeconds: seconds }, account),
  removeAccount: (account) => control('DELETE', `/accounts/${account}`),
};
