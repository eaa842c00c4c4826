// "OTO: Apply Stock Changes from File…": read and validate the file (problems go to the
// Problems panel, and nothing is sent), preview with fresh figures, one confirmation, then the
// journalled apply in a cancellable progress notification, and a summary with "Save report".
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isOtoError } from '../../client';
import type { OperationsDeps } from '../deps';
import type { LedgerEntry } from '../../stockChange/ledgerEntry';
import { bulkLedgerEntry, interruptedBulkEntries, journalWrite, recordMissing, withNote } from '../history/journalEntries';
import { parseCsv } from './file/csv';
import { confirmPick } from '../../stockChange/prompts/confirmPick';
import { VsCodePrompter } from '../../stockChange/prompts/vscodePrompter';
import { Journal, journalsOf, readJournal, type ReadJournal } from '../journal';
import { findEarlierApply, rerunPlan, type EarlierApply } from './rerun';
import { confirmModal } from '../../common/ui/confirm';
import { parseJsonRows } from './file/jsonRows';
import { decodeFile, encodingName } from './file/decode';
import { buildPreview, type PlannedRow, type Preview } from './preview';
import { reportCsv } from './report';
import { BULK_CONCURRENCY, checkRows, sendRows, type BulkClient } from './run';
import { askLostRows, type LostRowsAnswer } from './lostRows';
import { countStates, isSettled, statusOf, type Counts, type RowStatus } from './state';
import { belowZeroLine, previewText, resultsText, totalLine } from './text';
import { validateTable, type BulkChange } from './file/validate';
import { isCancellation, withAbortSignal } from '../../common/ui/cancellation';
import { COMMANDS } from '../../common/ids';
import { withCancellableProgress } from '../../common/ui/progress';
import { skuCount } from '../../stock/tree/format';
import { plural } from '../../common/text/plural';
import { describeError, describeErrorForLog } from '../../common/text/errorText';
import { environmentInText } from '../../common/text/environmentName';

const l10n = vscode.l10n;
/** Larger files are not read: 10,000 rows of changes fit in far less. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
async function chooseFile(argument: unknown): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) {
    return argument;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && /\.(csv|json)$/i.test(active.path)) {
    return active;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: l10n.t('Apply Stock Changes'),
    filters: { [l10n.t('Stock changes')]: ['csv', 'json'] },
  });
  return picked?.[0];
}

interface FileText {
  text: string;
  /** What the preview says about how the text was read, when there is something to say. */
  readAs?: string;
}

async function readText(uri: vscode.Uri): Promise<FileText> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) {
    // What the operator sees, unsaved edits included (and said to be).
    return { text: open.getText(), readAs: open.isDirty ? l10n.t('Read from the editor, unsaved edits included.') : undefined };
  }
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_FILE_BYTES) {
    throw new Error(l10n.t('{0} is {1} MB; files of stock changes are read up to {2} MB.', path.basename(uri.path), (stat.size / 1024 / 1024).toFixed(1), MAX_FILE_BYTES / 1024 / 1024));
  }
  const { text, encoding } = decodeFile(await vscode.workspace.fs.readFile(uri));
  return { text, readAs: encoding === 'utf-8' ? undefined : l10n.t('Read as {0}.', encodingName(encoding)) };
}

/**
 * Files being read, previewed or applied in this window (by URI), and the journals being sent:
 * a second apply of the same file meanwhile (a CodeLens clicked twice), or a review of the run
 * still sending, would send the rows the first one is about to send.
 */
const busyFiles = new Map<string, object>();
const sendingJournals = new Set<string>();

/** Holds `uri` as busy; undefined when it already is. The release lets go of this hold only. */
function holdFile(uri: vscode.Uri): (() => void) | undefined {
  const key = uri.toString();
  if (busyFiles.has(key)) {
    return undefined;
  }
  const hold = {};
  busyFiles.set(key, hold);
  return () => {
    if (busyFiles.get(key) === hold) {
      busyFiles.delete(key);
    }
  };
}

/** True while this window is sending the rows of the journal `file`. */
export function isBeingSent(file: string): boolean {
  return sendingJournals.has(file);
}

