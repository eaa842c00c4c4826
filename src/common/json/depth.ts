// How deep a JSON value nests. Every reader that walks a parsed body recursively (the lint, the
// CLI's log, the control API's journal, the editor's views, jsonc-parser for scenario files)
// overflows its stack on a body nested some thousands deep, which anyone can send.

/**
 * Deeper than this, a body is not taken as JSON: a request is kept as its text, a control call or
 * a scenario is refused. OTO's bodies and our scenarios are a handful of levels deep.
 */
export const MAX_JSON_DEPTH = 64;

export function withinDepth(value: unknown, levels = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') {
    return true;
  }
  if (levels === 0) {
    return false;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      if (!withinDepth(item, levels - 1)) {
        return false;
      }
    }
    return true;
  }
  for (const key in value) {
    if (!withinDepth((value as Record<string, unknown>)[key], levels - 1)) {
      return false;
    }
  }
  return true;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/**
 * Where the JSON in `text` first opens more than `levels` levels (its offset), from its brackets
 * outside strings; `undefined` when it does not. For parsers that recurse, before they meet it.
 */
export function offsetTooDeep(text: string, levels = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) {
        i++;
      } else if (code === QUOTE) {
        inString = false;
      }
    } else if (code === QUOTE) {
      inString = true;
    } else if (OPENERS.has(code)) {
      if (++depth > levels) {
        return i;
      }
    } else if (CLOSERS.has(code)) {
      depth--;
    }
  }
  return undefined;
}
