// Start (JW305) and stop (JW307) of the delivery: each refers to a toewijzing of the path (TR019); a
// start per toewijzing at a time (TR326); no key twice (TR074); a removal refers to what was sent
// (TR063) and a start with a stop cannot be removed (TR071); a stop refers to a current start (TR382,
// OP072); after a tijdelijke stop only a definitieve one, not ending earlier (TR413, TR414, TR415).
import type { IsoDay } from '../kernel/dutch-working-days.ts';
import { REDEN_TIJDELIJK, type DeliveryFact, type RelationFact, type ToewijzingFact } from './care-path-facts.ts';
import { followUpDeadlineId, isDefinitive, openStartsWithoutStop, productOf, sameProduct, type CarePathRun, type Product } from './care-path-run.ts';
import { termDays } from './care-path-terms.ts';
import { child, field, items, num, str, type At } from './ijw-json.ts';

export function regie(run: CarePathRun, kind: 'start' | 'stop'): void {
  const client = child(run.msg, 'Client');
  const pseudonym = run.pseudonymOf(client);
  if (client === undefined || pseudonym === undefined) return;
  const relation = run.layer.relation(pseudonym, run.gemeente, run.aanbieder);
  const list = kind === 'start' ? items(client, 'StartProducten', 'StartProduct') : items(client, 'StopProducten', 'StopProduct');
  for (const p of list) {
    if (kind === 'start') startProduct(run, p, pseudonym, relation);
    else stopProduct(run, p, pseudonym, relation);
  }
  run.touchRelation(pseudonym);
}

/** iJw TR019: the toewijzing of a start or stop (undefined when the product has no ToewijzingNummer). */
function toewijzingOfRegie(run: CarePathRun, p: At, pseudonym: string, relation: RelationFact | undefined): { nummer: number | undefined; t: ToewijzingFact | undefined; ok: boolean } {
  const nummer = num(p, 'ToewijzingNummer');
  if (nummer === undefined) return { nummer, t: undefined, ok: true };
  const t = run.layer.toewijzing(run.gemeente, nummer);
  if (t === undefined || t.removed || t.pseudonym !== pseudonym || t.aanbieder !== run.aanbieder) {
    run.find('TR019', field(p, 'ToewijzingNummer'), `ToewijzingNummer ${nummer} is not a toewijzing of gemeente ${run.gemeente} for this child and this aanbieder`, t === undefined && run.toewijzingenUnknown(relation));
    return { nummer, t, ok: false };
  }
  return { nummer, t, ok: true };
}

/** Whether a missing start or stop on this toewijzing (or taakgericht path) may predate the gateway. */
function historyMayPredate(run: CarePathRun, t: ToewijzingFact | undefined, nummer: number | undefined, relation: RelationFact | undefined, begindatum: IsoDay): boolean {
  if (nummer === undefined) return relation === undefined || relation.firstSeenDay > begindatum;
  if (t === undefined) return run.toewijzingenUnknown(relation);
  return !t.observedFromIssue;
}

function startProduct(run: CarePathRun, p: At, pseudonym: string, relation: RelationFact | undefined): void {
  const begindatum = str(p, 'Begindatum');
  const status = str(p, 'StatusAanlevering');
  if (begindatum === undefined) return;
  const product = productOf(p);
  const nummer = num(p, 'ToewijzingNummer');
  const deliveries = run.layer.deliveriesOf(run.gemeente, run.aanbieder, pseudonym, nummer).filter((d) => d.current);
  const sameStart = (d: DeliveryFact): boolean => d.kind === 'start' && d.begindatum === begindatum && sameProduct(d, product);
  const t = nummer === undefined ? undefined : run.layer.toewijzing(run.gemeente, nummer);
  if (status === '3') {
    // TR063 note: a removal gets no other content checks.
    const target = deliveries.find(sameStart);
    if (target === undefined) {
      run.find('TR063', field(p, 'StatusAanlevering'), `no current start with this ToewijzingNummer, Product and Begindatum ${begindatum} was sent for this child`, historyMayPredate(run, t, nummer, relation, begindatum));
      return;
    }
    if (deliveries.some((d) => d.kind === 'stop' && d.begindatum === begindatum && sameProduct(d, product))) {
      run.find('TR071', field(p, 'StatusAanlevering'), 'a stop was sent for this start; remove the stop first');
      return;
    }
    run.emit({ op: 'delivery', fact: { ...target, current: false, removedByExchange: run.incoming.exchangeId, removedByPointer: p.pointer } });
  } else {
    const regie = toewijzingOfRegie(run, p, pseudonym, relation);
    if (deliveries.some(sameStart)) {
      run.find('TR074', p.pointer, `a start with ToewijzingNummer ${nummer ?? '(none)'} and Begindatum ${begindatum} was received before`);
    } else if (regie.ok && nummer !== undefined) {
      const running = openStartsWithoutStop(deliveries);
      if (running.length > 0) run.find('TR326', p.pointer, `the start of ${running.map((d) => d.begindatum).join(', ')} on toewijzing ${nummer} has no stop yet`);
    }
    run.emit({ op: 'delivery', fact: delivery(run, 'start', p, pseudonym, nummer, product, begindatum) });
  }
  if (t !== undefined) run.reconcile(run.layer.toewijzing(t.gemeente, t.nummer) ?? t);
}

