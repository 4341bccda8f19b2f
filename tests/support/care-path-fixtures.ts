// Care-path messages for the process-rule tests: the official iJw samples (tests/unit/ijw-fixtures.ts,
// read from ../shared) with their body replaced by what a test names, and a small harness that runs
// each message through the process rules and keeps what an accepted message changes, as the pipeline
// will: refused messages change nothing.
import { randomUUID } from 'node:crypto';
import { createPseudonymizer } from '../../src/audit/pseudonym.ts';
import { CarePathMemory } from '../../src/care-path/care-path-memory.ts';
import { carePathKeysOf, loadWorkingSet } from '../../src/care-path/care-path-loading.ts';
import { createMemoryReader } from '../../src/care-path/care-path-memory-reader.ts';
import { createTermResolver, type CarePathTermSettings } from '../../src/care-path/care-path-terms.ts';
import { evaluateIjwMessage, type EvaluationContext, type ProcessFinding } from '../../src/care-path/evaluate-message.ts';
import { resolveFindings, type RuleModes } from '../../src/care-path/rule-modes.ts';
import { isBsn } from '../../src/validation/identifiers.ts';
import { ijwValidator, sampleMessage, TODAY } from './ijw-fixtures.ts';
import { createIjwRetourBuilder, type IjwRetourBuilder } from '../../adapters/ijw-xml/ijw-retour.ts';
import { carePathReaderOf, type CarePathApplied } from '../../src/kernel/care-path-record.ts';
import type { DeadlineState } from '../../src/care-path/care-path-memory.ts';
import type { Store, StoreTx } from '../../src/store/store.ts';

type Msg = Record<string, any>;

export const DIEMEN = '0384';
export const AMSTERDAM = '0363';
export const DE_BRUG = '42420001';
export const HORIZON = '65656055';
const PARTIES: Record<string, string> = { [DIEMEN]: 'gemeente-diemen', [AMSTERDAM]: 'gemeente-amsterdam', [DE_BRUG]: 'jeugdhulp-de-brug', [HORIZON]: 'zorgaanbieder-horizon' };
export const partyOf = (code: string): string => PARTIES[code] ?? `party-${code}`;

/** BSNs that pass the 11-test, for distinct children. */
export const BSN: readonly string[] = (() => {
  const out: string[] = [];
  for (let n = 999900000; out.length < 20; n += 1) if (isBsn(String(n))) out.push(String(n));
  return out;
})();

let counter = 0;
const nextId = (): string => String(100000000 + (counter += 1));

function header(m: Msg, afzender: string, ontvanger: string, dagtekening: string, identificatie: string): void {
  m['Header']['Afzender'] = afzender;
  m['Header']['Ontvanger'] = ontvanger;
  m['Header']['BerichtIdentificatie'] = { Identificatie: identificatie, Dagtekening: dagtekening };
}

interface Common {
  readonly id?: string;
  readonly dag: string;
  readonly gemeente?: string;
  readonly aanbieder?: string;
}

export interface Requested {
  readonly ref: string;
  readonly categorie?: string;
  readonly code?: string;
}

export function jw315(o: Common & { bsn: string; products: readonly Requested[] }): Msg {
  const m = sampleMessage('JW315');
  header(m, o.aanbieder ?? DE_BRUG, o.gemeente ?? DIEMEN, o.dag, o.id ?? nextId());
  m['Client']['Bsn'] = o.bsn;
  const template = m['Client']['AangevraagdeProducten']['AangevraagdProduct'][0];
  m['Client']['AangevraagdeProducten']['AangevraagdProduct'] = o.products.map((p) => ({
    ...structuredClone(template),
    // The official sample's ToewijzingEinddatum (2027-06-31) does not exist; the validator refuses it.
    ...(template.ToewijzingEinddatum !== undefined ? { ToewijzingEinddatum: '2027-06-30' } : {}),
    ReferentieAanbieder: p.ref,
    Product: { Categorie: p.categorie ?? '45', Code: p.code ?? '45A03' },
  }));
  return m;
}

export interface Assigned {
  readonly nummer: number;
  readonly ref?: string;
  /** null: a toewijzing without a Product (a generic one, on a budget). */
  readonly categorie?: string | null;
  readonly code?: string | null;
  readonly ingang: string;
  readonly eind?: string;
  readonly reden?: string;
  readonly datum?: string;
  readonly tijd?: string;
  readonly omvang?: { volume: number; eenheid: string; frequentie: string } | null;
  readonly budget?: number;
}

