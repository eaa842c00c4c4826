// `npm run sandbox` (or `node dist/oto-sandbox.js`, the same CLI in one file): runs the OTO sandbox
// standalone so curl, an ERP script, an ERP's CI or a second VS Code window can talk to it. Prints
// one line per exchange (batched off the request path; under a flood only the notable ones and a count
// a second; none with --quiet); stops on Ctrl-C, SIGTERM
// or after --exit-after-idle, with a summary of the contract lint's findings and exit code 1 when
// one reached --fail-on. With --proxy it runs the recording proxy to a real OTO instead, with the
// same logging.
import * as path from 'node:path';
import { CLI_MAX_CONNECTIONS, cliLimits } from '../common/serverLimits';
import { DEFAULT_WRITES, startProxy, WRITES_MODES, type WritesMode } from '../proxy';
import { environmentOf } from '../proxy/environment';
import { runReplay } from '../proxy/replay';
import type { Severity, TrafficExchange } from '../traffic/exchange';
import { JsonlWriter } from '../traffic/jsonl';
import { describeRuleChanges, knownRules, lintOptionsOf, parseRuleFlag } from '../traffic/lintConfig';
import type { RuleLevel } from '../traffic/rules';
import { isSeverity, TrafficSummary } from '../traffic/report';
import { DIALECTS, isDialect, isWebhookType, loadScenarioFile, SANDBOX_VERSION, startSandbox, WEBHOOK_TYPES, type SandboxOptions, type WebhookInput } from '../sandbox';
import { LineOutput } from './lineOutput';
import { ExchangeLines, LINES_PER_SECOND } from './exchangeLines';
import { hideUrlCredentials } from '../client';
import { sizeHeapForService } from './heapSizing';

// Required rather than run (`require('./oto-sandbox.js')`), the file is a module: startSandbox gives
// the control room's operations as functions. Run as a script, it is the CLI (require.main below).
export { startControlledSandbox as startSandbox, type ModuleSandbox, type ModuleSandboxOptions } from '../sandbox';

const DEFAULT_PORT = 8787;
const DEFAULT_PROXY_PORT = 8788;

/** How the user ran it, for every message: `npm run sandbox --` or `node oto-sandbox.js`. */
export function programName(env: NodeJS.ProcessEnv, script: string | undefined, cwd: string): string {
  if (env.npm_lifecycle_event === 'sandbox') {
    return 'npm run sandbox --';
  }
  const relative = script === undefined ? 'oto-sandbox.js' : path.relative(cwd, script);
  return `node ${relative.startsWith('..') || relative === '' ? path.basename(script ?? 'oto-sandbox.js') : relative}`;
}

export function usage(program: string): string {
  return `Usage: ${program} [options]      (--name value or --name=value)
  --help, --version  this text; the version of this file (oto-sandbox ${SANDBOX_VERSION})
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
  --rule NAME=LEVEL  set a lint rule to off, info, warning or error (repeatable; wins over the scenario's "lint")
  --exit-after-idle S  stop, with the summary, once no request has been open or arrived for S seconds
  --max-connections N  connections held at once (default ${CLI_MAX_CONNECTIONS}); each one past it is answered 503 with Retry-After
  --host ADDRESS     address to listen on (default 127.0.0.1); any other needs --control-token
  --control-token T  the control API (/__oto/...) then asks for "Authorization: Bearer T" (16+ characters),
                     from any address; without it, only this machine may call it
  --quiet            no line per exchange (the summary, --log and --fail-on still work)
  --every-line       a line for every exchange even past ${LINES_PER_SECOND} a second (by default, past that only those with a
                     finding, a fault or an error status are printed, and a count of the rest each second)
  --webhook URL      register a webhook at start (loopback URLs only unless the scenario allows others)
  --webhook-secret S   its secretKey (signs each delivery)
  --webhook-type T   its webhookType: ${WEBHOOK_TYPES.map((type, index) => (index === 0 ? `${type} (default)` : type)).join(', ')}
  --proxy URL        instead of the sandbox, a recording proxy to this OTO base URL (port default ${DEFAULT_PROXY_PORT})
  --writes MODE      with --proxy: ${WRITES_MODES.map((mode) => (mode === DEFAULT_WRITES ? `${mode} (default)` : mode)).join(', ')}
                     block answers writes 403 in OTO's error shape, simulate answers them as OTO would;
                     neither sends them. Only forward sends them on and changes the upstream's real stock.
  --replay FILE      send a recording's requests (the --log format) to a fresh sandbox (set up by the flags above) and
                     compare status, OTO code and answer shape with what was recorded; exit 1 on a difference.
                     Any length: the file is read a line at a time; an added account's exchanges go to an account of their own
  --against URL      with --replay: send them to this base URL instead (its refresh token from $OTO_REFRESH_TOKEN)`;
}

