// The toewijzing (JW301), also as intrekking (an earlier Einddatum) and removal (RedenWijziging 13):
// one number per toegewezen product (TR332), honouring a request (TR379), no removal of what was
// declared and approved (TR385), the latest version by Toewijzingsdatum and -tijd (OP033x1); and, as
// signals (no retourcode), the gezagsdrager sent (OP002, OP002x1), every current toewijzing listed
// (OP087), no stapeling (OP259), an extension by a later Einddatum rather than a new toewijzing (OP380).
import { addCalendarDays } from '../kernel/dutch-working-days.ts';
import { isCurrentToewijzing, type AskedChange, type RequestFact, type ToewijzingFact } from './care-path-facts.ts';
import { describe, productOfFact, stacks, type ProductPeriod } from './stapeling.ts';
import { answerDeadlineId, finalAnswerDeadlineId, openStarts, productOf, sameProduct, type CarePathRun, type Product } from './care-path-run.ts';
import { omvangText } from './omvang.ts';
import { child, field, items, num, str, type At } from './ijw-json.ts';

export function toewijzing(run: CarePathRun): void {
  const client = child(run.msg, 'Client');
  const pseudonym = run.pseudonymOf(client);
  if (client === undefined || pseudonym === undefined) return;
  let complete = true;
  const sent: SentProduct[] = [];
  for (const p of items(client, 'ToegewezenProducten', 'ToegewezenProduct')) {
    const nummer = num(p, 'ToewijzingNummer');
    const isNew = nummer !== undefined && run.layer.toewijzing(run.gemeente, nummer) === undefined;
    if (!toegewezenProduct(run, p, pseudonym)) complete = false;
    else if (nummer !== undefined) sent.push({ p, nummer, isNew });
  }
  // OP087: a JW301 lists every current toewijzing of the child for this aanbieder.
  run.touchRelation(pseudonym, complete);
  // The bedrijfsregels without a retourcode, on the path as this message leaves it (signals).
  gezagsdragerSent(run, client, pseudonym);
  allCurrentListed(run, client, pseudonym, new Set(items(client, 'ToegewezenProducten', 'ToegewezenProduct').flatMap((p) => num(p, 'ToewijzingNummer') ?? [])));
  notStacked(run, pseudonym, sent);
  extendedNotRenewed(run, pseudonym, sent);
}

/**
 * iJw OP002 (signal), with its exception OP002x1: a JW301 carries the client's gezagsdrager as a
 * Relatie. Whether a Relatie holds gezag is in no field (SoortRelatie 10 ouder does not say so), so
 * the gateway names only a JW301 without any Relatie for a child certainly under 16 on its
 * Dagtekening (so under gezag: from 16 a court may declare a mother meerderjarig, BW 1:253ha, and
 * from 18 the client holds gezag itself, OP002x2), unless a VOT of this aanbieder for the child said
 * GezagsdragerBekend 1 (OP002x1). A Geboortedatum with an unknown day or month (COD170 DatumGebruik 1
 * or 2) is read as the earliest day it may be; an unknown one (3) is not judged.
 */
function gezagsdragerSent(run: CarePathRun, client: At, pseudonym: string): void {
  if (items(client, 'Relaties', 'Relatie').length > 0) return;
  const geboortedatum = child(client, 'Geboortedatum');
  const datum = str(geboortedatum, 'Datum');
  const gebruik = str(geboortedatum, 'DatumGebruik');
  if (datum === undefined || gebruik === '3') return;
  const earliest = gebruik === '2' ? `${datum.slice(0, 4)}-01-01` : gebruik === '1' ? `${datum.slice(0, 7)}-01` : datum;
  const sixteenth = `${String(Number(earliest.slice(0, 4)) + 16).padStart(4, '0')}${earliest.slice(4)}`;
  if (sixteenth <= run.dagtekening) return;
  const known = run.layer.requestsOf(pseudonym, run.gemeente, run.aanbieder).some((r) => r.kind === 'VOT' && r.gezagsdragerBekend === true && r.status !== 'void');
  if (!known) run.signal('OP002', client.pointer, `the client is under 16 on ${run.dagtekening} and the JW301 has no Relatie, so no gezagsdrager; no VOT of this aanbieder said GezagsdragerBekend 1 (OP002x1)`, pseudonym);
}

