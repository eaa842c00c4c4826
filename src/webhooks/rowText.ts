// How one inbox event reads as a row of the Webhook Inbox: type and order, then status, the
// signature verdict, the time, and the forwarded receiver's answer. No `vscode`.
import * as l10n from '@vscode/l10n';
import { rowParts } from '../common/text/bidi';
import { hideUrlCredentials } from '../client/engine/urlCredentials';
import { formatTime } from '../common/text/timeFormat';
import type { ForwardResult, InboxEvent } from './inbox';
import { verdictLabel, verdictReason, timestampWarning } from './words';

export type RowIcon = 'valid' | 'invalid' | 'unsigned' | 'stale';

export interface RowText {
  readonly label: string;
  readonly description: string;
  readonly icon: RowIcon;
  /** Plain sentences for the tooltip (escaped by the view). */
  readonly details: readonly string[];
}

export function forwardText(forward: ForwardResult): string {
  if (forward.status !== undefined) {
    return `→ ${forward.status}`;
  }
  switch (forward.error) {
    case 'loop':
      return l10n.t('→ not forwarded: an inbox forwarded it here (a loop)');
    case 'cutShort':
      return l10n.t('→ not forwarded: the delivery never came whole');
    case 'busy':
      return l10n.t('→ not forwarded: too many forwards were under way');
    case 'timeout':
      return l10n.t('→ no answer in time');
    default:
      return l10n.t('→ not delivered ({0})', forward.error ?? '?');
  }
}

function cutShortText(cut: NonNullable<InboxEvent['cutShort']>): string {
  return cut.announced === undefined
    ? l10n.t('The connection closed after {0} bytes, before the body was whole: nothing was answered.', cut.bytes)
    : l10n.t('The connection closed after {0} of {1} bytes, before the body was whole: nothing was answered.', cut.bytes, cut.announced);
}

export function rowText(event: InboxEvent): RowText {
  const { verification } = event;
  const warning = timestampWarning(verification);
  const stale = verification.timestamp?.stale === true;
  const parts = [event.status ?? '', stale ? `${verdictLabel(verification.verdict)}, ${l10n.t('stale')}` : verdictLabel(verification.verdict), formatTime(event.receivedAt).slice(0, 8)];
  if (event.cutShort) {
    parts.unshift(l10n.t('cut short'));
  }
  if (event.forward) {
    parts.push(forwardText(event.forward));
  }
  return {
    label: `${event.type ?? l10n.t('unknown type')} · ${event.orderId ?? '—'}`,
    description: rowParts(parts.filter(Boolean)),
    icon: verification.verdict === 'valid' ? (stale ? 'stale' : 'valid') : verification.verdict,
    details: [
      verdictReason(verification),
      ...(warning ? [warning] : []),
      ...(event.cutShort ? [cutShortText(event.cutShort)] : event.answer.status === 200 ? [] : [l10n.t('The inbox answered {0}, refusing it as a careful receiver should.', event.answer.status)]),
      ...(event.forward ? [l10n.t('Forwarded to {0}: {1}', hideUrlCredentials(event.forward.url), forwardText(event.forward))] : []),
    ],
  };
}
