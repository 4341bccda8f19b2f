// One evaluation of one message: the working set (a layer over the loaded facts, so the products of a
// message see each other), the message's header facts, the findings and changes so far, and the steps
// the rule modules share: recording a finding under its registered code, upserting the path, building
// a deadline, and reconciling the deadlines that follow from a toewijzing's state.
import { addCalendarDays, dayInAmsterdam, type DutchCalendar, type IsoDay } from '../kernel/dutch-working-days.ts';
import { REDEN_TIJDELIJK, type CarePathChange, type CarePathView, type DeadlineFact, type DeadlineKind, type DeadlineRefs, type DeliveryFact, type RelationFact, type ToewijzingFact } from './care-path-facts.ts';
import { CarePathMemory } from './care-path-memory.ts';
import { dayDue, isOverdue, termDays, type CarePathTerms, type TermDays, type TermResolver } from './care-path-terms.ts';
import { child, root, str, type At, type JsonRecord } from './ijw-json.ts';
import { processRule } from './process-rules.ts';
import { GatewayError } from '../kernel/gateway-error.ts';

export interface IncomingIjwMessage {
  readonly messageType: string;
  /** The message in the JSON form, valid against its schema. */
  readonly message: JsonRecord;
  readonly exchangeId: string;
  /** The parties (ids) that sent and receive it. */
  readonly senderParty: string;
  readonly receiverParty: string;
  readonly receivedAt: Date;
}

export interface EvaluationContext {
  readonly pseudonymize: (bsn: string) => string;
  readonly terms: TermResolver;
  /** The party with this gemeentecode or AGB code, if the gateway knows it. */
  readonly partyOf: (ijwCode: string) => string | undefined;
  /**
   * For how many days after the gateway began keeping care paths an unknown request (JW319, JW301
   * ReferentieAanbieder) counts as migration. Default 90.
   */
  readonly migrationRequestDays?: number;
}

export interface ProcessFinding {
  readonly rule: string;
  readonly retourcode?: string;
  /** Into the message (RFC 6901). */
  readonly pointer: string;
  readonly detail: string;
  /** The earlier message may predate the gateway: a warning, never a refusal. */
  readonly migration: boolean;
  /**
   * A rule without a retourcode that the message shows broken (enforcement 'signal'): the message is
   * accepted and the gateway raises a signal for it, owed by the sender (never a refusal).
   */
  readonly signal?: true;
  /** For a signal: the child concerned (its keyed pseudonym, never a BSN). */
  readonly subject?: string;
}

export interface Evaluation {
  readonly findings: readonly ProcessFinding[];
  readonly changes: readonly CarePathChange[];
}

const isGemeentecode = (code: string): boolean => /^[0-9]{4}$/.test(code);

export interface Product {
  readonly categorie?: string;
  readonly code?: string;
}

export const productOf = (at: At | undefined): Product => {
  const p = child(at, 'Product');
  const categorie = str(p, 'Categorie');
  const code = str(p, 'Code');
  return { ...(categorie !== undefined ? { categorie } : {}), ...(code !== undefined ? { code } : {}) };
};
export const sameProduct = (a: Product, b: Product): boolean => a.categorie === b.categorie && a.code === b.code;
export const firstOfMonth = (day: IsoDay): IsoDay => `${day.slice(0, 8)}01`;
export const lastOfMonth = (day: IsoDay): IsoDay => addCalendarDays(`${addCalendarDays(firstOfMonth(day), 31).slice(0, 8)}01`, -1);
export const sameMonth = (a: IsoDay, b: IsoDay): boolean => a.slice(0, 7) === b.slice(0, 7);
export const isDefinitive = (d: DeliveryFact): boolean => d.redenBeeindiging !== REDEN_TIJDELIJK;

/** Current starts without a definitieve stop (a tijdelijke stop leaves the care open). */
export function openStarts(deliveries: readonly DeliveryFact[]): DeliveryFact[] {
  const current = deliveries.filter((d) => d.current);
  return current.filter((s) => s.kind === 'start' && !current.some((d) => d.kind === 'stop' && d.begindatum === s.begindatum && sameProduct(d, s) && isDefinitive(d)));
}

/** iJw TR326's "actueel startbericht": a current start without any stop. */
export function openStartsWithoutStop(deliveries: readonly DeliveryFact[]): DeliveryFact[] {
  const current = deliveries.filter((d) => d.current);
  return current.filter((s) => s.kind === 'start' && !current.some((d) => d.kind === 'stop' && d.begindatum === s.begindatum && sameProduct(d, s)));
}

