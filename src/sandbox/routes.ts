// Which endpoint answers which path under /rest/v2/, with its method and whether it needs a token.
import type { Endpoint } from './api';
import type { Tokens } from './auth';
import { accountInfo, healthCheck, productList } from './catalogue';
import { createInventoryOrder } from './inventory';
import { availableCitiesForPickup, availableStoresForPickup, getPickupLocationList } from './locations';
import { getPackingOrders, orderDetails, updatePackingStatus } from './packing';
import { checkGlobalStock, checkInventoryStock, updateStockQuantity } from './stock';

export interface Route {
  method: 'GET' | 'POST';
  auth: boolean;
  handle: Endpoint;
  /** Changes the state (stock, orders) when it succeeds. */
  writes?: boolean;
}

export function routes(tokens: Tokens): Record<string, Route> {
  const get = (handle: Endpoint): Route => ({ method: 'GET', auth: true, handle });
  const post = (handle: Endpoint): Route => ({ method: 'POST', auth: true, handle });
  const write = (handle: Endpoint): Route => ({ ...post(handle), writes: true });
  return {
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
  };
}