export async function applyStockChangesFromFile(deps: OperationsDeps, argument: unknown): Promise<void> {
  const uri = await chooseFile(argument);
  if (!uri) {
    return;
  }
  const name = path.basename(uri.path);
  const release = holdFile(uri);
  if (!release) {
    void vscode.window.showInformationMessage(l10n.t('The stock changes from {0} are being applied already: wait for that apply to finish.', name));
    return;
  }
  try {
    const { text, readAs } = await readText(uri);
    // Checked against what could not be read, every SKU would look unknown: the reason is said instead.
    if (!(await withCancellableProgress({ title: l10n.t('Reading the catalogue and locations…') }, (signal) => deps.store.requireCatalogue({ signal })))) {
      return;
    }
    const check = (content: string, file: vscode.Uri) => {
      const table = /\.json$/i.test(file.path) ? parseJsonRows(content) : parseCsv(content);
      const locations = new Set(deps.store.locations.map((location) => location.code));
      return validateTable(table, {
        hasSku: (sku) => deps.store.getSku(sku) !== undefined,
        hasLocation: (code) => locations.has(code),
        skus: function* () {
          for (const item of deps.store.skus()) {
            yield item.sku;
          }
        },
      });
    };
    const { changes, problems } = check(text, uri);
    if (problems.length > 0) {
      await deps.bulk.problems.show(uri, name, problems, (content, file) => check(content, file).problems);
      return;
    }
    deps.bulk.problems.clear(uri);
    const earlier = findEarlierApply(name, changes, await journalsOf(deps.journalDir, deps.environment(), 'bulk'));
    const rerun = rerunPlan(earlier, earlier !== undefined && (await confirmRerun(deps, earlier, name, changes.length)));
    if (!rerun.send) {
      return;
    }
    if (rerun.resumes) {
      // What the run taken over had applied goes to the stock history now (its review would have done it).
      await recordMissing(deps, rerun.resumes.start.environment, interruptedBulkEntries(rerun.resumes));
    }
    // What is confirmed is what the preview showed: a file saved or edited since is not sent.
    const unchanged = async (): Promise<boolean> => (await readText(uri)).text === text;
    await planAndApply(deps, changes, name, { readAs, unchanged, sent: release, resumes: rerun.resumes });
  } catch (error) {
    await showError(deps, l10n.t('Stock changes from {0} were not applied', name), error);
  } finally {
    release();
  }
}

interface PlanOptions {
  /** The interrupted run this continues. */
  resumes?: ReadJournal;
  readAs?: string;
  /** False when the file no longer says what was previewed. */
  unchanged?: () => Promise<boolean>;
  /** Called once the rows are sent and settled, before the summary waits on the operator. */
  sent?: () => void;
}

/** Fresh figures, preview, one confirmation, then the journalled apply. */
async function planAndApply(deps: OperationsDeps, changes: readonly BulkChange[], source: string, { resumes, readAs, unchanged, sent }: PlanOptions = {}): Promise<void> {
  const environment = deps.environment();
  const client = await deps.getClient();
  const skus = [...new Set(changes.map((change) => change.sku))];
  const stock = await withCancellableProgress({ title: l10n.t('Reading stock of {0}…', skuCount(skus.length)) }, (signal) => client.checkInventoryStock(skus, { signal }));
  const preview = buildPreview(changes, stock);
  await deps.bulk.show(source, previewText(preview, source, readAs));
  if (preview.toSend === 0) {
    void vscode.window.showInformationMessage(l10n.t('Every row of {0} sets the stock to the figure it already has: nothing to send.', source));
    if (resumes) {
      await Journal.reopen(resumes.file, resumes.start).append({ type: 'closed' });
    }
    return;
  }
  if (!(await confirmApply(preview, source, environment, readAs))) {
    return;
  }
  if (unchanged && !(await unchanged())) {
    const message = l10n.t('{0} changed since the preview (saved, edited or replaced), so nothing was sent: what you confirmed is no longer what the file says. Apply it again to preview what it says now.', source);
    // The open preview no longer passes for one waiting to be sent.
    deps.bulk.update(source, `${message}\n\n${previewText(preview, source, readAs)}`);
    void vscode.window.showWarningMessage(message);
    return;
  }
  if (deps.environment() !== environment) {
    void vscode.window.showWarningMessage(l10n.t('OTO switched from {0} to {1} while this was being prepared, so nothing was sent. Run the command again.', environmentInText(environment), environmentInText(deps.environment())));
    return;
  }
  const journal = await Journal.create(deps.journalDir, { environment, source, rows: preview.rows, resumes: resumes?.start.runId });
  if (resumes) {
    await Journal.reopen(resumes.file, resumes.start).append({ type: 'closed' });
  }
  deps.log.info(`Bulk: applying ${preview.toSend} changes from ${source} (journal ${journal.file})`);
  const toSend = preview.rows.filter((row) => !row.noop);
  sendingJournals.add(journal.file);
  let statuses: RowStatus[];
  try {
    await send(deps, journal, toSend, source, client, environment);
    statuses = await settle(deps, journal, source);
  } finally {
    // Before the summary, which waits on the operator (and whose Review is the run's own).
    sendingJournals.delete(journal.file);
    sent?.();
  }
  await summarise(deps, journal, statuses, source);
}

