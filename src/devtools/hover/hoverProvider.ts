// The SKU hover in source files: thin over HoverStock (cache, batching) and renderSkuHover.
import * as vscode from 'vscode';
import { withAbortSignal } from '../../common/ui/cancellation';
import type { DevtoolsStock } from '../deps';
import { HOVER_COMMANDS, renderNotInCatalogue, renderSkuHover } from './hoverMarkdown';
import type { HoverStock } from './hoverStock';
import { isValueOfOtherKey, tokenAt } from './skuText';
import { readSetting } from '../../common/settings/read';
import { displayFormats } from '../../common/text/display';

function hoverLanguages(): string[] {
  return readSetting('hover.languages').filter((language) => language !== '');
}

export function locationNamer(stock: DevtoolsStock): (code: string) => string | undefined {
  return (code) => stock.locations.find((location) => location.code === code)?.name;
}

class SkuHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly hoverStock: HoverStock,
    private readonly stock: DevtoolsStock,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const found = tokenAt(document.lineAt(position.line).text, position.character);
    if (!found) {
      return undefined;
    }
    const result = await withAbortSignal(token, (signal) => this.hoverStock.get(found.text, { signal }));
    if (token.isCancellationRequested) {
      return undefined;
    }
    const range = new vscode.Range(position.line, found.start, position.line, found.end);
    if (!result) {
      const line = document.lineAt(position.line).text;
      const notSku = this.stock.locations.some((location) => location.code === found.text) || isValueOfOtherKey(line, found.start);
      return !notSku && this.hoverStock.notInCatalogue(found.text) ? new vscode.Hover(new vscode.MarkdownString(renderNotInCatalogue(found.text)), range) : undefined;
    }
    const registered = new Set(await vscode.commands.getCommands(true));
    const markdown = new vscode.MarkdownString(
      renderSkuHover(result.stock, {
        locationName: locationNamer(this.stock),
        // As the Stock view's tooltip writes them.
        ...displayFormats(vscode.env.language),
        stale: result.stale,
        isRegistered: (command) => registered.has(command),
      }),
      true,
    );
    markdown.isTrusted = { enabledCommands: Object.values(HOVER_COMMANDS) };
    return new vscode.Hover(markdown, range);
  }
}

/** Registers the hover for the configured languages, re-registering when the setting changes. */
export function registerSkuHover(hoverStock: HoverStock, stock: DevtoolsStock): vscode.Disposable {
  const provider = new SkuHoverProvider(hoverStock, stock);
  let registration = vscode.languages.registerHoverProvider(hoverLanguages(), provider);
  const watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('oto.hover.languages')) {
      registration.dispose();
      registration = vscode.languages.registerHoverProvider(hoverLanguages(), provider);
    }
  });
  return {
    dispose() {
      watcher.dispose();
      registration.dispose();
    },
  };
}