/** Flags that set up the sandbox's data and answers: meaningless in front of a real OTO. */
const SANDBOX_ONLY = ['--scenario', '--seed', '--products', '--latency', '--token-ttl', '--refresh-token', '--dialect', '--host', '--control-token', '--webhook', '--webhook-secret', '--webhook-type'];

const NUMERIC_FLAGS = { '--port': 'port', '--seed': 'seed', '--products': 'products', '--latency': 'latencyMs', '--token-ttl': 'accessTokenTtlSeconds' } as const;

export interface CliOptions {
  sandbox: SandboxOptions;
  /** `--log`: the JSONL file. */
  log?: string;
  /** `--fail-on`: the severity that makes the exit code 1. */
  failOn?: Severity;
  /** `--quiet`: no line per exchange. */
  quiet?: boolean;
  /** `--every-line`: a line per exchange even under a flood. */
  everyLine?: boolean;
  /** `--exit-after-idle`: seconds with no request open and none arriving before stopping. */
  exitAfterIdleSeconds?: number;
  /** `--proxy`: the upstream base URL of a recording proxy to run instead of the sandbox. */
  proxy?: string;
  /** `--writes`, with `--proxy`. */
  writes?: WritesMode;
  /** `--replay`: the recording to replay. */
  replay?: string;
  /** `--against`, with `--replay`. */
  against?: string;
  /** `--rule`: rule levels, over the scenario's. */
  rules: Record<string, RuleLevel>;
  /** `--max-connections`. */
  maxConnections: number;
  /** `--webhook`, `--webhook-secret`, `--webhook-type`: one webhook registered at start. */
  webhook?: Partial<WebhookInput>;
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
  '--webhook': (cli, value) => {
    cli.webhook = { ...cli.webhook, url: value };
  },
  '--webhook-secret': (cli, value) => {
    cli.webhook = { ...cli.webhook, secretKey: value };
  },
  '--webhook-type': (cli, value) => {
    if (!isWebhookType(value)) {
      throw new Error(`--webhook-type must be ${WEBHOOK_TYPES.join(', ')}, got "${value}"`);
    }
    cli.webhook = { ...cli.webhook, webhookType: value };
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
  '--rule': (cli, value) => {
    const [name, level] = parseRuleFlag(value, knownRules(cli.proxy === undefined ? [] : [{ id: 'shape-drift', severity: 'info' }]));
    cli.rules[name] = level;
  },
  '--max-connections': (cli, value) => {
    const count = Number(value);
    if (!Number.isInteger(count) || count < 1 || count > 65_535) {
      throw new Error(`--max-connections needs a whole number from 1 to 65535, got "${value}"`);
    }
    cli.maxConnections = count;
  },
};

const KNOWN_FLAGS = new Set(['--refresh-token', '--dialect', '--scenario', '--host', '--control-token', ...Object.keys(CLI_FLAGS), ...Object.keys(NUMERIC_FLAGS)]);

/** `--port=9709` → `--port 9709`; every option takes a value. */
function pairs(args: string[]): Array<[string, string | undefined]> {
  const split = args.flatMap((arg) => {
    const mark = arg.indexOf('=');
    return arg.startsWith('--') && mark > 2 ? [arg.slice(0, mark), arg.slice(mark + 1)] : [arg];
  });
  const result: Array<[string, string | undefined]> = [];
  for (let i = 0; i < split.length; i += 2) {
    result.push([split[i], split[i + 1]]);
  }
  return result;
}

/** Flags without a value, taken out before the rest is read as flag-value pairs. */
const SWITCHES: Record<string, (cli: CliOptions) => void> = {
  '--quiet': (cli) => {
    cli.quiet = true;
  },
  '--every-line': (cli) => {
    cli.everyLine = true;
  },
};

export function parseArguments(allArgs: string[], env: NodeJS.ProcessEnv): CliOptions {
  const options: SandboxOptions = { port: DEFAULT_PORT, refreshToken: env.OTO_SANDBOX_REFRESH_TOKEN || undefined };
  const cli: CliOptions = { sandbox: options, rules: {}, maxConnections: CLI_MAX_CONNECTIONS };
  const args = allArgs.filter((arg) => {
    const isSwitch = Object.prototype.hasOwnProperty.call(SWITCHES, arg);
    if (isSwitch) {
      SWITCHES[arg](cli);
    }
    return !isSwitch;
  });
  if (cli.quiet && cli.everyLine) {
    throw new Error('--quiet prints no line and --every-line prints each: give one of them');
  }
  if (env.OTO_SANDBOX_PORT) {
    options.port = Number(env.OTO_SANDBOX_PORT);
  }
  const given = pairs(args);
  const flags = given.map(([flag]) => flag);
  if (flags.includes('--proxy')) {
    const misplaced = flags.filter((flag) => SANDBOX_ONLY.includes(flag));
    if (misplaced.length > 0) {
      throw new Error(`${misplaced.join(', ')} set up the sandbox and cannot be used with --proxy`);
    }
    if (!flags.includes('--port')) {
      options.port = DEFAULT_PROXY_PORT;
    }
    // Known before --rule is read: the proxy has a rule of its own.
    cli.proxy = given.find(([flag]) => flag === '--proxy')?.[1];
  } else if (flags.includes('--writes')) {
    throw new Error('--writes needs --proxy');
  }
  if (flags.includes('--against') && !flags.includes('--replay')) {
    throw new Error('--against needs --replay');
  }
  if (flags.includes('--replay') && flags.includes('--proxy')) {
    throw new Error('--replay cannot be used with --proxy');
  }
  for (const [flag, value] of given) {
    if (!KNOWN_FLAGS.has(flag)) {
      throw new Error(`unknown option ${flag}`);
    }
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
    } else {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) {
        throw new Error(`${flag} needs a number, got "${value}"`);
      }
      options[NUMERIC_FLAGS[flag as keyof typeof NUMERIC_FLAGS]] = number;
    }
  }
  if (cli.webhook) {
    const { url, ...rest } = cli.webhook;
    if (url === undefined) {
      throw new Error('--webhook-secret and --webhook-type need --webhook URL');
    }
    options.webhooks = { register: [{ ...rest, url }] };
  }
  return cli;
}

