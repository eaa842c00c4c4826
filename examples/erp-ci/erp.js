// A small ERP's OTO connector, as an integration team might write it: plain JavaScript and fetch,
// nothing else. It signs in with a refresh token, keeps the access token until OTO refuses it,
// reads stock (retrying a read once on 429/503) and records sales as stock adjustments (never
// resent: a write whose answer was lost may have been applied).
'use strict';

class OtoError extends Error {
  constructor(status, body) {
    super(`OTO answered ${status}: ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

function createOtoConnector({ baseUrl, refreshToken, userAgent = 'example-erp/1.0' }) {
  let accessToken;

  async function signIn() {
    const answer = await fetch(`${baseUrl}/refreshToken`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': userAgent },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    const body = await answer.json();
    if (!answer.ok || typeof body.access_token !== 'string') {
      throw new OtoError(answer.status, body);
    }
    accessToken = body.access_token;
  }

  // One call; signs in again once when the access token has expired (401).
  async function call(method, endpoint, { query, body } = {}) {
    if (!accessToken) {
      await signIn();
    }
    const url = `${baseUrl}/${endpoint}${query ? `?${new URLSearchParams(query)}` : ''}`;
    const send = () =>
      fetch(url, {
        method,
        headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', 'User-Agent': userAgent },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    let answer = await send();
    if (answer.status === 401) {
      // Refused before it was applied: safe to send again with a new token, writes included.
      await signIn();
      answer = await send();
    }
    const text = await answer.text();
    const parsed = text === '' ? undefined : JSON.parse(text);
    if (!answer.ok || parsed?.success === false) {
      throw new OtoError(answer.status, parsed);
    }
    return parsed;
  }

  return {
    /** On hand per SKU at one location: { sku: quantity }. A read is retried once on 429/503. */
    async readStock(skus, locationCode) {
      const read = () => call('GET', 'checkInventoryStock', { query: { sku: skus.join(','), pickupLocationCode: locationCode } });
      let answer;
      try {
        answer = await read();
      } catch (error) {
        if (!(error instanceof OtoError) || ![429, 503].includes(error.status)) {
          throw error;
        }
        answer = await read();
      }
      return Object.fromEntries(skus.map((sku) => [sku, answer.stock[sku]?.[0]?.quantityOnHand ?? 0]));
    },

    /** A sale of `qty` units: one adjustment, never resent. */
    async recordSale(sku, locationCode, qty) {
      const answer = await call('POST', 'updateStockQuantity', { body: { actionType: 'adjust', sku, locationCode, qty: -qty, inventoryType: 'onHand' } });
      return answer.transactionID;
    },
  };
}

module.exports = { createOtoConnector, OtoError };
