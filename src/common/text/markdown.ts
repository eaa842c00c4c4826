// One escape for every Markdown string built from API data (tooltips, hovers): a SKU, a product
// name or a city is data, not Markdown. Every line ending Markdown knows (a lone `\r` too, which
// ends a table row or starts an indented code block) becomes a space, so a value cannot end a
// table row; the bidi embeddings, overrides and isolates are dropped, so a value cannot reorder
// what follows it on the line (a SKU with U+202E showing the rest of the hover backwards).

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&]/g;
const LINE_ENDING = /\r\n?|[\n\u0085\u2028\u2029]/g;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/** Escapes text so it shows literally inside Markdown, on one line, in its own order. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&').replace(LINE_ENDING, ' ').replace(BIDI_CONTROL, '');
}
