// The `ketenpoort` command: serve, token; party and keys (the configuration file's parties and their
// keys); and for operators and privacy officers, talking to a running gateway over its API: schedule,
// deadletters, audit (verify, export, key).
// Exit codes: 0 success, 1 failure (a broken chain, a refused command), 2 wrong usage.

import { parseArgs } from 'node:util';
import { loadConfig, defaultConfigFile } from '../config/load-config.ts';
import { mintDemoToken, signPartyToken } from '../auth/tokens.ts';
import { readAgencyPrivateKey } from '../auth/agency-keys.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import { startGateway } from '../gateway.ts';
import { createLogger } from '../observability/logger.ts';
import { startDemoReceivers } from '../demo/demo-receivers.ts';
import { isGatewayError } from '../kernel/gateway-error.ts';
import { CliFailure } from './cli-support.ts';
import { clockStartingAt, type Clock } from '../kernel/clock.ts';
import { traceFromHeader } from '../kernel/trace-context.ts';
import { runScheduleCommand } from './schedule-command.ts';
import { runRegieCommand } from './regie-command.ts';
import { runDeadLettersCommand } from './deadletters-command.ts';
import { runAuditCommand } from './audit-command.ts';
import { runPolicyCommand } from './policy-command.ts';
import { runDemoCommand } from './demo-command.ts';
import { runWitnessCommand } from './witness-command.ts';
import { runPartyCommand } from './party-command.ts';
import { runKeysCommand } from './keys-command.ts';
import { runConfigCommand } from './config-command.ts';
import { runStaffCommand } from './staff-command.ts';

const usage = `usage: ketenpoort <command> [options]

commands:
  serve                       start the gateway (config: --config FILE, KETENPOORT_CONFIG, or config/demo.json)
  token --party ID --key FILE print a bearer token signed with the party's private key (--help);
                              without --key: a demo party's token (demo configuration only)
  party ...                   the parties in the config file: add, list, show, disable, enable
  keys ...                    a party's signing keys in the config file: create, rotate, retire, list
  staff ...                   operators, privacy officers and admins in the config file: add (with a key), list
  config reload               a running gateway reads its config file again (parties, keys, policy; as SIGHUP)
  schedule ...                scheduled jobs of a running gateway: list, add, change, run, pause, resume, runs, delete
  deadletters ...             failed deliveries: list, replay, discard
  regie ...                   the regie register: lookup, register, handover, accept, decline, end, history
  audit ...                   verify the audit chain and its signed checkpoints (store, gateway or export file),
                              export it as JSON lines (Logboek Dataverwerkingen), print the public key
                              (each command: --help)
  policy explain --file F     what the policy would decide for a sample envelope, and why (nothing is sent)
  demo seed-care-paths        demo only: a generated history of care paths, so the statistics have figures
  witness serve ...           keep another gateway's signed audit checkpoints, as its witness (--help)

options:
  --config FILE               the config file (default: $KETENPOORT_CONFIG or config/demo.json)
  --help                      with a command: that command's own help (ketenpoort serve --help)

exit codes: 0 success, 1 failure (a broken chain, a refused or failed command), 2 wrong usage
`;

const serveUsage = `usage: ketenpoort serve [--config FILE] [--clock DATE-TIME]

Starts the gateway: the exchange API, the console at /console, the dispatcher and the scheduler.
It runs until SIGTERM or SIGINT, then finishes what it holds and stops. SIGHUP reloads the config
file (parties, staff, policy and catalogue; checked completely first, a bad file changes nothing).

  --config FILE      the config file (default: $KETENPOORT_CONFIG or config/demo.json); the file is
                     validated completely before anything starts
  --clock DATE-TIME  demo only: the gateway's time starts at this instant and runs on
                     (e.g. 2026-12-14T09:00:00+01:00, to see the watchdog on a later day)

In demo mode it also starts the demo receivers (config demoReceivers) on 127.0.0.1, at the ports the
demo parties' endpoints name; KETENPOORT_DEMO_RECEIVERS=rest-json,ijw-xml (or none) starts only those,
so the deliveries to the others are retried and then dead-lettered.

Environment: PORT, KETENPOORT_HOST, KETENPOORT_STORE_URL, KETENPOORT_DATA_DIR, KETENPOORT_LOG_LEVEL,
KETENPOORT_DEMO_RECEIVERS and the others in the README ("Configuration") override the file.
Exit codes: 0 stopped on a signal, 1 failed to start or to stop, 2 wrong usage, 70 an unhandled error.
`;