export function jw301(o: Common & { bsn: string; products: readonly Assigned[] }): Msg {
  const m = sampleMessage('JW301');
  header(m, o.gemeente ?? DIEMEN, o.aanbieder ?? DE_BRUG, o.dag, o.id ?? nextId());
  m['Client']['Bsn'] = o.bsn;
  m['Client']['ToegewezenProducten']['ToegewezenProduct'] = o.products.map((p) => {
    const product: Msg = {
      ToewijzingNummer: p.nummer,
      ...(p.ref !== undefined ? { ReferentieAanbieder: p.ref } : {}),
      ...(p.categorie === null ? {} : { Product: p.code === null ? { Categorie: p.categorie ?? '45' } : { Categorie: p.categorie ?? '45', Code: p.code ?? '45A03' } }),
      Toewijzingsdatum: p.datum ?? o.dag,
      Toewijzingstijd: p.tijd ?? '12:00:00',
      Ingangsdatum: p.ingang,
      ...(p.eind !== undefined ? { Einddatum: p.eind } : {}),
      ...(p.reden !== undefined ? { RedenWijziging: p.reden } : {}),
    };
    if (p.budget !== undefined) product['Budget'] = p.budget;
    else if (p.omvang !== null) {
      const omvang = p.omvang ?? { volume: 4, eenheid: '04', frequentie: '2' };
      product['Omvang'] = { Volume: omvang.volume, Eenheid: omvang.eenheid, Frequentie: omvang.frequentie };
    }
    return product;
  });
  return m;
}

export function jw319(o: Common & { ref: string; antwoord: '1' | '2'; reden?: string }): Msg {
  const m = sampleMessage('JW319');
  header(m, o.gemeente ?? DIEMEN, o.aanbieder ?? DE_BRUG, o.dag, o.id ?? nextId());
  m['Antwoord'] = {
    ReferentieAanbieder: o.ref,
    VerzoekAntwoord: o.antwoord,
    ...(o.antwoord === '1' ? { RedenAfwijzingVerzoek: o.reden ?? '3' } : {}),
    ...(o.reden === '8' ? { Woonplaatsbeginsel: { Gemeente: AMSTERDAM } } : {}),
  };
  return m;
}

export interface Regie {
  readonly nummer?: number;
  readonly categorie?: string;
  readonly code?: string;
  readonly begin: string;
  readonly eind?: string;
  readonly reden?: string;
  readonly status?: '1' | '3';
}

function regieProducts(products: readonly Regie[], stop: boolean): Msg[] {
  return products.map((p) => ({
    ...(p.nummer !== undefined ? { ToewijzingNummer: p.nummer } : {}),
    Product: { Categorie: p.categorie ?? '45', Code: p.code ?? '45A03' },
    Begindatum: p.begin,
    ...(stop ? { RedenBeeindiging: p.reden ?? '31', Einddatum: p.eind ?? p.begin } : {}),
    StatusAanlevering: p.status ?? '1',
  }));
}

export function jw305(o: Common & { bsn: string; products: readonly Regie[] }): Msg {
  const m = sampleMessage('JW305');
  header(m, o.aanbieder ?? DE_BRUG, o.gemeente ?? DIEMEN, o.dag, o.id ?? nextId());
  m['Client']['Bsn'] = o.bsn;
  m['Client']['StartProducten']['StartProduct'] = regieProducts(o.products, false);
  return m;
}

export function jw307(o: Common & { bsn: string; products: readonly Regie[] }): Msg {
  const m = sampleMessage('JW307');
  header(m, o.aanbieder ?? DE_BRUG, o.gemeente ?? DIEMEN, o.dag, o.id ?? nextId());
  m['Client']['Bsn'] = o.bsn;
  m['Client']['StopProducten']['StopProduct'] = regieProducts(o.products, true);
  return m;
}

export interface Changed {
  readonly nummer: number;
  readonly gewenst: string;
  readonly eind?: string;
  readonly omvang?: { volume: number; eenheid: string; frequentie: string } | null;
  readonly budget?: number;
}

