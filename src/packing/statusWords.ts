// OTO's status values (`searchingDriver`, `assignedToWarehouse`) as words a packer reads. The
// statuses OTO's dashboard shows most are translated; any other value is split at its capitals
// (`outForDelivery` → "Out for delivery"), so a status added upstream still reads as words.
import type { OrderDetailsView } from './protocol';
import * as l10n from '@vscode/l10n';

function known(): Readonly<Record<string, string>> {
  return {
    new: l10n.t('New'),
    assignedToWarehouse: l10n.t('Assigned to warehouse'),
    searchingDriver: l10n.t('Searching for a driver'),
    picked: l10n.t('Picked'),
    packed: l10n.t('Packed'),
    shipped: l10n.t('Shipped'),
    outForDelivery: l10n.t('Out for delivery'),
    delivered: l10n.t('Delivered'),
    cancelled: l10n.t('Cancelled'),
    returned: l10n.t('Returned'),
  };
}

/** Splits camelCase, snake_case and kebab-case into a sentence: `searchingDriver` → "Searching driver". */
export function wordsOf(value: string): string {
  const words = value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function readableStatus(value: string): string {
  if (value === '') {
    return value;
  }
  const table = known();
  return Object.hasOwn(table, value) ? table[value] : wordsOf(value);
}

/** The details with every status in words. */
export function withReadableStatuses(details: OrderDetailsView): OrderDetailsView {
  return {
    ...details,
    status: readableStatus(details.status),
    packingHistory: details.packingHistory.map((entry) => ({ ...entry, status: readableStatus(entry.status) })),
  };
}
