// User-facing text in the plain-TypeScript cores goes through an injected `l10n.t`, so the vscode
// adapter can pass `vscode.l10n` (and string extraction still sees `l10n.t('…')` calls) while
// Node tests and benchmarks get the English text.

export interface Localizer {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

export const english: Localizer = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (placeholder, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : placeholder)),
};
