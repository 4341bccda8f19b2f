// `ketenpoort party add|list|show|disable|enable`: the parties (agencies) in the gateway's configuration
// file. Every change is validated completely, as `serve` validates, before the file is replaced
// (src/config/config-file-edit.ts); a running gateway takes it when it reloads (config reload, SIGHUP) or restarts.

import { loadConfig } from '../config/load-config.ts';
import { prepareChange, readConfigDocument } from '../config/config-file-edit.ts';
import type { Party } from '../config/config-types.ts';
import { partyRoles } from '../kernel/party-role.ts';
import { GatewayError, type FieldError } from '../kernel/gateway-error.ts';
import { CliFailure, printTable, when } from './cli-support.ts';
import { printJson, reportRefusals, parseConfigCommand } from './config-command-support.ts';

export const partyUsage = `usage: ketenpoort party <command> [options]

The parties (agencies) in the gateway's configuration file: the file \`serve\` loads (--config FILE,
$KETENPOORT_CONFIG, or config/demo.json). Each change is validated completely, as \`serve\` validates
the file, and written atomically; a change that would make the file invalid is refused with every
error. A running gateway takes a change when it reloads its configuration
(ketenpoort config reload, or SIGHUP) or at its next start.

  add --id ID --role ROLE --name NAME [identifiers] [adapter] [--jwks-uri URL]
                       add a party (ketenpoort party add --help)
  list                 every party: role, codes, adapter, keys, enabled or disabled
  show ID              one party in full, with its keys and their validity
  disable ID           refuse the party's tokens (401 party-disabled) and deliver nothing to it
  enable ID            undo disable

options: --config FILE, --json (JSON instead of text), --help (with a command: its own help)
exit codes: 0 done, 1 refused (the errors are listed) or no such party, 2 wrong usage
`;

const addUsage = `usage: ketenpoort party add --id ID --role ROLE --name NAME [options]

Adds a party to the configuration file. It receives at once (after the gateway's next reload or start); it can
send once it has a key: \`ketenpoort keys create --party ID\`, or --jwks-uri.

  --id ID                 lower-case letters, digits and dashes, e.g. jeugdhulp-de-brug
  --role ROLE             ${partyRoles.join(', ')}
  --name NAME             the organisation's name
  --gemeentecode CODE     4 digits, a municipality of the CBS list (a gemeente needs it)
  --agb CODE              8 digits, the AGB code (an aanbieder or GI needs it)
  --oin OIN               20 digits, an OIN with a known register prefix and suffix 000
  --adapter KIND          how it receives: inbox (default: it fetches from the gateway), rest-json,
                          ijw-xml or fhir (these need --endpoint)
  --endpoint URL          the adapter's endpoint (https)
  --message-types A,B     only these message types reach it (default: what the policy allows)
  --regime REGIME         jeugdwet (default) or wgbo
  --jwks-uri URL          the party publishes its own JWKS there (instead of keys made by \`keys create\`)
  --config FILE, --json

Exit codes: 0 added, 1 refused (the errors are listed), 2 wrong usage.
`;

const commandHelp: Readonly<Record<string, string>> = {
  add: addUsage,
  list: `usage: ketenpoort party list [--config FILE] [--json]\n\nEvery party of the configuration file: id, role, name, codes, adapter, keys, status.\nExit codes: 0 listed, 1 the file is invalid, 2 wrong usage.\n`,
  show: `usage: ketenpoort party show ID [--config FILE] [--json]\n\nOne party in full, with its keys and their validity.\nExit codes: 0 shown, 1 no such party or the file is invalid, 2 wrong usage.\n`,
  disable: `usage: ketenpoort party disable ID [--config FILE] [--json]\n\nDisables a party: after the gateway's next reload or start its tokens are refused (401 party-disabled),\nsubmissions to it are refused (422 receiver-disabled), and what was queued for it is not delivered\n(it becomes a dead letter, to replay once the party is enabled again). Its keys and history stay.\nExit codes: 0 disabled (or already), 1 no such party or refused, 2 wrong usage.\n`,
  enable: `usage: ketenpoort party enable ID [--config FILE] [--json]\n\nEnables a disabled party again (after the gateway's next reload or start).\nExit codes: 0 enabled (or already), 1 no such party or refused, 2 wrong usage.\n`,
};

type RawParty = Record<string, unknown> & { id?: unknown };

