// The bodies OTO sends, in its field names (oto-webhooks.md), built from a sandbox order. Fields OTO
// leaves empty for a given status are "" (strings) or null (numbers); `timestamp` and `signature`
// are added at delivery, per webhook.
import type { CustomerOrder, SandboxState } from '../state/model';
import type { WebhookType } from './types';

/** Statuses after the warehouse part of OTO's list: the order has left the packing queue. */
const WAREHOUSE_STATUSES = new Set(['new', 'assignedToWarehouse', 'branchAssigned', 'readyForCollection', 'shipmentOnHoldWarehouse', 'notAvailableWH', 'notAvailableBR', 'picked']);

/** True for a status that means the order was packed (`packed` and everything after the warehouse). */
export function impliesPacked(status: string): boolean {
  return !WAREHOUSE_STATUSES.has(status);
}

function trackingUrl(order: CustomerOrder): string {
  return `https://sandbox.invalid/tracking/${order.shipmentId}`;
}

function lastDeliveryCompany(order: CustomerOrder): string {
  for (let i = order.statusHistory.length - 1; i >= 0; i--) {
    const company = order.statusHistory[i].deliveryCompany;
    if (company) {
      return company;
    }
  }
  return '';
}

function weight(order: CustomerOrder): number {
  return Math.max(1, Math.ceil(order.items.reduce((total, item) => total + item.quantity * 0.5, 0)));
}

export function orderStatusPayload(order: CustomerOrder, status: string): Record<string, unknown> {
  const returning = status.toLowerCase().startsWith('return');
  return {
    orderId: order.orderId,
    parentOrderId: '',
    returnOrderId: returning ? `${order.orderId}-R1` : '',
    otoId: order.id,
    entityId: '',
    brandId: '',
    brandedTrackingURL: '',
    status,
    dcStatus: '',
    returnStatus: returning ? status : '',
    note: '',
    pickupLocationCode: order.warehouseCode,
    driverName: '',
    driverPhone: '',
    driverEmail: '',
    driverId: '',
    printAWBURL: '',
    trackingNumber: order.shipmentId,
    dcTrackingNumber: '',
    trackingUrl: trackingUrl(order),
    deliveryCompany: lastDeliveryCompany(order),
    shipmentWeight: impliesPacked(status) ? weight(order) : null,
    attemptFailureReason: '',
    ref1: '',
    ref2: '',
    ref3: '',
  };
}

export function newOrdersPayload(state: SandboxState, order: CustomerOrder): Record<string, unknown> {
  const warehouse = state.locationByCode.get(order.warehouseCode);
  const customer = order.customer;
  return {
    order: {
      orderId: order.orderId,
      otoId: order.id,
      incrementId: order.orderId,
      warehouseId: warehouse?.id ?? null,
      pickupLocationCode: order.warehouseCode,
      status: 'assignedToWarehouse',
      orderDate: order.orderDate,
      currency: 'SAR',
      amount: Math.round(order.items.reduce((total, item) => total + item.price * item.quantity, 0) * 115) / 100,
      customer: { name: customer.name, mobile: customer.mobile, email: customer.email, city: customer.city, district: customer.district, postcode: customer.postcode },
      items: order.items.map((item, index) => ({
        itemId: index + 1,
        qtyOrdered: item.quantity,
        sku: item.sku,
        qtyReturned: 0,
        productId: item.productId ?? null,
        productName: item.name,
        itemType: 'simple',
      })),
    },
  };
}

export function shipmentErrorPayload(order: CustomerOrder): Record<string, unknown> {
  return {
    orderId: order.orderId,
    errorMessage: 'The delivery company refused the shipment: the receiver address is incomplete',
    errorCode: 'deliveryCompanyError',
    deliveryCompany: lastDeliveryCompany(order) || 'otoDriverApp',
    deliveryCompanyResponse: '{"error":"ADDRESS_INCOMPLETE","message":"receiver address line is missing"}',
  };
}

export function walletTransactionPayload(state: SandboxState, order: CustomerOrder): Record<string, unknown> {
  const amount = -25;
  return {
    orderId: order.orderId,
    amount,
    transactionStatus: 'completed',
    chargeType: 'shipping',
    transactionType: 'debit',
    remainingAmount: Math.round((state.account.remainingCredit + amount) * 100) / 100,
    shipmentStatus: order.status,
  };
}

/** The body of an event of `type` for `order`, before timestamp and signature. */
export function payloadOf(state: SandboxState, type: WebhookType, order: CustomerOrder): Record<string, unknown> {
  switch (type) {
    case 'orderStatus':
      return orderStatusPayload(order, order.status);
    case 'newOrders':
      return newOrdersPayload(state, order);
    case 'shipmentError':
      return shipmentErrorPayload(order);
    case 'walletTransaction':
      return walletTransactionPayload(state, order);
  }
}
