// `node dist/oto-mcp.js`: the agent tools as a stdio MCP server for agents outside VS Code (CLI
// agents, other editors). One file, no node_modules. The environment and the refresh token come
// from environment variables only (a flag would sit in the process list and shell history) and are
// never logged; with no URL it starts the local sandbox in its own process. Writes are off unless
// --allow-writes; --dry-run previews them. Stdout is the protocol: every message goes to stderr.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { OtoClient, redact } from '../../client';
import { OTO_BASE_URLS } from '../../oto';
import { Ledger } from '../../operations/history/ledger';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { checkBaseUrl } from '../../session/environment';
import type { AgentContext, WriteMode } from '../core';
import { createMcpServer, MCP_SERVER_VERSION } from './server';
import { LineTransport } from './stdioTransport';

export const ENVIRONMENTS = ['sandbox', 'staging', 'production'] as const;
export type McpEnvironment = (typeof ENVIRONMENTS)[number];

export interface McpSettings {
  environment: McpEnvironment;
  /** Absent for the sandbox: started in-process. */
  baseUrl?: string;
  refreshToken?: string;
  /** Where the ledger (`ledger/`) and transfer journals (`journals/`) are kept: the extension's global storage folder, to share them. */
  stateDir?: string;
  writes: WriteMode;
}

export const USAGE = `Usage: node oto-mcp.js [--allow-writes | --dry-run]
A stdio MCP server with OTO Stock's tools. Settings come from environment variables:
  OTO_ENVIRONMENT    sandbox (default), staging or production
  OTO_REFRESH_TOKEN  the refresh token (needed unless the sandbox is started here)
  OTO_BASE_URL       the API's URL (default: OTO's for staging and production; for the sandbox,
                     none starts one in this process, or give a running one's, e.g.
                     http://127.0.0.1:8787/rest/v2)
  OTO_STATE_DIR      folder of the stock ledger and transfer journals (e.g. the extension's)
Options:
  --allow-writes     send the write tools' changes (off by default: they are refused)
  --dry-run          the write tools preview their change and send nothing
  --help, --version`;

/** The settings, or what is wrong with the command line or the environment. */
export function readSettings(argv: readonly string[], env: NodeJS.ProcessEnv): McpSettings | { exit: string; code: number } {
  let writes: WriteMode = 'off';
  let dryRun = false;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      return { exit: USAGE, code: 0 };
    }
    if (arg === '--version') {
      return { exit: MCP_SERVER_VERSION, code: 0 };
    }
    if (arg === '--allow-writes') {
      writes = 'on';
    } else if (arg === '--dry-run') {
      dryRun = true;
    } else if (/^--(?:refresh-?token|token)(?:=|$)/i.test(arg)) {
      return { exit: 'The refresh token is read from OTO_REFRESH_TOKEN only: as a flag it would show in the process list and the shell history.', code: 2 };
    } else {
      return { exit: `Unknown option ${JSON.stringify(arg.slice(0, 40))}.\n${USAGE}`, code: 2 };
    }
  }
  const environment = env.OTO_ENVIRONMENT?.trim() || 'sandbox';
  if (!(ENVIRONMENTS as readonly string[]).includes(environment)) {
    return { exit: `OTO_ENVIRONMENT must be ${ENVIRONMENTS.join(', ')}; got ${JSON.stringify(environment.slice(0, 40))}.`, code: 2 };
  }
  const baseUrl = env.OTO_BASE_URL?.trim() || (environment === 'sandbox' ? undefined : OTO_BASE_URLS[environment as 'staging' | 'production']);
  // The extension's own rule for oto.baseUrl: the token never crosses the network unencrypted.
  const problem = baseUrl === undefined ? undefined : checkBaseUrl(baseUrl);
  if (baseUrl !== undefined && problem !== undefined) {
    return { exit: problem === 'notUrl' ? `OTO_BASE_URL is not a URL: ${JSON.stringify(baseUrl.slice(0, 80))}.` : 'OTO_BASE_URL must use https (plain http only to 127.0.0.1 or localhost): the refresh token would cross the network unencrypted.', code: 2 };
  }
  const refreshToken = env.OTO_REFRESH_TOKEN?.trim() || undefined;
  if (baseUrl !== undefined && refreshToken === undefined) {
    return { exit: `OTO_REFRESH_TOKEN is needed for OTO ${environment}${environment === 'sandbox' ? ' at OTO_BASE_URL' : ''}.`, code: 2 };
  }
  return { environment: environment as McpEnvironment, baseUrl, refreshToken, stateDir: env.OTO_STATE_DIR?.trim() || undefined, writes: dryRun ? 'dry-run' : writes };
}

