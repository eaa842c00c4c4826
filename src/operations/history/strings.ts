// The history page's strings, localised by the host (the page fills in `{0}`).
import * as l10n from '@vscode/l10n';
import { reasonLabel } from '../../stockChange/reasons';
import type { HistoryStrings } from './protocol';
import { pluralForms } from '../../common/text/plural';

export function historyStrings(): HistoryStrings {
  return {
    title: l10n.t('Stock history of {0}'),
    loading: l10n.t('Reading the stock history…'),
    chartLabel: l10n.t('On hand over time, per location'),
    noHistory: l10n.t('No changes of this SKU are recorded yet. Changes made through the extension, and changes a refresh finds, appear here.'),
    noOnHandChanges: l10n.t('No change of on hand is recorded for this SKU, so there is no line to draw: the entries below (inventory orders) move its forecast.'),
    filterLabel: l10n.t('Filter the entries'),
    filterPlaceholder: l10n.t('Filter by note, reason, transaction…'),
    allSources: l10n.t('All sources'),
    allLocations: l10n.t('All locations'),
    exportCsv: l10n.t('Export CSV'),
    refresh: l10n.t('Refresh'),
    columnTime: l10n.t('Time'),
    columnSource: l10n.t('Source'),
    columnLocation: l10n.t('Location'),
    columnChange: l10n.t('Change'),
    columnBeforeAfter: l10n.t('Before → after'),
    columnReason: l10n.t('Reason and note'),
    columnTransaction: l10n.t('Transaction'),
    sourceSingle: l10n.t('single change'),
    sourceBulk: l10n.t('bulk file'),
    sourceTransfer: l10n.t('transfer'),
    sourceOrder: l10n.t('inventory order'),
    sourceUndo: l10n.t('undo'),
    sourceOutside: l10n.t('outside the extension'),
    entriesCount: pluralForms('{0} entry', '{0} entries'),
    onHandAxis: l10n.t('On hand'),
    now: l10n.t('now'),
    reasonReceived: reasonLabel('received'),
    reasonDamaged: reasonLabel('damaged'),
    reasonCycleCount: reasonLabel('cycle-count'),
    reasonCorrection: reasonLabel('correction'),
    reasonReturned: reasonLabel('returned'),
    reasonOther: reasonLabel('other'),
    actionAdjust: l10n.t('adjust'),
    actionSet: l10n.t('set'),
    actionInbound: l10n.t('inbound'),
    actionOutbound: l10n.t('outbound'),
    actionObserved: l10n.t('observed'),
    showMore: l10n.t('Show more ({0} not shown)'),
    answerLost: l10n.t('answer lost; a later read found it applied'),
    // The arrow points the way the page reads, as the column's title does ("Before → after").
    beforeAfter: l10n.t('{0} → {1}'),
  };
}
