// `ketenpoort regie lookup|register|handover|accept|decline|end|history`: the regie register of a
// running gateway, over its API (/v1/regie, and the privacy officer's subject-access export for the
// history). An agency system calls the API itself; the CLI is for people at an agency and for the
// privacy officer, and for trying the flow in the demo. The BSN goes in a request body, never a URL.

import { parseArgs } from 'node:util';
import { regieEndReasons } from '../kernel/regie-record.ts';
import { CliFailure, commonOptionSpec, connect, printTable, when, subcommandHelp } from './cli-support.ts';

export const regieUsage = `usage: ketenpoort regie <command> [options]

  lookup --bsn BSN                       who has the regie for the child (organisation and contact
                                         function; "none" also when this party may not know)
  register --bsn BSN --contact TEXT --legal-basis ID [--party PARTY]
                                         register the regievoerder (a gemeente or GI; PARTY defaults
                                         to the caller)
  handover --bsn BSN --to PARTY --contact TEXT [--note TEXT]
                                         propose a handover; it moves only when PARTY accepts
  accept HANDOVER-ID [--note TEXT]       accept a handover offered to the caller
  decline HANDOVER-ID [--note TEXT]      decline it
  end --bsn BSN --reason REASON          end the regie without successor; REASON one of
                                         ${regieEndReasons.join(', ')}
  history --bsn BSN                      (privacy officer) every regievoerder of the child and who
                                         asked the register; audited

connection: --url URL (KETENPOORT_URL), --token JWT (KETENPOORT_TOKEN); with the demo config the
token is minted for --as ID (default gemeente-diemen; privacy-officer-demo for history).
--json prints the API's JSON instead of text.

exit codes: 0 done, 1 refused by the gateway (the problem is printed), 2 wrong usage
`;

interface RegieView {
  party: string;
  partyName: string;
  contactFunction: string;
  since: string;
}

interface HandoverView {
  handoverId: string;
  fromParty: string;
  toParty: string;
  contactFunction: string;
  proposedAt: string;
  status: string;
  decidedAt: string | null;
}

interface RegieExport {
  regie: { party: string; contactFunction: string; legalBasis: string; registeredBy: string; since: string; until: string | null; endReason: string | null }[];
  regieLookups: { at: string; by: string; result: string }[];
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new CliFailure(`${flag} is required (ketenpoort regie --help)`, 2);
  return value;
}

export async function runRegieCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ...commonOptionSpec,
      bsn: { type: 'string' },
      contact: { type: 'string' },
      'legal-basis': { type: 'string' },
      party: { type: 'string' },
      to: { type: 'string' },
      note: { type: 'string' },
      reason: { type: 'string' },
    },
  });
  const [sub, id] = positionals;
  const ownHelp = values.help === true && sub !== undefined ? subcommandHelp(regieUsage, sub) : undefined;
  if (ownHelp !== undefined) {
    process.stdout.write(ownHelp);
    return 0;
  }
  if (values.help === true || sub === undefined) {
    process.stdout.write(regieUsage);
    return sub === undefined && values.help !== true ? 2 : 0;
  }
  const api = connect(values, sub === 'history' ? 'privacy-officer-demo' : 'gemeente-diemen');
  const json = values.json === true;
  const print = (body: unknown, text: () => string): void => {
    process.stdout.write(json ? `${JSON.stringify(body, null, 2)}\n` : `${text()}\n`);
  };
  const regieText = (r: RegieView | null): string => (r === null ? 'no regievoerder known to this party' : `${r.partyName} (${r.party}), ${r.contactFunction}, since ${when(r.since)}`);
  const handoverText = (h: HandoverView): string =>
    `handover ${h.handoverId}: ${h.fromParty} -> ${h.toParty} (${h.contactFunction}), ${h.status}${h.decidedAt === null ? `, proposed ${when(h.proposedAt)}` : `, ${when(h.decidedAt)}`}`;
  const note = values.note !== undefined ? { note: values.note } : {};

  switch (sub) {
    case 'lookup': {
      const body: { regie: RegieView | null } = await api.call('POST', '/v1/regie/lookup', { bsn: required(values.bsn, '--bsn') });
      print(body, () => regieText(body.regie));
      return 0;
    }
    case 'register': {
      const body: RegieView = await api.call('POST', '/v1/regie', {
        bsn: required(values.bsn, '--bsn'),
        contactFunction: required(values.contact, '--contact'),
        legalBasis: required(values['legal-basis'], '--legal-basis'),
        ...(values.party !== undefined ? { party: values.party } : {}),
      });
      print(body, () => `registered: ${regieText(body)}`);
      return 0;
    }
    case 'handover': {
      const body: HandoverView = await api.call('POST', '/v1/regie/handovers', { bsn: required(values.bsn, '--bsn'), toParty: required(values.to, '--to'), contactFunction: required(values.contact, '--contact'), ...note });
      print(body, () => handoverText(body));
      return 0;
    }
    case 'accept':
    case 'decline': {
      const handoverId = required(id, 'HANDOVER-ID');
      const body: HandoverView = await api.call('POST', `/v1/regie/handovers/${encodeURIComponent(handoverId)}/decision`, { decision: sub, ...note });
      print(body, () => handoverText(body));
      return 0;
    }
    case 'end': {
      const reason = required(values.reason, '--reason');
      const body: unknown = await api.call('POST', '/v1/regie/end', { bsn: required(values.bsn, '--bsn'), reason });
      print(body, () => `ended (${reason})`);
      return 0;
    }
    case 'history': {
      const body: RegieExport = await api.call('POST', '/v1/privacy/subject-access-export', { bsn: required(values.bsn, '--bsn') });
      const history = { regie: body.regie, regieLookups: body.regieLookups };
      if (json) print(history, () => '');
      else {
        process.stdout.write('Regievoerders\n');
        printTable(['PARTY', 'CONTACT', 'SINCE', 'UNTIL', 'REGISTERED BY', 'LEGAL BASIS', 'END REASON'], body.regie.map((r) => [r.party, r.contactFunction, when(r.since), r.until === null ? 'now' : when(r.until), r.registeredBy, r.legalBasis, r.endReason]));
        process.stdout.write('\nLook-ups\n');
        printTable(['AT', 'BY', 'RESULT'], body.regieLookups.map((l) => [when(l.at), l.by, l.result]));
      }
      return 0;
    }
    default:
      process.stderr.write(`unknown regie command "${sub}"\n\n${regieUsage}`);
      return 2;
  }
}