export interface RunningMcp {
  ctx: AgentContext;
  /** What the server talks to, for the start line (no token). */
  describe: string;
  close(): Promise<void>;
}

/** The tools' context for these settings: the client (and the in-process sandbox), the ledger and journals. */
export async function openContext(settings: McpSettings): Promise<RunningMcp> {
  let sandbox: RunningSandbox | undefined;
  let scratch: string | undefined;
  let baseUrl = settings.baseUrl;
  let refreshToken = settings.refreshToken;
  if (baseUrl === undefined) {
    sandbox = await startSandbox();
    baseUrl = sandbox.baseUrl;
    refreshToken = sandbox.refreshToken;
  }
  // The in-process sandbox forgets its stock on exit; so does its ledger, unless a folder is given.
  let stateDir = settings.stateDir;
  if (stateDir === undefined && sandbox) {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'oto-mcp-'));
    stateDir = scratch;
  }
  const token = refreshToken as string;
  const client = new OtoClient({ baseUrl, refreshToken: token, userAgent: `oto-stock-mcp/${MCP_SERVER_VERSION}` });
  const ledger = stateDir === undefined ? undefined : Ledger.forEnvironment(path.join(stateDir, 'ledger'), settings.environment);
  const running = sandbox;
  const ctx: AgentContext = {
    getClient: () => Promise.resolve(client),
    environment: () => settings.environment,
    ...(ledger ? { record: (_environment, entries) => ledger.append(entries), history: (_environment, sku) => ledger.forSku(sku) } : {}),
    journalDir: stateDir === undefined ? undefined : path.join(stateDir, 'journals'),
    traffic: () => running?.traffic,
    secrets: () => [token],
  };
  return {
    ctx,
    describe: `OTO ${settings.environment} (${running ? `the sandbox started here, ${running.baseUrl}` : baseUrl}), writes ${settings.writes === 'on' ? 'allowed' : settings.writes === 'dry-run' ? 'previewed only (--dry-run)' : 'off'}${stateDir === undefined ? ', no ledger (set OTO_STATE_DIR)' : ''}`,
    async close() {
      await running?.close();
      if (scratch) {
        await fs.rm(scratch, { recursive: true, force: true });
      }
    },
  };
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2), process.env);
  if ('exit' in settings) {
    (settings.code === 0 ? process.stdout : process.stderr).write(`${settings.exit}\n`);
    process.exitCode = settings.code;
    return;
  }
  const running = await openContext(settings);
  const { server, settled } = createMcpServer(running.ctx, settings.writes);
  let closing = false;
  const stop = (): void => {
    if (closing) {
      return;
    }
    closing = true;
    // Calls under way finish first (their answers may still be flushed); a write is never cut off.
    void settled().then(() => new Promise((resolve) => setImmediate(resolve))).then(() => server.close()).finally(() => running.close()).finally(() => process.exit(0));
  };
  server.onclose = stop;
  // What the client got wrong (a line that is not JSON, one too long) is answered to it and noted here.
  server.onerror = (error) => process.stderr.write(`oto-mcp: ${redact(error.message, running.ctx.secrets?.() ?? []).slice(0, 300)}\n`);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The client closing our stdin is the end of the session.
  process.stdin.on('end', stop);
  await server.connect(new LineTransport());
  process.stderr.write(`oto-mcp: serving ${running.describe}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`oto-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
