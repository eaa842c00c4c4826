// The page's strings, localised on the host (the page has no l10n of its own) and sent in the
// init message. `{n}` placeholders are left for the page to fill; a counted message comes as its
// plural forms, the page picks one by the count.
import * as l10n from '@vscode/l10n';
import { pluralForms } from '../common/text/plural';
import type { PageStrings } from './protocol';

export function pageStrings(): PageStrings {
  return {
    searchLabel: l10n.t('Search orders by order id, SKU or product name'),
    searchPlaceholder: l10n.t('Search order id, SKU or product'),
    refresh: l10n.t('Refresh'),
    orderCount: pluralForms('{0} order', '{0} orders'),
    // `{0}` is the count the noun goes with: all the orders, of which `{1}` are shown.
    filteredCount: pluralForms('{1} of {0} order', '{1} of {0} orders'),
    readAt: l10n.t('Read at {0}'),
    loading: l10n.t('Loading the packing queue…'),
    emptyTitle: l10n.t('Nothing to pack'),
    emptyBody: l10n.t('No orders are waiting for pick and pack in {0}.'),
    noMatches: l10n.t('No order matches “{0}”.'),
    errorTitle: l10n.t('The packing queue could not be read'),
    retry: l10n.t('Try again'),
    unreachableNote: l10n.t('The orders below are as last read. Marking them waits until OTO answers again.'),
    showLog: l10n.t('Show log'),
    signIn: l10n.t('Sign in'),
    stateReady: l10n.t('Ready'),
    statePicked: l10n.t('Picked'),
    statePacked: l10n.t('Packed'),
    stateUnknown: l10n.t('State unknown'),
    markPicked: l10n.t('Mark picked'),
    markPacked: l10n.t('Mark packed'),
    showDetails: l10n.t('Details'),
    hideDetails: l10n.t('Hide details'),
    loadingDetails: l10n.t('Loading order details…'),
    columnSku: l10n.t('SKU'),
    columnProduct: l10n.t('Product'),
    columnQuantity: l10n.t('Qty'),
    totalUnits: pluralForms('{0} unit', '{0} units'),
    confirmPacked: l10n.t('Mark packed? This cannot be undone.'),
    confirmSkipPicked: l10n.t('This order has not been marked picked. Mark it packed anyway? This cannot be undone.'),
    confirmMarkPacked: l10n.t('Mark packed anyway'),
    cancel: l10n.t('Cancel'),
    updating: l10n.t('Updating…'),
    packedNote: l10n.t('Packed: leaves the queue on the next refresh.'),
    orderLabel: l10n.t('Order'),
    orderStatus: l10n.t('Order status'),
    customerCity: l10n.t('Customer city'),
    packingHistory: l10n.t('Packing history'),
    noPackingHistory: l10n.t('No packing history yet.'),
    unknownValue: l10n.t('(unknown)'),
    customerRegion: l10n.t('Customer region'),
    trackingUrl: l10n.t('Tracking'),
    deliverySlot: l10n.t('Delivery slot'),
    deliverySlotRange: l10n.t('{0}, {1}–{2}'),
    packageWeight: l10n.t('Package weight'),
    packageWeightValue: l10n.t('{0} kg'),
    packageCount: l10n.t('Packages'),
    paymentMethod: l10n.t('Payment'),
    paymentPaid: l10n.t('Paid'),
    paymentCod: l10n.t('Cash on delivery'),
    amountDue: l10n.t('Amount due'),
    amountWithCurrency: l10n.t('{0} {1}'),
  };
}
