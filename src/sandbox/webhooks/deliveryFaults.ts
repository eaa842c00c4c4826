// The delivery faults still to apply, in the order they were added. One delivery takes at most
// one fault of each kind (a wrong signature and a duplicate can go together); `times` counts uses.
import { DELIVERY_FAULT_KINDS, isWebhookType, type ActiveDeliveryFault, type DeliveryFault, type DeliveryFaultKind, type WebhookType } from './types';

/** Bounds a fault's numbers: a scenario or the control API is user input. */
export const MAX_DELAY_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 20;
export const MAX_BACKOFF_MS = 60_000;

interface Entry {
  id: number;
  fault: DeliveryFault;
  left: number;
}

/** What is wrong with `fault`, in words; empty when nothing is. */
export function deliveryFaultProblems(fault: unknown): string[] {
  if (fault === null || typeof fault !== 'object' || Array.isArray(fault)) {
    return ['a delivery fault must be an object'];
  }
  const value = fault as Record<string, unknown>;
  const problems: string[] = [];
  if (!(DELIVERY_FAULT_KINDS as readonly unknown[]).includes(value.kind)) {
    problems.push(`kind must be one of ${DELIVERY_FAULT_KINDS.join(', ')}`);
  }
  const whole = (field: string, min: number, max: number): void => {
    const number = value[field];
    if (number !== undefined && !(Number.isSafeInteger(number) && (number as number) >= min && (number as number) <= max)) {
      problems.push(`${field} must be a whole number from ${min} to ${max}`);
    }
  };
  whole('times', 1, 1_000_000);
  whole('delayMs', 0, MAX_DELAY_MS);
  whole('attempts', 1, MAX_ATTEMPTS);
  whole('backoffMs', 0, MAX_BACKOFF_MS);
  if (value.webhookType !== undefined && !isWebhookType(value.webhookType)) {
    problems.push('webhookType must be orderStatus, newOrders, shipmentError or walletTransaction');
  }
  const known = new Set(['kind', 'times', 'webhookType', 'delayMs', 'attempts', 'backoffMs']);
  for (const field of Object.keys(value)) {
    if (!known.has(field)) {
      problems.push(`unknown field ${field}`);
    }
  }
  return problems;
}

export class DeliveryFaultQueue {
  private readonly entries: Entry[] = [];
  private nextId = 1;

  /** Adds faults after checking each; a RangeError naming every problem, and nothing added, otherwise. */
  add(faults: readonly DeliveryFault[]): number[] {
    const problems = faults.flatMap((fault, index) => deliveryFaultProblems(fault).map((problem) => `faults[${index}]: ${problem}`));
    if (problems.length > 0) {
      throw new RangeError(problems.join('; '));
    }
    return faults.map((fault) => {
      const entry: Entry = { id: this.nextId++, fault: { ...fault }, left: fault.times ?? Infinity };
      this.entries.push(entry);
      return entry.id;
    });
  }

  list(): ActiveDeliveryFault[] {
    return this.entries.map((entry) => ({ id: entry.id, fault: { ...entry.fault }, ...(entry.left === Infinity ? {} : { left: entry.left }) }));
  }

  remove(id: number): boolean {
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index >= 0) {
      this.entries.splice(index, 1);
    }
    return index >= 0;
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** The faults one delivery of `type` gets: the first live one of each kind, each using one of its uses. */
  take(type: WebhookType): Map<DeliveryFaultKind, DeliveryFault> {
    const taken = new Map<DeliveryFaultKind, DeliveryFault>();
    for (const entry of [...this.entries]) {
      const { fault } = entry;
      if (taken.has(fault.kind) || (fault.webhookType !== undefined && fault.webhookType !== type)) {
        continue;
      }
      taken.set(fault.kind, fault);
      entry.left--;
      if (entry.left <= 0) {
        this.remove(entry.id);
      }
    }
    return taken;
  }
}
