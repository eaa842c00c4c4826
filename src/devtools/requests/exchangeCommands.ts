// Commands on one exchange of the Requests view: open, copy as cURL, copy response, replay.
import * as vscode from 'vscode';
import { buildCurl } from './curl';
import type { DevtoolsSession, DevtoolsStock } from '../deps';
import { type Exchange } from './exchange';
import type { ExchangeLog } from './exchangeLog';
import { formatDuration, formatTime } from './logFormat';
import { redactText } from './redaction';
import { planReplay } from './replay';
import { RequestsView } from './requestsView';
import { COMMANDS } from '../../common/ids';

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

function describeError(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error));
}

async function replay(exchange: Exchange, session: DevtoolsSession, stock: DevtoolsStock, exchanges: ExchangeLog): Promise<void> {
  const plan = planReplay(exchange);
  if (plan.kind === 'unsupported') {
    void vscode.window.showWarningMessage(vscode.l10n.t('This request cannot be replayed: {0}.', plan.reason));
    return;
  }
  if (exchange.environment !== undefined && exchange.environment !== session.environment) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('This request was made in the {0} environment; the active one is {1}. Switch back to replay it.', exchange.environment, session.environment),
    );
    return;
  }
  if (plan.kind === 'write') {
    const replayWrite = vscode.l10n.t('Replay and Change Stock Again');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Replay {0} on {1}?', exchange.endpoint, session.environment),
      {
        modal: true,
        detail: vscode.l10n.t('This request changes data on OTO. Replaying it sends the same change again: stock (or the order) changes a second time.'),
      },
      replayWrite,
    );
    if (answer !== replayWrite) {
      return;
    }
  }
  const before = exchanges.list()[0]?.id ?? 0;
  try {
    const client = await session.getClient();
    await plan.run(client);
    if (plan.kind === 'write' && plan.touches.length > 0) {
      void stock.invalidate(plan.touches);
    }
  } catch (error) {
    const showLog = vscode.l10n.t('Show log');
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Replay of {0} failed: {1}', exchange.endpoint, describeError(error)), showLog);
    if (choice === showLog) {
      await vscode.commands.executeCommand(COMMANDS.showLog);
    }
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