/**
 * iJw OP348 (signal): a JW301 that honours a VOW (its ReferentieAanbieder) takes over what the VOW
 * asked one to one; dates may differ (terugwerkende kracht), and so may the ToewijzingNummer where a
 * new toewijzing was needed. A ToegewezenProduct is named when no product the VOW listed is the same
 * product (by its number, else by Product) with the same Omvang or Budget it asked for; a listed
 * product that asked for no Omvang or Budget fits any.
 */
function takenOver(run: CarePathRun, p: At, nummer: number, product: Product, request: RequestFact, pseudonym: string): void {
  const o = child(p, 'Omvang');
  const volume = num(o, 'Volume');
  const eenheid = str(o, 'Eenheid');
  const frequentie = str(o, 'Frequentie');
  const budget = num(p, 'Budget');
  const fits = (a: AskedChange): boolean =>
    (a.omvang === undefined || (a.omvang.volume === volume && a.omvang.eenheid === eenheid && a.omvang.frequentie === frequentie)) && (a.budget === undefined || a.budget === budget);
  const asked = request.asked ?? [];
  const same = asked.filter((a) => a.nummer === nummer || (a.kind !== 'ongewijzigd' && sameProduct(a, product)));
  if (same.some(fits)) return;
  const detail =
    same.length === 0
      ? `the VOW ${request.referentie} honoured asked for no such product (${product.code ?? product.categorie ?? 'generiek'}, toewijzing ${nummer})`
      : `the VOW ${request.referentie} asked for ${same.map((a) => (a.omvang !== undefined ? omvangText(a.omvang) : `Budget ${a.budget ?? ''}`)).join(' or ')}, not what toewijzing ${nummer} assigns`;
  run.signal('OP348', o?.pointer ?? p.pointer, detail, pseudonym);
}

interface SentProduct {
  readonly p: At;
  readonly nummer: number;
  /** Its ToewijzingNummer was not known before this message. */
  readonly isNew: boolean;
}

const periodOf = (t: ToewijzingFact): ProductPeriod => ({ product: productOfFact(t), from: t.ingangsdatum, to: t.einddatum });
/** The toewijzing as this message left it; undefined when an older version of it was sent (OP033x1: the newer stays). */
const asSent = (run: CarePathRun, s: SentProduct): ToewijzingFact | undefined => {
  const t = run.layer.toewijzing(run.gemeente, s.nummer);
  return t !== undefined && t.exchangeId === run.incoming.exchangeId && !t.removed ? t : undefined;
};

/**
 * iJw OP087 (signal): a JW301 holds every toewijzing of the child for this aanbieder that is valid on
 * or after its Dagtekening (not removed, no Einddatum before it). Those the gateway knows of and the
 * message leaves out are named.
 */
function allCurrentListed(run: CarePathRun, client: At, pseudonym: string, listed: ReadonlySet<number>): void {
  const missing = run.layer.toewijzingenOf(pseudonym, run.gemeente, run.aanbieder).filter((t) => !listed.has(t.nummer) && isCurrentToewijzing(t, run.dagtekening));
  if (missing.length > 0) run.signal('OP087', `${client.pointer}/ToegewezenProducten`, `current toewijzing(en) ${missing.map((t) => t.nummer).join(', ')} of this child for aanbieder ${run.aanbieder} are not in the JW301`, pseudonym);
}

/**
 * iJw OP259 (signal): no product assigned twice to the aanbieder for (partly) the same period. A
 * product of this message that stacks on a current toewijzing of the path the message does not list
 * is named; two products of one message are TR302's (a rule of the message alone).
 */
function notStacked(run: CarePathRun, pseudonym: string, sent: readonly SentProduct[]): void {
  const inMessage = new Set(sent.map((s) => s.nummer));
  for (const s of sent) {
    const t = asSent(run, s);
    if (t === undefined) continue;
    const on = run.layer.toewijzingenOf(pseudonym, run.gemeente, run.aanbieder).filter((o) => !inMessage.has(o.nummer) && !o.removed && stacks(periodOf(o), periodOf(t)));
    if (on.length > 0) run.signal('OP259', s.p.pointer, `${describe(periodOf(t))} stacks on toewijzing(en) ${on.map((o) => `${o.nummer} (${describe(periodOf(o))})`).join(', ')} of the same product`, pseudonym);
  }
}

