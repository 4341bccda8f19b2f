// Declaratie (JW323) and declaratie-antwoord (JW325): unique numbers (TR333, TR314), each prestatie
// on an assigned product of the child, within its period and month (TR338, TR304, TR384, TR307,
// TR308, TR339-TR341, TR387, TR388), within its Omvang or Budget (TR321, TR322, TR369), debit and
// credit in order (TR389, TR323, TR390); the answer refers to a declaration that was sent and repeats
// its values (TR337, TR376, TR371, TR366, TR367).
import type { PrestatieFact, RelationFact, ToewijzingFact } from './care-path-facts.ts';
import { budgetExcess, countedPrestaties, omvangText, prestatieExcess, totalExcess, type DeclaredVolume } from './omvang.ts';
import { declaratieAnswerDeadlineId, firstOfMonth, lastOfMonth, sameMonth, type CarePathRun } from './care-path-run.ts';
import { termDays } from './care-path-terms.ts';
import { child, field, items, num, str, type At } from './ijw-json.ts';

/** Codes of a JW325 that do not reject a declaration: 0200, 8001 declaratie volledig toegewezen. */
const DECLARATION_ACCEPTED = new Set(['0200', '8001']);

export function declaratie(run: CarePathRun): void {
  const declaratie = child(run.msg, 'Declaratie');
  const nummer = str(declaratie, 'DeclaratieNummer');
  if (declaratie === undefined || nummer === undefined) return;
  if (run.layer.declaratie(run.aanbieder, nummer) !== undefined) run.find('TR333', field(declaratie, 'DeclaratieNummer'), `aanbieder ${run.aanbieder} used DeclaratieNummer ${nummer} before`);
  const xsd = child(child(run.msg, 'Header'), 'XsdVersie');
  run.emit({
    op: 'declaratie',
    fact: {
      aanbieder: run.aanbieder,
      declaratieNummer: nummer,
      gemeente: run.gemeente,
      identificatie: run.identificatie,
      dagtekening: run.dagtekening,
      basisschemaXsdVersie: str(xsd, 'BasisschemaXsdVersie') ?? '',
      berichtXsdVersie: str(xsd, 'BerichtXsdVersie') ?? '',
      exchangeId: run.incoming.exchangeId,
      receivedDay: run.today,
    },
  });
  // iJw OP090x4: a JW325 within 10 werkdagen.
  run.emit({
    op: 'open-deadline',
    deadline: run.deadline('declaratie-answer', declaratieAnswerDeadlineId(run.aanbieder, run.identificatie), 'OP090x4', run.gemeenteParty, run.today, termDays(run.terms.declaratieAnswer, run.today, run.calendar), { messageType: 'JW323', exchangeId: run.incoming.exchangeId, identificatie: run.identificatie, declaratieNummer: nummer }),
  });
  for (const client of items(declaratie, 'Clienten', 'Client')) {
    const pseudonym = run.pseudonymOf(client);
    if (pseudonym === undefined) continue;
    const relation = run.layer.relation(pseudonym, run.gemeente, run.aanbieder);
    for (const p of items(client, 'Prestaties', 'Prestatie')) prestatie(run, p, pseudonym, nummer, relation);
    run.touchRelation(pseudonym);
  }
}