/** What list, show and --json print of a party: its settings and its keys, never more. */
export function partySummary(party: Party, raw: RawParty | undefined): Record<string, unknown> {
  return {
    id: party.id,
    role: party.role,
    name: party.name,
    identifiers: party.identifiers,
    adapter: party.adapter,
    regime: party.regime,
    status: party.disabled === true ? 'disabled' : 'enabled',
    keys: party.jwksUri !== undefined
      ? { jwksUri: party.jwksUri }
      : {
          ...(typeof raw?.jwksFile === 'string' ? { jwksFile: raw.jwksFile } : {}),
          keys: party.keys.map((k) => ({ kid: k.kid, algorithm: k.algorithm, notAfter: k.notAfterMs === undefined ? null : new Date(k.notAfterMs).toISOString() })),
        },
  };
}

function codesOf(party: Party): string {
  const { gemeentecode, agb, oin } = party.identifiers;
  return [gemeentecode !== undefined ? `gemeente ${gemeentecode}` : '', agb !== undefined ? `AGB ${agb}` : '', oin !== undefined ? `OIN ${oin}` : ''].filter((c) => c !== '').join(', ');
}

function keysText(party: Party): string {
  if (party.jwksUri !== undefined) return `published at ${party.jwksUri}`;
  if (party.keys.length === 0) return 'none (cannot authenticate)';
  return String(party.keys.length);
}

export function keyValidity(notAfterMs: number | undefined, nowMs: number): string {
  if (notAfterMs === undefined) return 'valid';
  return nowMs > notAfterMs ? `expired ${when(new Date(notAfterMs).toISOString())}` : `valid until ${when(new Date(notAfterMs).toISOString())}`;
}

function findParty(parties: readonly Party[], id: string): Party {
  const party = parties.find((p) => p.id === id);
  if (party === undefined) throw new GatewayError('not-found', { detail: `no party "${id}" in the configuration`, errors: [{ pointer: '/parties', detail: `has no "${id}"` }] });
  return party;
}

export async function runPartyCommand(argv: readonly string[]): Promise<number> {
  const line = parseConfigCommand(
    argv,
    'party',
    {
      id: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      gemeentecode: { type: 'string' },
      agb: { type: 'string' },
      oin: { type: 'string' },
      adapter: { type: 'string' },
      endpoint: { type: 'string' },
      'message-types': { type: 'string' },
      regime: { type: 'string' },
      'jwks-uri': { type: 'string' },
    },
    partyUsage,
    (sub) => commandHelp[sub],
  );
  if (typeof line === 'number') return line;
  const { sub, rest, values, file, json } = line;
  return reportRefusals(json, () => {
    switch (sub) {
      case 'list': {
        if (rest.length > 0) throw new CliFailure('party list takes no arguments', 2);
        const config = loadConfig(file);
        const raw = readConfigDocument(file).raw.parties ?? [];
        const summaries = config.parties.map((p) => partySummary(p, raw.find((r) => r.id === p.id)));
        if (json) printJson({ config: config.source.file, parties: summaries });
        else printTable(['ID', 'ROLE', 'NAME', 'CODES', 'ADAPTER', 'KEYS', 'STATUS'], config.parties.map((p) => [p.id, p.role, p.name, codesOf(p), p.adapter.endpoint !== undefined ? `${p.adapter.kind} ${p.adapter.endpoint}` : p.adapter.kind, keysText(p), p.disabled === true ? 'disabled' : 'enabled']));
        return 0;
      }
      case 'show': {
        const id = singleId(rest, 'show');
        const config = loadConfig(file);
        const party = findParty(config.parties, id);
        const raw = readConfigDocument(file).raw.parties?.find((r) => r.id === id);
        if (json) {
          printJson(partySummary(party, raw));
          return 0;
        }
        const lines: [string, string][] = [
          ['id', party.id],
          ['role', party.role],
          ['name', party.name],
          ['codes', codesOf(party) || '-'],
          ['adapter', party.adapter.kind + (party.adapter.endpoint !== undefined ? ` ${party.adapter.endpoint}` : '')],
          ['message types', party.adapter.messageTypes?.join(', ') ?? 'what the policy allows'],
          ['regime', party.regime],
          ['status', party.disabled === true ? 'disabled: its tokens are refused and nothing is delivered to it' : 'enabled'],
          ['keys', keysText(party) + (typeof raw?.jwksFile === 'string' ? ` (in ${raw.jwksFile})` : '')],
        ];
        for (const [label, value] of lines) process.stdout.write(`${label.padEnd(15)}${value}\n`);
        if (party.keys.length > 0) {
          process.stdout.write('\n');
          printTable(['KID', 'ALGORITHM', 'VALIDITY'], party.keys.map((k) => [k.kid, k.algorithm, keyValidity(k.notAfterMs, Date.now())]));
        }
        return 0;
      }
      case 'add':
        return addParty(file, values, rest, json);
      case 'disable':
      case 'enable':
        return setDisabled(file, singleId(rest, sub), sub === 'disable', json);
      default:
        throw new CliFailure(`unknown command "party ${sub}"`, 2);
    }
  });
}

