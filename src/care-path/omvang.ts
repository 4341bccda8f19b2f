// Volumes of the iJw: what a toewijzing's Omvang (Volume in an Eenheid, per Frequentie) allows over a
// period, set against the GeleverdVolume declared in prestaties (TR321, TR322), and the sum declared
// on a toewijzing with a Budget (TR369); the verzoek om wijziging reads the same (OP345).
//
// Units (WJ756 Eenheid). Minuut (01), uur (04) and dagdeel (16, "4 uur" in the code list) are time and
// compare in minutes. Etmaal (14) is a unit of stay (verblijf), not 24 hours of care; stuks output
// (82), euro's (83, in eurocent: GeleverdVolume equals IngediendBedrag, CS339) and stuks inspanning
// (84) are counts of their own. Different units outside time do not compare: the gateway then judges
// nothing (an hour of care is no number of etmalen, and no number of euro's without the contract's
// tariff) and TR341 already refuses a prestatie whose Eenheid does not fit its toewijzing's.
//
// Frequency (WMO757). The most an Omvang allows over a period [from, to]:
// - 1 per dag: Volume × the days of the period;
// - 2 per week: Volume × the calendar weeks (Monday to Sunday) the period touches, since care of a
//   week may all fall on the days of it inside the period (9 to 31 January 2026 touches 4 weeks);
// - 4 per maand: Volume × the calendar months it touches (a ProductPeriode lies in one month, CS337);
// - 6 totaal binnen geldigheidsduur toewijzing: Volume, whatever the period.
// So the gateway refuses only what no delivery within the toewijzing could have been: a declaration
// that spreads the weeks' care differently over the days is never refused by it.
import type { IsoDay } from '../kernel/dutch-working-days.ts';
import type { CarePathView, Omvang, PrestatieFact } from './care-path-facts.ts';

/** Minutes per WJ756 unit of time. */
const MINUTES: Readonly<Record<string, number>> = { '01': 1, '04': 60, '16': 240 };
/** WJ756 units that are counts of their own. */
const COUNTS: Readonly<Record<string, string>> = { '14': 'etmalen', '82': 'stuks (output)', '83': 'eurocent', '84': 'stuks (inspanning)' };
/** WMO757 */
const FREQUENTIE: Readonly<Record<string, string>> = { '1': 'per dag', '2': 'per week', '4': 'per maand', '6': 'totaal binnen geldigheidsduur' };

/** An amount in a measure: minutes of care, or a count of one non-time unit. */
export interface Measure {
  readonly measure: string;
  readonly amount: number;
}

/** A volume in its unit as a measure; undefined for a unit outside WJ756. */
export function measureOf(volume: number, eenheid: string): Measure | undefined {
  const minutes = MINUTES[eenheid];
  if (minutes !== undefined) return { measure: 'minuten', amount: volume * minutes };
  const count = COUNTS[eenheid];
  return count === undefined ? undefined : { measure: count, amount: volume };
}

const dayNumber = (day: IsoDay): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
/** The Monday of the calendar week of a day. */
const mondayOf = (day: IsoDay): number => {
  const n = dayNumber(day);
  // 1970-01-01 (day 0) was a Thursday: (n + 3) mod 7 is 0 on a Monday.
  return n - (((n + 3) % 7) + 7) % 7;
};

/** How often the frequency's period occurs in [from, to] (days, calendar weeks or months touched); undefined for 6 and unknown codes. */
export function occurrences(frequentie: string, from: IsoDay, to: IsoDay): number | undefined {
  if (to < from) return 0;
  switch (frequentie) {
    case '1':
      return dayNumber(to) - dayNumber(from) + 1;
    case '2':
      return (mondayOf(to) - mondayOf(from)) / 7 + 1;
    case '4':
      return Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - (Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7))) + 1;
    default:
      return undefined;
  }
}

