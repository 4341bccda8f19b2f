// `ketenpoort keys create|rotate|retire|list --party ID`: an agency's signing keys in the party's JWKS
// in the gateway's configuration file. The private key is written once, to a file for the agency; the
// gateway keeps no copy. Every change is validated completely before the file is replaced.

import { loadConfig } from '../config/load-config.ts';
import { prepareChange, readConfigDocument, type ConfigDocument } from '../config/config-file-edit.ts';
import type { PartyKey, SigningAlgorithm } from '../config/config-types.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import { generateAgencyKeyPair, type PrivateKeyFormat } from '../auth/agency-keys.ts';
import { CliFailure, printTable, when } from './cli-support.ts';
import { parseDuration, printJson, reportRefusals, parseConfigCommand } from './config-command-support.ts';
import { keyValidity } from './party-command.ts';
import { keyOptions, writeKeyAndCommit } from './key-pair-change.ts';

/** How long the old key keeps working after `keys rotate`: the agency's systems switch within a week. */
export const defaultOverlap = '7d';

export const keysUsage = `usage: ketenpoort keys <command> --party ID [options]

An agency's signing keys, in the party's JWKS in the gateway's configuration file (the file \`serve\`
loads: --config FILE, $KETENPOORT_CONFIG, or config/demo.json). --party may also name a staff member
(an operator's or privacy officer's key for the operator commands, --token). A running gateway takes
a change when it reloads its configuration (ketenpoort config reload, or SIGHUP) or at its next start.

  create --party ID [--out FILE]   a new key pair: the public key joins the party's JWKS, the private
                                   key is written to FILE for the agency (the gateway keeps no copy)
  rotate --party ID [--overlap 7d] [--out FILE]
                                   a new key pair as create; the party's other keys stop working after
                                   the overlap (default ${defaultOverlap})
  retire --party ID --kid KID      remove a key: tokens signed with it are refused
  list --party ID                  the party's keys and their validity

options: --config FILE, --json (JSON instead of text), --help (with a command: its own help)
exit codes: 0 done, 1 refused (the errors are listed), no such party or key, 2 wrong usage
`;

const keyFileOptions = `  --out FILE             where the private key goes (default: ./<kid>.private.jwk.json, or .pem);
                         created with mode 0600, never over an existing file
  --format jwk|pem       the private key as a JWK with its kid (default; \`ketenpoort token --key\`
                         reads it) or as PKCS#8 PEM (openssl; give the kid separately)
  --algorithm ES256|RS256  ES256 (EC P-256, default) or RS256 (RSA 3072)`;

const commandHelp: Readonly<Record<string, string>> = {
  create: `usage: ketenpoort keys create --party ID [--out FILE] [--format jwk|pem] [--algorithm ES256|RS256]

Makes a key pair for the agency: the public key is added to the party's JWKS in the configuration
with a new kid (<party>-<yyyymmdd>-<random>), the private key is written to FILE, once. The gateway
keeps no copy: hand the file to the agency over a safe channel and delete it here.

${keyFileOptions}
  --config FILE, --json

Exit codes: 0 created, 1 refused (the party's keys are elsewhere, the file exists, the JWKS is full), 2 wrong usage.
`,
  rotate: `usage: ketenpoort keys rotate --party ID [--overlap DURATION] [--out FILE] [--format jwk|pem]

As create, and the party's other keys expire after the overlap: until then tokens signed with
either key are accepted, after it only the new key's (the old keys stay listed, expired, until
\`keys retire\`). An old key that expires sooner keeps its own end.

  --overlap DURATION     how long the old keys keep working: 7d (default), 48h, 30m, 0s (at once)
${keyFileOptions}
  --config FILE, --json

Exit codes: 0 rotated, 1 refused, 2 wrong usage.
`,
  retire: `usage: ketenpoort keys retire --party ID --kid KID [--config FILE] [--json]

Removes the key from the party's JWKS: tokens signed with it are refused. Retiring the last key
leaves a party that receives but cannot authenticate until \`keys create\`.
Exit codes: 0 retired, 1 no such key or refused, 2 wrong usage.
`,
  list: `usage: ketenpoort keys list --party ID [--config FILE] [--json]

The party's keys: kid, algorithm, and until when they are accepted.
Exit codes: 0 listed, 1 no such party, 2 wrong usage.
`,
};

interface RawJwks { keys: Record<string, unknown>[] }
type RawParty = Record<string, unknown> & { jwks?: RawJwks };

