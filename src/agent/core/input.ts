// The tools' input, checked before anything is read or sent: a model's arguments are user input.
// Each problem is named with the field and what is wrong; a field the tool does not take is
// refused rather than ignored (a misspelt `locationCode` must not silently mean "all locations").
import { isValidDdMmYyyy, MAX_QUANTITY } from '../../client';

export class AgentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentInputError';
  }
}

export const MAX_SKUS = 1000;
const MAX_TEXT = 200;

/** The JSON Schema of a tool's input, as both front ends declare it. */
export interface InputSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties: false;
}

export class Fields {
  private readonly record: Record<string, unknown>;

  constructor(input: unknown, schema: InputSchema) {
    if (input === undefined || input === null) {
      input = {};
    }
    if (typeof input !== 'object' || Array.isArray(input)) {
      throw new AgentInputError('The input must be an object of named fields.');
    }
    this.record = input as Record<string, unknown>;
    const known = Object.keys(schema.properties);
    for (const name of Object.keys(this.record)) {
      if (!known.includes(name)) {
        throw new AgentInputError(`Unknown field ${JSON.stringify(name.slice(0, 60))}: this tool takes ${known.join(', ')}.`);
      }
    }
    for (const name of schema.required ?? []) {
      if (this.record[name] === undefined) {
        throw new AgentInputError(`${name} is required.`);
      }
    }
  }

  private value(name: string): unknown {
    return Object.hasOwn(this.record, name) ? this.record[name] : undefined;
  }

  text(name: string): string {
    const value = this.optionalText(name);
    if (value === undefined) {
      throw new AgentInputError(`${name} is required.`);
    }
    return value;
  }

  optionalText(name: string, max = MAX_TEXT): string | undefined {
    const value = this.value(name);
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      throw new AgentInputError(`${name} must be a non-empty string.`);
    }
    if (value.length > max) {
      throw new AgentInputError(`${name} is ${value.length} characters long; at most ${max}.`);
    }
    return value.trim();
  }

  /** An integer; `positive` refuses 0 and below, `nonZero` 0, `nonNegative` below 0. */
  integer(name: string, kind: 'any' | 'positive' | 'nonZero' | 'nonNegative' = 'any'): number {
    const value = this.value(name);
    if (value === undefined) {
      throw new AgentInputError(`${name} is required.`);
    }
    return checkInteger(value, name, kind);
  }

  optionalInteger(name: string, min: number, max: number): number | undefined {
    const value = this.value(name);
    if (value === undefined) {
      return undefined;
    }
    const number = checkInteger(value, name, 'any');
    if (number < min || number > max) {
      throw new AgentInputError(`${name} must be from ${min} to ${max}, got ${number}.`);
    }
    return number;
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback?: T): T {
    const value = this.value(name) ?? fallback;
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      throw new AgentInputError(`${name} must be one of ${choices.map((choice) => `"${choice}"`).join(', ')}.`);
    }
    return value as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.value(name);
    if (value === undefined) {
      return fallback;
    }
    if (typeof value !== 'boolean') {
      throw new AgentInputError(`${name} must be true or false.`);
    }
    return value;
  }

  /** DD/MM/YYYY, OTO's date format. */
  optionalDate(name: string): string | undefined {
    const value = this.optionalText(name, 10);
    if (value !== undefined && !isValidDdMmYyyy(value)) {
      throw new AgentInputError(`${name} must be a date as DD/MM/YYYY, e.g. 07/12/2026.`);
    }
    return value;
  }

  /** A list of SKUs, each once, in the order given. */
  skus(name: string): string[] {
    const value = this.value(name);
    if (!Array.isArray(value) || value.length === 0) {
      throw new AgentInputError(`${name} must be a list of 1 to ${MAX_SKUS} SKUs.`);
    }
    if (value.length > MAX_SKUS) {
      throw new AgentInputError(`${name} has ${value.length} SKUs; at most ${MAX_SKUS} at once.`);
    }
    value.forEach((sku, index) => {
      if (typeof sku !== 'string' || sku.trim() === '' || sku.length > MAX_TEXT) {
        throw new AgentInputError(`${name}[${index}] must be a SKU: a non-empty string of at most ${MAX_TEXT} characters.`);
      }
    });
    return [...new Set((value as string[]).map((sku) => sku.trim()))];
  }

  /** Inventory order items: `[{ sku, qty }]`, each qty a positive integer. */
  items(name: string): Array<{ sku: string; qty: number }> {
    const value = this.value(name);
    if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
      throw new AgentInputError(`${name} must be a list of 1 to 100 items, each { "sku": "…", "qty": 5 }.`);
    }
    const seen = new Map<string, number>();
    return value.map((item: unknown, index) => {
      const fields = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
      if (!fields || typeof fields.sku !== 'string' || fields.sku.trim() === '' || fields.sku.length > MAX_TEXT || Object.keys(fields).some((key) => key !== 'sku' && key !== 'qty')) {
        throw new AgentInputError(`${name}[${index}] must be { "sku": "…", "qty": 5 }.`);
      }
      const sku = fields.sku.trim();
      // Twice, the preview would show each line from the same figure, and neither line would be the result.
      const earlier = seen.get(sku);
      if (earlier !== undefined) {
        throw new AgentInputError(`${name}[${index}] repeats the SKU ${JSON.stringify(sku.slice(0, 60))} of ${name}[${earlier}]: give each SKU once, with its total quantity.`);
      }
      seen.set(sku, index);
      return { sku, qty: checkInteger(fields.qty, `${name}[${index}].qty`, 'positive') };
    });
  }
}

function checkInteger(value: unknown, name: string, kind: 'any' | 'positive' | 'nonZero' | 'nonNegative'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new AgentInputError(`${name} must be a whole number, got ${JSON.stringify(value)?.slice(0, 40) ?? String(value)}.`);
  }
  if (Math.abs(value) > MAX_QUANTITY) {
    throw new AgentInputError(`${name} is beyond the ${MAX_QUANTITY} either way that OTO can hold.`);
  }
  if (kind === 'positive' && value < 1) {
    throw new AgentInputError(`${name} must be at least 1.`);
  }
  if (kind === 'nonZero' && value === 0) {
    throw new AgentInputError(`${name} must not be 0: a positive number adds, a negative one removes.`);
  }
  if (kind === 'nonNegative' && value < 0) {
    throw new AgentInputError(`${name} must be 0 or more.`);
  }
  return value;
}