const tokenUsage = `usage: ketenpoort token --party ID --key FILE [--kid KID] [--audience AUD] [--lifetime SECONDS]
       ketenpoort token --party ID [--lifetime SECONDS] [--config FILE]      (demo configuration only)

Prints a bearer token for the party, for trying the API with curl or for a script. With --key, it is
signed with the agency's private key (the file \`ketenpoort keys create\` wrote, a JWK or PEM), as the
agency's own system would sign it (README, "The token format"). Without --key, only for a party of
the demo configuration, signed with its demo key.

  --party ID          the party (or, in the demo, staff principal) the token is for
  --key FILE          the party's private key: a JWK with its kid, or PEM (then give --kid)
  --kid KID           the key's kid in the party's JWKS (default: the one in the JWK file)
  --audience AUD      the gateway's audience (default: gateway.audience of --config / $KETENPOORT_CONFIG)
  --lifetime SECONDS  default 300, at most the gateway's auth.maxTokenLifetimeSeconds when its config is read

Exit codes: 0 printed, 1 no key, an unreadable key, not the demo configuration or an unknown party, 2 wrong usage.
`;

/** `serve --clock`: the demo only; an instant with its time zone (an ISO 8601 date-time). */
function demoClock(value: string, demo: boolean): Clock {
  if (!demo) throw new CliFailure('--clock is for the demo configuration only: a real gateway runs on real time', 2);
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw new CliFailure(`--clock must be a date-time with its time zone, e.g. 2026-12-14T09:00:00+01:00, not "${value}"`, 2);
  return clockStartingAt(at);
}

/**
 * `token --key`: a token as the agency's own system signs it. The audience and the lifetime limit come
 * from the gateway's config unless --audience is given (an agency without the gateway's config).
 */
function agencyToken(partyId: string, keyFile: string, options: { kid: string | undefined; audience: string | undefined; lifetime: number | undefined; configFile: string }): string {
  const signing = readAgencyPrivateKey(keyFile);
  const kid = options.kid ?? signing.kid;
  if (kid === undefined) throw new GatewayError('invalid-input', { detail: `${keyFile} carries no kid (a PEM file): give --kid` });
  const config = options.audience === undefined ? loadConfig(options.configFile) : undefined;
  const audience = options.audience ?? config?.gateway.audience ?? '';
  // Without the gateway's config its limit is unknown: the gateway refuses a token that lives too long.
  const maximum = config?.auth.maxTokenLifetimeSeconds ?? Number.POSITIVE_INFINITY;
  return signPartyToken({ partyId, key: signing.key, kid, algorithm: signing.algorithm, audience, lifetimeSeconds: Math.min(options.lifetime ?? 300, maximum) });
}

