// A generated history of care paths with a known shape, for the statistics benchmark (issue 10) and
// the demo (`ketenpoort demo seed-care-paths`, so that the demo's statistics have figures to show):
// N children, each with one verzoek om toewijzing (JW315) answered after `a` calendar days, a
// toewijzing (JW301) for 90% of them (the rest refused with a JW319), and a start (JW305) `s` days
// after the toewijzing. `a` is uniform on 0..20 and `s` on 0..30, drawn from a seeded generator, so
// the national medians are known in advance: request → answer 10, request → toewijzing 10,
// toewijzing → start 15, request → start 25 (the sum of the two is symmetric around 25).
import { addCalendarDays, type IsoDay } from '../kernel/dutch-working-days.ts';
import type { DeliveryFact, RequestFact, ToewijzingFact } from '../care-path/care-path-facts.ts';
import type { CarePathHistory } from '../statistics/waiting-times.ts';

export const EXPECTED_NATIONAL_MEDIANS = { 'request-answer': 10, 'request-toewijzing': 10, 'toewijzing-start': 15, 'request-start': 25 } as const;

const DEFAULT_GEMEENTEN = Array.from({ length: 20 }, (_, i) => String(300 + i * 17).padStart(4, '0'));
const DEFAULT_AANBIEDERS = Array.from({ length: 50 }, (_, i) => String(42_420_001 + i * 7919).padStart(8, '0'));
const CATEGORIEEN = ['45', '40', '43', '44', '10'];
const FIRST_DAY: IsoDay = '2025-01-06';

/** A small linear congruential generator: the same history for the same seed. */
function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

export interface HistoryOptions {
  readonly seed?: number;
  /** The gemeenten and aanbieders the paths are spread over (default: 20 and 50 made-up codes). */
  readonly gemeenten?: readonly string[];
  readonly aanbieders?: readonly string[];
  /** The first day a request can arrive (default 2025-01-06) and over how many days they arrive (640). */
  readonly firstDay?: IsoDay;
  readonly spanDays?: number;
  /** Added to every ToewijzingNummer and prefixed to every reference, so a history can sit beside real paths. */
  readonly numberOffset?: number;
  readonly prefix?: string;
}

export interface GeneratedHistory extends CarePathHistory {
  readonly paths: number;
  readonly requests: RequestFact[];
  readonly toewijzingen: ToewijzingFact[];
  readonly deliveries: DeliveryFact[];
}

export function generateCarePathHistory(paths: number, options: HistoryOptions = {}): GeneratedHistory {
  const random = seeded(options.seed ?? 20261203);
  const GEMEENTEN = options.gemeenten ?? DEFAULT_GEMEENTEN;
  const AANBIEDERS = options.aanbieders ?? DEFAULT_AANBIEDERS;
  const requests: RequestFact[] = [];
  const toewijzingen: ToewijzingFact[] = [];
  const deliveries: DeliveryFact[] = [];
  for (let i = 0; i < paths; i += 1) {
    const gemeente = GEMEENTEN[random(GEMEENTEN.length)] ?? '0300';
    const aanbieder = AANBIEDERS[random(AANBIEDERS.length)] ?? '42420001';
    const categorie = CATEGORIEEN[random(CATEGORIEEN.length)] ?? '45';
    const prefix = options.prefix ?? '';
    const pseudonym = `${prefix}child-${i}`;
    const receivedDay = addCalendarDays(options.firstDay ?? FIRST_DAY, random(options.spanDays ?? 640));
    const answerDay = addCalendarDays(receivedDay, random(21));
    const refused = random(10) === 0;
    const nummer = (options.numberOffset ?? 0) + i + 1;
    const exchangeId = `${prefix}bench-${i}`;
    requests.push({
      aanbieder,
      referentie: `${prefix}REF${i}`,
      gemeente,
      pseudonym,
      kind: 'VOT',
      categorie,
      exchangeId,
      sourcePointer: '/Client/AangevraagdProducten/0',
      receivedDay,
      status: refused ? 'afgewezen' : 'toegewezen',
      answeredOnderzoek: false,
      answeredAfgewezen: refused,
      answeredToegewezen: !refused,
      firstAnswerDay: answerDay,
      finalAnswerDay: answerDay,
      ...(refused ? { redenAfwijzing: String(1 + random(4)) } : { toewijzingNummer: nummer, toegewezenDay: answerDay }),
    });
    if (refused) continue;
    toewijzingen.push({
      gemeente,
      nummer,
      pseudonym,
      aanbieder,
      categorie,
      ingangsdatum: answerDay,
      toewijzingsdatum: answerDay,
      toewijzingstijd: '10:00:00',
      referentieAanbieder: `${prefix}REF${i}`,
      removed: false,
      observedFromIssue: true,
      newEpisode: true,
      firstSeenDay: answerDay,
      einddatumSetDay: answerDay,
      exchangeId: `${prefix}bench-${i}-301`,
      sourcePointer: '/Client/ToegewezenProducten/0',
    });
    const begindatum = addCalendarDays(answerDay, random(31));
    deliveries.push({
      id: `${prefix}bench-${i}-305/Client/Producten/0`,
      kind: 'start',
      gemeente,
      aanbieder,
      pseudonym,
      nummer,
      categorie,
      begindatum,
      current: true,
      receivedDay: begindatum,
      exchangeId: `${prefix}bench-${i}-305`,
      sourcePointer: '/Client/Producten/0',
    });
  }
  return { paths, requests, toewijzingen, deliveries };
}