export class CarePathRun {
  readonly findings: ProcessFinding[] = [];
  readonly changes: CarePathChange[] = [];
  readonly layer: CarePathMemory;
  readonly msg: At;
  readonly type: string;
  readonly today: IsoDay;
  readonly afzender: string;
  readonly ontvanger: string;
  readonly identificatie: string;
  readonly dagtekening: IsoDay;
  /** The gemeente and aanbieder codes of the message (whichever side is which). */
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly calendar: DutchCalendar;
  readonly terms: CarePathTerms;
  readonly trackingSince: IsoDay;

  constructor(
    view: CarePathView,
    readonly incoming: IncomingIjwMessage,
    readonly ctx: EvaluationContext,
  ) {
    this.layer = new CarePathMemory(view);
    this.msg = root(incoming.message);
    this.type = incoming.messageType;
    this.today = dayInAmsterdam(incoming.receivedAt);
    const header = child(this.msg, 'Header');
    this.afzender = str(header, 'Afzender') ?? '';
    this.ontvanger = str(header, 'Ontvanger') ?? '';
    const id = child(header, 'BerichtIdentificatie');
    this.identificatie = str(id, 'Identificatie') ?? '';
    this.dagtekening = str(id, 'Dagtekening') ?? this.today;
    const fromGemeente = isGemeentecode(this.afzender);
    this.gemeente = fromGemeente ? this.afzender : this.ontvanger;
    this.aanbieder = fromGemeente ? this.ontvanger : this.afzender;
    this.calendar = ctx.terms.calendarFor(this.gemeente);
    this.terms = ctx.terms.termsFor(this.gemeente);
    this.trackingSince = view.trackingSince() ?? this.today;
  }

  emit(change: CarePathChange): void {
    this.layer.apply([change]);
    this.changes.push(change);
  }

  find(code: string, pointer: string, detail: string, migration = false): void {
    const rule = processRule(code);
    this.findings.push({ rule: code, ...(rule.retourcode !== undefined ? { retourcode: rule.retourcode } : {}), pointer, detail, migration: migration && rule.migration });
  }

  /** A bedrijfsregel without a retourcode that this message breaks: accepted, and signalled to its sender. */
  signal(code: string, pointer: string, detail: string, subject: string | undefined): void {
    const rule = processRule(code);
    if (rule.enforcement !== 'signal' || rule.onMessage !== true || rule.retourcode !== undefined) throw new GatewayError('internal', { detail: `process rule ${code} is no signal rule judged on the message` });
    this.findings.push({ rule: code, pointer, detail, migration: false, signal: true, ...(subject !== undefined ? { subject } : {}) });
  }

  pseudonymOf(at: At | undefined): string | undefined {
    const bsn = str(at, 'Bsn');
    return bsn === undefined ? undefined : this.ctx.pseudonymize(bsn);
  }

  get gemeenteParty(): string {
    return this.ctx.partyOf(this.gemeente) ?? (isGemeentecode(this.afzender) ? this.incoming.senderParty : this.incoming.receiverParty);
  }

  get aanbiederParty(): string {
    return this.ctx.partyOf(this.aanbieder) ?? (isGemeentecode(this.afzender) ? this.incoming.receiverParty : this.incoming.senderParty);
  }

  /** Records that the path exists; `complete` when this message lists all its current toewijzingen. */
  touchRelation(pseudonym: string, complete = false): RelationFact {
    const existing = this.layer.relation(pseudonym, this.gemeente, this.aanbieder);
    if (existing !== undefined && (existing.toewijzingenKnown || !complete)) return existing;
    const fact: RelationFact = { pseudonym, gemeente: this.gemeente, aanbieder: this.aanbieder, firstSeenDay: existing?.firstSeenDay ?? this.today, toewijzingenKnown: complete };
    this.emit({ op: 'relation', fact });
    return fact;
  }

  /** Whether the path's toewijzingen may be unknown to the gateway (so an unknown number may be migration). */
  toewijzingenUnknown(relation: RelationFact | undefined): boolean {
    return relation === undefined || !relation.toewijzingenKnown;
  }

  /** Whether a request the gateway does not know may predate it. */
  requestMayPredate(): boolean {
    const days = this.ctx.migrationRequestDays ?? 90;
    return !this.layer.pairSeen(this.gemeente, this.aanbieder) || this.dagtekening < addCalendarDays(this.trackingSince, days);
  }

  deadline(kind: DeadlineKind, id: string, rule: string, owedBy: string, startDay: IsoDay, days: TermDays, refs: DeadlineRefs, pseudonym?: string): DeadlineFact {
    return {
      id,
      kind,
      rule,
      gemeente: this.gemeente,
      aanbieder: this.aanbieder,
      ...(pseudonym !== undefined ? { pseudonym } : {}),
      owedBy,
      gemeenteParty: this.gemeenteParty,
      refs,
      startDay,
      dueDay: days.dueDay,
      overdueOn: days.overdueOn,
    };
  }