// Said at start: otherwise an engineer registering a LAN address waits for deliveries that never leave.
const NOT_SENT = '\n                  not loopback: its deliveries are recorded, not sent (a scenario\'s "webhooks": {"allowRemote": true} sends them)';

/** The lint options of the run: the scenario's `lint`, then each `--rule` over it. */
function lintOptions(cli: CliOptions): ReturnType<typeof lintOptionsOf> {
  const scenario = lintOptionsOf(cli.sandbox.scenario?.lint);
  const rules = { ...scenario.rules, ...cli.rules };
  return { ...scenario, ...(Object.keys(rules).length > 0 ? { rules } : {}) };
}

/** The "Try it" lines: a stock read of SKUs the running sandbox has (the scenario's, not the demo's). */
function tryIt(baseUrl: string, refreshToken: string, skus: readonly string[]): string {
  const signIn = `  TOKEN=$(curl -s -X POST ${baseUrl}/refreshToken -H 'Content-Type: application/json' \\
    -d '{"refresh_token":"${refreshToken}"}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`;
  const list = skus.slice(0, 2).map((sku) => encodeURIComponent(sku)).join(',');
  return skus.length === 0
    ? `${signIn}\n  curl -s "${baseUrl}/getPickupLocationList" -H "Authorization: Bearer $TOKEN"`
    : `${signIn}\n  curl -s "${baseUrl}/checkInventoryStock?sku=${list}" -H "Authorization: Bearer $TOKEN"`;
}

const UNWRITABLE: Record<string, string> = {
  EISDIR: 'it is a folder; give a file name',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
};