function prestatie(run: CarePathRun, p: At, pseudonym: string, declaratieNummer: string, relation: RelationFact | undefined): void {
  const ref = child(p, 'ProductReferentie');
  const referentieNummer = str(ref, 'ReferentieNummer');
  const vorig = str(ref, 'VorigReferentieNummer');
  const nummer = num(p, 'ToewijzingNummer');
  const periode = child(p, 'ProductPeriode');
  const begindatum = str(periode, 'Begindatum');
  const einddatum = str(periode, 'Einddatum');
  const bedrag = child(p, 'IngediendBedrag');
  const dc = str(bedrag, 'DebetCredit');
  if (ref === undefined || referentieNummer === undefined || nummer === undefined || periode === undefined || begindatum === undefined || einddatum === undefined || (dc !== 'D' && dc !== 'C')) return;
  const categorie = str(p, 'ProductCategorie');
  const code = str(p, 'ProductCode');
  const eenheid = str(p, 'Eenheid') ?? '';
  if (run.layer.prestatie(run.aanbieder, referentieNummer) !== undefined) run.find('TR314', field(ref, 'ReferentieNummer'), `aanbieder ${run.aanbieder} used ReferentieNummer ${referentieNummer} before`);
  const t = run.layer.toewijzing(run.gemeente, nummer);
  if (t === undefined || t.aanbieder !== run.aanbieder) {
    run.find('TR338', field(p, 'ToewijzingNummer'), `ToewijzingNummer ${nummer} is not a toewijzing of gemeente ${run.gemeente} to this aanbieder`, t === undefined && run.toewijzingenUnknown(relation));
  } else {
    if (t.pseudonym !== pseudonym) run.find('TR304', field(p, 'ToewijzingNummer'), `toewijzing ${nummer} is of another child`);
    if (t.removed) run.find('TR384', field(p, 'ToewijzingNummer'), `toewijzing ${nummer} was removed (RedenWijziging 13)`);
    if (begindatum < t.ingangsdatum) run.find('TR307', field(periode, 'Begindatum'), `before the toewijzing's Ingangsdatum ${t.ingangsdatum}`);
    if (t.einddatum !== undefined && einddatum > t.einddatum) run.find('TR308', field(periode, 'Einddatum'), `after the toewijzing's Einddatum ${t.einddatum}`);
    if (t.categorie !== undefined && categorie !== t.categorie) run.find('TR339', field(p, 'ProductCategorie'), `the toewijzing's Categorie is ${t.categorie}`);
    if (t.code !== undefined && code !== t.code) run.find('TR340', field(p, 'ProductCode'), `the toewijzing's Code is ${t.code}`);
    if (t.code !== undefined && t.omvang !== undefined && eenheid !== t.omvang.eenheid && !(t.omvang.eenheid === '04' && eenheid === '01')) {
      run.find('TR341', field(p, 'Eenheid'), `the toewijzing's Eenheid is ${t.omvang.eenheid}`);
    }
    const first = firstOfMonth(begindatum);
    const expectedBegin = t.ingangsdatum > first && sameMonth(t.ingangsdatum, begindatum) ? t.ingangsdatum : first;
    if (begindatum !== expectedBegin) run.find('TR387', field(periode, 'Begindatum'), `must be ${expectedBegin}`);
    const last = lastOfMonth(einddatum);
    const expectedEnd = t.einddatum !== undefined && t.einddatum < last && sameMonth(t.einddatum, einddatum) ? t.einddatum : last;
    if (einddatum !== expectedEnd) run.find('TR388', field(periode, 'Einddatum'), `must be ${expectedEnd}`);
    if (dc === 'D') volumeFits(run, p, t, { geleverdVolume: num(p, 'GeleverdVolume') ?? 0, eenheid, begindatum, einddatum });
  }
  if (dc === 'C') {
    const debit = vorig === undefined ? undefined : run.layer.prestatie(run.aanbieder, vorig);
    if (debit === undefined || debit.debetCredit !== 'D' || debit.rejected) {
      run.find('TR323', vorig === undefined ? ref.pointer : field(ref, 'VorigReferentieNummer'), `no earlier approved debit prestatie ${vorig ?? ''} of this aanbieder`, debit === undefined && begindatum < run.trackingSince);
    } else if (run.layer.creditsOf(run.aanbieder, debit.referentieNummer).some((c) => !c.rejected)) {
      run.find('TR390', field(ref, 'VorigReferentieNummer'), `prestatie ${debit.referentieNummer} was credited before`);
    }
  } else {
    const earlier = run.layer
      .prestatiesOf(run.gemeente, nummer)
      .filter((q) => q.aanbieder === run.aanbieder && q.debetCredit === 'D' && !q.rejected && q.begindatum === begindatum && q.einddatum === einddatum && q.productCategorie === categorie && q.productCode === code)
      .filter((q) => !run.layer.creditsOf(q.aanbieder, q.referentieNummer).some((c) => !c.rejected));
    if (earlier.length > 0) run.find('TR389', p.pointer, `debit prestatie ${earlier.map((q) => q.referentieNummer).join(', ')} for this period, product and toewijzing was not credited`);
  }
  const tarief = num(p, 'ProductTarief');
  const fact: PrestatieFact = {
    aanbieder: run.aanbieder,
    referentieNummer,
    ...(vorig !== undefined ? { vorigReferentieNummer: vorig } : {}),
    declaratieNummer,
    gemeente: run.gemeente,
    pseudonym,
    toewijzingNummer: nummer,
    ...(categorie !== undefined ? { productCategorie: categorie } : {}),
    ...(code !== undefined ? { productCode: code } : {}),
    begindatum,
    einddatum,
    geleverdVolume: num(p, 'GeleverdVolume') ?? 0,
    eenheid,
    ...(tarief !== undefined ? { productTarief: tarief } : {}),
    bedrag: num(bedrag, 'Bedrag') ?? 0,
    debetCredit: dc,
    rejected: false,
  };
  run.emit({ op: 'prestatie', fact });
}