  close(id: string, status: 'met' | 'cancelled'): void {
    this.emit({ op: 'close-deadlines', match: { id }, status, byExchange: this.incoming.exchangeId });
  }


  /**
   * The deadlines that follow from a toewijzing's state: a start is awaited (signal), a stop is due
   * after its Einddatum (OP272), a verzoek om wijziging before it (signal). Opening an item that is
   * already open with the same term changes nothing in a store.
   */
  reconcile(t: ToewijzingFact): void {
    const deliveries = this.layer.deliveriesOf(t.gemeente, t.aanbieder, t.pseudonym, t.nummer).filter((d) => d.current);
    const ongoing = openStarts(deliveries).length > 0;
    const stopped = !ongoing && deliveries.some((d) => d.kind === 'stop' && isDefinitive(d));
    const refs: DeadlineRefs = { messageType: 'JW301', exchangeId: t.exchangeId, toewijzingNummer: t.nummer };
    const want = (kind: DeadlineKind, wanted: boolean, rule: string, owedBy: string, startDay: IsoDay, days: TermDays | undefined, metWhenNot: boolean): void => {
      const id = toewijzingDeadlineId(kind, t.gemeente, t.nummer);
      if (wanted && days !== undefined) {
        // Migration: an item on a toewijzing the gateway did not see being issued, already overdue, is not opened.
        if (!t.observedFromIssue && isOverdue(days.overdueOn, this.today)) return;
        this.emit({ op: 'open-deadline', deadline: { ...this.deadline(kind, id, rule, owedBy, startDay, days, refs, t.pseudonym), gemeente: t.gemeente, aanbieder: t.aanbieder } });
      } else {
        this.close(id, metWhenNot ? 'met' : 'cancelled');
      }
    };
    const calendar = this.ctx.terms.calendarFor(t.gemeente);
    const terms = this.ctx.terms.termsFor(t.gemeente);
    const aanbiederParty = this.ctx.partyOf(t.aanbieder) ?? this.aanbiederParty;
    // Start (signal): no start or stop at all yet on a toewijzing that stands.
    const startFrom = t.ingangsdatum > t.firstSeenDay ? t.ingangsdatum : t.firstSeenDay;
    want('start', !t.removed && deliveries.length === 0 && terms.start !== null, 'KP010', aanbiederParty, startFrom, terms.start === null ? undefined : termDays(terms.start, startFrom, calendar), deliveries.length > 0);
    // Stop (OP272): care is ongoing and the toewijzing has an end.
    const einddatum = t.einddatum;
    want('stop', !t.removed && ongoing && einddatum !== undefined, 'OP272', aanbiederParty, einddatum ?? t.ingangsdatum, einddatum === undefined ? undefined : termDays(terms.stop, einddatum, calendar), stopped);
    // Extension (signal): ongoing care ends within N days and no JW317 listed the toewijzing since its end was set.
    const before = terms.extensionDaysBefore;
    const vowSent = t.vowDay !== undefined && t.vowDay >= t.einddatumSetDay;
    const extensionDue = einddatum === undefined || before === null ? undefined : addCalendarDays(einddatum, -before);
    want('extension', !t.removed && ongoing && !vowSent && extensionDue !== undefined, 'KP011', aanbiederParty, t.einddatumSetDay, extensionDue === undefined ? undefined : dayDue(extensionDue, calendar), vowSent);
  }
}

// Deadline ids: deterministic from what is awaited, so a close finds the item without a lookup.
export const retourDeadlineId = (heenType: string, afzender: string, identificatie: string): string => `retour:${heenType}:${afzender}:${identificatie}`;
export const answerDeadlineId = (aanbieder: string, referentie: string): string => `answer:${aanbieder}:${referentie}`;
export const finalAnswerDeadlineId = (aanbieder: string, referentie: string): string => `final-answer:${aanbieder}:${referentie}`;
export const declaratieAnswerDeadlineId = (aanbieder: string, identificatie: string): string => `declaratie-answer:${aanbieder}:${identificatie}`;
export const toewijzingDeadlineId = (kind: DeadlineKind, gemeente: string, nummer: number): string => `${kind}:${gemeente}:${nummer}`;
export const followUpDeadlineId = (stop: Pick<DeliveryFact, 'gemeente' | 'aanbieder' | 'pseudonym' | 'nummer' | 'begindatum'>): string =>
  stop.nummer !== undefined ? `follow-up:${stop.gemeente}:${stop.nummer}:${stop.begindatum}` : `follow-up:${stop.gemeente}:${stop.aanbieder}:${stop.pseudonym}:${stop.begindatum}`;