/** `--log FILE` opened for writing, or an error naming the flag and why the file cannot be written. */
function openLog(file: string): JsonlWriter {
  try {
    return new JsonlWriter(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new Error(`--log ${file}: cannot be written: ${UNWRITABLE[code] ?? (error instanceof Error ? error.message : String(error))}`, { cause: error });
  }
}

async function main(program: string): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage(program));
    return;
  }
  if (args.includes('--version')) {
    console.log(`oto-sandbox ${SANDBOX_VERSION}`);
    return;
  }
  const cli = parseArguments(args, process.env);
  if (cli.replay !== undefined) {
    // Each difference is printed as it is found; a slow reader of stdout holds the replay, not memory.
    const report = await runReplay({ file: cli.replay, against: cli.against, sandbox: cli.sandbox, env: process.env }, (line) =>
      process.stdout.write(`${line}\n`) ? undefined : new Promise<void>((resolve) => process.stdout.once('drain', resolve)),
    );
    process.exit(report.exitCode);
  }
  // The CLI's process is its own (required as a module, the caller's process is left alone).
  sizeHeapForService();
  const lint = lintOptions(cli);
  const limits = cliLimits(cli.maxConnections);
  const extra = cli.proxy === undefined ? [] : [{ id: 'shape-drift', severity: 'info' }];
  const writes = cli.writes ?? DEFAULT_WRITES;
  const server = cli.proxy === undefined
    ? await startSandbox({ ...cli.sandbox, limits, traffic: { lint } })
    : await startProxy({ upstream: cli.proxy, environment: environmentOf(cli.proxy), port: cli.sandbox.port, writes, limits, traffic: { lint } });
  const log = cli.log === undefined ? undefined : openLog(cli.log);
  const summary = new TrafficSummary(describeRuleChanges(lint, knownRules(extra)));
  const lines = cli.quiet ? undefined : new ExchangeLines(new LineOutput(), cli.everyLine);
  let idle: NodeJS.Timeout | undefined;
  let stopping = false;
  let outputClosed = false;
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
        lines?.flush();
        // With the output closed, the summary still reaches whoever watches the run.
        (outputClosed ? console.error : console.log)(`${'refreshToken' in server ? 'OTO sandbox' : 'OTO recording proxy'} stopped\n${summary.format(cli.failOn)}`);
        process.exit(summary.exitCode(cli.failOn));
      });
  };
  // Idle is no request open and none arriving: a request held by latency or a hang fault is open
  // until it is answered or its client gives up, and keeps the run going.
  const waitForIdle = (): void => {
    if (cli.exitAfterIdleSeconds === undefined) {
      return;
    }
    clearTimeout(idle);
    if (server.activity.open === 0) {
      idle = setTimeout(() => server.activity.open === 0 && stop(), cli.exitAfterIdleSeconds * 1000);
    }
  };
  server.activity.onDidChange(waitForIdle);
  // A reader that goes away (`| head`, a test harness that died) ends the run cleanly, log closed
  // and summary given, as SIGPIPE ends other command-line tools: the next line's EPIPE would
  // otherwise crash the process with a stack trace, and a sandbox nobody reads is an orphan.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
    if (!outputClosed) {
      outputClosed = true;
      console.error('The output was closed (EPIPE): stopping.');
    }
    stop();
  });
  // Every account's exchanges: an added account's line is marked with it, and so is its log line.
  const record = ({ account, exchange }: { account?: string; exchange: TrafficExchange }): void => {
    lines?.add(exchange, account);
    log?.write(account !== undefined && account !== 'default' ? ({ ...exchange, account } as TrafficExchange) : exchange);
    summary.add(exchange);
  };
  if ('onDidRecordExchange' in server) {
    server.onDidRecordExchange(record);
  } else {
    server.traffic.onDidRecord((exchange) => record({ exchange }));
  }
  waitForIdle();
  // Before the banner: a script that stops the run as soon as it reads the banner gets the summary.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const howToStop = cli.exitAfterIdleSeconds === undefined ? 'Press Ctrl-C to stop.' : `Stops once no request has been open for ${cli.exitAfterIdleSeconds} s, or on Ctrl-C.`;
  const changed = summary.ruleChanges.length === 0 ? '' : `  lint rules:     ${summary.ruleChanges.join(', ')}\n`;
  if (!('refreshToken' in server)) {
    const environment = environmentOf(server.upstream);
    const writesLine =
      server.writes === 'forward'
        ? `forward (they change ${environment === 'production' ? 'PRODUCTION\'s' : 'the upstream\'s'} real stock)`
        : `${server.writes} (not sent; --writes forward sends them on)`;
    console.log(`OTO recording proxy listening
  base URL:       ${server.baseUrl}
  forwards to:    ${server.upstream} (${environment})
  writes:         ${writesLine}
${changed}
Point your integration at the base URL above, with its own refresh token for that OTO.
${howToStop}
`);
  } else {
    const skus = server.exportState().products.map((product) => product.sku);
    console.log(`OTO sandbox listening
  base URL:       ${server.baseUrl}
  refresh token:  ${server.refreshToken}
  control API:    ${server.baseUrl.replace(/\/rest\/v2$/, '/__oto/')}${cli.sandbox.controlToken === undefined ? ' (this machine only)' : ' (with the control token)'}${server.webhooks.list().map((hook) => `\n  webhook ${hook.id}:      ${hook.webhookType} → ${hook.method.toUpperCase()} ${hideUrlCredentials(hook.url)}${hook.secretKey === undefined ? ' (unsigned)' : ' (signed)'}${server.webhooks.sendsTo(hook.url) ? '' : NOT_SENT}`).join('')}
${changed}
Try it:
${tryIt(server.baseUrl, server.refreshToken, skus)}

${howToStop}
`);
  }
}

if (require.main === module) {
  const program = programName(process.env, process.argv[1], process.cwd());
  main(program).catch((error: unknown) => {
    console.error(`${program}: ${error instanceof Error ? error.message : String(error)}\n\n${usage(program)}`);
    process.exit(1);
  });
}