/** TR321, TR322, TR369: a debit prestatie's volume fits its toewijzing's Omvang or Budget (omvang.ts says how units and frequencies compare). */
function volumeFits(run: CarePathRun, p: At, t: ToewijzingFact, declared: DeclaredVolume): void {
  const pointer = field(p, 'GeleverdVolume');
  // The prestaties of earlier declarations and those before this one in the message, and this one.
  const all = [...countedPrestaties(run.layer, t.gemeente, t.nummer, run.aanbieder), declared];
  if (t.omvang !== undefined) {
    const one = prestatieExcess(t.omvang, declared);
    if (one !== undefined) run.find('TR321', pointer, `${one.declared} ${one.measure} declared in ${declared.begindatum}..${declared.einddatum}; toewijzing ${t.nummer} (${omvangText(t.omvang)}) allows ${one.allowed} ${one.measure} in that period`);
    const total = totalExcess(t.omvang, t.ingangsdatum, t.einddatum, all);
    if (total !== undefined) run.find('TR322', pointer, `the prestaties on toewijzing ${t.nummer} come to ${total.declared} ${total.measure}; its Omvang (${omvangText(t.omvang)}, ${t.ingangsdatum}..${t.einddatum ?? ''}) allows ${total.allowed} ${total.measure}`);
  }
  if (t.budget !== undefined) {
    const over = budgetExcess(t.budget, all);
    if (over !== undefined) run.find('TR369', pointer, `the prestaties on toewijzing ${t.nummer} come to ${over.declared} eurocent; its Budget is ${over.allowed} eurocent`);
  }
}