/** The most an Omvang allows in [from, to]; undefined when it cannot be said (an open end with a frequency per period, an unknown code). */
export function allowedIn(omvang: Omvang, from: IsoDay, to: IsoDay | undefined): Measure | undefined {
  const unit = measureOf(omvang.volume, omvang.eenheid);
  if (unit === undefined) return undefined;
  if (omvang.frequentie === '6') return unit;
  if (to === undefined) return undefined;
  const times = occurrences(omvang.frequentie, from, to);
  return times === undefined ? undefined : { measure: unit.measure, amount: unit.amount * times };
}

/** The Omvang in words, for a finding's detail. */
export const omvangText = (o: Omvang): string => `${o.volume} × Eenheid ${o.eenheid} ${FREQUENTIE[o.frequentie] ?? `Frequentie ${o.frequentie}`}`;

/** The prestatie fields the volume rules read. */
export type DeclaredVolume = Pick<PrestatieFact, 'geleverdVolume' | 'eenheid' | 'begindatum' | 'einddatum'>;

export interface Excess {
  readonly declared: number;
  readonly allowed: number;
  readonly measure: string;
}

const excess = (declared: Measure, allowed: Measure): Excess | undefined =>
  declared.measure === allowed.measure && declared.amount > allowed.amount ? { declared: declared.amount, allowed: allowed.amount, measure: allowed.measure } : undefined;

/** TR321: how far one prestatie's GeleverdVolume exceeds what the Omvang allows in its ProductPeriode (undefined: it fits, or the units do not compare). */
export function prestatieExcess(omvang: Omvang, p: DeclaredVolume): Excess | undefined {
  const declared = measureOf(p.geleverdVolume, p.eenheid);
  const allowed = allowedIn(omvang, p.begindatum, p.einddatum);
  return declared === undefined || allowed === undefined ? undefined : excess(declared, allowed);
}

/** The sum of the prestaties' volumes in one measure; undefined when one of them does not compare with `measure`. */
function sumIn(prestaties: readonly DeclaredVolume[], measure: string): number | undefined {
  let sum = 0;
  for (const p of prestaties) {
    const m = measureOf(p.geleverdVolume, p.eenheid);
    if (m === undefined || m.measure !== measure) return undefined;
    sum += m.amount;
  }
  return sum;
}

/** TR322: how far the prestaties on a toewijzing exceed its Omvang over its whole duration [ingangsdatum, einddatum]. */
export function totalExcess(omvang: Omvang, ingangsdatum: IsoDay, einddatum: IsoDay | undefined, prestaties: readonly DeclaredVolume[]): Excess | undefined {
  const allowed = allowedIn(omvang, ingangsdatum, einddatum);
  if (allowed === undefined) return undefined;
  const sum = sumIn(prestaties, allowed.measure);
  return sum === undefined ? undefined : excess({ measure: allowed.measure, amount: sum }, allowed);
}

/**
 * TR369: how far the prestaties on a toewijzing with a Budget (eurocent) exceed it. GeleverdVolume
 * is in eurocent only in Eenheid 83 (CS339); a prestatie in another unit makes the sum incomparable.
 */
export function budgetExcess(budget: number, prestaties: readonly DeclaredVolume[]): Excess | undefined {
  const sum = sumIn(prestaties, 'eurocent');
  return sum === undefined ? undefined : excess({ measure: 'eurocent', amount: sum }, { measure: 'eurocent', amount: budget });
}

/** The prestaties that count on a toewijzing: debits of its aanbieder that no JW325 rejected and no credit undid. */
export function countedPrestaties(view: CarePathView, gemeente: string, nummer: number, aanbieder: string): PrestatieFact[] {
  return view
    .prestatiesOf(gemeente, nummer)
    .filter((q) => q.aanbieder === aanbieder && q.debetCredit === 'D' && !q.rejected && !view.creditsOf(q.aanbieder, q.referentieNummer).some((c) => !c.rejected));
}