async function send(deps: OperationsDeps, journal: Journal, toSend: readonly PlannedRow[], source: string, client: BulkClient, environment: string): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('Applying stock changes from {0}', source), cancellable: true },
    (progress, token) => withAbortSignal(token, async (signal) => {
      let done = 0;
      progress.report({ message: l10n.t('{0} of {1}', 0, toSend.length) });
      await sendRows({
        client,
        journal,
        rows: toSend,
        concurrency: BULK_CONCURRENCY,
        signal,
        onRow: (row, state) => {
          if (state.state === 'applied') {
            record(deps, environment, [bulkLedgerEntry(row, { transactionId: state.transactionId, run: journalWrite(journal.start.runId, row.index) })]);
          } else if (state.state === 'check') {
            // Maybe applied: the read that follows must not call it another writer's change.
            deps.expectUnconfirmed(environment, [bulkLedgerEntry(row, { run: journalWrite(journal.start.runId, row.index) })]);
          }
          done++;
          progress.report({ increment: 100 / toSend.length, message: l10n.t('{0} of {1}', done, toSend.length) });
        },
      });
    }),
  );
}

/**
 * The one confirmation, as a quick pick over the preview document (which stays readable beside
 * it): the totals per location, then Apply or Cancel. Escape or clicking away cancels.
 */
async function confirmApply(preview: Preview, source: string, environment: string, readAs: string | undefined): Promise<boolean> {
  const unchanged = preview.rows.length - preview.toSend;
  const prompter = new VsCodePrompter();
  try {
    return await confirmPick(prompter, {
    title: plural(preview.toSend, 'Apply 1 stock change from {1} in {2}?', 'Apply {0} stock changes from {1} in {2}?', source, environment),
    placeholder: l10n.t('Every row is in the preview.'),
    action: plural(preview.toSend, '$(check) Apply 1 stock change', '$(check) Apply {0} stock changes'),
    detail: [
      // Also here, as the quick pick covers the preview's first lines: a wrong encoding is seen before anything is sent.
      readAs ?? '',
      belowZeroLine(preview) ?? '',
      ...preview.totals.map(totalLine),
      unchanged === 0 ? '' : plural(unchanged, '1 row changes nothing and is not sent.', '{0} rows change nothing and are not sent.'),
    ].filter(Boolean).join(' · '),
    });
  } finally {
    prompter.dispose();
  }
}

/** After an apply: re-read what is unclear, refresh the tree, show the results; the rows' outcomes. */
async function settle(deps: OperationsDeps, journal: Journal, source: string): Promise<RowStatus[]> {
  const read = await readBack(journal);
  let statuses = statusOf(read);
  const unclear = statuses.filter(({ status }) => status.state === 'check' && status.now === undefined).map(({ row }) => row);
  if (unclear.length > 0) {
    try {
      await checkRows(await deps.getClient(), journal, unclear);
      statuses = statusOf(await readBack(journal));
    } catch (error) {
      deps.log.warn(`Bulk: could not re-read the rows whose answer was lost: ${describeErrorForLog(error)}`);
    }
  }
  deps.store.invalidate(statuses.filter(({ status }) => status.state !== 'noop' && status.state !== 'not-sent').map(({ row }) => ({ sku: row.sku, locationCode: row.locationCode }))).catch(() => undefined);
  if (isSettled(statuses)) {
    await journal.append({ type: 'closed' });
  }
  // The preview, wherever it is still open, now says what happened.
  deps.bulk.update(source, resultsText(statuses, source));
  return statuses;
}

