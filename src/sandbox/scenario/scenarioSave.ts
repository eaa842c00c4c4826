// A running sandbox's state written back as a scenario (OTO: Save Sandbox State as Scenario): the
// editable essentials — locations, catalogue, on hand, waiting orders — so starting from the file
// gives the same stock and queues. Order histories and ids are not part of a scenario.
import type { SandboxSnapshot } from '../state/snapshot';
import type { SandboxScenario, ScenarioProduct } from '../types';

const DEFAULT_IMAGE_PREFIX = 'https://sandbox.invalid/images/';

/**
 * The scenario of `snapshot`, keeping `base`'s settings (token, latency, token lifetime, faults, webhooks)
 * so saving over an existing file only replaces its data. A token is never added: the
 * workspace's own stays out of files.
 */
export function scenarioFromState(snapshot: SandboxSnapshot, base: SandboxScenario = {}): SandboxScenario {
  const catalogue = new Set(snapshot.products.map((product) => product.sku));
  const { refreshToken, dialect, latencyMs, accessTokenTtlSeconds, faults, webhooks } = base;
  return {
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(dialect === undefined ? {} : { dialect }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds }),
    locations: snapshot.locations.map((location) => ({
      code: location.code,
      kind: location.kind,
      name: location.name,
      city: location.city,
      ...(location.status === 'active' ? {} : { status: location.status }),
      createdDate: location.createdDate,
      ...(location.bins.length === 0 ? {} : { bins: [...location.bins] }),
    })),
    products: snapshot.products.map((product): ScenarioProduct => ({
      sku: product.sku,
      name: product.name,
      barcode: product.barcode,
      ...(product.productImage.startsWith(DEFAULT_IMAGE_PREFIX) ? {} : { productImage: product.productImage }),
      price: product.price,
      ...(product.minInventory === undefined ? {} : { minInventory: product.minInventory }),
      stock: Object.fromEntries(product.stock.map((record) => [record.code, record.onHand])),
      ...(product.noLocation ? { noLocation: { ...product.noLocation } } : {}),
    })),
    packingOrders: snapshot.orders.map((order) => ({
      orderId: order.orderId,
      warehouseCode: order.warehouseCode,
      ...(order.packingStatus === 'none' ? {} : { packingStatus: order.packingStatus }),
      items: order.items.map((item) => ({
        sku: item.sku,
        quantity: item.quantity,
        ...(catalogue.has(item.sku) ? {} : { name: item.name }),
        price: item.price,
      })),
    })),
    inventoryOrders: snapshot.inventoryOrders.map((order) => ({
      action: order.action,
      locationCode: order.locationCode,
      items: order.items.map(({ sku, qty }) => ({ sku, qty })),
      ...(order.binLocationName === undefined ? {} : { binLocationName: order.binLocationName }),
      ...(order.waybillNumber === undefined ? {} : { waybillNumber: order.waybillNumber }),
      ...(order.description === undefined ? {} : { description: order.description }),
    })),
    ...(faults === undefined ? {} : { faults }),
    ...(webhooks === undefined ? {} : { webhooks }),
  };
}
