// Which endpoint answers which path under /rest/v2/, with its method and whether it needs a token.
import type { Endpoint } from '../endpoints/api';
import type { Tokens } from './auth';
import { inDialect } from '../endpoints/dialect';
import { accountInfo, healthCheck, productList } from '../endpoints/catalogue';
import { createInventoryOrder } from '../endpoints/inventory';
import { availableCitiesForPickup, availableStoresForPickup, getPickupLocationList } from '../endpoints/locations';
import { getPackingOrders, orderDetails, updatePackingStatus } from '../endpoints/packing';
import { checkGlobalStock, checkInventoryStock, updateStockQuantity } from '../endpoints/stock';
import type { Dialect } from '../types';
import { manageWebhooks } from '../webhooks/registry';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route {
  /** One method, or several for an endpoint that does a different thing with each (`webhook`). */
  method: HttpMethod | readonly HttpMethod[];
  auth: boolean;
  handle: Endpoint;
  /** Changes the state (stock, orders) when it succeeds. */
  writes?: boolean;
}

export function allows(route: Route, method: string): boolean {
  return typeof route.method === 'string' ? route.method === method : (route.method as readonly string[]).includes(method);
}

export function routes(tokens: Tokens, dialect: Dialect): Record<string, Route> {
  const get = (handle: Endpoint): Route => ({ method: 'GET', auth: true, handle });
  const post = (handle: Endpoint): Route => ({ method: 'POST', auth: true, handle });
  const write = (handle: Endpoint): Route => ({ ...post(handle), writes: true });
  const table: Record<string, Route> = {
    refreshToken: { method: 'POST', auth: false, handle: tokens.endpoint },
    healthCheck: { method: 'GET', auth: false, handle: healthCheck },
    accountInfo: get(accountInfo),
    getPickupLocationList: get(getPickupLocationList),
    productList: post(productList),
    checkInventoryStock: get(checkInventoryStock),
    checkGlobalStock: get(checkGlobalStock),
    updateStockQuantity: write(updateStockQuantity),
    createInventoryOrder: write(createInventoryOrder),
    getPackingOrders: post(getPackingOrders),
    updatePackingStatus: write(updatePackingStatus),
    orderDetails: get(orderDetails),
    availableCitiesForPickup: post(availableCitiesForPickup),
    availableStoresForPickup: post(availableStoresForPickup),
    webhook: { method: ['GET', 'POST', 'PUT', 'DELETE'], auth: true, handle: manageWebhooks },
  };
  for (const [name, route] of Object.entries(table)) {
    route.handle = inDialect(dialect, name, route.handle);
  }
  return table;
}
