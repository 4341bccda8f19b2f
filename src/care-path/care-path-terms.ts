// The watchdog's terms: how long a party has for the message it owes, in werkdagen on the Dutch
// calendar (src/calendar/dutch-working-days.ts), with the legal defaults and their sources, and the
// care-path signals beyond the law (each can be switched off with null). Everything can be set per
// region (a group of gemeenten), the calendar options too.
//
// Legal defaults. The iJw process and business rules set the terms; iJw itself is mandatory for
// gemeenten working inspanningsgericht or outputgericht under Regeling Jeugdwet art. 6c.1 (Jw art.
// 2.15; domain.md §1.1):
// - retour within 3 werkdagen: OP090; procesbeschrijving iJw 3.2 §2.5.3, §3.3.3, §3.4.1, §4.3.2, §4.4.1;
// - answer to a JW315 or JW317 (a JW301 or JW319) within 5 werkdagen: OP274 (VOT), OP346 (VOW);
//   procesbeschrijving §2.5.3 and §3.3.1;
// - a woonplaatsbeginsel refusal within 2 weeks ("de wettelijke termijn van 2 weken"): OP359;
//   procesbeschrijving §2.5.1; for GIs also SAP GI (domain.md §1.8, "at most 14 days");
// - JW325 within 10 werkdagen of the JW323: OP090x4; procesbeschrijving §5.4 and §5.5;
// - a stop within 5 werkdagen after care ended: OP272 (no retourcode, so a signal).
//
// Counting. A term of n werkdagen that starts on day D (the day the gateway accepted the message, in
// Europe/Amsterdam) ends at the end of the n-th werkdag after D. A term in calendar days that ends on
// a weekend day or holiday runs on to the next werkdag (Algemene termijnenwet art. 1). An item is
// overdue from the first werkdag after its last day: a JW315 accepted on a Friday has 5 werkdagen, up
// to and including the next Friday, and is overdue on the Monday after, its sixth werkdag.
import { addCalendarDays, createDutchCalendar, type DutchCalendar, type IsoDay, type WorkingDayOptions } from '../kernel/dutch-working-days.ts';

export interface Term {
  readonly amount: number;
  readonly unit: 'werkdagen' | 'kalenderdagen';
}

export interface FollowUpSignal {
  /** How long after the stop a new toewijzing for the child is expected. */
  readonly term: Term;
  /** JZ588 RedenBeeindiging codes that need follow-up. */
  readonly reasons: readonly string[];
  /** JZ020 product categories the signal watches (24-hour care by default). */
  readonly categories: readonly string[];
}

export interface CarePathTerms {
  /** OP090 */
  readonly retour: Term;
  /** OP274, OP346 */
  readonly answer: Term;
  /** OP359, counted from the request. */
  readonly woonplaatsAnswer: Term;
  /** OP090x4 */
  readonly declaratieAnswer: Term;
  /** OP272, counted from the toewijzing's Einddatum. */
  readonly stop: Term;
  /** Signal: no JW305 start within this term after a toewijzing (from its Ingangsdatum, or its arrival if later). */
  readonly start: Term | null;
  /** Signal: a toewijzing with ongoing care ends within this many days and no JW317 came. */
  readonly extensionDaysBefore: number | null;
  /** Signal: care stopped with a reason that needs follow-up and no new toewijzing came ("uitstroom"). */
  readonly followUp: FollowUpSignal | null;
}

export const defaultCarePathTerms: CarePathTerms = Object.freeze({
  retour: { amount: 3, unit: 'werkdagen' },
  answer: { amount: 5, unit: 'werkdagen' },
  woonplaatsAnswer: { amount: 14, unit: 'kalenderdagen' },
  declaratieAnswer: { amount: 10, unit: 'werkdagen' },
  stop: { amount: 5, unit: 'werkdagen' },
  start: { amount: 10, unit: 'werkdagen' },
  extensionDaysBefore: 30,
  followUp: {
    term: { amount: 10, unit: 'werkdagen' },
    // JZ588: 32 voortijdig door cliënt, 33 door aanbieder, 34 in overleg, 35 externe oorzaak.
    reasons: ['32', '33', '34', '35'],
    // JZ020: 43 verblijf incl. behandeling, 44 verblijf excl. behandeling; 2015 codes 35 pleegzorg,
    // 37 gesloten plaatsing, 38 overig residentieel.
    categories: ['43', '44', '35', '37', '38'],
  },
}) as CarePathTerms;

