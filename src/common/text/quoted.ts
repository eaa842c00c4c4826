// A value from outside (a SKU, a name, a body) written so it reads as one thing on one line: as a
// JSON string literal, with the control, line-breaking and bidirectional characters escaped too,
// which would otherwise break the line or make what follows read differently.

const INVISIBLE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
/** What `quoted` escapes beyond JSON: any of these makes a value unsafe to show bare. */
// eslint-disable-next-line no-control-regex -- the C0 controls are what it looks for.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

/** `value` as a JSON string literal, cut at `max` characters with "…", every invisible or line-breaking character escaped. */
export function quoted(value: unknown, max = Infinity): string {
  const text = String(value);
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut).replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text as it is when it shows as itself on one line; quoted (escapes visible) when it would not. */
export function bareOrQuoted(text: string): string {
  return UNSAFE.test(text) ? quoted(text) : text;
}