/** The ledger keeps what was applied (its failures go to the log: the journal is the record that matters). */
function record(deps: OperationsDeps, environment: string, entries: LedgerEntry[]): void {
  void deps.record(environment, entries);
}

async function readBack(journal: Journal): Promise<ReadJournal> {
  const read = await readJournal(journal.file);
  if (!read) {
    throw new Error(l10n.t('The journal {0} could not be read back.', journal.file));
  }
  return read;
}

async function summarise(deps: OperationsDeps, journal: Journal, statuses: readonly RowStatus[], source: string): Promise<void> {
  const counts = countStates(statuses);
  const text = l10n.t('Stock changes from {0}: {1}.', source, countsText(counts));
  const save = l10n.t('Save report');
  const details = l10n.t('Show details');
  const review = l10n.t('Review');
  const actions = [save, details, ...(counts.check + counts.notSent > 0 ? [review] : [])];
  const show = counts.failed + counts.check > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(text, ...actions);
  if (choice === save) {
    await saveReport(statuses, source);
  } else if (choice === details) {
    await deps.bulk.show(source, resultsText(statuses, source));
  } else if (choice === review) {
    await reviewJournal(deps, await readBack(journal));
  }
}

/** "3 applied, 1 to check (may or may not have been applied), 2 not sent". */
function countsText(counts: Counts): string {
  const parts = [l10n.t('{0} applied', counts.applied + counts.resolved)];
  if (counts.failed > 0) {
    parts.push(l10n.t('{0} refused by OTO', counts.failed));
  }
  if (counts.check > 0) {
    parts.push(l10n.t('{0} to check (may or may not have been applied)', counts.check));
  }
  if (counts.notSent > 0) {
    parts.push(l10n.t('{0} not sent', counts.notSent));
  }
  if (counts.noop > 0) {
    parts.push(l10n.t('{0} unchanged', counts.noop));
  }
  return parts.join(', ');
}

/**
 * The file was applied before: true only when the operator says to send it all again. An apply
 * still open is offered for review instead (which sends only what was never sent).
 */
async function confirmRerun(deps: OperationsDeps, earlier: EarlierApply, source: string, rows: number): Promise<boolean> {
  const when = new Date(earlier.journal.start.at).toLocaleString(vscode.env.language);
  const again = l10n.t('Apply the whole file again');
  // Named as it was applied (a copy under another name is the same rows), and how much of this
  // file it was when the file has changed since.
  const applied = earlier.journal.start.source === source ? source : l10n.t('{0} (the same rows as {1})', earlier.journal.start.source, source);
  const overlap = earlier.common === rows && earlier.common === earlier.journal.start.rows.length
    ? ''
    : ` ${plural(earlier.common, '1 of the {1} rows of {2} was among its rows; the file changed since.', '{0} of the {1} rows of {2} were among its rows; the file changed since.', rows, source)}`;
  if (earlier.open) {
    const review = l10n.t('Review');
    const choice = await vscode.window.showWarningMessage(
      l10n.t('An apply of {0} from {1} is not finished: {2}. Review it to send only what was never sent; applying the whole file again sends its applied rows a second time.', applied, when, countsText(earlier.counts)) + overlap,
      { modal: true }, review, again);
    if (choice === review) {
      await reviewJournal(deps, earlier.journal);
    }
    return choice === again;
  }
  return confirmModal(l10n.t('{0} was applied on {1}: {2}. Applying it again sends every row again (an adjust a second time).', applied, when, countsText(earlier.counts)) + overlap, again);
}

async function saveReport(statuses: readonly RowStatus[], source: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultName = `${source.replace(/\.[^.]+$/, '')}-report.csv`;
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined, filters: { CSV: ['csv'] } });
  if (!target) {
    return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`\uFEFF${reportCsv(statuses)}`));
  void vscode.window.showInformationMessage(l10n.t('Saved the report to {0}.', vscode.workspace.asRelativePath(target)));
}

