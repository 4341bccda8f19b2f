// `ketenpoort config reload`: asks a running gateway to read its configuration file again (the same as
// sending its process SIGHUP, but from anywhere the API is reachable, and with the answer). The file is
// checked completely first; a refused reload changes nothing and prints every error with its pointer.

import { parseArgs } from 'node:util';
import { CliFailure, commonOptionSpec, connect } from './cli-support.ts';

export const configUsage = `usage: ketenpoort config reload [options]

Asks the running gateway to reload its configuration file (operators and admins): the parties and
staff (added, removed, disabled, keys, adapters) and the policy and legal-basis catalogue files. The
file is checked completely first, as at start-up; a file that fails a check, or that changes a setting
read only at start-up (port, store, secrets, timeouts, delivery), changes nothing and every error is
printed. Sending the gateway process SIGHUP does the same. Each reload is audited (config.reload).
With several gateway processes, reload each (each answers for itself).

connection: --url URL (KETENPOORT_URL), --token JWT (KETENPOORT_TOKEN, an operator's token); with the
demo config the token is minted for --as ID (default operator-demo).
--json prints the API's JSON instead of text.

exit codes: 0 reloaded (or nothing changed), 1 refused (the errors are printed), 2 wrong usage
`;

interface Ids { added: string[]; removed: string[]; changed: string[] }
interface Reloaded {
  outcome: 'reloaded' | 'unchanged';
  file: string;
  at: string;
  changes: { parties: Ids; staff: Ids; policy: { from: string; to: string; changed: boolean } };
}

function describeIds(what: string, ids: Ids): string[] {
  return [
    ids.added.length > 0 ? `${what} added: ${ids.added.join(', ')}` : '',
    ids.removed.length > 0 ? `${what} removed: ${ids.removed.join(', ')}` : '',
    ids.changed.length > 0 ? `${what} changed: ${ids.changed.join(', ')}` : '',
  ].filter((line) => line !== '');
}

export async function runConfigCommand(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { ...commonOptionSpec } });
  } catch (error) {
    throw new CliFailure(`${(error as Error).message}\n(ketenpoort config --help for the options)`, 2);
  }
  const { positionals, values } = parsed;
  const [sub, ...rest] = positionals;
  if (values.help === true || sub === undefined) {
    process.stdout.write(configUsage);
    return sub === undefined && values.help !== true ? 2 : 0;
  }
  if (sub !== 'reload' || rest.length > 0) throw new CliFailure(`unknown config command "${positionals.join(' ')}" (ketenpoort config --help)`, 2);
  const result = await connect(values, 'operator-demo').call<Reloaded>('POST', '/v1/operator/config/reload');
  if (values.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const { changes } = result;
  const lines = [
    ...describeIds('parties', changes.parties),
    ...describeIds('staff', changes.staff),
    ...(changes.policy.changed ? [`policy: ${changes.policy.from} -> ${changes.policy.to}`] : []),
  ];
  process.stdout.write(`${result.outcome === 'unchanged' ? 'reloaded, nothing changed' : 'reloaded'}: ${result.file}\n${lines.map((l) => `  ${l}\n`).join('')}`);
  return 0;
}