async function main(argv: string[]): Promise<number> {
  // The operator commands parse their own options.
  switch (argv[0]) {
    case 'schedule':
      return runScheduleCommand(argv.slice(1));
    case 'deadletters':
      return runDeadLettersCommand(argv.slice(1));
    case 'regie':
      return runRegieCommand(argv.slice(1));
    case 'config':
      return runConfigCommand(argv.slice(1));
    case 'staff':
      return runStaffCommand(argv.slice(1));
    case 'audit':
      return runAuditCommand(argv.slice(1));
    case 'policy':
      return runPolicyCommand(argv.slice(1));
    case 'demo':
      return runDemoCommand(argv.slice(1));
    case 'witness':
      return runWitnessCommand(argv.slice(1));
    case 'party':
      return runPartyCommand(argv.slice(1));
    case 'keys':
      return runKeysCommand(argv.slice(1));
    case undefined:
    default:
      break;
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' }, party: { type: 'string' }, lifetime: { type: 'string' }, clock: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      key: { type: 'string' }, kid: { type: 'string' }, audience: { type: 'string' },
    },
  });
  const [command] = positionals;
  if (values.help === true || command === undefined) {
    process.stdout.write(command === 'serve' ? serveUsage : command === 'token' ? tokenUsage : usage);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  const configFile = values.config ?? process.env.KETENPOORT_CONFIG ?? defaultConfigFile;

  switch (command) {
    case 'serve': {
      const config = loadConfig(configFile);
      const clock = values.clock === undefined ? undefined : demoClock(values.clock, config.demo);
      // Demo mode: the demo parties' receiving systems first, so the first deliveries find them.
      const logger = createLogger({ level: config.log.level });
      const receivers = await startDemoReceivers(config, logger);
      const gateway = await startGateway(config, { logger, ...(clock === undefined ? {} : { clock }) }).catch(async (error: unknown) => {
        await receivers.stop();
        throw error;
      });
      if (clock !== undefined) gateway.parts.logger.warn('demo clock: the gateway runs on a shifted time', { now: clock.now().toISOString() });
      let stopping = false;
      const shutdown = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        gateway.parts.logger.info('shutting down', { signal });
        gateway.stop().then(() => receivers.stop()).then(
          () => process.exit(0),
          (error: unknown) => {
            gateway.parts.logger.error('shutdown failed', { error });
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => { shutdown('SIGTERM'); });
      process.on('SIGINT', () => { shutdown('SIGINT'); });
      // SIGHUP: read the configuration file again (checked completely first; a bad file changes
      // nothing). The outcome is logged and audited (config.reload).
      process.on('SIGHUP', () => {
        if (stopping) return;
        gateway.parts.configReload.reload({ actor: 'ketenpoort', via: 'signal', trace: traceFromHeader(undefined) }).then(
          (result) => {
            if (result.outcome === 'refused') gateway.parts.logger.error('SIGHUP: the configuration file was not loaded; the running configuration is unchanged', { file: result.file, errors: result.errors.map((e) => `${e.pointer || '/'} ${e.detail}`) });
          },
          (error: unknown) => { gateway.parts.logger.error('SIGHUP: configuration reload failed', { error }); },
        );
      });
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
      if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 1)) {
        process.stderr.write('--lifetime must be a whole number of seconds\n');
        return 2;
      }
      if (values.key === undefined) {
        if (values.kid !== undefined || values.audience !== undefined) {
          process.stderr.write('--kid and --audience go with --key FILE\n');
          return 2;
        }
        process.stdout.write(mintDemoToken(loadConfig(configFile), values.party, lifetime) + '\n');
        return 0;
      }
      process.stdout.write(agencyToken(values.party, values.key, { kid: values.kid, audience: values.audience, lifetime, configFile }) + '\n');
      return 0;
    }
    default:
      process.stderr.write(`unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

/**
 * Exits once stdout and stderr have handed everything written to them on. A pipe takes 64 KiB at a
 * time and Node writes the rest asynchronously: exiting at once cut a long listing off for the program
 * reading it (jq, grep, wc) while the exit code said success. A write's callback runs after every
 * write before it, so an empty write marks the end. A reader that went away (EPIPE, e.g. `| head`)
 * ends the wait too.
 */
function exitWhenFlushed(code: number): void {
  let open = 2;
  for (const stream of [process.stdout, process.stderr]) {
    let flushed = false;
    const done = (): void => {
      if (flushed) return;
      flushed = true;
      open -= 1;
      if (open === 0) process.exit(code);
    };
    stream.once('error', done);
    stream.write('', done);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    exitWhenFlushed(code);
  },
  (error: unknown) => {
    if (error instanceof CliFailure) {
      process.stderr.write(`ketenpoort: ${error.message}\n`);
      exitWhenFlushed(error.exitCode);
      return;
    }
    if (isGatewayError(error)) process.stderr.write(`ketenpoort: ${error.code}: ${error.detail ?? error.title}\n`);
    else process.stderr.write(`ketenpoort: ${(error as Error).stack ?? String(error)}\n`);
    exitWhenFlushed(1);
  },
);
