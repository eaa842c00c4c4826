// A request body's bytes as the text its client meant: in its Content-Type's charset, after a
// byte order mark, UTF-16 by its byte order mark when no charset is named. The sandbox reads
// bodies so (and refuses a charset this does not know); the recording proxy's capture shows them
// so, while it forwards the bytes as they came.
import { TextDecoder } from 'node:util';

export type BodyDecoder = (bytes: Buffer) => string;

const BOM = 0xfeff;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * False for bytes that are not UTF-8 (a Latin-1 `é` sent without a charset): decoded, they hold
 * U+FFFD where the client meant something else. Checked only when the text has one.
 */
export function isUtf8Text(bytes: Buffer, text: string): boolean {
  if (!text.includes('\ufffd')) {
    return true;
  }
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTF-8, after a BOM; UTF-16 by its BOM. */
export const utf8: BodyDecoder = (bytes) => {
  const text = bytes.toString('utf8');
  if (text.charCodeAt(0) === BOM) {
    return text.slice(1);
  }
  // UTF-16 with its byte order mark and no charset said (.NET's `Encoding.Unicode`).
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  return text;
};

/** The `charset` parameter of a Content-Type, unquoted, or undefined. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]).trim() : undefined;
}

/** How a body sent with this Content-Type is decoded; undefined for a charset no decoder knows. */
export function decoderFor(contentType: string | undefined): BodyDecoder | undefined {
  const charset = charsetOf(contentType);
  if (charset === undefined || /^utf-?8$/i.test(charset)) {
    return utf8;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    return undefined;
  }
  return (bytes) => decoder.decode(bytes);
}
