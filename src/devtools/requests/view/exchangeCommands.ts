// Commands on one exchange of the Requests view: open, copy as cURL, copy response, replay.
import * as vscode from 'vscode';
import { buildCurl } from '../replay/curl';
import type { DevtoolsSession, DevtoolsStock } from '../../deps';
import { type Exchange } from '../log/exchange';
import type { ExchangeLog } from '../log/exchangeLog';
import { formatDuration, formatTime } from '../log/logFormat';
import { redactText } from '../log/redaction';
import { replayRequest } from '../replay/replayFlow';
import { RequestsView } from './requestsView';
import { COMMANDS } from '../../../common/ids';

function isExchange(value: unknown): value is Exchange {
  return typeof value === 'object' && value !== null && typeof (value as Exchange).id === 'number' && typeof (value as Exchange).url === 'string';
}

/** The exchange the command was invoked on, or one the user picks (palette). */
async function resolve(exchanges: ExchangeLog, argument: unknown): Promise<Exchange | undefined> {
  if (isExchange(argument)) {
    return exchanges.get(argument.id) ?? argument;
  }
  const items = exchanges.list().map((exchange) => ({
    label: `${exchange.method} ${exchange.endpoint}`,
    description: `${exchange.status ?? '---'} · ${formatDuration(exchange.durationMs)} · ${formatTime(exchange.startedAt)}`,
    exchange,
  }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No OTO requests have been made yet.'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which request?'), matchOnDescription: true }))?.exchange;
}

async function replay(exchange: Exchange, session: DevtoolsSession, stock: DevtoolsStock, exchanges: ExchangeLog): Promise<void> {
  const before = exchanges.list()[0]?.id ?? 0;
  if (!(await replayRequest(exchange, session, stock))) {
    return;
  }
  const replayed = exchanges.list().find((candidate) => candidate.id > before && candidate.endpoint === exchange.endpoint);
  if (replayed) {
    await RequestsView.open(replayed);
  }
}

export function registerExchangeCommands(exchanges: ExchangeLog, session: DevtoolsSession, stock: DevtoolsStock): vscode.Disposable[] {
  const onExchange = (run: (exchange: Exchange) => Promise<unknown>) => async (argument: unknown) => {
    const exchange = await resolve(exchanges, argument);
    if (exchange) {
      await run(exchange);
    }
  };
  return [
    vscode.commands.registerCommand(COMMANDS.openRequest, onExchange((exchange) => RequestsView.open(exchange))),
    vscode.commands.registerCommand(
      COMMANDS.copyRequestAsCurl,
      onExchange(async (exchange) => {
        await vscode.env.clipboard.writeText(buildCurl(exchange));
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied as cURL. Set OTO_ACCESS_TOKEN in your shell before running it.'));
      }),
    ),
    vscode.commands.registerCommand(
      COMMANDS.copyResponse,
      onExchange(async (exchange) => {
        if (exchange.responseBody === undefined) {
          void vscode.window.showInformationMessage(vscode.l10n.t('This request got no response to copy.'));
          return;
        }
        await vscode.env.clipboard.writeText(redactText(exchange.responseBody));
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.replayRequest, onExchange((exchange) => replay(exchange, session, stock, exchanges))),
  ];
}
