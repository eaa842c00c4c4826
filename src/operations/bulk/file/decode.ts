// The bytes of a file of stock changes as text, in the encodings an operator's files really come
// in: UTF-8 with or without a BOM (Excel's "CSV UTF-8"), UTF-16 with a BOM (Excel's "Unicode
// Text"), and Windows-1256, what Excel's plain "CSV" writes on an Arabic Windows. Read as UTF-8,
// the last two came out as NULs and U+FFFD: a header "missing" its columns, Arabic SKUs unknown,
// Arabic notes garbled. The platform's WHATWG TextDecoder does the decoding (no table of our own,
// nothing added to the bundle).
import * as l10n from '@vscode/l10n';

export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';

export interface DecodedFile {
  text: string;
  encoding: FileEncoding;
}

/** What the preview says the file was read as, when it was not UTF-8. */
export function encodingName(encoding: FileEncoding): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-16le':
      return 'UTF-16 LE';
    case 'utf-16be':
      return 'UTF-16 BE';
    case 'windows-1256':
      return l10n.t('Arabic (Windows-1256)');
  }
}

function detect(bytes: Uint8Array): FileEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return 'utf-8';
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'utf-16le';
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'utf-16be';
  }
  // Without a BOM, a header in UTF-16 still shows itself: ASCII letters each beside a zero byte.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) {
    return 'utf-16le';
  }
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) {
    return 'utf-16be';
  }
  return undefined;
}

/**
 * The file's text and the encoding it was read in. Bytes that are not valid UTF-8 and carry no
 * BOM are read as Windows-1256 (every byte has a meaning there, so nothing turns into U+FFFD);
 * the preview names that encoding, and a SKU read wrongly is still checked against the catalogue.
 */
export function decodeFile(bytes: Uint8Array): DecodedFile {
  const detected = detect(bytes);
  if (detected) {
    // A BOM is dropped by the decoder (fatal: a broken UTF-16 file is not half read).
    return { text: decodeAs(detected, bytes), encoding: detected };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeAs('windows-1256', bytes), encoding: 'windows-1256' };
  }
}

function decodeAs(encoding: FileEncoding, bytes: Uint8Array): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    // A runtime built without the legacy encodings: said plainly rather than read as garbage.
    throw new Error(l10n.t('The file is not UTF-8 and this VS Code cannot read {0}: save it as "CSV UTF-8" and apply it again.', encodingName(encoding)));
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Error(l10n.t('The file starts as {0} but holds bytes that are not {0}: save it as "CSV UTF-8" and apply it again.', encodingName(encoding)));
  }
}
