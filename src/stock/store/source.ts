// What the stock view needs from the OTO client. Declared here (structurally) so the store
// depends on the contract of `OtoClient`, not on its implementation; the real client satisfies it.

export type LocationKind = 'warehouse' | 'branch';

export interface PickupLocation {
  code: string;
  name?: string;
  city?: string;
  kind: LocationKind;
}

export interface Product {
  sku: string;
  name?: string;
  barcode?: string;
  productImage?: string;
}

export interface InventoryStockEntry {
  pickupLocationCode?: string;
  sku: string;
  quantityOnHand: number;
  quantityForecasted: number;
}

export interface GlobalStockEntry {
  sku: string;
  quantityOnHand: number;
  quantityForecasted?: number;
  minInventory?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface StockSource {
  listProducts(options?: CallOptions): Promise<Product[]>;
  getPickupLocations(options?: CallOptions): Promise<PickupLocation[]>;
  checkInventoryStock(skus: string[], options?: CallOptions & { pickupLocationCode?: string }): Promise<Record<string, InventoryStockEntry[]>>;
  checkGlobalStock(skus: string[], options?: CallOptions): Promise<Record<string, GlobalStockEntry>>;
}
