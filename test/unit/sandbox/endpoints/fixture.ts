// OTO's Postman examples (verbatim copy of the shared file) and sandbox data that carries the
// codes, SKUs and order ids those examples use, so every example request can be replayed as is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SandboxExtraData } from '../../../../src/sandbox';

export interface Example {
  name: string;
  status: number | null;
  request: { method: string; url: string; body: string | null };
  responseBody: string;
}

export interface FixtureEndpoint {
  name: string;
  method: string;
  url: string;
  examples: Example[];
}

export interface Fixture {
  endpoints: FixtureEndpoint[];
  errorCodes: Array<{ code: string; message: string }>;
}

export const fixture: Fixture = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../../test/fixtures/oto-api-examples.json'), 'utf8'),
) as Fixture;

/** The HTTP status of an example; some examples only carry it in their name ("200 OK"). */
export function statusOf(example: Example): number {
  return example.status ?? Number(/^\d{3}/.exec(example.name)?.[0]);
}

/** `refreshToken/…` part of an example URL (one of OTO's URLs has a stray `{` before the path). */
export function endpointPath(url: string): string {
  const match = /\/rest\/v2\/(.*)$/.exec(url);
  if (!match) {
    throw new Error(`not an OTO v2 URL: ${url}`);
  }
  return match[1];
}

export const EXAMPLE_REFRESH_TOKEN = '_refresh_token_';

export const exampleData: SandboxExtraData = {
  locations: [
    { code: 'ASDS', kind: 'warehouse' },
    { code: 'WHA', kind: 'warehouse', bins: ['test'], createdDate: '2024-08-02' },
    { code: 'DMW', kind: 'warehouse', city: 'Dammam' },
    { code: 'WH123', kind: 'warehouse' },
    { code: 'br12', kind: 'branch', name: 'BR-1', city: 'Jeddah', createdDate: '2024-08-03' },
    { code: 'aqiq1', kind: 'branch', city: 'Aqiq' },
  ],
  products: [
    { sku: '156487494561', name: 'Sample product', stock: { ASDS: { onHand: 10 } } },
    ...['SG1', 'SG2', 'SG3'].map((sku) => ({
      sku,
      name: `Product ${sku}`,
      stock: { DMW: { onHand: 277, forecasted: 261 } },
      noLocation: { onHand: -7, forecasted: -16 },
    })),
    { sku: '12', name: 'Product 12', minInventory: 50, stock: { WHA: { onHand: 39, forecasted: 122 } } },
    { sku: '123123', name: 'Product 123123', stock: { WHA: { onHand: 14 } } },
    { sku: 'Umberella-1', name: 'Umbrella 1', stock: { br12: { onHand: 11 } } },
    { sku: 'Umberella-2', name: 'Umbrella 2', stock: { br12: { onHand: 11 } } },
    { sku: 'test-product', name: 'test product' },
    { sku: 'Lenovo', name: 'Lenovo laptop' },
  ],
  packingOrders: [
    { orderId: '11022', warehouseCode: 'WH123', items: [{ sku: 'test-product', quantity: 1 }, { sku: 'test-product-2', name: 'test product 2', quantity: 1 }] },
    { orderId: '11051222', warehouseCode: 'WH123', items: [{ sku: 'test-product', quantity: 1 }, { sku: 'test3-product-3', name: 'test3 product 3', quantity: 2 }] },
    { orderId: '123', warehouseCode: 'DMW', items: [{ sku: 'Lenovo', quantity: 1 }] },
    { orderId: 'OID-50919-4346-C-C', id: 31078194, warehouseCode: 'DMW', items: [{ sku: 'Lenovo', quantity: 1, price: 200 }], packingStatus: 'packed' },
    { orderId: 'Testing01-C-C-c', id: 30939445, warehouseCode: 'DMW', items: [{ sku: 'Lenovo', quantity: 1 }], packingStatus: 'packed' },
  ],
};
