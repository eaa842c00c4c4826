// The one place the host hands its language to the code that runs without `vscode` (the flows,
// the stock core, the operator tools): those call `l10n.t` from `@vscode/l10n`, which gives the
// English text until configured. Each esbuild bundle has its own copy of `@vscode/l10n` and of
// the display language, so each bundle's entry calls this once.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { useDisplayLanguage } from './display';

export function configureLocalisation(): void {
  // `bundle` is undefined in English (no bundle file): an empty one resets to the English text.
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  useDisplayLanguage(vscode.env.language);
}