/** Where a key holder sits in the file: a party, or a staff member (whose tokens the operator commands use). */
interface KeyHolder {
  readonly list: 'parties' | 'staff';
  readonly index: number;
  readonly party: RawParty;
}

/** The party's (or staff member's) entry in the file, refusing one whose keys are not the config's own inline JWKS. */
function inlineKeysParty(document: ConfigDocument, id: string): KeyHolder {
  const holders = (['parties', 'staff'] as const).flatMap((list) => {
    const entries = (Array.isArray(document.raw[list]) ? document.raw[list] : []) as RawParty[];
    const index = entries.findIndex((p) => p.id === id);
    const party = entries[index];
    return party === undefined ? [] : [{ list, index, party }];
  });
  const holder = holders[0];
  if (holder === undefined) throw new GatewayError('not-found', { detail: `no party or staff member "${id}" in the configuration`, errors: [{ pointer: '/parties', detail: `has no "${id}"` }] });
  const { list, index, party } = holder;
  if (typeof party.jwksUri === 'string') {
    throw new GatewayError('invalid-input', { detail: `party "${id}" publishes its own keys at ${party.jwksUri}: it rotates them there`, errors: [{ pointer: `/${list}/${index}/jwksUri`, detail: 'keys are published by the party' }] });
  }
  if (typeof party.jwksFile === 'string') {
    throw new GatewayError('invalid-input', {
      detail: `"${id}" has its keys in the file ${party.jwksFile}: edit that file, or replace jwksFile with its content as "jwks" so that these commands can manage them`,
      errors: [{ pointer: `/${list}/${index}/jwksFile`, detail: 'keys are kept in a separate file' }],
    });
  }
  return holder;
}

function withParty(document: ConfigDocument, holder: KeyHolder, party: RawParty): Record<string, unknown> {
  const entries = (document.raw[holder.list] ?? []) as unknown[];
  return { ...document.raw, [holder.list]: entries.map((p, i) => (i === holder.index ? party : p)) };
}

export async function runKeysCommand(argv: readonly string[]): Promise<number> {
  const line = parseConfigCommand(
    argv,
    'keys',
    { party: { type: 'string' }, kid: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, algorithm: { type: 'string' }, overlap: { type: 'string' } },
    keysUsage,
    (sub) => commandHelp[sub],
  );
  if (typeof line === 'number') return line;
  const { sub, rest, values, file, json } = line;
  if (rest.length > 0) throw new CliFailure(`keys ${sub} takes options only, not "${rest.join(' ')}" (ketenpoort keys ${sub} --help)`, 2);
  const partyId = values.party;
  if (partyId === undefined) throw new CliFailure(`keys ${sub} needs --party ID`, 2);
  const { format, algorithm } = keyOptions(values);
  const overlapMs = parseDuration(values.overlap ?? defaultOverlap);
  if (overlapMs === undefined) throw new CliFailure(`--overlap must be a number with s, m, h or d, e.g. ${defaultOverlap}`, 2);
  if (sub !== 'rotate' && values.overlap !== undefined) throw new CliFailure('--overlap is for keys rotate', 2);
  if (sub === 'retire' && values.kid === undefined) throw new CliFailure('keys retire needs --kid KID (ketenpoort keys list --party ID shows them)', 2);

  return reportRefusals(json, () => {
    switch (sub) {
      case 'list':
        return listKeys(file, partyId, json);
      case 'create':
      case 'rotate':
        return createKey(file, partyId, { format, algorithm, out: values.out, overlapMs: sub === 'rotate' ? overlapMs : undefined }, json);
      case 'retire':
        return retireKey(file, partyId, values.kid ?? '', json);
      default:
        throw new CliFailure(`unknown command "keys ${sub}"`, 2);
    }
  });
}

function listKeys(file: string, partyId: string, json: boolean): number {
  const config = loadConfig(file);
  const party: { id: string; keys: readonly PartyKey[]; jwksUri?: string | undefined } | undefined = config.parties.find((p) => p.id === partyId) ?? config.staff.find((m) => m.id === partyId);
  if (party === undefined) throw new GatewayError('not-found', { detail: `no party or staff member "${partyId}" in the configuration`, errors: [{ pointer: '/parties', detail: `has no "${partyId}"` }] });
  const now = Date.now();
  const keys = party.keys.map((k) => ({ kid: k.kid, algorithm: k.algorithm, notAfter: k.notAfterMs === undefined ? null : new Date(k.notAfterMs).toISOString(), valid: k.notAfterMs === undefined || now <= k.notAfterMs }));
  if (json) {
    printJson({ party: party.id, ...(party.jwksUri !== undefined ? { jwksUri: party.jwksUri } : {}), keys });
    return 0;
  }
  if (party.jwksUri !== undefined) {
    process.stdout.write(`party ${party.id} publishes its keys at ${party.jwksUri}\n`);
    return 0;
  }
  printTable(['KID', 'ALGORITHM', 'VALIDITY'], party.keys.map((k) => [k.kid, k.algorithm, keyValidity(k.notAfterMs, now)]));
  return 0;
}

