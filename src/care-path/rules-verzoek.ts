// Verzoek om toewijzing (JW315), verzoek om wijziging (JW317) and the antwoordbericht (JW319): the
// requests of a path, their uniqueness (TR347), one pending request at a time (TR374), the VOW's list
// of current toewijzingen (TR349-TR351), its products without stapeling (TR361) and its changes
// (TR357, TR373, TR375, TR411, TR412; as a signal, OP345: a change from the past keeps declared care
// lawful), a VOT not for what is assigned already (OP307, a signal), and the answers (TR355, TR359,
// TR360, TR365) with the terms they open and meet (OP274, OP346, OP359).
import { isCurrentToewijzing, type AskedChange, type Omvang, type RequestFact, type ToewijzingFact } from './care-path-facts.ts';
import { answerDeadlineId, finalAnswerDeadlineId, productOf, type CarePathRun } from './care-path-run.ts';
import { termDays } from './care-path-terms.ts';
import { child, field, items, num, str, type At } from './ijw-json.ts';
import { describe, productOfFact, stacks, type ProductPeriod } from './stapeling.ts';
import { budgetExcess, countedPrestaties, omvangText, prestatieExcess, totalExcess } from './omvang.ts';

export function verzoekOmToewijzing(run: CarePathRun): void {
  const client = child(run.msg, 'Client');
  const pseudonym = run.pseudonymOf(client);
  if (client === undefined || pseudonym === undefined) return;
  noRequestPending(run, pseudonym, '/Client');
  for (const product of items(client, 'AangevraagdeProducten', 'AangevraagdProduct')) {
    notAssignedAlready(run, product, pseudonym);
    const referentie = str(product, 'ReferentieAanbieder');
    if (referentie === undefined) continue;
    if (!referentieIsNew(run, referentie, field(product, 'ReferentieAanbieder'))) continue;
    newRequest(run, 'VOT', referentie, pseudonym, productOf(product).categorie ?? '', product.pointer, 'OP274', str(client, 'GezagsdragerBekend') === '1');
  }
  run.touchRelation(pseudonym);
}

/**
 * iJw OP307 (signal): a VOT is for a product and period without a current toewijzing (else a verzoek
 * om wijziging fits). A requested product that stacks on a toewijzing of the path that is current on
 * the Dagtekening is named.
 */
function notAssignedAlready(run: CarePathRun, p: At, pseudonym: string): void {
  const from = str(p, 'ToewijzingIngangsdatum');
  if (from === undefined) return;
  const asked: ProductPeriod = { product: productOf(p), from, to: str(p, 'ToewijzingEinddatum') };
  const on = run.layer.toewijzingenOf(pseudonym, run.gemeente, run.aanbieder).filter((t) => isCurrentToewijzing(t, run.dagtekening) && stacks({ product: productOfFact(t), from: t.ingangsdatum, to: t.einddatum }, asked));
  if (on.length > 0) run.signal('OP307', p.pointer, `${describe(asked)} is assigned already: toewijzing(en) ${on.map((t) => t.nummer).join(', ')}; a change is asked with a verzoek om wijziging`, pseudonym);
}

/** iJw TR374: no request of this aanbieder for this child at this gemeente is still pending. */
function noRequestPending(run: CarePathRun, pseudonym: string, pointer: string): void {
  const pending = run.layer.requestsOf(pseudonym, run.gemeente, run.aanbieder).filter((r) => r.status === 'open' || r.status === 'onderzoek');
  if (pending.length > 0) run.find('TR374', pointer, `request ${pending.map((r) => r.referentie).join(', ')} of this aanbieder for this child is still pending at gemeente ${run.gemeente}`);
}

/** iJw TR347: ReferentieAanbieder is unique per aanbieder. */
function referentieIsNew(run: CarePathRun, referentie: string, pointer: string): boolean {
  if (run.layer.request(run.aanbieder, referentie) === undefined) return true;
  run.find('TR347', pointer, `aanbieder ${run.aanbieder} used ReferentieAanbieder ${referentie} before`);
  return false;
}

function newRequest(run: CarePathRun, kind: 'VOT' | 'VOW', referentie: string, pseudonym: string, categorie: string, pointer: string, rule: string, gezagsdragerBekend = false, asked?: readonly AskedChange[]): void {
  const fact: RequestFact = {
    aanbieder: run.aanbieder,
    referentie,
    gemeente: run.gemeente,
    pseudonym,
    kind,
    categorie,
    ...(gezagsdragerBekend ? { gezagsdragerBekend: true as const } : {}),
    ...(asked !== undefined ? { asked } : {}),
    exchangeId: run.incoming.exchangeId,
    sourcePointer: pointer,
    receivedDay: run.today,
    status: 'open',
    answeredOnderzoek: false,
    answeredAfgewezen: false,
    answeredToegewezen: false,
  };
  run.emit({ op: 'request', fact });
  // iJw OP274 (VOT) / OP346 (VOW): a JW301 or JW319 within 5 werkdagen.
  run.emit({
    op: 'open-deadline',
    deadline: run.deadline('answer', answerDeadlineId(run.aanbieder, referentie), rule, run.gemeenteParty, run.today, termDays(run.terms.answer, run.today, run.calendar), { messageType: run.type, exchangeId: run.incoming.exchangeId, referentieAanbieder: referentie }, pseudonym),
  });
}

