// `--replay recording.jsonl [--against URL]`: a recording's requests (the `--log` JSONL) sent again,
// in order, and each answer compared with the recorded one: status, OTO code and answer shape. A
// staging capture becomes a regression test. Tokens are the target's own: the sandbox this CLI
// starts signs in with its refresh token; another target's comes from $OTO_REFRESH_TOKEN, never a
// flag (a flag would sit in the shell's history and the CI log).
import { changesState } from '../oto';
import { isLoopbackHost, startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox';
import { compareShapes, describeDifference, shapeOf } from './drift';
import { createReplayer, notReplayed, RecordingError, type ReplayedPair, type Replayer } from './recording';
import { readRecordingFile } from './recordingFile';

export interface ReplayOptions {
  file: string;
  /** A base URL (`…/rest/v2`); without it a sandbox is started from `sandbox` and replayed to. */
  against?: string;
  sandbox?: SandboxOptions;
  env: NodeJS.ProcessEnv;
}

export interface ReplayReport {
  /** The last line written: how many were replayed and how many differed. */
  summary: string;
  differences: number;
  exitCode: 0 | 1;
}

/** Where each line of the report goes as it is found (a difference, then the summary); a promise holds the replay until it is taken. */
export type ReportLine = (line: string) => void | Promise<void>;

export class ReplayError extends Error {}

function parse(text: string | undefined): unknown {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** OTO's code in an error answer: `otoErrorCode`, the numbered `errorCode`, or the gateway's `code`. */
function codeOf(status: number | undefined, json: unknown): string | undefined {
  if (status === undefined || typeof json !== 'object' || json === null || Array.isArray(json)) {
    return undefined;
  }
  const body = json as Record<string, unknown>;
  if (status < 400 && body.success !== false) {
    return undefined;
  }
  const code = body.otoErrorCode ?? body.errorCode ?? body.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

/** The differences of one replayed exchange from its recording, as lines. */
export function differencesOf(pair: ReplayedPair, index: number): string[] {
  const { recorded, answer, skipped } = pair;
  const heading = `#${index + 1} ${recorded.method} ${recorded.target ?? recorded.path}`;
  if (pair.notReplayed !== undefined) {
    return [];
  }
  if (!answer) {
    return [`${heading}: ${skipped ?? 'not sent'}`];
  }
  if (recorded.status === undefined || pair.notCompared !== undefined) {
    return [];
  }
  if (answer.status !== recorded.status) {
    return [`${heading}: status ${recorded.status} recorded, ${answer.status} now`];
  }
  // An answer to HEAD has no body; what was captured is the body the server would have sent.
  if (recorded.method === 'HEAD') {
    return [];
  }
  const [before, now] = [parse(recorded.responseBody?.text), parse(answer.text)];
  const [codeBefore, codeNow] = [codeOf(recorded.status, before), codeOf(answer.status, now)];
  if (codeBefore !== codeNow) {
    return [`${heading}: code ${codeBefore ?? 'none'} recorded, ${codeNow ?? 'none'} now`];
  }
  if (recorded.responseBody?.truncated || before === undefined || now === undefined) {
    return [];
  }
  const [shapeBefore, shapeNow] = [shapeOf(before, recorded.endpoint), shapeOf(now, recorded.endpoint)];
  const difference = compareShapes(shapeBefore, shapeNow);
  // describeDifference words the recorded side "upstream" and the replay "sandbox".
  return difference ? [`${heading}: answer shape differs: ${describeDifference(recorded.endpoint, difference, shapeBefore, shapeNow).replace(/\bupstream\b/g, 'recorded').replace(/\bin the sandbox\b/g, 'now').replace(/\bsandbox has\b/g, 'now has')}`] : [];
}

function targetOf(against: string): URL {
  let url: URL;
  try {
    url = new URL(against);
  } catch {
    throw new ReplayError(`--against needs a base URL such as http://127.0.0.1:8787/rest/v2, got "${against}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ReplayError(`--against needs an http or https URL, got "${against}"`);
  }
  return url;
}

/** What a first pass over the file finds, before anything is sent: every line checked, writes and sign-ins counted. */
interface RecordingScan {
  exchanges: number;
  writes: number;
  signsIn: boolean;
}

async function scan(file: string): Promise<RecordingScan> {
  const found: RecordingScan = { exchanges: 0, writes: 0, signsIn: false };
  for await (const { exchange } of readRecordingFile(file)) {
    found.exchanges += 1;
    if (changesState(exchange.method, exchange.endpoint) && notReplayed(exchange) === undefined) {
      found.writes += 1;
    }
    found.signsIn ||= exchange.endpoint === 'refreshToken' || exchange.requestHeaders.authorization !== undefined;
  }
  return found;
}

/**
 * A replayer per account of the recording, in a fresh sandbox: a `--log` of parallel workers
 * holds each worker's exchanges marked with its account, and replayed through one account they
 * would act on one another's stock. An account first seen gets an account of its own (the
 * sandbox's scenario or demo data, as an account made without a body starts); past the
 * sandbox's bound on accounts at once, the one used least recently makes room, as the recorded
 * run must have removed one.
 */
function accountReplayers(sandbox: RunningSandbox): (account: string | undefined) => Replayer {
  const defaultReplayer = createReplayer({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken });
  const added = new Map<string, { id: string; replay: Replayer }>();
  return (account) => {
    if (account === undefined || account === 'default') {
      return defaultReplayer;
    }
    let entry = added.get(account);
    if (entry) {
      added.delete(account);
    } else {
      let made: { account: string; refreshToken: string } | undefined;
      while (made === undefined) {
        try {
          made = sandbox.control.createAccount();
        } catch (error) {
          const oldest = added.keys().next();
          if (oldest.done) {
            throw error;
          }
          sandbox.control.removeAccount(added.get(oldest.value)?.id ?? '');
          added.delete(oldest.value);
        }
      }
      entry = { id: made.account, replay: createReplayer({ baseUrl: sandbox.baseUrl, refreshToken: made.refreshToken }) };
    }
    // The map's order is the order of use: the first key is the one used least recently.
    added.set(account, entry);
    return entry.replay;
  };
}

/**
 * Replays the recording in `options.file`, a line at a time: memory holds one exchange and its
 * answer, whatever the file's length. Each difference goes to `report` as it is found, then the summary.
 */
export async function runReplay(options: ReplayOptions, report: ReportLine): Promise<ReplayReport> {
  let found: RecordingScan;
  try {
    found = await scan(options.file);
  } catch (error) {
    throw error instanceof RecordingError ? new ReplayError(error.message) : error;
  }
  let sandbox: RunningSandbox | undefined;
  let replayerOf: (account: string | undefined) => Replayer;
  let where: string;
  if (options.against === undefined) {
    sandbox = await startSandbox({ ...options.sandbox, port: 0 });
    replayerOf = accountReplayers(sandbox);
    where = 'a fresh sandbox';
  } else {
    const url = targetOf(options.against);
    if (found.writes > 0 && !isLoopbackHost(url.hostname.replace(/^\[|\]$/g, '')) && options.env.OTO_REPLAY_WRITES !== '1') {
      throw new ReplayError(`the recording has ${found.writes} write(s), which would change the real stock at ${url.host}: replay it against a sandbox, or set OTO_REPLAY_WRITES=1 to send them`);
    }
    const refreshToken = options.env.OTO_REFRESH_TOKEN ?? '';
    if (refreshToken === '' && found.signsIn) {
      throw new ReplayError(`set OTO_REFRESH_TOKEN to ${url.host}'s refresh token: the recording's own tokens were shortened when it was written`);
    }
    // Another server has one merchant for this token: every account's exchanges go to it.
    const replay = createReplayer({ baseUrl: options.against.replace(/\/+$/, ''), refreshToken });
    replayerOf = () => replay;
    where = url.host;
  }
  let index = 0;
  let sent = 0;
  let differences = 0;
  const notSentBy = { proxy: 0, webhook: 0, fault: 0 };
  let notCompared = 0;
  try {
    for await (const { exchange } of readRecordingFile(options.file)) {
      const pair = await replayerOf(exchange.account)(exchange);
      if (pair.answer !== undefined) {
        sent += 1;
      }
      if (pair.notReplayed !== undefined) {
        notSentBy[pair.notReplayed] += 1;
      }
      if (pair.notCompared !== undefined) {
        notCompared += 1;
      }
      for (const line of differencesOf(pair, index)) {
        differences += 1;
        await report(line);
      }
      index += 1;
    }
  } catch (error) {
    throw error instanceof RecordingError ? new ReplayError(error.message) : error;
  } finally {
    await sandbox?.close();
  }
  const notSent = [
    [notSentBy.proxy, 'the recording proxy answered itself'],
    [notSentBy.webhook, 'webhook deliveries the sandbox sent'],
    [notSentBy.fault, 'answered by a fault the sandbox injected'],
  ].filter(([number]) => number !== 0).map(([number, what]) => `${number} ${what}`);
  const unanswered = notCompared === 0 ? '' : `; ${notCompared} applied under a fault that lost the answer: sent, not compared`;
  const ofWhich = `Replayed ${sent} of ${index} exchanges against ${where}${notSent.length === 0 ? '' : ` (${notSent.join(', ')}: not sent${unanswered})`}${notSent.length === 0 && unanswered !== '' ? ` (${unanswered.slice(2)})` : ''}`;
  // As with an empty recording: when nothing was sent, nothing was compared, and a CI step must not pass on it.
  const summary = differences > 0
    ? `${ofWhich}: ${differences} difference${differences === 1 ? '' : 's'}.`
    : sent === 0
      ? `${ofWhich}: nothing was sent, so nothing was compared.`
      : `${ofWhich}: no differences in status, code or answer shape.`;
  await report(summary);
  return { summary, differences, exitCode: differences === 0 && sent > 0 ? 0 : 1 };
}