interface CreateOptions {
  readonly format: PrivateKeyFormat;
  readonly algorithm: SigningAlgorithm;
  readonly out: string | undefined;
  /** rotate: the other keys' end, from now. */
  readonly overlapMs: number | undefined;
}

function createKey(file: string, partyId: string, options: CreateOptions, json: boolean): number {
  const document = readConfigDocument(file);
  const holder = inlineKeysParty(document, partyId);
  const { party } = holder;
  const now = new Date();
  const pair = generateAgencyKeyPair(partyId, options.algorithm, now);
  const notAfter = options.overlapMs === undefined ? undefined : new Date(now.getTime() + options.overlapMs);
  const existing = party.jwks?.keys ?? [];
  const expiring: { kid: string; notAfter: string }[] = [];
  const keys = existing.map((key) => {
    if (notAfter === undefined) return key;
    const end = typeof key.notAfter === 'string' ? Date.parse(key.notAfter) : Number.POSITIVE_INFINITY;
    if (end <= notAfter.getTime()) return key; // ends sooner already (or has ended)
    expiring.push({ kid: String(key.kid), notAfter: notAfter.toISOString() });
    return { ...key, notAfter: notAfter.toISOString() };
  });
  const changed: RawParty = { ...party, jwks: { keys: [...keys, { ...pair.publicJwk }] } };
  const out = writeKeyAndCommit(prepareChange(document, withParty(document, holder, changed)), pair, options.format, options.out);
  if (json) {
    printJson({ party: partyId, kid: pair.kid, algorithm: pair.algorithm, privateKeyFile: out, format: options.format, expiring, config: document.file });
  } else {
    process.stdout.write(`added key ${pair.kid} (${pair.algorithm}) to party ${partyId} in ${document.file}\n`);
    process.stdout.write(`private key: ${out}${options.format === 'pem' ? ` (PEM: sign with kid ${pair.kid})` : ''}\n`);
    for (const e of expiring) process.stdout.write(`key ${e.kid} is accepted until ${when(e.notAfter)}\n`);
    process.stdout.write('a running gateway takes the change when it reloads its configuration (ketenpoort config reload, or SIGHUP) or at its next start\n');
  }
  process.stderr.write(`warning: ${out} holds the only copy of the private key; the gateway keeps none. Hand it to the agency over a safe channel, then delete it here.\n`);
  return 0;
}

function retireKey(file: string, partyId: string, kid: string, json: boolean): number {
  const document = readConfigDocument(file);
  const holder = inlineKeysParty(document, partyId);
  const { party } = holder;
  const existing = party.jwks?.keys ?? [];
  if (!existing.some((k) => k.kid === kid)) {
    throw new GatewayError('not-found', { detail: `"${partyId}" has no key "${kid}"`, errors: [{ pointer: `/${holder.list}/${holder.index}/jwks/keys`, detail: `has no kid "${kid}"` }] });
  }
  const keys = existing.filter((k) => k.kid !== kid);
  const { jwks: _old, ...others } = party;
  // The schema wants at least one key in a JWKS: without keys the party has none at all.
  const changed: RawParty = keys.length > 0 ? { ...others, jwks: { keys } } : others;
  prepareChange(document, withParty(document, holder, changed)).commit();
  if (json) printJson({ party: partyId, retired: kid, remaining: keys.map((k) => k.kid), config: document.file });
  else {
    process.stdout.write(`retired key ${kid} of party ${partyId}; tokens signed with it are refused\n`);
    if (keys.length === 0) process.stdout.write(`party ${partyId} has no key left: it cannot authenticate until ketenpoort keys create --party ${partyId}\n`);
    process.stdout.write('a running gateway takes the change when it reloads its configuration (ketenpoort config reload, or SIGHUP) or at its next start\n');
  }
  return 0;
}