export function jw317(o: Common & { bsn: string; ref: string; ongewijzigd?: readonly number[]; teWijzigen?: readonly Changed[]; nieuw?: readonly { categorie: string; code: string; gewenst: string; eind?: string }[] }): Msg {
  const m = sampleMessage('JW317');
  header(m, o.aanbieder ?? DE_BRUG, o.gemeente ?? DIEMEN, o.dag, o.id ?? nextId());
  m['Client']['Bsn'] = o.bsn;
  const verzoek: Msg = { ReferentieAanbieder: o.ref, RedenVerzoek: '1' };
  if (o.ongewijzigd !== undefined) verzoek['OngewijzigdeProducten'] = { OngewijzigdProduct: o.ongewijzigd.map((n) => ({ ToewijzingNummer: n })) };
  if (o.teWijzigen !== undefined) {
    verzoek['TeWijzigenProducten'] = {
      TeWijzigenProduct: o.teWijzigen.map((p) => ({
        ToewijzingNummer: p.nummer,
        GewensteIngangsdatum: p.gewenst,
        ...(p.eind !== undefined ? { Einddatum: p.eind } : {}),
        ...(p.budget !== undefined ? { Budget: p.budget } : {}),
        ...(p.omvang === null || p.budget !== undefined ? {} : { Omvang: p.omvang === undefined ? { Volume: 6, Eenheid: '04', Frequentie: '2' } : { Volume: p.omvang.volume, Eenheid: p.omvang.eenheid, Frequentie: p.omvang.frequentie } }),
      })),
    };
  }
  if (o.nieuw !== undefined) {
    verzoek['NieuweProducten'] = { NieuwProduct: o.nieuw.map((p) => ({ Product: { Categorie: p.categorie, Code: p.code }, GewensteIngangsdatum: p.gewenst, ...(p.eind !== undefined ? { Einddatum: p.eind } : {}), Omvang: { Volume: 4, Eenheid: '04', Frequentie: '2' } })) };
  }
  m['Client']['Verzoek'] = verzoek;
  return m;
}

export interface Declared {
  readonly ref: string;
  readonly vorig?: string;
  readonly nummer: number;
  readonly categorie?: string;
  readonly code?: string;
  readonly begin: string;
  readonly eind: string;
  readonly volume?: number;
  readonly eenheid?: string;
  readonly dc?: 'D' | 'C';
}

/** IngediendBedrag: GeleverdVolume × ProductTarief (1250), or in euro's (Eenheid 83) the volume itself (CS339, CD087). */
const bedragOf = (p: Declared): number => (p.eenheid === '83' ? (p.volume ?? 4) : (p.volume ?? 4) * 1250);

const prestatie = (p: Declared): Msg => ({
  ProductReferentie: { ReferentieNummer: p.ref, ...(p.vorig !== undefined ? { VorigReferentieNummer: p.vorig } : {}) },
  ToewijzingNummer: p.nummer,
  ProductCategorie: p.categorie ?? '45',
  ProductCode: p.code ?? '45A03',
  ProductPeriode: { Begindatum: p.begin, Einddatum: p.eind },
  GeleverdVolume: p.volume ?? 4,
  Eenheid: p.eenheid ?? '04',
  ...(p.eenheid === '83' ? {} : { ProductTarief: 1250 }),
  IngediendBedrag: { Bedrag: bedragOf(p), DebetCredit: p.dc ?? 'D' },
});

export function jw323(o: Common & { nummer: string; clients: readonly { bsn: string; prestaties: readonly Declared[] }[] }): Msg {
  const m = sampleMessage('JW323');
  header(m, o.aanbieder ?? DE_BRUG, o.gemeente ?? DIEMEN, o.dag, o.id ?? nextId());
  const d = m['Declaratie'];
  d['DeclaratieNummer'] = o.nummer;
  d['Clienten'] = { Client: o.clients.map((c) => ({ Bsn: c.bsn, Prestaties: { Prestatie: c.prestaties.map(prestatie) } })) };
  // The header fields that follow from the prestaties (TR134, TR137, TR358): the month of the first, and the total.
  const all = o.clients.flatMap((c) => c.prestaties);
  const first = all[0]?.begin ?? o.dag;
  const lastDay = new Date(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)), 0)).toISOString().slice(0, 10);
  d['DeclaratiePeriode'] = { Begindatum: `${first.slice(0, 8)}01`, Einddatum: lastDay };
  d['DeclaratieDagtekening'] = o.dag;
  const total = all.reduce((sum, p) => sum + (p.dc === 'C' ? -1 : 1) * bedragOf(p), 0);
  d['TotaalIngediendBedrag'] = { TotaalBedrag: Math.abs(total), DebetCredit: total < 0 ? 'C' : 'D' };
  return m;
}

