// Customer orders in the packing flow: getPackingOrders, updatePackingStatus and orderDetails.
import { bodyOf, text, type Endpoint } from './api';
import { otoFailure } from '../http/errors';
import type { CustomerOrder, InventoryOrder, SandboxState } from '../state/model';
import { historyDate } from '../state/model';
import { trimHistories } from './capacity';

const VAT = 0.15;

/**
 * Moves an order on in the packing flow. Packing takes its catalogue items off the shelf: on hand
 * drops and their reservation ends, so the forecast does not move.
 */
export function applyPackingStatus(
  state: SandboxState,
  order: CustomerOrder,
  packingStatus: 'picked' | 'packed',
  by: string,
  now: () => Date = state.now,
): void {
  if (order.packingStatus === 'packed') {
    throw otoFailure('OTO1103');
  }
  const date = historyDate(now());
  order.packingStatus = packingStatus;
  order.packingStatusHistory.unshift({ date, description: `Order is ${packingStatus} by ${by}`, packingStatus });
  if (packingStatus === 'picked') {
    order.statusHistory.push({ id: state.nextEventId++, date, description: `Order has picked by ${by}`, status: order.status });
  } else {
    for (const item of order.items) {
      const record = state.productBySku.get(item.sku)?.stock.get(order.warehouseCode);
      if (record) {
        record.onHand -= item.quantity;
        record.reserved = Math.max(0, record.reserved - item.quantity);
      }
    }
  }
  trimHistories(order);
  state.webhooks?.statusChanged(order, packingStatus);
}

export const getPackingOrders: Endpoint = (state, request) => {
  const code = text(bodyOf(request).warehouseCode);
  if (code === undefined || !state.locationByCode.has(code)) {
    throw otoFailure('OTO1133');
  }
  const orders = state.orders
    .filter((order) => order.warehouseCode === code && order.packingStatus !== 'packed')
    .map((order) => ({
      orderId: order.orderId,
      items: order.items.map((item) => ({
        ...(item.productId === undefined ? {} : { productId: item.productId }),
        name: item.name,
        quantity: item.quantity,
        sku: item.sku,
      })),
    }));
  return { success: true, count: orders.length, orders };
};

export const updatePackingStatus: Endpoint = (state, request) => {
  const body = bodyOf(request);
  const orderId = text(body.orderId);
  if (orderId === undefined) {
    throw otoFailure('OTO1001');
  }
  const packingStatus = body.packingStatus;
  if (packingStatus !== 'picked' && packingStatus !== 'packed') {
    throw otoFailure('OTO1131');
  }
  const order = state.orders.find((candidate) => candidate.orderId === orderId);
  if (!order) {
    throw otoFailure('OTO1002', 404);
  }
  applyPackingStatus(state, order, packingStatus, state.account.name);
  return { success: true, message: 'Successfully updated' };
};

export const orderDetails: Endpoint = (state, request) => {
  const { orderId, otoId, id } = request.query;
  if (!orderId && !otoId && !id) {
    throw otoFailure('OTO1001');
  }
  const numeric = Number(otoId ?? id);
  const order = state.orders.find((candidate) => (orderId ? candidate.orderId === orderId : candidate.id === numeric));
  if (order) {
    return customerOrderDetails(state, order);
  }
  const inventoryOrder = otoId ? state.inventoryOrders.find((candidate) => candidate.otoId === numeric) : undefined;
  if (inventoryOrder) {
    return inventoryOrderDetails(state, inventoryOrder);
  }
  throw otoFailure('OTO1002', 404);
};

function money(value: number): number {
  return Math.round(value * 100) / 100;
}

function customerOrderDetails(state: SandboxState, order: CustomerOrder): unknown {
  const warehouse = state.locationByCode.get(order.warehouseCode);
  const items = order.items.map((item, index) => ({
    quantity: item.quantity,
    hscode: '0000',
    rowTotal: money(item.price * item.quantity),
    price: item.price,
    id: index + 1,
    sku: item.sku,
    taxAmount: money(item.price * item.quantity * VAT),
  }));
  const amount = money(items.reduce((total, item) => total + item.rowTotal + item.taxAmount, 0));
  const customer = order.customer;
  return {
    orderId: order.orderId,
    trackingURL: `https://sandbox.invalid/tracking/${order.shipmentId}`,
    packageWeight: Math.max(1, Math.ceil(items.reduce((total, item) => total + item.quantity * 0.5, 0))),
    orderDocs: [],
    dcName: 'OTO Flex',
    originCity: warehouse?.city ?? '',
    currency: 'SAR',
    id: order.id,
    amount,
    customsValue: amount,
    pickupLocation: warehouse?.name ?? order.warehouseCode,
    deliveryOptionId: 55266,
    destinationCity: customer.city,
    amountDue: 0,
    statusHistory: order.statusHistory.map((event) => ({ ...event })),
    shipmentId: order.shipmentId,
    success: true,
    customsCurrency: 'SAR',
    packingStatusHistory: order.packingStatusHistory.map((event) => ({ ...event })),
    paymentMethod: 'paid',
    packageCount: 1,
    orderDate: order.orderDate,
    items,
    status: order.status,
    customer: {
      country: 'SA',
      address: `${customer.buildingNo}, ${customer.street}, ${customer.secondaryAddressNumber}, ${customer.district}, ${customer.postcode}, ${customer.city}, Kingdom of Saudi Arabia`,
      city: customer.city,
      postcode: customer.postcode,
      mobile: customer.mobile,
      lon: customer.lon,
      buildingNo: customer.buildingNo,
      street: customer.street,
      secondaryAddressNumber: customer.secondaryAddressNumber,
      district: customer.district,
      name: customer.name,
      id: customer.id,
      state: customer.state,
      lat: customer.lat,
      destinationCity: customer.city,
      originCity: warehouse?.city ?? '',
      email: customer.email,
    },
  };
}

/** Inventory orders have no customer or shipment: the keys OTO's order shape has for them only. */
function inventoryOrderDetails(state: SandboxState, order: InventoryOrder): unknown {
  return {
    orderId: String(order.otoId),
    orderDocs: [],
    id: order.otoId,
    pickupLocation: state.locationByCode.get(order.locationCode)?.name ?? order.locationCode,
    statusHistory: order.statusHistory.map((event) => ({ ...event })),
    success: true,
    packingStatusHistory: [],
    packageCount: 1,
    ...(order.orderDate === undefined ? {} : { orderDate: order.orderDate }),
    items: order.items.map((item, index) => ({ quantity: item.qty, id: index + 1, sku: item.sku })),
    status: order.status,
  };
}
