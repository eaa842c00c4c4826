// OTO's endpoints: the one table of what each is (its method, whether it needs an access token,
// whether it changes state). The client, the sandbox's routes, the lint, the proxy and the OpenAPI
// document all read it, so an endpoint name written anywhere else is checked against it by the
// compiler (`EndpointName`).

/** OTO's own servers: production and staging. */
export const OTO_BASE_URLS = {
  production: 'https://api.tryoto.com/rest/v2',
  staging: 'https://staging-api.tryoto.com/rest/v2',
} as const;

/** Where OTO serves its API: every endpoint is `${API_PREFIX}${name}`. */
export const API_PREFIX = '/rest/v2/';

export interface EndpointFacts {
  readonly method: 'GET' | 'POST';
  /** Needs `Authorization: Bearer <access token>`. */
  readonly auth: boolean;
  /** Changes state (stock, orders) when it succeeds: never resent unless it provably never left. */
  readonly writes: boolean;
  /** One line for people (the OpenAPI summary). */
  readonly summary: string;
}

const read = (method: 'GET' | 'POST', summary: string): EndpointFacts => ({ method, auth: true, writes: false, summary });
const write = (summary: string): EndpointFacts => ({ method: 'POST', auth: true, writes: true, summary });

export const OTO_ENDPOINTS = {
  refreshToken: { method: 'POST', auth: false, writes: false, summary: 'Exchange the refresh token for an access token' },
  healthCheck: { method: 'GET', auth: false, writes: false, summary: 'Is the API up' },
  accountInfo: read('GET', 'The account the token belongs to'),
  getPickupLocationList: read('GET', 'Warehouses and branches (pickup locations)'),
  productList: read('POST', 'The product catalogue, a page at a time'),
  checkInventoryStock: read('GET', 'Stock of SKUs per location'),
  checkGlobalStock: read('GET', 'Stock of SKUs summed over every location'),
  updateStockQuantity: write('Set or adjust the stock of a SKU at a location'),
  createInventoryOrder: write('Record an inbound or outbound inventory order'),
  getPackingOrders: read('POST', 'Orders waiting to be packed at a warehouse'),
  updatePackingStatus: write('Mark an order picked or packed'),
  orderDetails: read('GET', 'One customer order'),
  availableCitiesForPickup: read('POST', 'Cities with a store that offers pickup'),
  availableStoresForPickup: read('POST', 'Stores in a city that offer pickup'),
} as const satisfies Record<string, EndpointFacts>;

export type EndpointName = keyof typeof OTO_ENDPOINTS;

export const ENDPOINT_NAMES = Object.keys(OTO_ENDPOINTS) as EndpointName[];

export function isEndpointName(value: unknown): value is EndpointName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(OTO_ENDPOINTS, value);
}

/** The facts of `name`, or undefined for a name OTO does not have. */
export function endpointFacts(name: string): EndpointFacts | undefined {
  return isEndpointName(name) ? OTO_ENDPOINTS[name] : undefined;
}

/** True for an endpoint that changes state; an unknown one counts as a write, so nothing unknown slips through as a read. */
export function changesState(method: string, endpoint: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
    return false;
  }
  const facts = endpointFacts(endpoint);
  return facts === undefined || facts.method !== method || facts.writes;
}

/** False only for the endpoints OTO answers without an access token (refreshToken, healthCheck). */
export function needsAccessToken(endpoint: string): boolean {
  return endpointFacts(endpoint)?.auth ?? true;
}