export function jw325(o: Common & { declaratie: Msg; nummer?: string; rejected?: readonly { bsn: string; prestaties: readonly Declared[] }[]; whole?: boolean }): Msg {
  const m = sampleMessage('JW325');
  header(m, o.gemeente ?? DIEMEN, o.aanbieder ?? DE_BRUG, o.dag, o.id ?? nextId());
  m['Header']['DeclaratieIdentificatie'] = structuredClone(o.declaratie['Header']['BerichtIdentificatie']);
  m['Header']['XsdVersieDeclaratie'] = structuredClone(o.declaratie['Header']['XsdVersie']);
  const a = m['DeclaratieAntwoord'];
  a['DeclaratieNummer'] = o.nummer ?? o.declaratie['Declaratie']['DeclaratieNummer'];
  a['RetourCodes'] = { RetourCode: [o.whole === true ? '8002' : '0200'] };
  // The totals (iJw TR342): what was declared, and what is granted of it (all but the rejected prestaties; nothing when the whole is rejected).
  const signed = (b: { Bedrag: number; DebetCredit: string }): number => (b.DebetCredit === 'C' ? -1 : 1) * b.Bedrag;
  const total = o.declaratie['Declaratie']['TotaalIngediendBedrag'];
  const ingediend = (total.DebetCredit === 'C' ? -1 : 1) * total.TotaalBedrag;
  const rejectedSum = (o.rejected ?? []).flatMap((c) => c.prestaties).reduce((sum, p) => sum + signed(prestatie(p)['IngediendBedrag']), 0);
  const toegekend = o.whole === true ? 0 : ingediend - rejectedSum;
  a['TotaalIngediendBedrag'] = { TotaalBedrag: Math.abs(ingediend), DebetCredit: ingediend < 0 ? 'C' : 'D' };
  a['TotaalToegekendBedrag'] = { TotaalBedrag: Math.abs(toegekend), DebetCredit: toegekend < 0 ? 'C' : 'D' };
  if (o.rejected === undefined || o.rejected.length === 0) delete a['Clienten'];
  else a['Clienten'] = { Client: o.rejected.map((c) => ({ Bsn: c.bsn, Prestaties: { Prestatie: c.prestaties.map((p) => ({ ...prestatie(p), RetourCodes: { RetourCode: ['9307'] } })) }, RetourCodes: { RetourCode: ['0200'] } })) };
  return m;
}

let retourBuilder: IjwRetourBuilder | undefined;

/**
 * The retour of a heen message, as its receiver sends it: built as the gateway builds its own retours
 * (adapters/ijw-xml/ijw-retour.ts), valid against the retour's schema, with RetourCodes on every class:
 * the codes named (header: the message as a whole, with 0233 below it; classes: by pointer into the
 * heen message), 0200 elsewhere; a Client it rejects nothing of is left out (iJw OP065). With
 * keepApprovedClient, the retour that breaks OP065: the Client is in it with 0200 on all its classes.
 */
export function retour(heenType: string, heen: Msg, o: { header?: string; classes?: Readonly<Record<string, string>>; keepApprovedClient?: boolean } = {}): { type: string; message: Msg } {
  const validator = ijwValidator();
  retourBuilder ??= createIjwRetourBuilder((type, message) => validator.validateMessage(type, message, TODAY));
  const clientRejected = o.header !== undefined || Object.keys(o.classes ?? {}).some((p) => p.startsWith('/Client'));
  // A Client is only built into a retour that rejects a class of it: reject it, then approve it all.
  const approveClient = o.keepApprovedClient === true && !clientRejected;
  const classes = { ...o.classes, ...(approveClient ? { '/Client': '0001' } : {}) };
  const errors = [
    ...(o.header !== undefined && o.header !== '0200' ? [{ pointer: '', detail: 'refused', retourcode: o.header }] : []),
    ...Object.entries(classes).map(([pointer, code]) => ({ pointer, detail: 'refused', retourcode: code })),
  ];
  const { retour: built } = retourBuilder.build({
    heenType,
    heen,
    outcome: errors.length === 0 ? { accepted: true } : { accepted: false, errors },
    identificatieRetour: nextId(),
    dagtekeningRetour: heen['Header']['BerichtIdentificatie']['Dagtekening'],
  });
  if (built === undefined) throw new Error(`no valid retour of this ${heenType}`);
  if (approveClient) approveAll(built.message['Client']);
  return { type: built.messageType, message: built.message };
}