function singleId(rest: readonly string[], sub: string): string {
  if (rest.length !== 1 || rest[0] === undefined) throw new CliFailure(`party ${sub} takes one party id (ketenpoort party ${sub} --help)`, 2);
  return rest[0];
}

interface AddValues {
  readonly id?: string | undefined;
  readonly role?: string | undefined;
  readonly name?: string | undefined;
  readonly gemeentecode?: string | undefined;
  readonly agb?: string | undefined;
  readonly oin?: string | undefined;
  readonly adapter?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly 'message-types'?: string | undefined;
  readonly regime?: string | undefined;
  readonly 'jwks-uri'?: string | undefined;
}

function addParty(file: string, values: AddValues, rest: readonly string[], json: boolean): number {
  if (rest.length > 0) throw new CliFailure(`party add takes options only, not "${rest.join(' ')}" (ketenpoort party add --help)`, 2);
  const missing = (['id', 'role', 'name'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) throw new CliFailure(`party add needs ${missing.map((m) => `--${m}`).join(', ')} (ketenpoort party add --help)`, 2);
  const document = readConfigDocument(file);
  const parties = document.raw.parties ?? [];
  const index = parties.length;
  const pointer = `/parties/${index}`;
  const errors: FieldError[] = [];
  if (parties.some((p) => p.id === values.id)) errors.push({ pointer: `${pointer}/id`, detail: `a party "${values.id ?? ''}" exists` });
  const identifiers = Object.fromEntries((['gemeentecode', 'agb', 'oin'] as const).flatMap((k) => (values[k] !== undefined ? [[k, values[k]]] : [])));
  const messageTypes = values['message-types']?.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const party: Record<string, unknown> = {
    id: values.id,
    role: values.role,
    name: values.name,
    identifiers,
    adapter: {
      kind: values.adapter ?? 'inbox',
      ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
      ...(messageTypes !== undefined ? { messageTypes } : {}),
    },
    ...(values.regime !== undefined ? { regime: values.regime } : {}),
    ...(values['jwks-uri'] !== undefined ? { jwksUri: values['jwks-uri'] } : {}),
  };
  if (errors.length > 0) throw new GatewayError('config-invalid', { detail: `party "${values.id ?? ''}" was not added`, errors });
  const change = prepareChange(document, { ...document.raw, parties: [...parties, party] });
  change.commit();
  const added = findParty(change.config.parties, values.id ?? '');
  if (json) printJson({ added: partySummary(added, party), config: document.file });
  else {
    process.stdout.write(`added party ${added.id} (${added.role}, ${added.name}) to ${document.file}\n`);
    process.stdout.write(added.jwksUri !== undefined ? `its keys are fetched from ${added.jwksUri}\n` : `it has no key yet: ketenpoort keys create --party ${added.id}\n`);
    process.stdout.write('a running gateway takes the change when it reloads its configuration (ketenpoort config reload, or SIGHUP) or at its next start\n');
  }
  return 0;
}

function setDisabled(file: string, id: string, disabled: boolean, json: boolean): number {
  const document = readConfigDocument(file);
  const parties = document.raw.parties ?? [];
  const at = parties.findIndex((p) => p.id === id);
  if (at < 0) throw new GatewayError('not-found', { detail: `no party "${id}" in the configuration`, errors: [{ pointer: '/parties', detail: `has no "${id}"` }] });
  const current = parties[at] ?? {};
  const already = (current.disabled === true) === disabled;
  if (!already) {
    const { disabled: _was, ...others } = current;
    const changed = disabled ? { ...others, disabled: true } : others;
    prepareChange(document, { ...document.raw, parties: parties.map((p, i) => (i === at ? changed : p)) }).commit();
  }
  const state = disabled ? 'disabled' : 'enabled';
  if (json) printJson({ id, status: state, changed: !already, config: document.file });
  else {
    process.stdout.write(already ? `party ${id} was ${state} already\n` : `party ${id} is ${state} in ${document.file}\n`);
    if (!already) process.stdout.write('a running gateway takes the change when it reloads its configuration (ketenpoort config reload, or SIGHUP) or at its next start\n');
  }
  return 0;
}
