// Finding SKU candidates in source text. Candidates are deliberately liberal (any quoted string,
// any word-like token); only those in the catalogue count, so false positives cost nothing.

export interface TextToken {
  readonly text: string;
  /** Offsets within the line, `end` exclusive. */
  readonly start: number;
  readonly end: number;
}

/** Characters of an unquoted SKU: letters and digits of any script, and the usual separators. */
const WORD_CHAR = /[\p{L}\p{N}_\-./#]/u;
const WORD = /[\p{L}\p{N}_\-./#]+/gu;
const QUOTED = /"((?:[^"\\\r\n]|\\.)*)"|'((?:[^'\\\r\n]|\\.)*)'|`([^`\r\n$]*)`/g;
const MAX_SKU_LENGTH = 200;

function trimEdges(token: TextToken): TextToken | undefined {
  // Trailing dots and slashes are sentence or path punctuation, not part of a SKU.
  const match = /^[./#-]*(.*?)[./#-]*$/u.exec(token.text);
  const text = match?.[1] ?? '';
  if (text === '') {
    return undefined;
  }
  const start = token.start + token.text.indexOf(text);
  return { text, start, end: start + text.length };
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

/** The quoted string, or failing that the word, under `character` on this line. */
export function tokenAt(line: string, character: number): TextToken | undefined {
  for (const match of line.matchAll(QUOTED)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (character >= start && character < end) {
      const raw = match[1] ?? match[2] ?? match[3] ?? '';
      const text = unescape(raw);
      return text === '' || text.length > MAX_SKU_LENGTH ? undefined : { text, start: start + 1, end: end - 1 };
    }
  }
  let start = character;
  while (start > 0 && WORD_CHAR.test(line[start - 1] ?? '')) {
    start--;
  }
  let end = character;
  while (end < line.length && WORD_CHAR.test(line[end] ?? '')) {
    end++;
  }
  return end > start ? trimEdges({ text: line.slice(start, end), start, end }) : undefined;
}

/** Every distinct SKU-looking string of the text, in first-seen order, at most `limit`. */
export function skuCandidates(text: string, limit = 10_000): string[] {
  const found = new Set<string>();
  const add = (candidate: string): void => {
    const trimmed = candidate.trim();
    if (trimmed !== '' && trimmed.length <= MAX_SKU_LENGTH && found.size < limit) {
      found.add(trimmed);
    }
  };
  for (const match of text.matchAll(QUOTED)) {
    add(unescape(match[1] ?? match[2] ?? match[3] ?? ''));
  }
  for (const match of text.matchAll(WORD)) {
    const token = trimEdges({ text: match[0], start: 0, end: match[0].length });
    if (token) {
      add(token.text);
    }
  }
  return [...found];
}
