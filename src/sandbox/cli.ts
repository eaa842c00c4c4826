// `npm run sandbox`: runs the OTO sandbox standalone so curl, an ERP script or a second VS Code
// window can talk to it. Stops on Ctrl-C.
import { DIALECTS, isDialect } from './dialect';
import { startSandbox } from './index';
import type { SandboxOptions } from './types';

const DEFAULT_PORT = 8787;

const USAGE = `Usage: npm run sandbox -- [--port N] [--seed N] [--products N] [--latency MS] [--token-ttl S] [--refresh-token T] [--dialect D]
  --port N           port on 127.0.0.1 (default $OTO_SANDBOX_PORT or ${DEFAULT_PORT}; 0 picks a free one)
  --seed N           seed of the demo data (default 1)
  --products N       number of products in the catalogue (default 40)
  --latency MS       delay added to every answer
  --token-ttl S      lifetime of access tokens in seconds (default 3600)
  --refresh-token T  the refresh token to accept (default $OTO_SANDBOX_REFRESH_TOKEN or a random one)
  --dialect D        OTO's answer dialect: ${DIALECTS.join(' (default) or ')}`;

const NUMERIC_FLAGS = { '--port': 'port', '--seed': 'seed', '--products': 'products', '--latency': 'latencyMs', '--token-ttl': 'accessTokenTtlSeconds' } as const;

export function parseArguments(args: string[], env: NodeJS.ProcessEnv): SandboxOptions {
  const options: SandboxOptions = { port: DEFAULT_PORT, refreshToken: env.OTO_SANDBOX_REFRESH_TOKEN || undefined };
  if (env.OTO_SANDBOX_PORT) {
    options.port = Number(env.OTO_SANDBOX_PORT);
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
  return options;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const sandbox = await startSandbox(parseArguments(args, process.env));
  console.log(`OTO sandbox listening
  base URL:       ${sandbox.baseUrl}
  refresh token:  ${sandbox.refreshToken}

Try it:
  TOKEN=$(curl -s -X POST ${sandbox.baseUrl}/refreshToken -H 'Content-Type: application/json' \\
    -d '{"refresh_token":"${sandbox.refreshToken}"}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
  curl -s "${sandbox.baseUrl}/checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250" -H "Authorization: Bearer $TOKEN"

Press Ctrl-C to stop.`);
  const stop = (): void => {
    void sandbox.close().then(() => {
      console.log('OTO sandbox stopped');
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`npm run sandbox: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(1);
  });
}
