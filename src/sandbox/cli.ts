// `npm run sandbox` (or `node dist/oto-sandbox.js`, the same CLI in one file): runs the OTO sandbox
// standalone so curl, an ERP script, an ERP's CI or a second VS Code window can talk to it. Prints
// one line per exchange; stops on Ctrl-C, SIGTERM or after --exit-after-idle, with a summary of
// the contract lint's findings and exit code 1 when one reached --fail-on. With --proxy it runs the
// recording proxy to a real OTO instead, with the same logging.
import { startProxy, WRITES_MODES, type WritesMode } from '../proxy';
import { environmentOf } from '../proxy/environment';
import { runReplay } from '../proxy/replay';
import type { Severity } from '../traffic/exchange';
import { JsonlWriter } from '../traffic/jsonl';
import { formatTrafficLine, isSeverity, TrafficSummary } from '../traffic/report';
import { DIALECTS, isDialect } from './endpoints/dialect';
import { loadScenarioFile, startSandbox } from './index';
import type { SandboxOptions } from './types';

const DEFAULT_PORT = 8787;
const DEFAULT_PROXY_PORT = 8788;

const USAGE = `Usage: npm run sandbox -- [options]      (or: node dist/oto-sandbox.js [options])
  --scenario FILE    start from a scenario (the format of .oto/sandbox.json); the flags below win over it
  --port N           port on 127.0.0.1 (default $OTO_SANDBOX_PORT or ${DEFAULT_PORT}; 0 picks a free one)
  --seed N           seed of the demo data (default 1)
  --products N       number of products in the catalogue (default 40)
  --latency MS       delay added to every answer
  --token-ttl S      lifetime of access tokens in seconds (default 3600)
  --refresh-token T  the refresh token to accept (default $OTO_SANDBOX_REFRESH_TOKEN or a random one)
  --dialect D        OTO's answer dialect: ${DIALECTS.join(' (default) or ')}
  --log FILE         write each exchange with its findings as one JSON line to FILE
  --fail-on LEVEL    exit 1 if any finding is at least LEVEL (warning or error)
  --exit-after-idle S  stop after S seconds without a request, with the summary
  --host ADDRESS     address to listen on (default 127.0.0.1); any other needs --control-token
  --control-token T  the control API (/__oto/...) then asks for "Authorization: Bearer T" (16+ characters),
                     from any address; without it, only this machine may call it
  --proxy URL        instead of the sandbox, a recording proxy to this OTO base URL (port default ${DEFAULT_PROXY_PORT})
  --writes MODE      with --proxy: ${WRITES_MODES.join(' (default), ')}: send writes on, answer them 403, or simulate them
  --replay FILE      send a recording's requests (the --log format) to a fresh sandbox (set up by the flags above) and
                     compare status, OTO code and answer shape with what was recorded; exit 1 on a difference
  --against URL      with --replay: send them to this base URL instead (its refresh token from $OTO_REFRESH_TOKEN)`;

/** Flags that set up the sandbox's data and answers: meaningless in front of a real OTO. */
const SANDBOX_ONLY = ['--scenario', '--seed', '--products', '--latency', '--token-ttl', '--refresh-token', '--dialect', '--host', '--control-token'];

const NUMERIC_FLAGS = { '--port': 'port', '--seed': 'seed', '--products': 'products', '--latency': 'latencyMs', '--token-ttl': 'accessTokenTtlSeconds' } as const;

export interface CliOptions {
  sandbox: SandboxOptions;
  /** `--log`: the JSONL file. */
  log?: string;
  /** `--fail-on`: the severity that makes the exit code 1. */
  failOn?: Severity;
  /** `--exit-after-idle`: seconds without a request before stopping. */
  exitAfterIdleSeconds?: number;
  /** `--proxy`: the upstream base URL of a recording proxy to run instead of the sandbox. */
  proxy?: string;
  /** `--writes`, with `--proxy`. */
  writes?: WritesMode;
  /** `--replay`: the recording to replay. */
  replay?: string;
  /** `--against`, with `--replay`. */
  against?: string;
}

/** Flags of the CLI itself rather than of the sandbox; each checks and stores its value. */
const CLI_FLAGS: Record<string, (cli: CliOptions, value: string) => void> = {
  '--log': (cli, value) => {
    cli.log = value;
  },
  '--fail-on': (cli, value) => {
    if (!isSeverity(value) || value === 'info') {
      throw new Error(`--fail-on needs warning or error, got "${value}"`);
    }
    cli.failOn = value;
  },
  '--exit-after-idle': (cli, value) => {
    const seconds = Number(value);
    if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
      throw new Error(`--exit-after-idle needs a number of seconds above 0, got "${value}"`);
    }
    cli.exitAfterIdleSeconds = seconds;
  },
  '--proxy': (cli, value) => {
    cli.proxy = value;
  },
  '--writes': (cli, value) => {
    if (!(WRITES_MODES as readonly string[]).includes(value)) {
      throw new Error(`--writes must be ${WRITES_MODES.join(', ')}, got "${value}"`);
    }
    cli.writes = value as WritesMode;
  },
  '--replay': (cli, value) => {
    cli.replay = value;
  },
  '--against': (cli, value) => {
    cli.against = value;
  },
};

