// What a request body's bytes say. OTO does not document it; its JSON reader (Jackson, behind
// Spring, by its error texts) reads a body in the Content-Type's charset, skips a byte order mark
// and does not undo a Content-Encoding. The sandbox does the same, so an ERP on .NET (whose
// `Encoding.UTF8` writes a BOM) or one that sends `charset=windows-1256` is read as it meant, and
// a compressed body is refused saying why rather than answered "Invalid Json format".
import type { IncomingHttpHeaders } from 'node:http';
import { TextDecoder } from 'node:util';
import { gatewayFailure, type ApiFailure } from './errors';

/** How a body is turned into text: by Buffer's UTF-8 (the usual case, and the fastest) or a TextDecoder. */
export type BodyDecoder = (bytes: Buffer) => string;

const BOM = 0xfeff;

const utf8: BodyDecoder = (bytes) => {
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

/**
 * How the body of a request with these headers is read, or the 415 that refuses it: a
 * Content-Encoding other than `identity`, or a charset no decoder knows.
 */
export function bodyDecoder(headers: IncomingHttpHeaders): BodyDecoder | ApiFailure {
  const coding = headers['content-encoding']?.trim();
  if (coding !== undefined && coding !== '' && coding.toLowerCase() !== 'identity') {
    return gatewayFailure(415, `Content-Encoding: ${coding.slice(0, 40)} is not supported: send the request body uncompressed (OTO does not say it reads compressed bodies)`);
  }
  const charset = charsetOf(headers['content-type']);
  if (charset === undefined || /^utf-?8$/i.test(charset)) {
    return utf8;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    return gatewayFailure(415, `charset=${charset.slice(0, 40)} is not supported: send the body as UTF-8`);
  }
  return (bytes) => decoder.decode(bytes);
}
