// The `ketenpoort` command: serve, token (demo only); and for operators and privacy officers, talking
// to a running gateway over its API: schedule, deadletters, audit (verify, export, key).
// Exit codes: 0 success, 1 failure (a broken chain, a refused command), 2 wrong usage.

import { parseArgs } from 'node:util';
import { loadConfig, defaultConfigFile } from '../config/load-config.ts';
import { mintDemoToken } from '../auth/tokens.ts';
import { startGateway } from '../gateway.ts';
import { isGatewayError } from '../kernel/gateway-error.ts';
import { CliFailure } from './cli-support.ts';
import { clockStartingAt, type Clock } from '../kernel/clock.ts';
import { runScheduleCommand } from './schedule-command.ts';
import { runDeadLettersCommand } from './deadletters-command.ts';
import { runAuditCommand } from './audit-command.ts';
import { runPolicyCommand } from './policy-command.ts';
import { runDemoCommand } from './demo-command.ts';
import { runWitnessCommand } from './witness-command.ts';

const usage = `usage: ketenpoort <command> [options]

commands:
  serve                       start the gateway (config: --config FILE, KETENPOORT_CONFIG, or config/demo.json)
  token --party ID            print a demo bearer token for a demo party (demo configuration only)
  schedule ...                scheduled jobs of a running gateway: list, add, change, run, pause, resume, runs, delete
  deadletters ...             failed deliveries: list, replay, discard
  audit ...                   verify the audit chain and its signed checkpoints (store, gateway or export file),
                              export it as JSON lines (Logboek Dataverwerkingen), print the public key
                              (each command: --help)
  policy explain --file F     what the policy would decide for a sample envelope, and why (nothing is sent)
  demo seed-care-paths        demo only: a generated history of care paths, so the statistics have figures
  witness serve ...           keep another gateway's signed audit checkpoints, as its witness (--help)

options:
  --config FILE               the config file (default: $KETENPOORT_CONFIG or config/demo.json)
  --lifetime SECONDS          token lifetime (token; at most the configured maximum)
  --clock DATE-TIME           serve, demo only: the gateway's time starts at this instant and runs on
                              (e.g. 2026-12-14T09:00:00+01:00, to see the watchdog on a later day)
`;

/** `serve --clock`: the demo only; an instant with its time zone (an ISO 8601 date-time). */
function demoClock(value: string, demo: boolean): Clock {
  if (!demo) throw new CliFailure('--clock is for the demo configuration only: a real gateway runs on real time', 2);
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw new CliFailure(`--clock must be a date-time with its time zone, e.g. 2026-12-14T09:00:00+01:00, not "${value}"`, 2);
  return clockStartingAt(at);
}

async function main(argv: string[]): Promise<number> {
  // The operator commands parse their own options.
  switch (argv[0]) {
    case 'schedule':
      return runScheduleCommand(argv.slice(1));
    case 'deadletters':
      return runDeadLettersCommand(argv.slice(1));
    case 'audit':
      return runAuditCommand(argv.slice(1));
    case 'policy':
      return runPolicyCommand(argv.slice(1));
    case 'demo':
      return runDemoCommand(argv.slice(1));
    case 'witness':
      return runWitnessCommand(argv.slice(1));
    case undefined:
    default:
      break;
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, party: { type: 'string' }, lifetime: { type: 'string' }, clock: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  if (values.help === true || command === undefined) {
    process.stdout.write(usage);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  const configFile = values.config ?? process.env.KETENPOORT_CONFIG ?? defaultConfigFile;

  switch (command) {
    case 'serve': {
      const config = loadConfig(configFile);
      const clock = values.clock === undefined ? undefined : demoClock(values.clock, config.demo);
      const gateway = await startGateway(config, clock === undefined ? {} : { clock });
      if (clock !== undefined) gateway.parts.logger.warn('demo clock: the gateway runs on a shifted time', { now: clock.now().toISOString() });
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
    default:
      process.stderr.write(`unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliFailure) {
      process.stderr.write(`ketenpoort: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    if (isGatewayError(error)) process.stderr.write(`ketenpoort: ${error.code}: ${error.detail ?? error.title}\n`);
    else process.stderr.write(`ketenpoort: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