export function verzoekOmWijziging(run: CarePathRun): void {
  const client = child(run.msg, 'Client');
  const pseudonym = run.pseudonymOf(client);
  const verzoek = child(client, 'Verzoek');
  const referentie = str(verzoek, 'ReferentieAanbieder');
  if (verzoek === undefined || pseudonym === undefined || referentie === undefined) return;
  noRequestPending(run, pseudonym, verzoek.pointer);
  const isNew = referentieIsNew(run, referentie, field(verzoek, 'ReferentieAanbieder'));
  const relation = run.layer.relation(pseudonym, run.gemeente, run.aanbieder);
  const listed = new Set<number>();
  let allKnown = true;
  const current = (nummer: number | undefined, pointer: string, code: 'TR350' | 'TR351'): ToewijzingFact | undefined => {
    if (nummer === undefined) return undefined;
    listed.add(nummer);
    const t = run.layer.toewijzing(run.gemeente, nummer);
    if (t === undefined) allKnown = false;
    if (t === undefined || t.pseudonym !== pseudonym || t.aanbieder !== run.aanbieder || !isCurrentToewijzing(t, run.dagtekening)) {
      run.find(code, pointer, `ToewijzingNummer ${nummer} is not a current toewijzing of this child from gemeente ${run.gemeente} to this aanbieder`, t === undefined && run.toewijzingenUnknown(relation));
      return undefined;
    }
    return t;
  };
  const valid: ToewijzingFact[] = [];
  // The products the request asks for, each with its period (TR361).
  const asked: AskedProduct[] = [];
  for (const p of items(verzoek, 'OngewijzigdeProducten', 'OngewijzigdProduct')) {
    const t = current(num(p, 'ToewijzingNummer'), field(p, 'ToewijzingNummer'), 'TR350');
    if (t === undefined) continue;
    valid.push(t);
    asked.push({ product: productOfFact(t), from: t.ingangsdatum, to: t.einddatum, pointer: p.pointer, nummer: t.nummer });
  }
  let categorie: string | undefined;
  for (const p of items(verzoek, 'TeWijzigenProducten', 'TeWijzigenProduct')) {
    const t = current(num(p, 'ToewijzingNummer'), field(p, 'ToewijzingNummer'), 'TR351');
    if (t === undefined) continue;
    valid.push(t);
    categorie ??= t.categorie;
    teWijzigen(run, p, t);
    // The wished situation: the toewijzing up to the Einddatum asked for (none: open-ended).
    asked.push({ product: productOfFact(t), from: t.ingangsdatum, to: str(p, 'Einddatum'), pointer: p.pointer, nummer: t.nummer });
  }
  for (const p of items(verzoek, 'NieuweProducten', 'NieuwProduct')) {
    categorie = productOf(p).categorie ?? categorie;
    const from = str(p, 'GewensteIngangsdatum');
    if (from !== undefined) asked.push({ product: productOf(p), from, to: str(p, 'Einddatum'), pointer: p.pointer });
  }
  noStapelingAsked(run, asked);
  if (relation?.toewijzingenKnown === true) {
    // iJw TR349: every current toewijzing of the child for this aanbieder is listed.
    const missing = run.layer.toewijzingenOf(pseudonym, run.gemeente, run.aanbieder).filter((t) => isCurrentToewijzing(t, run.dagtekening) && !listed.has(t.nummer));
    if (missing.length > 0) run.find('TR349', verzoek.pointer, `current toewijzing(en) ${missing.map((t) => t.nummer).join(', ')} are neither OngewijzigdProduct nor TeWijzigenProduct`);
  }
  if (isNew) newRequest(run, 'VOW', referentie, pseudonym, categorie ?? '', verzoek.pointer, 'OP346', false, askedChanges(run, verzoek));
  for (const t of valid) {
    const updated: ToewijzingFact = { ...t, vowDay: run.today };
    run.emit({ op: 'toewijzing', fact: updated });
    run.reconcile(updated);
  }
  run.touchRelation(pseudonym, allKnown);
}