/** Sets every RetourCodes at or below a node to 0200. */
function approveAll(node: unknown): void {
  if (Array.isArray(node)) for (const item of node) approveAll(item);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'RetourCodes') (node as Msg)[key] = { RetourCode: ['0200'] };
      else approveAll(value);
    }
  }
}

/**
 * What a case says about a submission beyond its outcome: the rules it is the valid case of. The message
 * must then be accepted with no finding (not even a warning) under any of those rules.
 */
export interface SubmitOptions {
  readonly keeps?: readonly string[];
}

/** Throws when a message named as the valid case of rules was refused or found against one of them. */
export function checkKeeps(type: string, outcome: Outcome, keeps: readonly string[] = []): void {
  if (keeps.length === 0) return;
  const against = [...outcome.refusals, ...outcome.warnings].filter((f) => keeps.includes(f.rule));
  if (!outcome.accepted || against.length > 0) {
    throw new Error(`the ${type} named as the valid case of ${keeps.join(', ')} was ${outcome.accepted ? 'accepted' : 'refused'} with findings ${JSON.stringify([...outcome.refusals, ...outcome.warnings])}`);
  }
}

/** What the process-rule cases (tests/support/process-rule-cases.ts) run on: in memory, or through the HTTP API. */
export interface RuleHarness {
  /** The in-memory care-path reference: what the accepted messages made of the paths. */
  readonly store: CarePathMemory;
  pseudonym(bsn: string): string;
  /** Submits a message at an instant (ISO string); the sender and receiver follow from its header. */
  submit(type: string, message: Msg, at: string, options?: SubmitOptions): Promise<Outcome>;
  submitAs(type: string, message: Msg, at: string, senderParty: string, receiverParty: string, options?: SubmitOptions): Promise<Outcome>;
}

/** The care-path settings a case asks for (the gateway's carePath section: mode and rules, terms, migration). */
export interface HarnessSettings {
  readonly modes?: RuleModes;
  readonly terms?: CarePathTermSettings;
  /** Default 0: a request the gateway does not know is an error from its first day. */
  readonly migrationRequestDays?: number;
}

export type MakeHarness = (settings?: HarnessSettings) => Promise<RuleHarness>;

/** The sending and receiving party of a message, from its header (a retour goes back to the heen message's sender). */
export function partiesFromHeader(type: string, message: Msg): { sender: string; receiver: string } {
  const h = message['Header'];
  return /^JW3(02|06|08|16|18|20)$/.test(type) ? { sender: partyOf(h['Ontvanger']), receiver: partyOf(h['Afzender']) } : { sender: partyOf(h['Afzender']), receiver: partyOf(h['Ontvanger']) };
}

export interface Outcome {
  readonly accepted: boolean;
  readonly refusals: readonly ProcessFinding[];
  readonly warnings: readonly ProcessFinding[];
  readonly exchangeId: string;
}

/**
 * What applying changes did to the deadlines, as a store reports it (CarePathApplied): each deadline
 * the changes touched, by its final state (closed, or open with a new term), from two snapshots of
 * the memory's.
 */
export function appliedBetween(before: ReadonlyMap<string, DeadlineState>, after: readonly DeadlineState[]): CarePathApplied {
  const closed: { id: string; status: 'met' | 'cancelled' }[] = [];
  const opened: string[] = [];
  for (const state of after) {
    if (before.get(state.deadline.id) === state) continue;
    if (state.status === 'open') opened.push(state.deadline.id);
    else closed.push({ id: state.deadline.id, status: state.status });
  }
  return { closed, opened };
}

const sortedApplied = (a: CarePathApplied): string =>
  JSON.stringify({ closed: [...a.closed].sort((x, y) => x.id.localeCompare(y.id)), opened: [...new Set(a.opened)].sort() });

