// How a failed call is told to the user: OTO's own code and message with "Show log", and for a
// write whose answer was lost, that it may or may not have happened (it is never resent).
import { isCancellation } from '../../common/ui/cancellation';
import { describeError } from '../../common/text/errorText';
import { connect, type Connection, type FlowContext } from '../context';
import * as l10n from '@vscode/l10n';
import type { MessageLevel } from '../../stockChange/prompts/prompter';
import { environmentInText } from '../../common/text/environmentName';

/** The flow's connection, or undefined once the user has been told why there is none (not signed in, say). */
export async function connectOrReport(ctx: FlowContext, title: string): Promise<Connection | undefined> {
  try {
    return await connect(ctx);
  } catch (error) {
    await showFailure(ctx, title, error);
    return undefined;
  }
}

/**
 * False, once the user has been told, when the session changed since the flow took its client: the
 * write would go to the environment (or account) the user left, while the figures it was based on
 * came from the old one.
 */
export async function stillCurrent(ctx: FlowContext, connection: Connection): Promise<boolean> {
  const now = ctx.environment();
  if (now !== connection.environment) {
    await ctx.prompter.message('warning', l10n.t('OTO switched from {0} to {1} while this was being prepared, so nothing was sent. Run the command again.', environmentInText(connection.environment), environmentInText(now)), []);
    return false;
  }
  if (ctx.generation() !== connection.generation) {
    await ctx.prompter.message('warning', l10n.t('You signed in or out of OTO {0} while this was being prepared, so nothing was sent. Run the command again.', environmentInText(now)), []);
    return false;
  }
  return true;
}

/**
 * Shows "<what failed>: <OTO code and message>" with "Show log", plus any extra actions; returns
 * the extra action chosen. Nothing for a cancellation: the user gave up, nothing failed.
 */
export function showFailure<A extends string>(ctx: FlowContext, what: string, error: unknown, extra: readonly A[] = []): Promise<A | undefined> {
  if (isCancellation(error)) {
    return Promise.resolve(undefined);
  }
  return messageWithLog(ctx, 'error', l10n.t('{0}: {1}', what, describeError(error)), extra);
}

/** Warns that a write's answer was lost; returns the extra action chosen. */
export function showLostAnswer<A extends string>(ctx: FlowContext, text: string, extra: readonly A[]): Promise<A | undefined> {
  return messageWithLog(ctx, 'warning', text, extra);
}

async function messageWithLog<A extends string>(ctx: FlowContext, level: MessageLevel, text: string, extra: readonly A[]): Promise<A | undefined> {
  const showLog = l10n.t('Show log');
  const choice = await ctx.prompter.message<string>(level, text, [...extra, showLog]);
  if (choice === showLog) {
    await ctx.showLog();
    return undefined;
  }
  return extra.find((action) => action === choice);
}

/** OTO's warnings appended to a message, e.g. about a date it dropped. */
export function withWarnings(text: string, warnings: readonly string[] | undefined): string {
  return warnings && warnings.length > 0 ? l10n.t('{0} OTO says: {1}', text, warnings.join(' · ')) : text;
}