/**
 * iJw OP380 (signal): a care period is extended by moving the Einddatum of the toewijzing, not by a
 * new one, when the volume stays (or is empty), the frequency stays and is not 6 (totaal binnen
 * geldigheidsduur), and the toewijzing has not ended when the extension is sent. A new toewijzing of
 * the same product, Omvang and no Budget, starting the day after such a toewijzing ends, is named.
 */
function extendedNotRenewed(run: CarePathRun, pseudonym: string, sent: readonly SentProduct[]): void {
  for (const s of sent) {
    const t = s.isNew ? asSent(run, s) : undefined;
    if (t === undefined || t.budget !== undefined || t.omvang?.frequentie === '6') continue;
    const extended = run.layer
      .toewijzingenOf(pseudonym, run.gemeente, run.aanbieder)
      .find((o) => o.nummer !== t.nummer && !o.removed && o.budget === undefined && o.einddatum !== undefined && o.einddatum >= run.dagtekening && addCalendarDays(o.einddatum, 1) === t.ingangsdatum && sameProduct(o, t) && sameOmvang(o, t));
    if (extended !== undefined) run.signal('OP380', s.p.pointer, `continues toewijzing ${extended.nummer} (ends ${extended.einddatum ?? ''}, not yet ended on the Dagtekening) with the same product and Omvang: its Einddatum should have been moved`, pseudonym);
  }
}

const sameOmvang = (a: ToewijzingFact, b: ToewijzingFact): boolean => a.omvang?.volume === b.omvang?.volume && a.omvang?.eenheid === b.omvang?.eenheid && a.omvang?.frequentie === b.omvang?.frequentie;