/** What a VOW asks for, product by product, for the JW301 that honours it (OP348). The Product of a listed toewijzing is its own. */
function askedChanges(run: CarePathRun, verzoek: At): AskedChange[] {
  const omvangOf = (p: At): Omvang | undefined => {
    const o = child(p, 'Omvang');
    const volume = num(o, 'Volume');
    const eenheid = str(o, 'Eenheid');
    const frequentie = str(o, 'Frequentie');
    return volume !== undefined && eenheid !== undefined && frequentie !== undefined ? { volume, eenheid, frequentie } : undefined;
  };
  const what = (p: At): Pick<AskedChange, 'omvang' | 'budget'> => {
    const omvang = omvangOf(p);
    const budget = num(p, 'Budget');
    return { ...(omvang !== undefined ? { omvang } : {}), ...(budget !== undefined ? { budget } : {}) };
  };
  const listed = (p: At, kind: 'ongewijzigd' | 'te-wijzigen'): AskedChange[] => {
    const nummer = num(p, 'ToewijzingNummer');
    const t = nummer === undefined ? undefined : run.layer.toewijzing(run.gemeente, nummer);
    return nummer === undefined ? [] : [{ kind, nummer, ...(t !== undefined ? productOfFact(t) : {}), ...(kind === 'te-wijzigen' ? what(p) : {}) }];
  };
  return [
    ...items(verzoek, 'OngewijzigdeProducten', 'OngewijzigdProduct').flatMap((p) => listed(p, 'ongewijzigd')),
    ...items(verzoek, 'TeWijzigenProducten', 'TeWijzigenProduct').flatMap((p) => listed(p, 'te-wijzigen')),
    ...items(verzoek, 'NieuweProducten', 'NieuwProduct').map((p): AskedChange => ({ kind: 'nieuw', ...productOf(p), ...what(p) })),
  ];
}

interface AskedProduct extends ProductPeriod {
  readonly pointer: string;
  /** The toewijzing of an OngewijzigdProduct or TeWijzigenProduct; absent for a NieuwProduct. */
  readonly nummer?: number;
}

/**
 * iJw TR361: a product occurs more than once in a VOW only in periods that do not overlap. The
 * listed toewijzingen are checked against every other product asked for; two NieuwProducten among
 * themselves are TR410's (a rule of the message alone).
 */
function noStapelingAsked(run: CarePathRun, asked: readonly AskedProduct[]): void {
  asked.forEach((b, j) => {
    const a = asked.slice(0, j).find((a) => (a.nummer !== undefined || b.nummer !== undefined) && a.nummer !== b.nummer && stacks(a, b));
    if (a !== undefined) run.find('TR361', b.pointer, `${describe(b)} overlaps ${a.nummer !== undefined ? `toewijzing ${a.nummer}` : 'a new product'} (${describe(a)}) of the same product`);
  });
}

/** The rules on a TeWijzigenProduct against its toewijzing (TR357, TR373, TR375, TR411, TR412). */
function teWijzigen(run: CarePathRun, p: At, t: ToewijzingFact): void {
  const gewenst = str(p, 'GewensteIngangsdatum');
  if (gewenst !== undefined && gewenst <= run.dagtekening && gewenst !== t.ingangsdatum) {
    run.find('TR357', field(p, 'GewensteIngangsdatum'), `on or before the Dagtekening, so it must be the toewijzing's Ingangsdatum ${t.ingangsdatum}`);
  }
  const budget = num(p, 'Budget');
  const omvang = child(p, 'Omvang');
  const totaalChanged = str(omvang, 'Frequentie') === '6' && num(omvang, 'Volume') !== t.omvang?.volume;
  if (((budget !== undefined && budget !== t.budget) || totaalChanged) && gewenst !== t.ingangsdatum) {
    run.find('TR373', field(p, 'GewensteIngangsdatum'), `a change of the budget or of the total volume applies to the whole toewijzing: GewensteIngangsdatum must be ${t.ingangsdatum}`);
  }
  const endsAfter2020 = t.einddatum === undefined || t.einddatum > '2020-12-31';
  if (omvang !== undefined && t.categorie === undefined && t.code === undefined && endsAfter2020) {
    run.find('TR375', omvang.pointer, `toewijzing ${t.nummer} has no Product, so no Omvang`);
  }
  if (omvang !== undefined && t.code === undefined && endsAfter2020) {
    run.find('TR412', omvang.pointer, `toewijzing ${t.nummer} has no Product/Code, so no Omvang`);
  }
  if (omvang === undefined && t.code !== undefined) {
    run.find('TR411', p.pointer, `toewijzing ${t.nummer} has Product/Code ${t.code}, so an Omvang is required`);
  }
  if (gewenst !== undefined && gewenst <= run.dagtekening) declaredStaysLawful(run, p, t, gewenst);
}

/**
 * iJw OP345 (signal): a change asked from a day in the past leaves the care already declared lawful.
 * The prestaties on the toewijzing that count (no JW325 rejected them, no credit undid them) are set
 * against the new Omvang or Budget as TR321, TR322 and TR369 would set a new declaration: each
 * prestatie from the wished day within the new Omvang of its period, all of them within a new total
 * (Frequentie 6) or Budget. Care delivered and not yet declared is not known to the gateway.
 */