export function declaratieAntwoord(run: CarePathRun): void {
  const header = child(run.msg, 'Header');
  const di = child(header, 'DeclaratieIdentificatie');
  const identificatie = str(di, 'Identificatie');
  const dagtekening = str(di, 'Dagtekening');
  const antwoord = child(run.msg, 'DeclaratieAntwoord');
  if (di === undefined || identificatie === undefined || dagtekening === undefined || antwoord === undefined) return;
  const d = run.layer.declaratieByMessage(run.aanbieder, identificatie, dagtekening);
  if (d === undefined || d.gemeente !== run.gemeente) {
    run.find('TR337', di.pointer, `no JW323 of aanbieder ${run.aanbieder} to gemeente ${run.gemeente} had Identificatie ${identificatie} and Dagtekening ${dagtekening}`, d === undefined && dagtekening < run.trackingSince);
    return;
  }
  if (str(antwoord, 'DeclaratieNummer') !== d.declaratieNummer) run.find('TR376', field(antwoord, 'DeclaratieNummer'), `the JW323 answered has DeclaratieNummer ${d.declaratieNummer}`);
  const xsd = child(header, 'XsdVersieDeclaratie');
  if (xsd !== undefined && (str(xsd, 'BasisschemaXsdVersie') !== d.basisschemaXsdVersie || str(xsd, 'BerichtXsdVersie') !== d.berichtXsdVersie)) {
    run.find('TR371', xsd.pointer, `the JW323 answered has XsdVersie ${d.basisschemaXsdVersie} / ${d.berichtXsdVersie}`);
  }
  const codes = child(antwoord, 'RetourCodes')?.value['RetourCode'];
  const wholeRejected = Array.isArray(codes) && codes.some((c) => typeof c === 'string' && !DECLARATION_ACCEPTED.has(c));
  const rejected = new Set<string>();
  for (const client of items(antwoord, 'Clienten', 'Client')) {
    const pseudonym = run.pseudonymOf(client);
    for (const p of items(client, 'Prestaties', 'Prestatie')) {
      const ref = child(p, 'ProductReferentie');
      const referentieNummer = str(ref, 'ReferentieNummer');
      if (ref === undefined || referentieNummer === undefined) continue;
      const q = run.layer.prestatie(run.aanbieder, referentieNummer);
      if (q === undefined || q.declaratieNummer !== d.declaratieNummer) {
        run.find('TR366', field(ref, 'ReferentieNummer'), `no prestatie ${referentieNummer} in the JW323 answered`);
        continue;
      }
      if (pseudonym !== undefined && q.pseudonym !== pseudonym) run.find('TR304', field(client, 'Bsn'), `prestatie ${referentieNummer} was declared for another client`);
      for (const [pointer, same] of prestatieDifferences(p, q)) if (!same) run.find('TR367', pointer, `differs from the value declared in prestatie ${referentieNummer}`);
      // OP304: an answer lists only rejected prestaties.
      rejected.add(referentieNummer);
    }
  }
  for (const q of run.layer.prestatiesOfDeclaratie(run.aanbieder, d.declaratieNummer)) {
    if ((wholeRejected || rejected.has(q.referentieNummer)) && !q.rejected) run.emit({ op: 'prestatie', fact: { ...q, rejected: true } });
  }
  if (d.answeredDay === undefined) run.emit({ op: 'declaratie', fact: { ...d, answeredDay: run.today } });
  run.close(declaratieAnswerDeadlineId(run.aanbieder, d.identificatie), 'met');
}

/** TR367: each compared value of a prestatie in a JW325 with its pointer, and whether it equals the declared one. */
function prestatieDifferences(p: At, q: PrestatieFact): [string, boolean][] {
  const periode = child(p, 'ProductPeriode');
  const bedrag = child(p, 'IngediendBedrag');
  return [
    [field(p, 'ToewijzingNummer'), num(p, 'ToewijzingNummer') === q.toewijzingNummer],
    [field(p, 'ProductCategorie'), str(p, 'ProductCategorie') === q.productCategorie],
    [field(p, 'ProductCode'), str(p, 'ProductCode') === q.productCode],
    [`${p.pointer}/ProductPeriode/Begindatum`, str(periode, 'Begindatum') === q.begindatum],
    [`${p.pointer}/ProductPeriode/Einddatum`, str(periode, 'Einddatum') === q.einddatum],
    [field(p, 'GeleverdVolume'), num(p, 'GeleverdVolume') === q.geleverdVolume],
    [field(p, 'Eenheid'), str(p, 'Eenheid') === q.eenheid],
    [field(p, 'ProductTarief'), num(p, 'ProductTarief') === q.productTarief],
    [`${p.pointer}/IngediendBedrag/Bedrag`, num(bedrag, 'Bedrag') === q.bedrag],
    [`${p.pointer}/IngediendBedrag/DebetCredit`, str(bedrag, 'DebetCredit') === q.debetCredit],
  ];
}
