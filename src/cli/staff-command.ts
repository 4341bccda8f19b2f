// `ketenpoort staff add|list`: the people in the gateway's configuration file who are not agencies
// (operators, privacy officers, admins) and who use the operator commands and API with a token of their
// own (`token --party ID --key FILE --audience AUD`): outside the demo there was no other way to an
// operator's token than editing the file by hand (found walking the README as a new user, issue 13).
// A staff member is added with a key pair at once (a staff member without a key cannot sign in to
// anything): the public key goes into the file, the private key is written once, for that person.
// Every change is validated completely, as `serve` validates, before the file is replaced; a running
// gateway takes it when it reloads (config reload, SIGHUP) or restarts. People who use the console
// sign in with the organisation's OpenID provider instead (README, Connecting a real OpenID provider).

import { loadConfig } from '../config/load-config.ts';
import { prepareChange, readConfigDocument } from '../config/config-file-edit.ts';
import type { SigningAlgorithm, StaffRole } from '../config/config-types.ts';
import { generateAgencyKeyPair, type PrivateKeyFormat } from '../auth/agency-keys.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import { CliFailure, printTable } from './cli-support.ts';
import { keyOptions, writeKeyAndCommit } from './key-pair-change.ts';
import { printJson, reportRefusals, parseConfigCommand } from './config-command-support.ts';

const staffRoles: readonly StaffRole[] = ['operator', 'privacy-officer', 'admin'];
const staffCommands: readonly string[] = ['add', 'list'];

export const staffUsage = `usage: ketenpoort staff <command> [options]

The staff in the gateway's configuration file: operators, privacy officers and admins, who use the
operator and privacy commands and API with a token of their own. Each change is validated completely
and written atomically; a running gateway takes it when it reloads its configuration (ketenpoort
config reload, or SIGHUP) or at its next start.

  add --id ID --role ROLE --name NAME [--organisation ORG] [--out FILE] [--format jwk|pem] [--algorithm ES256|RS256]
                       add a staff member with a new key pair: ROLE one of ${staffRoles.join(', ')}; the
                       private key is written once to FILE (default <kid>.private.jwk.json), mode 0600,
                       for that person; then: ketenpoort token --party ID --key FILE --audience AUD
  list                 every staff member: role, name, organisation, keys

More keys, rotation and retirement: ketenpoort keys ... --party ID (a staff id works there too).
options: --config FILE, --json (JSON instead of text), --help
exit codes: 0 done, 1 refused (every error is printed), 2 wrong usage
`;

export async function runStaffCommand(argv: readonly string[]): Promise<number> {
  const line = parseConfigCommand(
    argv,
    'staff',
    { id: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, algorithm: { type: 'string' } },
    staffUsage,
    (sub) => (staffCommands.includes(sub) ? staffUsage : undefined), // the usage is short: it is each command's help
  );
  if (typeof line === 'number') return line;
  const { sub, rest, values, file, json } = line;
  if (rest.length > 0) throw new CliFailure(`staff ${sub} takes options only, not "${rest.join(' ')}" (ketenpoort staff --help)`, 2);
  return reportRefusals(json, () => {
    switch (sub) {
      case 'list': {
        const config = loadConfig(file);
        const staff = config.staff.map((m) => ({ id: m.id, role: m.role, name: m.name, organisation: m.organisation ?? null, keys: m.keys.map((k) => k.kid) }));
        if (json) printJson({ staff, config: config.source.file });
        else printTable(['ID', 'ROLE', 'NAME', 'ORGANISATION', 'KEYS'], staff.map((m) => [m.id, m.role, m.name, m.organisation, m.keys.length]));
        return 0;
      }
      case 'add': {
        const missing = (['id', 'role', 'name'] as const).filter((k) => values[k] === undefined);
        if (missing.length > 0) throw new CliFailure(`staff add needs ${missing.map((m) => `--${m}`).join(', ')} (ketenpoort staff --help)`, 2);
        const role = values.role ?? '';
        if (!(staffRoles as readonly string[]).includes(role)) throw new CliFailure(`--role must be one of ${staffRoles.join(', ')} (an agency is a party: ketenpoort party add)`, 2);
        return addStaff(file, { id: values.id ?? '', role: role as StaffRole, name: values.name ?? '', organisation: values.organisation, out: values.out, ...keyOptions(values) }, json);
      }
      default: // not reached: parseConfigCommand refuses a command not in staffCommands
        throw new CliFailure(`unknown command "staff ${sub}"\n\n${staffUsage}`, 2);
    }
  });
}

interface AddStaff {
  readonly id: string;
  readonly role: StaffRole;
  readonly name: string;
  readonly organisation: string | undefined;
  readonly out: string | undefined;
  readonly format: PrivateKeyFormat;
  readonly algorithm: SigningAlgorithm;
}

function addStaff(file: string, input: AddStaff, json: boolean): number {
  const document = readConfigDocument(file);
  const staff = (Array.isArray(document.raw.staff) ? document.raw.staff : []) as Record<string, unknown>[];
  const parties = document.raw.parties ?? [];
  const pointer = `/staff/${staff.length}/id`;
  if (staff.some((m) => m.id === input.id)) throw new GatewayError('config-invalid', { detail: `staff member "${input.id}" was not added`, errors: [{ pointer, detail: `a staff member "${input.id}" exists` }] });
  if (parties.some((p) => p.id === input.id)) throw new GatewayError('config-invalid', { detail: `staff member "${input.id}" was not added`, errors: [{ pointer, detail: `"${input.id}" is already a party id` }] });
  const now = new Date();
  const pair = generateAgencyKeyPair(input.id, input.algorithm, now);
  const member = {
    id: input.id,
    role: input.role,
    name: input.name,
    ...(input.organisation !== undefined ? { organisation: input.organisation } : {}),
    jwks: { keys: [{ ...pair.publicJwk }] },
  };
  const change = prepareChange(document, { ...document.raw, staff: [...staff, member] });
  const out = writeKeyAndCommit(change, pair, input.format, input.out);
  const audience = change.config.gateway.audience;
  if (json) printJson({ added: { id: input.id, role: input.role, name: input.name, kid: pair.kid, algorithm: pair.algorithm }, privateKeyFile: out, format: input.format, audience, config: document.file });
  else {
    process.stdout.write(`added staff member ${input.id} (${input.role}, ${input.name}) to ${document.file}, with key ${pair.kid} (${pair.algorithm})\n`);
    process.stdout.write(`private key: ${out}\n`);
    process.stdout.write(`a token: ketenpoort token --party ${input.id} --key ${out}${input.format === 'pem' ? ` --kid ${pair.kid}` : ''} --audience ${audience}\n`);
    process.stdout.write('a running gateway takes the change when it reloads its configuration (ketenpoort config reload, or SIGHUP) or at its next start\n');
  }
  process.stderr.write(`warning: ${out} holds the only copy of the private key; the gateway keeps none. Give it to ${input.name} over a safe channel, then delete it here.\n`);
  return 0;
}