/** One ToegewezenProduct; false when it could not be recorded. */
function toegewezenProduct(run: CarePathRun, p: At, pseudonym: string): boolean {
  const nummer = num(p, 'ToewijzingNummer');
  const ingangsdatum = str(p, 'Ingangsdatum');
  const toewijzingsdatum = str(p, 'Toewijzingsdatum');
  if (nummer === undefined || ingangsdatum === undefined || toewijzingsdatum === undefined) return false;
  const product = productOf(p);
  const einddatum = str(p, 'Einddatum');
  const reden = str(p, 'RedenWijziging');
  const referentie = str(p, 'ReferentieAanbieder');
  const toewijzingstijd = str(p, 'Toewijzingstijd') ?? '00:00:00';
  const existing = run.layer.toewijzing(run.gemeente, nummer);
  if (existing !== undefined && (existing.pseudonym !== pseudonym || existing.aanbieder !== run.aanbieder || !sameProduct(existing, product))) {
    // iJw TR332: the number names another toegewezen product.
    run.find('TR332', field(p, 'ToewijzingNummer'), `gemeente ${run.gemeente} used ToewijzingNummer ${nummer} for another toegewezen product (child, aanbieder or Product)`);
    return false;
  }
  // JZ002 13 (verwijderd), and 01 (vervallen), with Einddatum = Ingangsdatum: "als niet verzonden beschouwd" (OP087).
  const removed = (reden === '13' || reden === '01') && einddatum === ingangsdatum;
  if (existing !== undefined && removed && !existing.removed && hasApprovedDebits(run, nummer)) {
    run.find('TR385', field(p, 'RedenWijziging'), `toewijzing ${nummer} has approved prestaties that were not credited`);
  }
  // iJw TR379: a ReferentieAanbieder on the first sending of a product honours a request. A product
  // already sent may carry it too: a verzoek om wijziging honoured by changing an existing toewijzing.
  let request: RequestFact | undefined;
  if (referentie !== undefined) {
    request = run.layer.request(run.aanbieder, referentie);
    if (request === undefined || request.gemeente !== run.gemeente || request.pseudonym !== pseudonym || request.status === 'void') {
      if (existing === undefined) run.find('TR379', field(p, 'ReferentieAanbieder'), `no JW315 or JW317 of this aanbieder for this child at gemeente ${run.gemeente} carried ReferentieAanbieder ${referentie}`, request === undefined && run.requestMayPredate());
      request = undefined;
    }
  }
  if (request?.asked !== undefined) takenOver(run, p, nummer, product, request, pseudonym);
  // OP033x1/OP080: the latest version by Toewijzingsdatum and -tijd counts, not the order of arrival.
  if (existing !== undefined && `${existing.toewijzingsdatum}T${existing.toewijzingstijd}` > `${toewijzingsdatum}T${toewijzingstijd}`) return true;
  const omvang = child(p, 'Omvang');
  const volume = num(omvang, 'Volume');
  const eenheid = str(omvang, 'Eenheid');
  const frequentie = str(omvang, 'Frequentie');
  const budget = num(p, 'Budget');
  let before: Omit<ToewijzingFact, 'previous'> | undefined;
  if (existing !== undefined) {
    const { previous: _older, ...rest } = existing;
    before = rest;
  }
  const fact: ToewijzingFact = {
    gemeente: run.gemeente,
    nummer,
    pseudonym,
    aanbieder: run.aanbieder,
    ...product,
    ingangsdatum,
    ...(einddatum !== undefined ? { einddatum } : {}),
    ...(reden !== undefined ? { redenWijziging: reden } : {}),
    ...(volume !== undefined && eenheid !== undefined && frequentie !== undefined ? { omvang: { volume, eenheid, frequentie } } : {}),
    ...(budget !== undefined ? { budget } : {}),
    toewijzingsdatum,
    toewijzingstijd,
    ...(referentie !== undefined ? { referentieAanbieder: referentie } : existing?.referentieAanbieder !== undefined ? { referentieAanbieder: existing.referentieAanbieder } : {}),
    removed,
    observedFromIssue: existing?.observedFromIssue ?? toewijzingsdatum >= run.trackingSince,
    newEpisode: existing?.newEpisode ?? !hasOngoingCare(run, pseudonym, product.categorie, nummer),
    firstSeenDay: existing?.firstSeenDay ?? run.today,
    einddatumSetDay: existing !== undefined && existing.einddatum === einddatum ? existing.einddatumSetDay : run.today,
    ...(existing?.vowDay !== undefined ? { vowDay: existing.vowDay } : {}),
    exchangeId: run.incoming.exchangeId,
    sourcePointer: p.pointer,
    ...(before !== undefined ? { previous: before } : {}),
  };
  run.emit({ op: 'toewijzing', fact });
  if (request !== undefined && !request.answeredToegewezen && !removed) {
    // The request is honoured: OP274/OP346 (answer) and OP359 (final answer) are met.
    run.emit({
      op: 'request',
      fact: { ...request, status: 'toegewezen', answeredToegewezen: true, firstAnswerDay: request.firstAnswerDay ?? run.today, finalAnswerDay: request.finalAnswerDay ?? run.today, toewijzingNummer: request.toewijzingNummer ?? nummer, toegewezenDay: request.toegewezenDay ?? run.today },
    });
    run.close(answerDeadlineId(run.aanbieder, request.referentie), 'met');
    run.close(finalAnswerDeadlineId(run.aanbieder, request.referentie), 'met');
  }
  if (existing === undefined && !removed) {
    // A new toewijzing for the child: care after an uitstroom is followed up (any gemeente).
    run.emit({ op: 'close-deadlines', match: { kind: 'follow-up', pseudonym }, status: 'met', byExchange: run.incoming.exchangeId });
  }
  run.reconcile(fact);
  return true;
}

/** Debit prestaties on the toewijzing that a JW325 answered without rejecting and no credit undid. */
function hasApprovedDebits(run: CarePathRun, nummer: number): boolean {
  return run.layer.prestatiesOf(run.gemeente, nummer).some((q) => {
    if (q.debetCredit !== 'D' || q.rejected) return false;
    const answered = run.layer.declaratie(q.aanbieder, q.declaratieNummer)?.answeredDay !== undefined;
    return answered && !run.layer.creditsOf(q.aanbieder, q.referentieNummer).some((c) => !c.rejected);
  });
}

/** Whether the child already gets care of this category from this aanbieder (so a new toewijzing continues it). */
function hasOngoingCare(run: CarePathRun, pseudonym: string, categorie: string | undefined, except: number): boolean {
  return run.layer
    .toewijzingenOf(pseudonym, run.gemeente, run.aanbieder)
    .some((t) => t.nummer !== except && t.categorie === categorie && openStarts(run.layer.deliveriesOf(t.gemeente, t.aanbieder, t.pseudonym, t.nummer)).length > 0);
}
