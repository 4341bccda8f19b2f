// The ijw-xml-folder batch source: a folder of iJw 3.2 XML messages, the way many municipal and
// provider back offices still export (one message per file). Files are read in name order; the cursor
// is the name of the last file of the last committed page, so a sync continues with the files that sort
// after it (exporters name files by time or sequence number; a file that appears with an earlier name
// later is not picked up, and the README says so). Files are never moved or deleted: the export belongs
// to the back office.
//
// Each file becomes the JSON envelope of POST /v1/exchanges: message type and message from the XML
// (the iJw codec's parser), the receiver from the header, the purpose from the message type
// (the iJw process, domain.md 1.2: each message type has one purpose there). The sender is the party
// whose source this is; the pipeline checks that the header's Afzender is that party's own code.
// A file that is not a readable iJw message is a refused record, not a failed sync.

import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayError } from '../../src/kernel/gateway-error.ts';
import type { PullContext, PulledPage, PulledRecord, PullSource } from '../adapter.ts';

/** The purpose of each iJw 3.2 message in the process (berichtstromen; domain.md 1.2), as the policy names them. */
export const ijwPurposes: Readonly<Record<string, string>> = {
  JW301: 'toewijzing',
  JW305: 'regie-levering',
  JW307: 'regie-levering',
  JW315: 'verzoek-toewijzing',
  JW317: 'verzoek-wijziging',
  JW319: 'antwoord-verzoek',
  JW323: 'bekostiging-declaratie',
  JW325: 'bekostiging-declaratie',
  // Retours (technical acceptance or rejection of the heen message).
  JW302: 'technische-bevestiging',
  JW306: 'technische-bevestiging',
  JW308: 'technische-bevestiging',
  JW316: 'technische-bevestiging',
  JW318: 'technische-bevestiging',
  JW320: 'technische-bevestiging',
};

const retours = new Set(['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320']);

export interface IjwXmlFolderSourceDeps {
  /** Parses one iJw XML message (the iJw codec's parse, adapters/ijw-codec-port.ts); throws GatewayError('invalid-input'). */
  readonly parse: (xml: string) => { readonly messageType: string; readonly message: Record<string, unknown> };
  /** The party id an iJw header code (gemeentecode or AGB) belongs to. */
  readonly partyByCode: (code: string) => string | undefined;
  readonly maxFileBytes?: number;
}

async function readFileCapped(file: string, limit: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limit) throw new GatewayError('payload-too-large', { detail: `the file is ${size} bytes; at most ${limit}` });
    return (await handle.readFile()).toString('utf8');
  } finally {
    await handle.close();
  }
}

export function createIjwXmlFolderSource(deps: IjwXmlFolderSourceDeps): PullSource {
  const maxFileBytes = deps.maxFileBytes ?? 1_048_576;

  async function readRecord(folder: string, name: string): Promise<PulledRecord> {
    let xml: string;
    try {
      xml = await readFileCapped(join(folder, name), maxFileBytes);
    } catch (error) {
      if (error instanceof GatewayError) return { id: name, unreadable: error };
      throw new GatewayError('source-unavailable', { detail: `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, cause: error });
    }
    let parsed: { messageType: string; message: Record<string, unknown> };
    try {
      parsed = deps.parse(xml);
    } catch (error) {
      if (error instanceof GatewayError) return { id: name, unreadable: error };
      throw error;
    }
    const header = (parsed.message.Header ?? {}) as Record<string, unknown>;
    // A retour copies the heen header: it goes back to the heen message's Afzender (domain.md 1.3).
    const code = header[retours.has(parsed.messageType) ? 'Afzender' : 'Ontvanger'];
    const codeText = typeof code === 'string' ? code : '';
    const purpose = ijwPurposes[parsed.messageType];
    const envelope = {
      messageType: parsed.messageType,
      // An unknown code stays as it is: the pipeline refuses it (unknown receiver) and audits that.
      receiver: deps.partyByCode(codeText) ?? (codeText || 'unknown'),
      purpose: purpose ?? 'unknown',
      message: parsed.message,
    };
    return { id: name, contentType: 'application/json', body: Buffer.from(JSON.stringify(envelope), 'utf8') };
  }

  return {
    kind: 'ijw-xml-folder',
    async *pull(cursor: string | undefined, ctx: PullContext): AsyncGenerator<PulledPage> {
      let names: string[];
      try {
        names = (await readdir(ctx.endpoint, { withFileTypes: true }))
          .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.xml') && (cursor === undefined || entry.name > cursor))
          .map((entry) => entry.name)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch (error) {
        throw new GatewayError('source-unavailable', { detail: `cannot list the folder: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, cause: error });
      }
      for (let start = 0; start < names.length; start += ctx.pageSize) {
        if (ctx.signal.aborted) return;
        const page = names.slice(start, start + ctx.pageSize);
        const records: PulledRecord[] = [];
        for (const name of page) records.push(await readRecord(ctx.endpoint, name));
        yield { records, cursor: page.at(-1) };
      }
    },
  };
}
