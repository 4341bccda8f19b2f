// The care-path facts in memory: the reference implementation of CarePathView and of applying
// CarePathChange values. It serves as the working set of one evaluation (a layer over the facts a
// store loaded, so that the products of one message see each other's effects) and, on its own, as an
// in-memory care-path store for tests and the bench's generated histories.
import type { IsoDay } from '../kernel/dutch-working-days.ts';
import type {
  CarePathChange,
  CarePathRows,
  CarePathView,
  DeadlineFact,
  DeadlineMatch,
  DeadlineStatus,
  DeclaratieFact,
  DeliveryFact,
  MessageFact,
  PrestatieFact,
  RelationFact,
  RequestFact,
  ToewijzingFact,
} from './care-path-facts.ts';

export interface DeadlineState {
  readonly deadline: DeadlineFact;
  readonly status: DeadlineStatus;
  readonly closedByExchange?: string;
}

const k = (...parts: readonly (string | number | undefined)[]): string => parts.map((p) => (p === undefined ? '' : String(p))).join('\n');

const messageKey = (m: Pick<MessageFact, 'messageType' | 'afzender' | 'identificatie'>): string => k(m.messageType, m.afzender, m.identificatie);
const relationKey = (r: Pick<RelationFact, 'pseudonym' | 'gemeente' | 'aanbieder'>): string => k(r.pseudonym, r.gemeente, r.aanbieder);
const requestKey = (r: Pick<RequestFact, 'aanbieder' | 'referentie'>): string => k(r.aanbieder, r.referentie);
const toewijzingKey = (t: Pick<ToewijzingFact, 'gemeente' | 'nummer'>): string => k(t.gemeente, t.nummer);
const declaratieKey = (d: Pick<DeclaratieFact, 'aanbieder' | 'declaratieNummer'>): string => k(d.aanbieder, d.declaratieNummer);
const prestatieKey = (p: Pick<PrestatieFact, 'aanbieder' | 'referentieNummer'>): string => k(p.aanbieder, p.referentieNummer);

/** The base's items, with this layer's versions in their place and this layer's new ones added. */
function merged<T>(baseItems: readonly T[], local: ReadonlyMap<string, T>, key: (t: T) => string, matches: (t: T) => boolean): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const item of baseItems) {
    const id = key(item);
    seen.add(id);
    const mine = local.get(id);
    if (mine === undefined) out.push(item);
    else if (matches(mine)) out.push(mine);
  }
  for (const [id, item] of local) if (!seen.has(id) && matches(item)) out.push(item);
  return out;
}

export class CarePathMemory implements CarePathView {
  private since: IsoDay | undefined;
  private readonly messages = new Map<string, MessageFact>();
  private readonly relations = new Map<string, RelationFact>();
  private readonly requests = new Map<string, RequestFact>();
  private readonly toewijzingen = new Map<string, ToewijzingFact>();
  private readonly deliveries = new Map<string, DeliveryFact>();
  private readonly declaraties = new Map<string, DeclaratieFact>();
  private readonly prestaties = new Map<string, PrestatieFact>();
  private readonly deadlineStates = new Map<string, DeadlineState>();
  /** Gemeente-aanbieder pairs a store said have a path (loaded without their paths). */
  private readonly seenPairs = new Set<string>();

  /** @param base facts underneath (a store's loaded working set); this layer's changes win. */
  constructor(private readonly base?: CarePathView) {}

  // --- CarePathView

  trackingSince(): IsoDay | undefined {
    return this.since ?? this.base?.trackingSince();
  }

  message(messageType: string, afzender: string, identificatie: string): MessageFact | undefined {
    return this.messages.get(k(messageType, afzender, identificatie)) ?? this.base?.message(messageType, afzender, identificatie);
  }

  relation(pseudonym: string, gemeente: string, aanbieder: string): RelationFact | undefined {
    return this.relations.get(k(pseudonym, gemeente, aanbieder)) ?? this.base?.relation(pseudonym, gemeente, aanbieder);
  }

  pairSeen(gemeente: string, aanbieder: string): boolean {
    if (this.seenPairs.has(k(gemeente, aanbieder))) return true;
    for (const r of this.relations.values()) if (r.gemeente === gemeente && r.aanbieder === aanbieder) return true;
    return this.base?.pairSeen(gemeente, aanbieder) ?? false;
  }

