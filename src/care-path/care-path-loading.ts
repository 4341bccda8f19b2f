// Loading what one message needs: the process rules evaluate synchronously over a working set in
// memory, so before they run, the facts the message can touch are read from the store in a few bulk
// reads. carePathKeysOf() names them from the message alone; loadWorkingSet() reads them through the
// store's CarePathReader in two rounds (what the message names, then the paths those facts belong
// to) and returns the working set. A store implements only the reader's bulk reads; this composition
// is written once for every store.
//
// What a message can touch (the reads of the rule modules):
// - its own BerichtIdentificatie (TR056), or for a retour the heen message and the facts it made;
// - per child in it, the whole path (relation, requests, toewijzingen and their starts and stops);
// - the toewijzingen it names, with their starts, stops and prestaties (and those prestaties' credits
//   and declarations: TR385, TR389);
// - the requests, declarations and prestaties it names (and the credits of those prestaties);
// - for a JW319 or a JW301 with a ReferentieAanbieder, whether the gemeente and aanbieder met before.
import type { CarePathReader } from '../kernel/care-path-record.ts';
import type { CarePathKeys, CarePathRows, DeclaratieKey, DeclaratieMessageKey, MessageKey, PathKey, PrestatieKey, RequestKey, ToewijzingKey } from './care-path-facts.ts';
import { CarePathMemory } from './care-path-memory.ts';
import { HEEN_OF_RETOUR } from './heen-retour.ts';
import { child, items, num, root, str, type At, type JsonRecord } from './ijw-json.ts';

export type { CarePathReader } from '../kernel/care-path-record.ts';

const isGemeentecode = (code: string): boolean => /^[0-9]{4}$/.test(code);
const unique = <T>(list: readonly T[]): T[] => [...new Map(list.map((x) => [JSON.stringify(x), x])).values()];

/** The keys of the facts a message can touch, from the message alone. */
export function carePathKeysOf(messageType: string, message: JsonRecord, pseudonymize: (bsn: string) => string): CarePathKeys {
  const msg = root(message);
  const header = child(msg, 'Header');
  const afzender = str(header, 'Afzender') ?? '';
  const ontvanger = str(header, 'Ontvanger') ?? '';
  const identificatie = str(child(header, 'BerichtIdentificatie'), 'Identificatie') ?? '';
  const gemeente = isGemeentecode(afzender) ? afzender : ontvanger;
  const aanbieder = isGemeentecode(afzender) ? ontvanger : afzender;
  const messages: MessageKey[] = [];
  const paths: PathKey[] = [];
  const requests: RequestKey[] = [];
  const toewijzingen: ToewijzingKey[] = [];
  const declaraties: DeclaratieKey[] = [];
  const declaratieMessages: DeclaratieMessageKey[] = [];
  const prestaties: PrestatieKey[] = [];
  const pathOf = (at: At | undefined): void => {
    const bsn = str(at, 'Bsn');
    if (bsn !== undefined) paths.push({ pseudonym: pseudonymize(bsn), gemeente, aanbieder });
  };
  const numbers = (list: readonly At[]): void => {
    for (const p of list) {
      const nummer = num(p, 'ToewijzingNummer');
      if (nummer !== undefined) toewijzingen.push({ gemeente, nummer });
    }
  };
  const heenType = HEEN_OF_RETOUR[messageType];
  if (heenType !== undefined) {
    const retourOf = { messageType: heenType, afzender, identificatie };
    return { messages: [retourOf], pairs: [], paths: [], requests: [], toewijzingen: [], declaraties: [], declaratieMessages: [], prestaties: [], retourOf };
  }
  messages.push({ messageType, afzender, identificatie });
  const client = child(msg, 'Client');
  pathOf(client);
  for (const p of items(client, 'AangevraagdeProducten', 'AangevraagdProduct')) {
    const referentie = str(p, 'ReferentieAanbieder');
    if (referentie !== undefined) requests.push({ aanbieder, referentie });
  }
  const verzoek = child(client, 'Verzoek');
  const vow = str(verzoek, 'ReferentieAanbieder');
  if (vow !== undefined) requests.push({ aanbieder, referentie: vow });
  numbers(items(verzoek, 'OngewijzigdeProducten', 'OngewijzigdProduct'));
  numbers(items(verzoek, 'TeWijzigenProducten', 'TeWijzigenProduct'));
  const toegewezen = items(client, 'ToegewezenProducten', 'ToegewezenProduct');
  numbers(toegewezen);
  for (const p of toegewezen) {
    const referentie = str(p, 'ReferentieAanbieder');
    if (referentie !== undefined) requests.push({ aanbieder, referentie });
  }
  numbers(items(client, 'StartProducten', 'StartProduct'));
  numbers(items(client, 'StopProducten', 'StopProduct'));
  const antwoord = str(child(msg, 'Antwoord'), 'ReferentieAanbieder');
  if (antwoord !== undefined) requests.push({ aanbieder, referentie: antwoord });
  const declaratie = child(msg, 'Declaratie') ?? child(msg, 'DeclaratieAntwoord');
  const declaratieNummer = str(declaratie, 'DeclaratieNummer');
  if (declaratieNummer !== undefined) declaraties.push({ aanbieder, declaratieNummer });
  for (const c of items(declaratie, 'Clienten', 'Client')) {
    pathOf(c);
    const list = items(c, 'Prestaties', 'Prestatie');
    numbers(list);
    for (const p of list) {
      const ref = child(p, 'ProductReferentie');
      for (const key of ['ReferentieNummer', 'VorigReferentieNummer']) {
        const referentieNummer = str(ref, key);
        if (referentieNummer !== undefined) prestaties.push({ aanbieder, referentieNummer });
      }
    }
  }
  const di = child(header, 'DeclaratieIdentificatie');
  const diId = str(di, 'Identificatie');
  const diDag = str(di, 'Dagtekening');
  if (diId !== undefined && diDag !== undefined) declaratieMessages.push({ aanbieder, identificatie: diId, dagtekening: diDag });
  return {
    messages,
    pairs: requests.length > 0 ? [{ gemeente, aanbieder }] : [],
    paths: unique(paths),
    requests: unique(requests),
    toewijzingen: unique(toewijzingen),
    declaraties,
    declaratieMessages,
    prestaties: unique(prestaties),
  };
}

