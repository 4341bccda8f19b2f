// `ketenpoort deadletters list|replay|discard`: failed deliveries of a running gateway, over its API,
// as an operator. Nothing printed carries a payload or a BSN (the API returns none).

import { parseArgs } from 'node:util';
import { discardReasons } from '../kernel/discard-reasons.ts';
import { CliFailure, commonOptionSpec, connect, printTable, when, type ApiClient, subcommandHelp } from './cli-support.ts';

export const deadLettersUsage = `usage: ketenpoort deadletters <command> [options]

  list [--receiver PARTY] [--limit N]    dead letters, oldest first, with the class of their last error
  replay EXCHANGE-ID... | --all [--receiver PARTY]
                                         replay: a new decision against today's policy and consent;
                                         exit 1 unless every one was queued again
  discard EXCHANGE-ID --reason CODE [--note TEXT]
                                         give up on one, with a reason (audited; no BSN in the note):
${Object.entries(discardReasons).map(([code, text]) => `                                           ${code}: ${text}`).join('\n')}

connection: --url URL (KETENPOORT_URL), --token JWT (KETENPOORT_TOKEN); with the demo config the
token is minted for --as ID (default operator-demo). --json prints the API's JSON instead of a table.
`;

interface DeadLetter {
  exchangeId: string;
  sender: string;
  receiver: string;
  messageType: string;
  purpose: string;
  attempts: number;
  errorClass: string;
  lastError: string | null;
  createdAt: string;
  replayableUntil: string | null;
  replayable: boolean;
}

interface ReplayResult {
  exchangeId: string;
  outcome: string;
  reason?: string;
  detail?: string;
}

async function listAll(api: ApiClient, receiver: string | undefined, max: number): Promise<DeadLetter[]> {
  const items: DeadLetter[] = [];
  let after: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(Math.min(200, max - items.length)) });
    if (receiver !== undefined) query.set('receiver', receiver);
    if (after !== null) query.set('after', after);
    const page: { items: DeadLetter[]; next: string | null } = await api.call('GET', `/v1/dead-letters?${query.toString()}`);
    items.push(...page.items);
    after = page.next;
  } while (after !== null && items.length < max);
  return items;
}

export async function runDeadLettersCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { ...commonOptionSpec, receiver: { type: 'string' }, limit: { type: 'string' }, all: { type: 'boolean' }, reason: { type: 'string' }, note: { type: 'string' } },
  });
  const [sub, ...ids] = positionals;
  const ownHelp = values.help === true && sub !== undefined ? subcommandHelp(deadLettersUsage, sub) : undefined;
  if (ownHelp !== undefined) {
    process.stdout.write(ownHelp);
    return 0;
  }
  if (values.help === true || sub === undefined) {
    process.stdout.write(deadLettersUsage);
    return sub === undefined && values.help !== true ? 2 : 0;
  }
  const api = connect(values, 'operator-demo');
  const json = values.json === true;

  switch (sub) {
    case 'list': {
      const limit = Number(values.limit ?? '1000');
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new CliFailure('--limit must be a number from 1 to 100000', 2);
      const items = await listAll(api, values.receiver, limit);
      if (json) process.stdout.write(`${JSON.stringify({ items }, null, 2)}\n`);
      else {
        printTable(
          ['EXCHANGE ID', 'SENDER', 'RECEIVER', 'TYPE', 'PURPOSE', 'ATTEMPTS', 'ERROR CLASS', 'LAST ERROR', 'CREATED', 'REPLAYABLE UNTIL'],
          items.map((d) => [d.exchangeId, d.sender, d.receiver, d.messageType, d.purpose, d.attempts, d.errorClass, d.lastError, when(d.createdAt), d.replayable ? when(d.replayableUntil) : 'purged']),
        );
      }
      return 0;
    }
    case 'replay': {
      const targets = values.all === true ? (await listAll(api, values.receiver, 100_000)).filter((d) => d.replayable).map((d) => d.exchangeId) : ids;
      if (targets.length === 0) {
        if (values.all === true) {
          process.stdout.write('no replayable dead letters\n');
          return 0;
        }
        throw new CliFailure('replay needs exchange ids, or --all', 2);
      }
      const results: ReplayResult[] = [];
      for (let i = 0; i < targets.length; i += 100) {
        const page = await api.call<{ results: ReplayResult[] }>('POST', '/v1/dead-letters/replay', { exchangeIds: targets.slice(i, i + 100) });
        results.push(...page.results);
      }
      if (json) process.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`);
      else printTable(['EXCHANGE ID', 'OUTCOME', 'REASON', 'DETAIL'], results.map((r) => [r.exchangeId, r.outcome, r.reason, r.detail]));
      return results.every((r) => r.outcome === 'requeued') ? 0 : 1;
    }
    case 'discard': {
      const [id] = ids;
      if (id === undefined || values.reason === undefined) throw new CliFailure('discard needs an exchange id and --reason CODE', 2);
      await api.call('POST', `/v1/dead-letters/${id}/discard`, { reason: values.reason, ...(values.note !== undefined ? { note: values.note } : {}) });
      process.stdout.write(`discarded ${id} (${values.reason})\n`);
      return 0;
    }
    default:
      throw new CliFailure(`unknown deadletters command "${sub}"\n\n${deadLettersUsage}`, 2);
  }
}