  request(aanbieder: string, referentie: string): RequestFact | undefined {
    return this.requests.get(k(aanbieder, referentie)) ?? this.base?.request(aanbieder, referentie);
  }

  requestsOf(pseudonym: string, gemeente: string, aanbieder: string): readonly RequestFact[] {
    const matches = (r: RequestFact): boolean => r.pseudonym === pseudonym && r.gemeente === gemeente && r.aanbieder === aanbieder;
    return merged(this.base?.requestsOf(pseudonym, gemeente, aanbieder) ?? [], this.requests, requestKey, matches);
  }

  toewijzing(gemeente: string, nummer: number): ToewijzingFact | undefined {
    return this.toewijzingen.get(k(gemeente, nummer)) ?? this.base?.toewijzing(gemeente, nummer);
  }

  toewijzingenOf(pseudonym: string, gemeente: string, aanbieder: string): readonly ToewijzingFact[] {
    const matches = (t: ToewijzingFact): boolean => t.pseudonym === pseudonym && t.gemeente === gemeente && t.aanbieder === aanbieder;
    return merged(this.base?.toewijzingenOf(pseudonym, gemeente, aanbieder) ?? [], this.toewijzingen, toewijzingKey, matches);
  }

  deliveriesOf(gemeente: string, aanbieder: string, pseudonym: string, nummer: number | undefined): readonly DeliveryFact[] {
    const matches = (d: DeliveryFact): boolean =>
      nummer !== undefined ? d.gemeente === gemeente && d.nummer === nummer : d.nummer === undefined && d.gemeente === gemeente && d.aanbieder === aanbieder && d.pseudonym === pseudonym;
    return merged(this.base?.deliveriesOf(gemeente, aanbieder, pseudonym, nummer) ?? [], this.deliveries, (d) => d.id, matches);
  }

  factsOf(exchangeId: string): { requests: RequestFact[]; toewijzingen: ToewijzingFact[]; deliveries: DeliveryFact[] } {
    const base = this.base?.factsOf(exchangeId) ?? { requests: [], toewijzingen: [], deliveries: [] };
    return {
      requests: merged(base.requests, this.requests, requestKey, (r) => r.exchangeId === exchangeId),
      toewijzingen: merged(base.toewijzingen, this.toewijzingen, toewijzingKey, (t) => t.exchangeId === exchangeId),
      deliveries: merged(base.deliveries, this.deliveries, (d) => d.id, (d) => d.exchangeId === exchangeId || d.removedByExchange === exchangeId),
    };
  }

  declaratie(aanbieder: string, declaratieNummer: string): DeclaratieFact | undefined {
    return this.declaraties.get(k(aanbieder, declaratieNummer)) ?? this.base?.declaratie(aanbieder, declaratieNummer);
  }

  declaratieByMessage(aanbieder: string, identificatie: string, dagtekening: IsoDay): DeclaratieFact | undefined {
    for (const d of this.declaraties.values()) if (d.aanbieder === aanbieder && d.identificatie === identificatie && d.dagtekening === dagtekening) return d;
    const below = this.base?.declaratieByMessage(aanbieder, identificatie, dagtekening);
    return below === undefined ? undefined : (this.declaraties.get(declaratieKey(below)) ?? below);
  }

  prestatie(aanbieder: string, referentieNummer: string): PrestatieFact | undefined {
    return this.prestaties.get(k(aanbieder, referentieNummer)) ?? this.base?.prestatie(aanbieder, referentieNummer);
  }

  prestatiesOfDeclaratie(aanbieder: string, declaratieNummer: string): readonly PrestatieFact[] {
    return merged(this.base?.prestatiesOfDeclaratie(aanbieder, declaratieNummer) ?? [], this.prestaties, prestatieKey, (p) => p.aanbieder === aanbieder && p.declaratieNummer === declaratieNummer);
  }

  prestatiesOf(gemeente: string, toewijzingNummer: number): readonly PrestatieFact[] {
    return merged(this.base?.prestatiesOf(gemeente, toewijzingNummer) ?? [], this.prestaties, prestatieKey, (p) => p.gemeente === gemeente && p.toewijzingNummer === toewijzingNummer);
  }