export function parseArguments(args: string[], env: NodeJS.ProcessEnv): CliOptions {
  const options: SandboxOptions = { port: DEFAULT_PORT, refreshToken: env.OTO_SANDBOX_REFRESH_TOKEN || undefined };
  const cli: CliOptions = { sandbox: options };
  if (env.OTO_SANDBOX_PORT) {
    options.port = Number(env.OTO_SANDBOX_PORT);
  }
  const flags = args.filter((_, index) => index % 2 === 0);
  if (flags.includes('--proxy')) {
    const misplaced = flags.filter((flag) => SANDBOX_ONLY.includes(flag));
    if (misplaced.length > 0) {
      throw new Error(`${misplaced.join(', ')} set up the sandbox and cannot be used with --proxy`);
    }
    if (!flags.includes('--port')) {
      options.port = DEFAULT_PROXY_PORT;
    }
  } else if (flags.includes('--writes')) {
    throw new Error('--writes needs --proxy');
  }
  if (flags.includes('--against') && !flags.includes('--replay')) {
    throw new Error('--against needs --replay');
  }
  if (flags.includes('--replay') && flags.includes('--proxy')) {
    throw new Error('--replay cannot be used with --proxy');
  }
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) {
      throw new Error(`${flag} needs a value`);
    }
    if (flag === '--refresh-token') {
      options.refreshToken = value;
    } else if (flag === '--dialect') {
      if (!isDialect(value)) {
        throw new Error(`--dialect must be ${DIALECTS.join(' or ')}, got "${value}"`);
      }
      options.dialect = value;
    } else if (flag === '--host' || flag === '--control-token') {
      options[flag === '--host' ? 'host' : 'controlToken'] = value;
    } else if (flag === '--scenario') {
      options.scenario = loadScenarioFile(value);
    } else if (Object.prototype.hasOwnProperty.call(CLI_FLAGS, flag)) {
      CLI_FLAGS[flag](cli, value);
    } else if (flag in NUMERIC_FLAGS) {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) {
        throw new Error(`${flag} needs a number, got "${value}"`);
      }
      options[NUMERIC_FLAGS[flag as keyof typeof NUMERIC_FLAGS]] = number;
    } else {
      throw new Error(`unknown option ${flag}`);
    }
  }
  return cli;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const cli = parseArguments(args, process.env);
  if (cli.replay !== undefined) {
    const report = await runReplay({ file: cli.replay, against: cli.against, sandbox: cli.sandbox, env: process.env });
    console.log(report.lines.join('\n'));
    process.exit(report.exitCode);
  }
  const server = cli.proxy === undefined
    ? await startSandbox({ ...cli.sandbox, requestLog: false })
    : await startProxy({ upstream: cli.proxy, environment: environmentOf(cli.proxy), port: cli.sandbox.port, writes: cli.writes });
  const log = cli.log === undefined ? undefined : new JsonlWriter(cli.log);
  const summary = new TrafficSummary();
  let idle: NodeJS.Timeout | undefined;
  let stopping = false;
  const stop = (): void => {
    clearTimeout(idle);
    if (stopping) {
      return;
    }
    stopping = true;
    void server
      .close()
      .then(() => log?.close())
      .then(() => {
        console.log(`${'refreshToken' in server ? 'OTO sandbox' : 'OTO recording proxy'} stopped\n${summary.format(cli.failOn)}`);
        process.exit(summary.exitCode(cli.failOn));
      });
  };
  const waitForIdle = (): void => {
    if (cli.exitAfterIdleSeconds !== undefined) {
      clearTimeout(idle);
      idle = setTimeout(stop, cli.exitAfterIdleSeconds * 1000);
    }
  };
  server.traffic.onDidRecord((exchange) => {
    console.log(formatTrafficLine(exchange));
    log?.write(exchange);
    summary.add(exchange);
    waitForIdle();
  });
  waitForIdle();
  const howToStop = cli.exitAfterIdleSeconds === undefined ? 'Press Ctrl-C to stop.' : `Stops after ${cli.exitAfterIdleSeconds} s without a request, or on Ctrl-C.`;
  if (!('refreshToken' in server)) {
    const upstream = `${server.upstream} (${environmentOf(server.upstream)})`;
    console.log(`OTO recording proxy listening
  base URL:       ${server.baseUrl}
  forwards to:    ${upstream}
  writes:         ${server.writes}${server.writes === 'forward' ? ' (they change the upstream\'s real stock)' : ''}

Point your integration at the base URL above, with its own refresh token for that OTO.
${howToStop}
`);
  } else {
    console.log(`OTO sandbox listening
  base URL:       ${server.baseUrl}
  refresh token:  ${server.refreshToken}
  control API:    ${server.baseUrl.replace(/\/rest\/v2$/, '/__oto/')}${cli.sandbox.controlToken === undefined ? ' (this machine only)' : ' (with the control token)'}

Try it:
  TOKEN=$(curl -s -X POST ${server.baseUrl}/refreshToken -H 'Content-Type: application/json' \\
    -d '{"refresh_token":"${server.refreshToken}"}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
  curl -s "${server.baseUrl}/checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250" -H "Authorization: Bearer $TOKEN"

${howToStop}
`);
  }
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`npm run sandbox: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(1);
  });
}
