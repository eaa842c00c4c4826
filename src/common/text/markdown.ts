// One escape for every Markdown string built from API data (tooltips, hovers): a SKU, a product
// name or a city is data, not Markdown. Line breaks become spaces so a value cannot end a table row.

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&]/g;

/** Escapes text so it shows literally inside Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&').replace(/\r?\n/g, ' ');
}
