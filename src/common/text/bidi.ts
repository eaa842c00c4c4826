// Text that mixes Arabic with SKUs and figures. VS Code lays the workbench out left to right even
// in Arabic, so without isolation the bidi algorithm reorders a row's parts ("المتوفر 176 · المتوقع
// 179" shows the forecast first) and puts a minus after its number ("8−"). Each part is isolated
// (FSI … PDI: its own direction, kept in place) and each figure is an LTR isolate (LRI … PDI).

import { displayLanguage } from './display';

const FSI = '\u2068';
const LRI = '\u2066';
const PDI = '\u2069';

/** Arabic and the other right-to-left languages VS Code can be shown in. */
export function isRightToLeft(language: string): boolean {
  return /^(ar|he|fa|ur)\b/i.test(language);
}

/** How a list of mixed-direction parts and figures is written for one display direction. */
export interface Bidi {
  /** A self-contained part of a row (`المتوفر 176`), kept in its place among the others. */
  part(text: string): string;
  /** A figure or code that reads left to right (`−8`, `RUH-WH1`). */
  figure(text: string): string;
}

const PLAIN: Bidi = { part: (text) => text, figure: (text) => text };
const ISOLATED: Bidi = { part: (text) => `${FSI}${text}${PDI}`, figure: (text) => `${LRI}${text}${PDI}` };

/** Left-to-right languages get the text as it is (nothing invisible added); right-to-left ones get isolates. */
export function bidiFor(rightToLeft: boolean): Bidi {
  return rightToLeft ? ISOLATED : PLAIN;
}

/**
 * A row's description from its parts (`200`, `1 finding`, `هذا المحرر`, `4 ms`), joined with ` · `;
 * in a right-to-left display language each part is isolated, or an Arabic part pulls the figures
 * around it into its own run and the parts change places.
 */
export function rowParts(parts: readonly string[], language = displayLanguage()): string {
  const bidi = bidiFor(isRightToLeft(language));
  return parts.map((part) => bidi.part(part)).join(' · ');
}