/** Where each default comes from (for the documentation and the signal texts). */
export const termSources: Readonly<Record<keyof CarePathTerms, string>> = {
  retour: 'iJw OP090; procesbeschrijving iJw 3.2 §2.5.3, §3.3.3, §3.4.1, §4.3.2, §4.4.1',
  answer: 'iJw OP274 (verzoek om toewijzing), OP346 (verzoek om wijziging); procesbeschrijving iJw 3.2 §2.5.3, §3.3.1',
  woonplaatsAnswer: 'iJw OP359; procesbeschrijving iJw 3.2 §2.5.1',
  declaratieAnswer: 'iJw OP090x4; procesbeschrijving iJw 3.2 §5.4, §5.5',
  stop: 'iJw OP272',
  start: 'care-path signal (configurable); compare iJw OP271',
  extensionDaysBefore: 'care-path signal (configurable)',
  followUp: 'care-path signal (configurable)',
};

export interface RegionSettings {
  readonly id: string;
  /** CBS gemeentecodes of the region. */
  readonly gemeenten: readonly string[];
  readonly terms?: Partial<CarePathTerms>;
  readonly calendar?: Partial<WorkingDayOptions>;
}

export interface CarePathTermSettings {
  readonly terms?: Partial<CarePathTerms>;
  readonly calendar?: Partial<WorkingDayOptions>;
  readonly regions?: readonly RegionSettings[];
}

export interface TermResolver {
  /** The region a gemeente belongs to, if any. */
  regionOf(gemeente: string): string | undefined;
  termsFor(gemeente: string): CarePathTerms;
  calendarFor(gemeente: string): DutchCalendar;
}

/** Terms and calendars per gemeente: the region's settings over the general ones over the defaults. */
export function createTermResolver(settings: CarePathTermSettings = {}): TermResolver {
  const baseTerms: CarePathTerms = Object.freeze({ ...defaultCarePathTerms, ...settings.terms });
  const baseCalendar = createDutchCalendar(settings.calendar);
  const regions = new Map<string, { id: string; terms: CarePathTerms; calendar: DutchCalendar }>();
  for (const region of settings.regions ?? []) {
    const entry = {
      id: region.id,
      terms: Object.freeze({ ...baseTerms, ...region.terms }),
      calendar: region.calendar === undefined ? baseCalendar : createDutchCalendar({ ...settings.calendar, ...region.calendar }),
    };
    for (const gemeente of region.gemeenten) regions.set(gemeente, entry);
  }
  return {
    regionOf: (gemeente) => regions.get(gemeente)?.id,
    termsFor: (gemeente) => regions.get(gemeente)?.terms ?? baseTerms,
    calendarFor: (gemeente) => regions.get(gemeente)?.calendar ?? baseCalendar,
  };
}

export interface TermDays {
  /** The last day of the term. */
  readonly dueDay: IsoDay;
  /** The first werkdag after it: the item is overdue from this day on. */
  readonly overdueOn: IsoDay;
}

/** The last day of a term that starts on `startDay`, and the day it becomes overdue. */
export function termDays(term: Term, startDay: IsoDay, calendar: DutchCalendar): TermDays {
  const dueDay = term.unit === 'werkdagen' ? calendar.addWerkdagen(startDay, term.amount) : calendar.werkdagOnOrAfter(addCalendarDays(startDay, term.amount));
  return { dueDay, overdueOn: calendar.nextWerkdag(dueDay) };
}

/** A day by which something is expected (not a term): overdue from the first werkdag after it. */
export function dayDue(dueDay: IsoDay, calendar: DutchCalendar): TermDays {
  return { dueDay, overdueOn: calendar.nextWerkdag(dueDay) };
}

/** True when an item with this overdue day is overdue on `today` (both Dutch days). */
export function isOverdue(overdueOn: IsoDay, today: IsoDay): boolean {
  return today >= overdueOn;
}
