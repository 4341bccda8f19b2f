// Retours (JW302 ... JW320): one per heen message, sent by its receiver (KP001, KP002); the retour term
// (OP090) is met; what a retour rejects counts as never sent (OP286), so the facts it made are undone;
// and a retour holds only clients it rejects something of (OP065, a signal).
import type { MessageFact, ToewijzingFact } from './care-path-facts.ts';
import { answerDeadlineId, finalAnswerDeadlineId, retourDeadlineId, type CarePathRun } from './care-path-run.ts';
import { child, within, type JsonRecord } from './ijw-json.ts';

/** Retourcodes that do not reject a class: 0200 geen opmerking, 0233 niet beoordeeld (under a refused class). */
const NOT_REJECTING = new Set(['0200', '0233']);

export function retour(run: CarePathRun, heenType: string): void {
  const heen = run.layer.message(heenType, run.afzender, run.identificatie);
  if (heen === undefined || heen.dagtekening !== run.dagtekening) return; // not carried by the gateway: nothing to pair
  if (heen.receiverParty !== run.incoming.senderParty) {
    run.find('KP002', '/Header/BerichtIdentificatie', `the ${heenType} was delivered to another party; only its receiver sends the retour`);
    return;
  }
  if (heen.retourExchangeId !== undefined) {
    run.find('KP001', '/Header/BerichtIdentificatie', `the ${heenType} with Identificatie ${run.identificatie} already has its retour`);
    return;
  }
  const rejected = rejectedClasses(run.incoming.message);
  const whole = rejected.some((p) => within(p, '/Header') || p === '');
  onlyRejectedClients(run, rejected, whole);
  run.emit({ op: 'message', fact: { ...heen, retourExchangeId: run.incoming.exchangeId, rejected: whole } });
  run.close(retourDeadlineId(heenType, heen.afzender, heen.identificatie), 'met');
  if (whole || rejected.length > 0) voidRejected(run, heen, whole ? [''] : rejected);
}

/**
 * iJw OP065 (signal): a retour holds only clients with a rejected class; a client whose classes are
 * all approved (0200) is left out. When the header is refused every class below it is 0233 (niet
 * beoordeeld) and the client is in the retour as the rule on the refused message wants it.
 */
function onlyRejectedClients(run: CarePathRun, rejected: readonly string[], whole: boolean): void {
  const client = child(run.msg, 'Client');
  if (whole || client === undefined || rejected.some((p) => within(p, client.pointer))) return;
  run.signal('OP065', client.pointer, 'the retour holds a client none of whose classes it rejects; a retour holds only clients with a rejected class', run.pseudonymOf(client));
}

/** OP286: what the retour refused counts as never sent; undo the facts it made. */
function voidRejected(run: CarePathRun, heen: MessageFact, rejected: readonly string[]): void {
  const hit = (pointer: string): boolean => rejected.some((r) => within(pointer, r));
  const facts = run.layer.factsOf(heen.exchangeId);
  for (const r of facts.requests) {
    if (r.exchangeId !== heen.exchangeId || !hit(r.sourcePointer)) continue;
    run.emit({ op: 'request', fact: { ...r, status: 'void' } });
    run.close(answerDeadlineId(r.aanbieder, r.referentie), 'cancelled');
    run.close(finalAnswerDeadlineId(r.aanbieder, r.referentie), 'cancelled');
  }
  const touched: ToewijzingFact[] = [];
  for (const t of facts.toewijzingen) {
    if (t.exchangeId !== heen.exchangeId || !hit(t.sourcePointer)) continue;
    const restored: ToewijzingFact = t.previous !== undefined ? { ...t.previous } : { ...t, removed: true };
    run.emit({ op: 'toewijzing', fact: restored });
    touched.push(restored);
  }
  for (const d of facts.deliveries) {
    if (d.exchangeId === heen.exchangeId && hit(d.sourcePointer)) {
      run.emit({ op: 'delivery', fact: { ...d, current: false } });
    } else if (d.removedByExchange === heen.exchangeId && d.removedByPointer !== undefined && hit(d.removedByPointer)) {
      const { removedByExchange: _e, removedByPointer: _p, ...rest } = d;
      run.emit({ op: 'delivery', fact: { ...rest, current: true } });
    } else {
      continue;
    }
    const t = d.nummer === undefined ? undefined : run.layer.toewijzing(d.gemeente, d.nummer);
    if (t !== undefined) touched.push(t);
  }
  for (const t of touched) run.reconcile(run.layer.toewijzing(t.gemeente, t.nummer) ?? t);
}

/** The pointers of the classes a retour rejects: those whose RetourCodes hold a code other than 0200/0233. */
export function rejectedClasses(retour: JsonRecord): string[] {
  const out: string[] = [];
  const walk = (value: JsonRecord, pointer: string): void => {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'RetourCodes' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const codes = (v as JsonRecord)['RetourCode'];
        if (Array.isArray(codes) && codes.some((c) => typeof c === 'string' && !NOT_REJECTING.has(c))) out.push(pointer);
        continue;
      }
      if (Array.isArray(v)) {
        v.forEach((item: unknown, i) => {
          if (typeof item === 'object' && item !== null && !Array.isArray(item)) walk(item as JsonRecord, `${pointer}/${key}/${i}`);
        });
      } else if (typeof v === 'object' && v !== null) walk(v as JsonRecord, `${pointer}/${key}`);
    }
  };
  walk(retour, '');
  return out;
}