function declaredStaysLawful(run: CarePathRun, p: At, t: ToewijzingFact, gewenst: string): void {
  const declared = countedPrestaties(run.layer, t.gemeente, t.nummer, t.aanbieder);
  if (declared.length === 0) return;
  const omvang = child(p, 'Omvang');
  const volume = num(omvang, 'Volume');
  const eenheid = str(omvang, 'Eenheid');
  const frequentie = str(omvang, 'Frequentie');
  if (omvang !== undefined && volume !== undefined && eenheid !== undefined && frequentie !== undefined) {
    const nieuw = { volume, eenheid, frequentie };
    const over = declared.filter((q) => q.einddatum >= gewenst && prestatieExcess(nieuw, q) !== undefined);
    const total = frequentie === '6' ? totalExcess(nieuw, t.ingangsdatum, str(p, 'Einddatum') ?? t.einddatum, declared) : undefined;
    if (over.length > 0 || total !== undefined) {
      const what = over.length > 0 ? `prestatie(s) ${over.map((q) => `${q.referentieNummer} (${q.begindatum}..${q.einddatum})`).join(', ')} exceed it` : `the ${total?.declared ?? 0} ${total?.measure ?? ''} declared exceed its ${total?.allowed ?? 0}`;
      run.signal('OP345', omvang.pointer, `the Omvang asked from ${gewenst} (${omvangText(nieuw)}) makes declared care unlawful: ${what}`, t.pseudonym);
    }
  }
  const budget = num(p, 'Budget');
  if (budget !== undefined) {
    const over = budgetExcess(budget, declared);
    if (over !== undefined) run.signal('OP345', field(p, 'Budget'), `the Budget asked from ${gewenst} (${budget} eurocent) is less than the ${over.declared} eurocent declared on toewijzing ${t.nummer}`, t.pseudonym);
  }
}

export function antwoord(run: CarePathRun): void {
  const antwoord = child(run.msg, 'Antwoord');
  const referentie = str(antwoord, 'ReferentieAanbieder');
  const value = str(antwoord, 'VerzoekAntwoord');
  if (antwoord === undefined || referentie === undefined) return;
  const request = run.layer.request(run.aanbieder, referentie);
  if (request === undefined || request.gemeente !== run.gemeente || request.status === 'void') {
    run.find('TR355', field(antwoord, 'ReferentieAanbieder'), `no JW315 or JW317 of aanbieder ${run.aanbieder} to gemeente ${run.gemeente} carried ReferentieAanbieder ${referentie}`, request === undefined && run.requestMayPredate());
    return;
  }
  if (request.answeredToegewezen) run.find('TR359', field(antwoord, 'ReferentieAanbieder'), 'the request was already honoured with a JW301');
  if (value === '2' && (request.answeredOnderzoek || request.answeredAfgewezen)) run.find('TR360', field(antwoord, 'VerzoekAntwoord'), 'the request was already answered; "in onderzoek" can only be the first answer');
  if (request.answeredAfgewezen) run.find('TR365', field(antwoord, 'VerzoekAntwoord'), 'the request was already refused (VerzoekAntwoord 1)');
  const firstAnswerDay = request.firstAnswerDay ?? run.today;
  if (value === '2') {
    run.emit({ op: 'request', fact: { ...request, status: request.status === 'open' ? 'onderzoek' : request.status, answeredOnderzoek: true, firstAnswerDay } });
    // iJw OP359: the final answer (a woonplaatsbeginsel refusal) within 2 weeks of the request.
    run.emit({
      op: 'open-deadline',
      deadline: run.deadline('final-answer', finalAnswerDeadlineId(run.aanbieder, referentie), 'OP359', run.gemeenteParty, request.receivedDay, termDays(run.terms.woonplaatsAnswer, request.receivedDay, run.calendar), { messageType: request.kind === 'VOT' ? 'JW315' : 'JW317', exchangeId: request.exchangeId, referentieAanbieder: referentie }, request.pseudonym),
    });
  } else {
    const reden = str(antwoord, 'RedenAfwijzingVerzoek');
    const refused: RequestFact = { ...request, status: request.answeredToegewezen ? request.status : 'afgewezen', answeredAfgewezen: true, firstAnswerDay, finalAnswerDay: request.finalAnswerDay ?? run.today, ...(reden !== undefined ? { redenAfwijzing: reden } : {}) };
    run.emit({ op: 'request', fact: refused });
    run.close(finalAnswerDeadlineId(run.aanbieder, referentie), 'met');
  }
  run.close(answerDeadlineId(run.aanbieder, referentie), 'met');
}
