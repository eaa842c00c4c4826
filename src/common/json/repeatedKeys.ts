// Keys a JSON text gives twice in one object (`{"qty": 1, "qty": 1000}`). `JSON.parse` keeps the
// last silently, as Jackson does by default; a reader set to be strict refuses the body. Only the
// text shows them, so they are found here, in one pass without building anything but key sets.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The repeated keys of `text` (a key repeated in several objects once), in the order found, at most
 * `limit`. Assumes `text` is JSON (it parsed); on anything else it stops with what it found.
 */
export function repeatedKeys(text: string, limit = 10): string[] {
  const found: string[] = [];
  // One set of keys per open object; null for an open array.
  const open: Array<Set<string> | null> = [];
  let keyNext = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      let end = index + 1;
      let escaped = false;
      while (end < text.length && text.charCodeAt(end) !== QUOTE) {
        const backslash = text.charCodeAt(end) === BACKSLASH;
        escaped ||= backslash;
        end += backslash ? 2 : 1;
      }
      const keys = open.at(-1);
      if (keyNext && keys) {
        let key: string;
        // Only a key with an escape needs decoding: an 8 KB order body has hundreds of plain ones.
        try {
          key = escaped ? (JSON.parse(text.slice(index, end + 1)) as string) : text.slice(index + 1, end);
        } catch {
          return found;
        }
        if (!keys.has(key)) {
          keys.add(key);
        } else if (!found.includes(key) && found.push(key) >= limit) {
          return found;
        }
        keyNext = false;
      }
      index = end;
    } else if (code === 0x7b) {
      open.push(new Set());
      keyNext = true;
    } else if (code === 0x5b) {
      open.push(null);
    } else if (code === 0x7d || code === 0x5d) {
      open.pop();
    } else if (code === 0x2c) {
      keyNext = open.at(-1) instanceof Set;
    }
  }
  return found;
}