/**
 * The process rules over an in-memory care-path store, as the pipeline applies them. With a Store,
 * every message is also judged over the working set that store loads in a transaction, and its
 * changes applied there: the store must come to the same evaluation and report the same deadlines
 * closed and opened as the in-memory reference (the stores' contract, tests/contract).
 */
export class CarePathHarness implements RuleHarness {
  readonly store = new CarePathMemory();
  readonly ctx: EvaluationContext;

  constructor(
    private readonly modes?: RuleModes,
    terms: CarePathTermSettings = {},
    migrationRequestDays = 0,
    private readonly db?: Store,
  ) {
    this.ctx = { pseudonymize: createPseudonymizer('care-path-test'), terms: createTermResolver(terms), partyOf, migrationRequestDays };
  }

  /** Set while inOneTransaction runs: the store transaction every submission then judges and applies in. */
  private shared: StoreTx | undefined;

  pseudonym(bsn: string): string {
    return this.ctx.pseudonymize(bsn);
  }

  /**
   * Runs fn with every submission's store work in one transaction of the store, as a group-commit
   * batch runs its exchanges: each message must see what the ones before it wrote, not yet committed.
   */
  async inOneTransaction(fn: (tx: StoreTx) => Promise<void>): Promise<void> {
    if (this.db === undefined) throw new Error('inOneTransaction needs a store');
    await this.db.transaction(async (tx) => {
      this.shared = tx;
      try {
        await fn(tx);
      } finally {
        this.shared = undefined;
      }
    });
  }

  /** Submits a message at an instant (ISO string); the sender and receiver follow from its header. */
  submit(type: string, message: Msg, at: string, options: SubmitOptions = {}): Promise<Outcome> {
    const { sender, receiver } = partiesFromHeader(type, message);
    return this.submitAs(type, message, at, sender, receiver, options);
  }

  async submitAs(type: string, message: Msg, at: string, senderParty: string, receiverParty: string, options: SubmitOptions = {}): Promise<Outcome> {
    const exchangeId = randomUUID();
    const incoming = { messageType: type, message, exchangeId, senderParty, receiverParty, receivedAt: new Date(at) };
    const evaluation = evaluateIjwMessage(this.store, incoming, this.ctx);
    // A store evaluates over the working set it loads for the message: it must come to the same.
    const loaded = await loadWorkingSet(createMemoryReader(this.store), carePathKeysOf(type, message, this.ctx.pseudonymize));
    const again = evaluateIjwMessage(loaded, incoming, this.ctx);
    if (JSON.stringify(again) !== JSON.stringify(evaluation)) {
      throw new Error(`the working set loaded for this ${type} gives another evaluation:\n${JSON.stringify(again)}\nversus\n${JSON.stringify(evaluation)}`);
    }
    const { refusals, warnings } = resolveFindings(evaluation.findings, this.modes);
    const before = new Map(this.store.deadlines().map((d) => [d.deadline.id, d]));
    if (refusals.length === 0) this.store.apply(evaluation.changes);
    if (this.db !== undefined) {
      const expected = appliedBetween(before, this.store.deadlines());
      const judge = async (tx: StoreTx): Promise<void> => {
        const set = await loadWorkingSet(carePathReaderOf(tx), carePathKeysOf(type, message, this.ctx.pseudonymize));
        const fromStore = evaluateIjwMessage(set, incoming, this.ctx);
        if (JSON.stringify(fromStore) !== JSON.stringify(evaluation)) {
          throw new Error(`the store's working set for this ${type} gives another evaluation:\n${JSON.stringify(fromStore)}\nversus\n${JSON.stringify(evaluation)}`);
        }
        if (refusals.length > 0) return;
        const applied = await tx.applyCarePathChanges(evaluation.changes);
        if (sortedApplied(applied) !== sortedApplied(expected)) throw new Error(`the store applied ${sortedApplied(applied)}, the reference ${sortedApplied(expected)}`);
      };
      if (this.shared !== undefined) await judge(this.shared);
      else await this.db.transaction(judge);
    }
    const outcome = { accepted: refusals.length === 0, refusals, warnings, exchangeId };
    checkKeeps(type, outcome, options.keeps);
    return outcome;
  }
}

/** The rule codes and retourcodes of findings, for compact expectations. */
export const codes = (findings: readonly ProcessFinding[]): string[] => findings.map((f) => `${f.rule}${f.retourcode !== undefined ? `/${f.retourcode}` : ''}`);
