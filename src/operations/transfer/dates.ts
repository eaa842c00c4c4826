// The dates of a transfer through inventory orders, read as the inventory order flow reads them
// (one parser, one check that the delivery is not before the order, one display format).
import { readDate } from '../../stockChange/dates';

/** What a date box of the transfer makes of its text: a date, none (an empty optional delivery date), or a problem. */
export type TransferDate = { date: string } | { none: true } | { error: string };

export function readTransferDate(field: 'orderDate' | 'deliveryDate', text: string, orderDate: string | undefined, now: Date): TransferDate {
  if (field === 'deliveryDate' && text.trim() === '') {
    return { none: true };
  }
  return readDate(field === 'deliveryDate' ? { orderDate } : {}, field, text, now);
}
