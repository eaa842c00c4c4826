// Which request bodies the sandbox reads, and how. OTO does not document it; its JSON reader
// (Jackson, behind Spring, by its error texts) reads a body in the Content-Type's charset, skips a
// byte order mark and does not undo a Content-Encoding. The sandbox does the same, so an ERP on
// .NET (whose `Encoding.UTF8` writes a BOM) or one that sends `charset=windows-1256` is read as it
// meant, and a compressed body is refused saying why rather than answered "Invalid Json format".
import type { IncomingHttpHeaders } from 'node:http';
import { charsetOf, decoderFor, type BodyDecoder } from '../../common/text/charset';
import { gatewayFailure, type ApiFailure } from './errors';

export type { BodyDecoder };

/**
 * How the body of a request with these headers is read, or the 415 that refuses it: a
 * Content-Encoding other than `identity`, or a charset no decoder knows.
 */
export function bodyDecoder(headers: IncomingHttpHeaders): BodyDecoder | ApiFailure {
  const coding = headers['content-encoding']?.trim();
  if (coding !== undefined && coding !== '' && coding.toLowerCase() !== 'identity') {
    return gatewayFailure(415, `Content-Encoding: ${coding.slice(0, 40)} is not supported: send the request body uncompressed (OTO does not say it reads compressed bodies)`);
  }
  return decoderFor(headers['content-type']) ?? gatewayFailure(415, `charset=${(charsetOf(headers['content-type']) ?? '').slice(0, 40)} is not supported: send the body as UTF-8`);
}