/** Reads the working set of a message through a store's reader. */
export async function loadWorkingSet(reader: CarePathReader, keys: CarePathKeys): Promise<CarePathMemory> {
  const set = new CarePathMemory();
  set.load({}, await reader.trackingSince());
  const first: CarePathRows[] = [
    // One read for the three (one round trip on PostgreSQL instead of three).
    await reader.named({ messages: keys.messages, pairs: keys.pairs, requests: keys.requests }),
    await reader.toewijzingen(keys.toewijzingen),
    await reader.declaraties(keys.declaraties),
    await reader.declaratiesByMessage(keys.declaratieMessages),
    await reader.prestaties(keys.prestaties),
  ];
  for (const rows of first) set.load(rows);
  // Second round: the paths the loaded facts belong to, and for a retour the facts of its heen message.
  const paths: PathKey[] = [...keys.paths];
  const toewijzingen: ToewijzingKey[] = [];
  const addPathsOf = (rows: CarePathRows): void => {
    for (const r of rows.requests ?? []) paths.push(r);
    for (const t of rows.toewijzingen ?? []) paths.push(t);
    for (const d of rows.deliveries ?? []) {
      paths.push(d);
      if (d.nummer !== undefined) toewijzingen.push({ gemeente: d.gemeente, nummer: d.nummer });
    }
  };
  for (const rows of first) addPathsOf(rows);
  if (keys.retourOf !== undefined) {
    const heen = set.message(keys.retourOf.messageType, keys.retourOf.afzender, keys.retourOf.identificatie);
    if (heen !== undefined) {
      const facts = await reader.factsOfExchange(heen.exchangeId);
      set.load(facts);
      addPathsOf(facts);
    }
  }
  const pathKeys = unique(paths.map((p) => ({ pseudonym: p.pseudonym, gemeente: p.gemeente, aanbieder: p.aanbieder })));
  if (pathKeys.length > 0) set.load(await reader.paths(pathKeys));
  if (toewijzingen.length > 0) set.load(await reader.toewijzingen(unique(toewijzingen)));
  return set;
}
