// Waiting times of the care paths, from the facts the gateway keeps (never from messages, never
// with a BSN): how long children wait, per gemeente, aanbieder, product category and month.
//
// Measures (each wait counted in the month it ended, calendar days, Europe/Amsterdam dates):
// - request-answer: a JW315 or JW317 to its first answer (a JW301 or JW319 of any kind), with the
//   share answered within the legal term (OP274/OP346: 5 werkdagen, as configured for the gemeente);
// - request-toewijzing: a JW315 to the JW301 that honoured it;
// - toewijzing-start: a toewijzing that starts a new episode of care (not the continuation of care the
//   child already gets from that aanbieder in that category) to the Begindatum of its first start,
//   counted from the toewijzing's Toewijzingsdatum; a start before it (a toewijzing made afterwards)
//   counts as 0;
// - request-start: a JW315 to the Begindatum of the first start on the toewijzing that honoured it
//   (0 when the care started before the request).
// Refusals: JW319 VerzoekAntwoord 1 per RedenAfwijzingVerzoek (WJ759), in the month of the refusal.
// Requests made void by their retour, removed toewijzingen and removed starts do not count.
import { calendarDaysBetween, type IsoDay } from '../kernel/dutch-working-days.ts';
import type { DeliveryFact, RequestFact, ToewijzingFact } from '../care-path/care-path-facts.ts';
import { termDays, type TermResolver } from '../care-path/care-path-terms.ts';
import { suppressedTable, type Cell, type Observation, type TableSpec } from './small-cell-suppression.ts';

export type WaitMeasure = 'request-answer' | 'request-toewijzing' | 'toewijzing-start' | 'request-start';
export const WAIT_MEASURES: readonly WaitMeasure[] = ['request-answer', 'request-toewijzing', 'toewijzing-start', 'request-start'];

export const WAIT_TABLE: TableSpec = { totalled: ['gemeente', 'aanbieder', 'categorie'], fixed: ['month'] };
export const REFUSAL_TABLE: TableSpec = { totalled: ['gemeente', 'aanbieder', 'categorie', 'reden'], fixed: ['month'] };

export interface CarePathHistory {
  readonly requests: Iterable<RequestFact>;
  readonly toewijzingen: Iterable<ToewijzingFact>;
  readonly deliveries: Iterable<DeliveryFact>;
}

export interface WaitingTimeTables {
  readonly measures: Readonly<Record<WaitMeasure, readonly Cell[]>>;
  readonly refusals: readonly Cell[];
}

const month = (day: IsoDay): string => day.slice(0, 7);
const nonNegative = (days: number): number => Math.max(0, days);

/** The observations of every measure, and the refusals. */
export function waitObservations(history: CarePathHistory, terms: TermResolver): { readonly waits: Readonly<Record<WaitMeasure, Observation[]>>; readonly refusals: Observation[] } {
  const waits: Record<WaitMeasure, Observation[]> = { 'request-answer': [], 'request-toewijzing': [], 'toewijzing-start': [], 'request-start': [] };
  const refusals: Observation[] = [];

  // The first current start of each toewijzing.
  const firstStart = new Map<string, IsoDay>();
  for (const d of history.deliveries) {
    if (d.kind !== 'start' || !d.current || d.nummer === undefined) continue;
    const key = `${d.gemeente}\n${d.nummer}`;
    const known = firstStart.get(key);
    if (known === undefined || d.begindatum < known) firstStart.set(key, d.begindatum);
  }
  for (const t of history.toewijzingen) {
    const start = firstStart.get(`${t.gemeente}\n${t.nummer}`);
    if (t.removed || !t.newEpisode || start === undefined) continue;
    waits['toewijzing-start'].push({
      dims: { gemeente: t.gemeente, aanbieder: t.aanbieder, categorie: t.categorie ?? '', month: month(start) },
      child: t.pseudonym,
      value: nonNegative(calendarDaysBetween(t.toewijzingsdatum, start)),
    });
  }

  for (const r of history.requests) {
    if (r.status === 'void') continue;
    const dims = { gemeente: r.gemeente, aanbieder: r.aanbieder, categorie: r.categorie };
    if (r.firstAnswerDay !== undefined) {
      const due = termDays(terms.termsFor(r.gemeente).answer, r.receivedDay, terms.calendarFor(r.gemeente)).dueDay;
      waits['request-answer'].push({ dims: { ...dims, month: month(r.firstAnswerDay) }, child: r.pseudonym, value: calendarDaysBetween(r.receivedDay, r.firstAnswerDay), withinTerm: r.firstAnswerDay <= due });
    }
    if (r.answeredAfgewezen && r.redenAfwijzing !== undefined && r.finalAnswerDay !== undefined) {
      refusals.push({ dims: { ...dims, reden: r.redenAfwijzing, month: month(r.finalAnswerDay) }, child: r.pseudonym });
    }
    if (r.kind !== 'VOT' || r.toegewezenDay === undefined || r.toewijzingNummer === undefined) continue;
    waits['request-toewijzing'].push({ dims: { ...dims, month: month(r.toegewezenDay) }, child: r.pseudonym, value: calendarDaysBetween(r.receivedDay, r.toegewezenDay) });
    const start = firstStart.get(`${r.gemeente}\n${r.toewijzingNummer}`);
    if (start !== undefined) waits['request-start'].push({ dims: { ...dims, month: month(start) }, child: r.pseudonym, value: nonNegative(calendarDaysBetween(r.receivedDay, start)) });
  }
  return { waits, refusals };
}

/** Every measure and the refusals as suppressed tables (small-cell-suppression.ts). */
export function waitingTimeTables(history: CarePathHistory, terms: TermResolver, threshold: number): WaitingTimeTables {
  const { waits, refusals } = waitObservations(history, terms);
  const measures = Object.fromEntries(WAIT_MEASURES.map((m) => [m, suppressedTable(waits[m], WAIT_TABLE, threshold)])) as Record<WaitMeasure, Cell[]>;
  return { measures, refusals: suppressedTable(refusals, REFUSAL_TABLE, threshold) };
}
