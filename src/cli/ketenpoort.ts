// The `ketenpoort` command: serve, token (demo only), audit verify.
// Exit codes: 0 success, 1 failure (a broken chain, a refused command), 2 wrong usage.

import { parseArgs } from 'node:util';
import { loadConfig, defaultConfigFile } from '../config/load-config.ts';
import { mintDemoToken } from '../auth/tokens.ts';
import { startGateway } from '../gateway.ts';
import { openStore } from '../store/open-store.ts';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { isGatewayError } from '../errors/gateway-error.ts';

const usage = `usage: ketenpoort <command> [options]

commands:
  serve                       start the gateway (config: --config FILE, KETENPOORT_CONFIG, or config/demo.json)
  token --party ID            print a demo bearer token for a demo party (demo configuration only)
  audit verify                walk the audit hash chain and name the first broken record

options:
  --config FILE               the config file (default: $KETENPOORT_CONFIG or config/demo.json)
  --lifetime SECONDS          token lifetime (token; at most the configured maximum)
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, party: { type: 'string' }, lifetime: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, sub] = positionals;
  if (values.help === true || command === undefined) {
    process.stdout.write(usage);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  const configFile = values.config ?? process.env.KETENPOORT_CONFIG ?? defaultConfigFile;

  switch (command) {
    case 'serve': {
      const gateway = await startGateway(loadConfig(configFile));
      let stopping = false;
      const shutdown = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        gateway.parts.logger.info('shutting down', { signal });
        gateway.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            gateway.parts.logger.error('shutdown failed', { error });
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => { shutdown('SIGTERM'); });
      process.on('SIGINT', () => { shutdown('SIGINT'); });
      // An unhandled rejection is a bug: log it and stop (conventions 17).
      process.on('unhandledRejection', (reason) => {
        gateway.parts.logger.error('unhandled rejection', { error: reason });
        process.exit(70);
      });
      return new Promise<number>(() => undefined); // runs until a signal
    }
    case 'token': {
      if (values.party === undefined) {
        process.stderr.write('token needs --party ID\n');
        return 2;
      }
      const lifetime = values.lifetime === undefined ? undefined : Number(values.lifetime);
      process.stdout.write(mintDemoToken(loadConfig(configFile), values.party, lifetime) + '\n');
      return 0;
    }
    case 'audit': {
      if (sub !== 'verify') {
        process.stderr.write(usage);
        return 2;
      }
      const config = loadConfig(configFile);
      const store = await openStore(config.store.url);
      try {
        const result = await verifyAuditChain(store, {
          onProgress: (n) => {
            if (process.stderr.isTTY) process.stderr.write(`\rverified ${n} records`);
          },
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return result.ok ? 0 : 1;
      } finally {
        await store.close();
      }
    }
    default:
      process.stderr.write(`unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isGatewayError(error)) process.stderr.write(`ketenpoort: ${error.code}: ${error.detail ?? error.title}\n`);
    else process.stderr.write(`ketenpoort: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