function stopProduct(run: CarePathRun, p: At, pseudonym: string, relation: RelationFact | undefined): void {
  const begindatum = str(p, 'Begindatum');
  const einddatum = str(p, 'Einddatum');
  const reden = str(p, 'RedenBeeindiging');
  const status = str(p, 'StatusAanlevering');
  if (begindatum === undefined || einddatum === undefined || reden === undefined) return;
  const product = productOf(p);
  const nummer = num(p, 'ToewijzingNummer');
  const deliveries = run.layer.deliveriesOf(run.gemeente, run.aanbieder, pseudonym, nummer).filter((d) => d.current);
  const forStart = deliveries.filter((d) => d.kind === 'stop' && d.begindatum === begindatum && sameProduct(d, product));
  const identical = forStart.find((d) => d.einddatum === einddatum && d.redenBeeindiging === reden);
  const t = nummer === undefined ? undefined : run.layer.toewijzing(run.gemeente, nummer);
  if (status === '3') {
    if (identical === undefined) {
      run.find('TR063', field(p, 'StatusAanlevering'), `no current stop with this ToewijzingNummer, Product, Begindatum ${begindatum}, Einddatum ${einddatum} and RedenBeeindiging ${reden} was sent for this child`, historyMayPredate(run, t, nummer, relation, begindatum));
      return;
    }
    run.emit({ op: 'delivery', fact: { ...identical, current: false, removedByExchange: run.incoming.exchangeId, removedByPointer: p.pointer } });
    run.close(followUpDeadlineId(identical), 'cancelled');
  } else {
    toewijzingOfRegie(run, p, pseudonym, relation);
    if (!deliveries.some((d) => d.kind === 'start' && d.begindatum === begindatum && sameProduct(d, product))) {
      // iJw TR382 (WJ001 9069), OP072, OP155.
      run.find('TR382', field(p, 'Begindatum'), `no current start with ToewijzingNummer ${nummer ?? '(none)'}, this Product and Begindatum ${begindatum}`, historyMayPredate(run, t, nummer, relation, begindatum));
    }
    if (identical !== undefined) {
      run.find('TR074', p.pointer, 'this stop was received before');
    } else {
      if (reden === REDEN_TIJDELIJK && forStart.some((d) => d.redenBeeindiging === REDEN_TIJDELIJK)) run.find('TR413', field(p, 'RedenBeeindiging'), 'this start already has a tijdelijke stop; only a definitieve stop may follow');
      if (forStart.some(isDefinitive)) run.find('TR415', p.pointer, 'this start already has a definitieve stop');
      const latest = forStart.reduce<IsoDay | undefined>((max, d) => (d.einddatum !== undefined && (max === undefined || d.einddatum > max) ? d.einddatum : max), undefined);
      if (latest !== undefined && einddatum < latest) run.find('TR414', field(p, 'Einddatum'), `the current stop of this start ends on ${latest}; a later stop may not end before it`);
    }
    const stop = delivery(run, 'stop', p, pseudonym, nummer, product, begindatum, einddatum, reden);
    run.emit({ op: 'delivery', fact: stop });
    openFollowUp(run, stop, t);
  }
  if (t !== undefined) run.reconcile(run.layer.toewijzing(t.gemeente, t.nummer) ?? t);
}

function delivery(run: CarePathRun, kind: 'start' | 'stop', p: At, pseudonym: string, nummer: number | undefined, product: Product, begindatum: IsoDay, einddatum?: IsoDay, reden?: string): DeliveryFact {
  return {
    id: `${run.incoming.exchangeId}${p.pointer}`,
    kind,
    gemeente: run.gemeente,
    aanbieder: run.aanbieder,
    pseudonym,
    ...(nummer !== undefined ? { nummer } : {}),
    ...product,
    begindatum,
    ...(einddatum !== undefined ? { einddatum } : {}),
    ...(reden !== undefined ? { redenBeeindiging: reden } : {}),
    current: true,
    receivedDay: run.today,
    exchangeId: run.incoming.exchangeId,
    sourcePointer: p.pointer,
  };
}

/** Care-path signal: care stopped for a reason that needs follow-up, and no new toewijzing yet. */
function openFollowUp(run: CarePathRun, stop: DeliveryFact, t: ToewijzingFact | undefined): void {
  const followUp = run.terms.followUp;
  const categorie = t?.categorie ?? stop.categorie;
  if (followUp === null || stop.redenBeeindiging === undefined || !followUp.reasons.includes(stop.redenBeeindiging) || categorie === undefined || !followUp.categories.includes(categorie)) return;
  run.emit({
    op: 'open-deadline',
    deadline: run.deadline('follow-up', followUpDeadlineId(stop), 'KP012', run.gemeenteParty, run.today, termDays(followUp.term, run.today, run.calendar), { messageType: 'JW307', exchangeId: run.incoming.exchangeId, ...(stop.nummer !== undefined ? { toewijzingNummer: stop.nummer } : {}) }, stop.pseudonym),
  });
}
