// Which endpoint answers which path under /rest/v2/. The method, the token and whether it writes
// are OTO's facts (src/oto/endpoints.ts); this table only says which handler answers each.
import type { Endpoint } from '../endpoints/api';
import type { Tokens } from './auth';
import { inDialect } from '../endpoints/dialect';
import { accountInfo, healthCheck, productList } from '../endpoints/catalogue';
import { createInventoryOrder } from '../endpoints/inventory';
import { availableCitiesForPickup, availableStoresForPickup, getPickupLocationList } from '../endpoints/locations';
import { getPackingOrders, orderDetails, updatePackingStatus } from '../endpoints/packing';
import { checkGlobalStock, checkInventoryStock, updateStockQuantity } from '../endpoints/stock';
import { ENDPOINT_NAMES, OTO_ENDPOINTS, type EndpointName } from '../../oto';
import type { Dialect } from '../types';

export interface Route {
  method: 'GET' | 'POST';
  auth: boolean;
  handle: Endpoint;
  /** Changes the state (stock, orders) when it succeeds. */
  writes?: boolean;
}

export function routes(tokens: Tokens, dialect: Dialect): Record<string, Route> {
  const handlers: Record<EndpointName, Endpoint> = {
    refreshToken: tokens.endpoint,
    healthCheck,
    accountInfo,
    getPickupLocationList,
    productList,
    checkInventoryStock,
    checkGlobalStock,
    updateStockQuantity,
    createInventoryOrder,
    getPackingOrders,
    updatePackingStatus,
    orderDetails,
    availableCitiesForPickup,
    availableStoresForPickup,
  };
  const table: Record<string, Route> = {};
  for (const name of ENDPOINT_NAMES) {
    const { method, auth, writes } = OTO_ENDPOINTS[name];
    table[name] = { method, auth, writes, handle: inDialect(dialect, name, handlers[name]) };
  }
  return table;
}
