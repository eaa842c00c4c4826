// Commands on the Sandbox Traffic view and its exchanges: open, Copy as cURL and Replay (the
// Requests view's own code, given the exchange's URL on the sandbox), clear, the two filters and
// the welcome's ready-to-paste curl line.
import * as vscode from 'vscode';
import { buildCurl, shellQuote, type RequestLike } from '../devtools/requests/replay/curl';
import type { TrafficExchange } from '../traffic/exchange';
import type { TrafficCommands, WorkbenchWiring } from './deps';
import { TrafficDocuments } from './documents';
import type { TrafficFeed } from './feed';
import { isDelivery, trafficRow } from './rows';
import type { TrafficView } from './trafficView';

function asRequest(feed: TrafficFeed, exchange: TrafficExchange): RequestLike & { environment: string } {
  return { method: exchange.method, url: feed.urlOf(exchange), endpoint: exchange.endpoint, requestBody: exchange.requestBody.text, environment: 'sandbox' };
}

/** The exchange a command was invoked on (validated: it must still be kept), or one the user picks. */
async function resolve(feed: TrafficFeed, argument: unknown): Promise<TrafficExchange | undefined> {
  const id = typeof argument === 'object' && argument !== null ? (argument as { id?: unknown }).id : undefined;
  if (typeof id === 'number') {
    return feed.get(id);
  }
  const items = feed.list().map((exchange) => ({ ...trafficRow(exchange), exchange }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The sandbox has not received any requests yet.'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which exchange?'), matchOnDescription: true }))?.exchange;
}

/**
 * The exchange a replay is about to make, heard as the feed records it (the sandbox records it as
 * the answer ends, a moment after the client has it); `undefined` if none comes within 500 ms.
 */
function nextOwnExchange(feed: TrafficFeed, endpoint: string): { exchange: Promise<TrafficExchange | undefined>; cancel(): void } {
  let cancel = (): void => undefined;
  const exchange = new Promise<TrafficExchange | undefined>((resolve) => {
    const done = (found: TrafficExchange | undefined): void => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(found);
    };
    const subscription = feed.onDidRecord((recorded) => {
      if (recorded.endpoint === endpoint && recorded.client.own) {
        done(recorded);
      }
    });
    const timer = setTimeout(() => done(undefined), 500);
    cancel = () => done(undefined);
  });
  return { exchange, cancel };
}

export function trafficCommands(feed: TrafficFeed, view: TrafficView, deps: WorkbenchWiring): TrafficCommands {
  const onExchange = (run: (exchange: TrafficExchange) => Promise<unknown>) => async (argument: unknown) => {
    const exchange = await resolve(feed, argument);
    if (exchange) {
      await run(exchange);
    }
  };
  // Copy as cURL and Replay make a request to the sandbox; a delivery the sandbox sent is none.
  const onRequest = (run: (exchange: TrafficExchange) => Promise<unknown>) => onExchange(async (exchange) => {
    if (isDelivery(exchange)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('#{0} is a webhook delivery the sandbox sent, not a request to it: open it to see what was sent.', exchange.id));
      return;
    }
    await run(exchange);
  });
  return {
    openExchange: onExchange((exchange) => TrafficDocuments.open(exchange)),
    copyExchangeAsCurl: onRequest(async (exchange) => {
      await vscode.env.clipboard.writeText(buildCurl(asRequest(feed, exchange)));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied as cURL. Set OTO_ACCESS_TOKEN in your shell before running it.'));
    }),
    replayExchange: onRequest(async (exchange) => {
      // Listening starts before the request is sent, so its exchange cannot be missed.
      const next = nextOwnExchange(feed, exchange.endpoint);
      if (!(await deps.replayRequest(asRequest(feed, exchange), deps.session, deps.stock))) {
        next.cancel();
        return;
      }
      const made = await next.exchange;
      if (made) {
        await TrafficDocuments.open(made);
      }
    }),
    clear: () => {
      feed.clear();
      view.refreshSoon();
    },
    filter: (name, on) => view.setFilter(name, on),
    copyCurl: async () => {
      const sandbox = await deps.session.runningSandbox;
      if (!sandbox) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The sandbox is not running: choose the sandbox environment first.'));
        return;
      }
      await vscode.env.clipboard.writeText(firstCurl(sandbox.baseUrl, sandbox.refreshToken));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied a curl line that signs in to the sandbox. Paste it into a terminal; the answer carries an access token.'));
    },
  };
}

/** The line an integration engineer pastes first: a token refresh against the sandbox. */
export function firstCurl(baseUrl: string, refreshToken: string): string {
  return `curl -s -X POST ${shellQuote(`${baseUrl}/refreshToken`)} -H 'Content-Type: application/json' -d ${shellQuote(JSON.stringify({ refresh_token: refreshToken }))}`;
}
