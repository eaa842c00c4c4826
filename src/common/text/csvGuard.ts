// Every CSV we write goes through this one rule: a cell a spreadsheet would run as a formula
// (OWASP's "CSV injection") gets a leading `'`. SKUs, product names, notes and OTO's messages
// are not ours to trust. A plain negative figure (`-12`, `-2.5`) is data, not a formula, and is
// left as it is so stock figures and SKUs like `-12` keep their value.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

export function guardCsvCell(value: string): string {
  return FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value) ? `'${value}` : value;
}

/** The same rule over a record's values: strings are guarded, numbers pass as they are. */
export function guardCsvRow<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? guardCsvCell(value) : value])) as T;
}