/**
 * An interrupted or unclear apply: re-read the rows whose answer was lost, show every row's
 * outcome, let the operator decide the unclear ones (row by row or all at once), then offer to
 * send the rows never sent. Nothing is sent without the operator's say.
 */
export async function reviewJournal(deps: OperationsDeps, read: ReadJournal): Promise<void> {
  const source = read.start.source;
  if (sendingJournals.has(read.file)) {
    void vscode.window.showInformationMessage(l10n.t('The stock changes from {0} are being applied right now: their outcome is shown when the apply ends.', source));
    return;
  }
  if (read.start.environment !== deps.environment()) {
    void vscode.window.showWarningMessage(l10n.t('The stock changes from {0} were applied in the {1} environment; switch to it to review them.', source, read.start.environment));
    return;
  }
  const journal = Journal.reopen(read.file, read.start);
  // What it had applied goes to the stock history now, if the stop kept it from getting there.
  await recordMissing(deps, read.start.environment, interruptedBulkEntries(read));
  let statuses = statusOf(read);
  const unclear = statuses.filter(({ status }) => status.state === 'check' && status.now === undefined).map(({ row }) => row);
  if (unclear.length > 0) {
    try {
      await checkRows(await deps.getClient(), journal, unclear);
    } catch (error) {
      await showError(deps, l10n.t('Could not re-read the rows whose answer was lost'), error);
      return;
    }
    statuses = statusOf(await readBack(journal));
  }
  await deps.bulk.show(source, resultsText(statuses, source));
  const checks = statuses.filter(({ status }) => status.state === 'check');
  if (checks.length > 0) {
    const decided = await decide(journal, checks);
    if (!decided) {
      return;
    }
    if (decided.as === 'applied') {
      record(deps, read.start.environment, decided.rows.map(({ row, status }) => bulkLedgerEntry(row, { after: status.state === 'check' && status.now !== undefined ? status.now : row.after, run: journalWrite(read.start.runId, row.index), note: withNote(row.note, l10n.t('answer lost; confirmed applied by the operator')) })));
    }
  }
  statuses = statusOf(await readBack(journal));
  const notSent = statuses.filter(({ status }) => status.state === 'not-sent');
  if (notSent.length === 0) {
    if (isSettled(statuses)) {
      await journal.append({ type: 'closed' });
    }
    await summarise(deps, journal, statuses, source);
    return;
  }
  const send = l10n.t('Preview and send');
  const question = plural(notSent.length, '1 row of {1} was never sent. Preview it with fresh figures and send it?', '{0} rows of {1} were never sent. Preview them with fresh figures and send them?', source);
  const choice = await vscode.window.showInformationMessage(question, send);
  if (choice === send) {
    await planAndApply(deps, notSent.map(({ row }) => row), source, { resumes: await readBack(journal) });
  }
}

/** The operator's decision for rows whose answer was lost, kept in the journal; undefined when they stopped deciding. */
async function decide(journal: Journal, checks: readonly RowStatus[]): Promise<LostRowsAnswer | undefined> {
  const prompter = new VsCodePrompter();
  const answer = await askLostRows(prompter, checks).finally(() => prompter.dispose());
  if (answer) {
    for (const { row } of answer.rows) {
      await journal.append({ type: 'resolved', row: row.index, as: answer.as });
    }
  }
  return answer;
}

async function showError(deps: OperationsDeps, what: string, error: unknown): Promise<void> {
  if (isCancellation(error)) {
    return;
  }
  const showLog = l10n.t('Show log');
  deps.log.warn(`${what}: ${describeErrorForLog(error)}`);
  const signIn = isOtoError(error) && error.kind === 'auth';
  const choice = await vscode.window.showErrorMessage(l10n.t('{0}: {1}', what, describeError(error)), ...(signIn ? [l10n.t('Sign In')] : []), showLog);
  if (choice === showLog) {
    await vscode.commands.executeCommand(COMMANDS.showLog);
  } else if (choice !== undefined) {
    await vscode.commands.executeCommand(COMMANDS.signIn);
  }
}