  creditsOf(aanbieder: string, referentieNummer: string): readonly PrestatieFact[] {
    return merged(this.base?.creditsOf(aanbieder, referentieNummer) ?? [], this.prestaties, prestatieKey, (p) => p.aanbieder === aanbieder && p.debetCredit === 'C' && p.vorigReferentieNummer === referentieNummer);
  }

  // --- Loading rows a store read (care-path-loading.ts)

  /** Takes rows as they are in a store; `since` sets the tracking day when given. */
  load(rows: CarePathRows, since?: IsoDay): void {
    if (since !== undefined) this.since = since;
    for (const f of rows.messages ?? []) this.messages.set(messageKey(f), f);
    for (const f of rows.relations ?? []) this.relations.set(relationKey(f), f);
    for (const f of rows.requests ?? []) this.requests.set(requestKey(f), f);
    for (const f of rows.toewijzingen ?? []) this.toewijzingen.set(toewijzingKey(f), f);
    for (const f of rows.deliveries ?? []) this.deliveries.set(f.id, f);
    for (const f of rows.declaraties ?? []) this.declaraties.set(declaratieKey(f), f);
    for (const f of rows.prestaties ?? []) this.prestaties.set(prestatieKey(f), f);
    for (const p of rows.pairs ?? []) this.seenPairs.add(k(p.gemeente, p.aanbieder));
  }

  // --- Applying changes

  apply(changes: readonly CarePathChange[]): void {
    for (const change of changes) this.applyOne(change);
  }

  private applyOne(change: CarePathChange): void {
    switch (change.op) {
      case 'tracking-since':
        if (this.trackingSince() === undefined) this.since = change.day;
        return;
      case 'message':
        this.messages.set(messageKey(change.fact), change.fact);
        return;
      case 'relation':
        this.relations.set(relationKey(change.fact), change.fact);
        return;
      case 'request':
        this.requests.set(requestKey(change.fact), change.fact);
        return;
      case 'toewijzing':
        this.toewijzingen.set(toewijzingKey(change.fact), change.fact);
        return;
      case 'delivery':
        this.deliveries.set(change.fact.id, change.fact);
        return;
      case 'declaratie':
        this.declaraties.set(declaratieKey(change.fact), change.fact);
        return;
      case 'prestatie':
        this.prestaties.set(prestatieKey(change.fact), change.fact);
        return;
      case 'open-deadline': {
        const existing = this.deadlineStates.get(change.deadline.id);
        const same = existing?.status === 'open' && existing.deadline.dueDay === change.deadline.dueDay && existing.deadline.overdueOn === change.deadline.overdueOn;
        if (!same) this.deadlineStates.set(change.deadline.id, { deadline: change.deadline, status: 'open' });
        return;
      }
      case 'close-deadlines':
        for (const [id, state] of this.deadlineStates) {
          if (state.status === 'open' && deadlineMatches(state.deadline, change.match)) this.deadlineStates.set(id, { ...state, status: change.status, closedByExchange: change.byExchange });
        }
        return;
    }
  }

  // --- Reading everything (tests, statistics over an in-memory history)

  allRequests(): readonly RequestFact[] {
    return [...this.requests.values()];
  }

  allToewijzingen(): readonly ToewijzingFact[] {
    return [...this.toewijzingen.values()];
  }

  allDeliveries(): readonly DeliveryFact[] {
    return [...this.deliveries.values()];
  }

  allPrestaties(): readonly PrestatieFact[] {
    return [...this.prestaties.values()];
  }

  allRelations(): readonly RelationFact[] {
    return [...this.relations.values()];
  }

  allMessages(): readonly MessageFact[] {
    return [...this.messages.values()];
  }

  allDeclaraties(): readonly DeclaratieFact[] {
    return [...this.declaraties.values()];
  }

  /** The deadlines this layer opened or closed (a store keeps them in its own table). */
  deadlines(): readonly DeadlineState[] {
    return [...this.deadlineStates.values()];
  }

  deadline(id: string): DeadlineState | undefined {
    return this.deadlineStates.get(id);
  }
}

/** Whether an open deadline is one a close applies to. */
export function deadlineMatches(d: DeadlineFact, match: DeadlineMatch): boolean {
  if ('id' in match) return d.id === match.id;
  return d.kind === match.kind && d.pseudonym === match.pseudonym && (match.gemeente === undefined || d.gemeente === match.gemeente) && (match.aanbieder === undefined || d.aanbieder === match.aanbieder);
}
