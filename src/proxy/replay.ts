// `--replay recording.jsonl [--against URL]`: a recording's requests (the `--log` JSONL) sent again,
// in order, and each answer compared with the recorded one: status, OTO code and answer shape. A
// staging capture becomes a regression test. Tokens are the target's own: the sandbox this CLI
// starts signs in with its refresh token; another target's comes from $OTO_REFRESH_TOKEN, never a
// flag (a flag would sit in the shell's history and the CI log).
import * as fs from 'node:fs';
import { changesState } from '../oto';
import { isLoopbackHost, startSandbox, type SandboxOptions } from '../sandbox';
import { compareShapes, describeDifference, shapeOf } from './drift';
import { notReplayed, parseRecording, replayRecording, type RecordedExchange, type ReplayedPair } from './recording';

export interface ReplayOptions {
  file: string;
  /** A base URL (`…/rest/v2`); without it a sandbox is started from `sandbox` and replayed to. */
  against?: string;
  sandbox?: SandboxOptions;
  env: NodeJS.ProcessEnv;
}

export interface ReplayReport {
  /** One line per difference, then the summary. */
  lines: string[];
  differences: number;
  exitCode: 0 | 1;
}

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
  if (recorded.status === undefined) {
    return [];
  }
  if (answer.status !== recorded.status) {
    return [`${heading}: status ${recorded.status} recorded, ${answer.status} now`];
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

function writesIn(recorded: readonly RecordedExchange[]): number {
  return recorded.filter((exchange) => changesState(exchange.method, exchange.endpoint) && notReplayed(exchange) === undefined).length;
}

export async function runReplay(options: ReplayOptions): Promise<ReplayReport> {
  let text: string;
  try {
    text = fs.readFileSync(options.file, 'utf8');
  } catch (error) {
    throw new ReplayError(`cannot read ${options.file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const recorded = parseRecording(text);
  let pairs: ReplayedPair[];
  let where: string;
  if (options.against === undefined) {
    const sandbox = await startSandbox({ ...options.sandbox, port: 0 });
    try {
      pairs = await replayRecording(recorded, { baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken });
    } finally {
      await sandbox.close();
    }
    where = 'a fresh sandbox';
  } else {
    const url = targetOf(options.against);
    const writes = writesIn(recorded);
    if (writes > 0 && !isLoopbackHost(url.hostname.replace(/^\[|\]$/g, '')) && options.env.OTO_REPLAY_WRITES !== '1') {
      throw new ReplayError(`the recording has ${writes} write(s), which would change the real stock at ${url.host}: replay it against a sandbox, or set OTO_REPLAY_WRITES=1 to send them`);
    }
    const refreshToken = options.env.OTO_REFRESH_TOKEN ?? '';
    if (refreshToken === '' && recorded.some((exchange) => exchange.endpoint === 'refreshToken' || exchange.requestHeaders.authorization !== undefined)) {
      throw new ReplayError(`set OTO_REFRESH_TOKEN to ${url.host}'s refresh token: the recording's own tokens were shortened when it was written`);
    }
    pairs = await replayRecording(recorded, { baseUrl: options.against.replace(/\/+$/, ''), refreshToken });
    where = url.host;
  }
  const lines = pairs.flatMap(differencesOf);
  const sent = pairs.filter((pair) => pair.answer !== undefined).length;
  const count = (why: ReplayedPair['notReplayed']): number => pairs.filter((pair) => pair.notReplayed === why).length;
  const notSent = [
    [count('proxy'), 'the recording proxy answered itself'],
    [count('webhook'), 'webhook deliveries the sandbox sent'],
  ].filter(([number]) => number !== 0).map(([number, what]) => `${number} ${what}`);
  const ofWhich = `Replayed ${sent} of ${recorded.length} exchanges against ${where}${notSent.length === 0 ? '' : ` (${notSent.join(', ')}: not sent)`}`;
  // As with an empty recording: when nothing was sent, nothing was compared, and a CI step must not pass on it.
  const summary = lines.length > 0
    ? `${ofWhich}: ${lines.length} difference${lines.length === 1 ? '' : 's'}.`
    : sent === 0
      ? `${ofWhich}: nothing was sent, so nothing was compared.`
      : `${ofWhich}: no differences in status, code or answer shape.`;
  return { lines: [...lines, summary], differences: lines.length, exitCode: lines.length === 0 && sent > 0 ? 0 : 1 };
}
