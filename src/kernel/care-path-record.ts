// The records of a child's care path (src/care-path): facts taken from the iJw messages the gateway
// carried, the watchdog's deadlines, the changes a message makes and the bulk reads a store offers.
// They live in the kernel because both the care-path service (which judges them) and the store (which
// keeps them) use them; what they mean is described in src/care-path/care-path-facts.ts.
import type { IsoDay } from './dutch-working-days.ts';

/** A 4-digit CBS gemeentecode. */
export type Gemeentecode = string;
/** An 8-digit AGB code (aanbieder or GI). */
export type AgbCode = string;
/** The keyed pseudonym of a child's BSN (src/audit/pseudonym.ts). */
export type Pseudonym = string;

/** Child × gemeente × aanbieder: the path as a whole. */
export interface RelationFact {
  readonly pseudonym: Pseudonym;
  readonly gemeente: Gemeentecode;
  readonly aanbieder: AgbCode;
  /** The day the gateway recorded its first message on this path. */
  readonly firstSeenDay: IsoDay;
  /**
   * True once a JW301 or JW317 went through: both list every current toewijzing of the child for this
   * aanbieder (OP087, TR349), so from then on an unknown ToewijzingNummer is an error, not migration.
   */
  readonly toewijzingenKnown: boolean;
}

export type RequestKind = 'VOT' | 'VOW';
export type RequestStatus = 'open' | 'onderzoek' | 'toegewezen' | 'afgewezen' | 'void';

/** A verzoek om toewijzing (per AangevraagdProduct) or verzoek om wijziging (per Verzoek). */
export interface RequestFact {
  readonly aanbieder: AgbCode;
  /** ReferentieAanbieder: unique per aanbieder (TR347). */
  readonly referentie: string;
  readonly gemeente: Gemeentecode;
  readonly pseudonym: Pseudonym;
  readonly kind: RequestKind;
  /** JZ020 ProductCategorie of the requested product ('' when generic or unknown). */
  readonly categorie: string;
  /** A VOT whose Client said GezagsdragerBekend 1: the toewijzing need not carry the gezagsdrager (OP002x1). */
  readonly gezagsdragerBekend?: true;
  /** A VOW: what it asks for, to be taken over one to one by the JW301 that honours it (OP348). */
  readonly asked?: readonly AskedChange[];
  readonly exchangeId: string;
  /** The class in the message this request came from (a JSON pointer), for a rejecting retour. */
  readonly sourcePointer: string;
  readonly receivedDay: IsoDay;
  readonly status: RequestStatus;
  /** The answers so far (JW319 VerzoekAntwoord 2 / 1, JW301). */
  readonly answeredOnderzoek: boolean;
  readonly answeredAfgewezen: boolean;
  readonly answeredToegewezen: boolean;
  /** The day of the first answer of any kind (JW319 or JW301). */
  readonly firstAnswerDay?: IsoDay;
  /** The day of the final answer (JW301, or JW319 VerzoekAntwoord 1). */
  readonly finalAnswerDay?: IsoDay;
  /** WJ759 RedenAfwijzingVerzoek of a refusal. */
  readonly redenAfwijzing?: string;
  /** The toewijzing that honoured the request (first one), and the day it arrived. */
  readonly toewijzingNummer?: number;
  readonly toegewezenDay?: IsoDay;
}

/** One product a VOW lists: unchanged (nummer only), to change (nummer and what is asked), or new (Product and what is asked). */
export interface AskedChange {
  readonly kind: 'ongewijzigd' | 'te-wijzigen' | 'nieuw';
  readonly nummer?: number;
  readonly categorie?: string;
  readonly code?: string;
  readonly omvang?: Omvang;
  readonly budget?: number;
}

export interface Omvang {
  readonly volume: number;
  readonly eenheid: string;
  readonly frequentie: string;
}

/** A toegewezen product: ToewijzingNummer is unique per gemeente (TR332). */
export interface ToewijzingFact {
  readonly gemeente: Gemeentecode;
  readonly nummer: number;
  readonly pseudonym: Pseudonym;
  readonly aanbieder: AgbCode;
  readonly categorie?: string;
  readonly code?: string;
  readonly ingangsdatum: IsoDay;
  readonly einddatum?: IsoDay;
  /** JZ002 RedenWijziging of the latest version. */
  readonly redenWijziging?: string;
  readonly omvang?: Omvang;
  readonly budget?: number;
  readonly toewijzingsdatum: IsoDay;
  readonly toewijzingstijd: string;
  readonly referentieAanbieder?: string;
  /** RedenWijziging 13 (or 01) with Einddatum = Ingangsdatum: "als niet verzonden beschouwd" (JZ002, OP087). */
  readonly removed: boolean;
  /**
   * Issued on or after the day the gateway began to keep care paths, so every start and stop of it
   * went through the gateway; a missing start on an older toewijzing may be migration.
   */
  readonly observedFromIssue: boolean;
  /** A new care episode: no ongoing delivery of the same category for this child at this aanbieder. */
  readonly newEpisode: boolean;
  readonly firstSeenDay: IsoDay;
  /** The day the current Einddatum was set (for "ends within 30 days without a verzoek om wijziging"). */
  readonly einddatumSetDay: IsoDay;
  /** The day of the latest JW317 that listed this toewijzing. */
  readonly vowDay?: IsoDay;
  readonly exchangeId: string;
  readonly sourcePointer: string;
  /** The version before the latest change, so a retour that rejects the change can restore it. */
  readonly previous?: Omit<ToewijzingFact, 'previous'>;
}

export type DeliveryKind = 'start' | 'stop';

/** A StartProduct or StopProduct (regieberichten JW305/JW307). */
export interface DeliveryFact {
  /** `${exchangeId}${pointer}`: unique. */
  readonly id: string;
  readonly kind: DeliveryKind;
  readonly gemeente: Gemeentecode;
  readonly aanbieder: AgbCode;
  readonly pseudonym: Pseudonym;
  /** Absent in the taakgerichte variant (no toewijzing). */
  readonly nummer?: number;
  readonly categorie?: string;
  readonly code?: string;
  readonly begindatum: IsoDay;
  readonly einddatum?: IsoDay;
  /** JZ588; 20 = tijdelijk beëindigd. */
  readonly redenBeeindiging?: string;
  /** False once removed with StatusAanlevering 3, or rejected by its retour. */
  readonly current: boolean;
  readonly receivedDay: IsoDay;
  readonly exchangeId: string;
  readonly sourcePointer: string;
  /** The exchange that removed it (StatusAanlevering 3), so a retour rejecting the removal can undo it. */
  readonly removedByExchange?: string;
  readonly removedByPointer?: string;
}

/** A heen message that went through (TR056 uniqueness, retour pairing and the retour term). */
export interface MessageFact {
  readonly messageType: string;
  readonly afzender: string;
  readonly identificatie: string;
  readonly dagtekening: IsoDay;
  readonly exchangeId: string;
  readonly senderParty: string;
  readonly receiverParty: string;
  readonly receivedDay: IsoDay;
  readonly retourExchangeId?: string;
  /** The retour refused the message as a whole (OP286: functionally not sent). */
  readonly rejected: boolean;
}

export interface DeclaratieFact {
  readonly aanbieder: AgbCode;
  readonly declaratieNummer: string;
  readonly gemeente: Gemeentecode;
  readonly identificatie: string;
  readonly dagtekening: IsoDay;
  readonly basisschemaXsdVersie: string;
  readonly berichtXsdVersie: string;
  readonly exchangeId: string;
  readonly receivedDay: IsoDay;
  readonly answeredDay?: IsoDay;
}

export interface PrestatieFact {
  readonly aanbieder: AgbCode;
  /** ProductReferentie/ReferentieNummer: unique per aanbieder (TR314). */
  readonly referentieNummer: string;
  readonly vorigReferentieNummer?: string;
  readonly declaratieNummer: string;
  readonly gemeente: Gemeentecode;
  readonly pseudonym: Pseudonym;
  readonly toewijzingNummer: number;
  readonly productCategorie?: string;
  readonly productCode?: string;
  readonly begindatum: IsoDay;
  readonly einddatum: IsoDay;
  readonly geleverdVolume: number;
  readonly eenheid: string;
  readonly productTarief?: number;
  readonly bedrag: number;
  readonly debetCredit: 'D' | 'C';
  /** Rejected in the JW325 that answered its declaration. */
  readonly rejected: boolean;
}

// ---------------------------------------------------------------------------------------------
// Deadlines (the watchdog's open items)

export type DeadlineKind =
  /** OP090: a retour within 3 werkdagen. */
  | 'retour'
  /** OP274 (JW315) / OP346 (JW317): a JW301 or JW319 within 5 werkdagen. */
  | 'answer'
  /** OP359: after "in onderzoek", the final answer (woonplaatsbeginsel) within 2 weeks of the request. */
  | 'final-answer'
  /** OP090x4: a JW325 within 10 werkdagen of the JW323. */
  | 'declaratie-answer'
  /** Care-path signal: no JW305 start within N after a toewijzing. */
  | 'start'
  /** OP272: a JW307 stop within 5 werkdagen after the care ended (the toewijzing's Einddatum). */
  | 'stop'
  /** Care-path signal: a toewijzing ends within 30 days and no JW317 verzoek om wijziging came. */
  | 'extension'
  /** Care-path signal: care stopped with a reason that needs follow-up and no new toewijzing came. */
  | 'follow-up';

export type DeadlineStatus = 'open' | 'met' | 'cancelled';

export interface DeadlineFact {
  /** Deterministic from the kind and the key of what is awaited, so opening again replaces. */
  readonly id: string;
  readonly kind: DeadlineKind;
  /** The iJw rule or signal the term comes from (OP090, OP274, ...). */
  readonly rule: string;
  readonly gemeente: Gemeentecode;
  readonly aanbieder: AgbCode;
  readonly pseudonym?: Pseudonym;
  /** The party that owes the awaited message, and the gemeente party of the child. */
  readonly owedBy: string;
  readonly gemeenteParty?: string;
  /** References only (no payload, no BSN). */
  readonly refs: DeadlineRefs;
  readonly startDay: IsoDay;
  /** The last day of the term. */
  readonly dueDay: IsoDay;
  /** The first werkdag after the term: from this day the item is overdue. */
  readonly overdueOn: IsoDay;
}

export interface DeadlineRefs {
  readonly messageType?: string;
  readonly exchangeId?: string;
  readonly identificatie?: string;
  readonly referentieAanbieder?: string;
  readonly toewijzingNummer?: number;
  readonly declaratieNummer?: string;
}

/** Which open deadlines a close applies to: one by id, or all of a kind on part of a path. */
export type DeadlineMatch =
  | { readonly id: string }
  // By path: the follow-up items of a child (the only kind closed so; the stores index only these,
  // migration 22: another kind here needs an index of its own).
  | { readonly kind: Extract<DeadlineKind, 'follow-up'>; readonly pseudonym: Pseudonym; readonly gemeente?: Gemeentecode; readonly aanbieder?: AgbCode };

// ---------------------------------------------------------------------------------------------
// Changes

export type CarePathChange =
  | { readonly op: 'tracking-since'; readonly day: IsoDay }
  | { readonly op: 'message'; readonly fact: MessageFact }
  | { readonly op: 'relation'; readonly fact: RelationFact }
  | { readonly op: 'request'; readonly fact: RequestFact }
  | { readonly op: 'toewijzing'; readonly fact: ToewijzingFact }
  | { readonly op: 'delivery'; readonly fact: DeliveryFact }
  | { readonly op: 'declaratie'; readonly fact: DeclaratieFact }
  | { readonly op: 'prestatie'; readonly fact: PrestatieFact }
  /** Opens the deadline, or replaces an open one with the same id whose term changed. */
  | { readonly op: 'open-deadline'; readonly deadline: DeadlineFact }
  | { readonly op: 'close-deadlines'; readonly match: DeadlineMatch; readonly status: Exclude<DeadlineStatus, 'open'>; readonly byExchange: string };

// ---------------------------------------------------------------------------------------------
// Reading

/** The facts the process rules read. Implementations answer from memory (a loaded working set). */
export interface CarePathView {
  /** The first day the gateway kept care paths; undefined before the first fact. */
  trackingSince(): IsoDay | undefined;
  message(messageType: string, afzender: string, identificatie: string): MessageFact | undefined;
  relation(pseudonym: Pseudonym, gemeente: Gemeentecode, aanbieder: AgbCode): RelationFact | undefined;
  /** Any path between this gemeente and aanbieder. */
  pairSeen(gemeente: Gemeentecode, aanbieder: AgbCode): boolean;
  request(aanbieder: AgbCode, referentie: string): RequestFact | undefined;
  requestsOf(pseudonym: Pseudonym, gemeente: Gemeentecode, aanbieder: AgbCode): readonly RequestFact[];
  toewijzing(gemeente: Gemeentecode, nummer: number): ToewijzingFact | undefined;
  toewijzingenOf(pseudonym: Pseudonym, gemeente: Gemeentecode, aanbieder: AgbCode): readonly ToewijzingFact[];
  /** Deliveries on a toewijzing (nummer), or, for the taakgerichte variant, on the path without one. */
  deliveriesOf(gemeente: Gemeentecode, aanbieder: AgbCode, pseudonym: Pseudonym, nummer: number | undefined): readonly DeliveryFact[];
  /** Every fact an exchange created or changed (for a retour that rejects it). */
  factsOf(exchangeId: string): { readonly requests: readonly RequestFact[]; readonly toewijzingen: readonly ToewijzingFact[]; readonly deliveries: readonly DeliveryFact[] };
  declaratie(aanbieder: AgbCode, declaratieNummer: string): DeclaratieFact | undefined;
  declaratieByMessage(aanbieder: AgbCode, identificatie: string, dagtekening: IsoDay): DeclaratieFact | undefined;
  prestatie(aanbieder: AgbCode, referentieNummer: string): PrestatieFact | undefined;
  prestatiesOfDeclaratie(aanbieder: AgbCode, declaratieNummer: string): readonly PrestatieFact[];
  /** Prestaties declared on a toewijzing. */
  prestatiesOf(gemeente: Gemeentecode, toewijzingNummer: number): readonly PrestatieFact[];
  /** Credit prestaties that credit the given debit. */
  creditsOf(aanbieder: AgbCode, referentieNummer: string): readonly PrestatieFact[];
}

// ---------------------------------------------------------------------------------------------
// Loading (care-path-loading.ts): keys of what a message touches, and rows as a store returns them

export interface MessageKey {
  readonly messageType: string;
  readonly afzender: string;
  readonly identificatie: string;
}
export interface PairKey {
  readonly gemeente: string;
  readonly aanbieder: string;
}
export interface PathKey extends PairKey {
  readonly pseudonym: string;
}
export interface RequestKey {
  readonly aanbieder: string;
  readonly referentie: string;
}
export interface ToewijzingKey {
  readonly gemeente: string;
  readonly nummer: number;
}
export interface DeclaratieKey {
  readonly aanbieder: string;
  readonly declaratieNummer: string;
}
export interface DeclaratieMessageKey {
  readonly aanbieder: string;
  readonly identificatie: string;
  readonly dagtekening: IsoDay;
}
export interface PrestatieKey {
  readonly aanbieder: string;
  readonly referentieNummer: string;
}

export interface CarePathKeys {
  readonly messages: readonly MessageKey[];
  readonly pairs: readonly PairKey[];
  readonly paths: readonly PathKey[];
  readonly requests: readonly RequestKey[];
  readonly toewijzingen: readonly ToewijzingKey[];
  readonly declaraties: readonly DeclaratieKey[];
  readonly declaratieMessages: readonly DeclaratieMessageKey[];
  readonly prestaties: readonly PrestatieKey[];
  /** For a retour: the heen message, whose facts are read in the second round. */
  readonly retourOf?: MessageKey;
}

/** Rows as a store returns them; every list may be empty or absent. */
export interface CarePathRows {
  readonly relations?: readonly RelationFact[];
  readonly requests?: readonly RequestFact[];
  readonly toewijzingen?: readonly ToewijzingFact[];
  readonly deliveries?: readonly DeliveryFact[];
  readonly messages?: readonly MessageFact[];
  readonly declaraties?: readonly DeclaratieFact[];
  readonly prestaties?: readonly PrestatieFact[];
  readonly pairs?: readonly PairKey[];
}

/**
 * The bulk reads a store offers over the care-path facts (within the transaction that will record the
 * message); src/care-path/care-path-loading.ts composes them into one message's working set.
 */
export interface CarePathReader {
  trackingSince(): Promise<IsoDay | undefined>;
  messages(keys: readonly MessageKey[]): Promise<CarePathRows>;
  /** The pairs among these that have any path. */
  pairs(keys: readonly PairKey[]): Promise<CarePathRows>;
  requests(keys: readonly RequestKey[]): Promise<CarePathRows>;
  /**
   * What a message names first, in one read: messages(keys.messages), pairs(keys.pairs) and
   * requests(keys.requests) together, each list as that read gives it (one round trip on a server).
   */
  named(keys: NamedKeys): Promise<CarePathRows>;
  /** Each path whole: its relation, requests, toewijzingen, and the deliveries of those toewijzingen and of the path itself. */
  paths(keys: readonly PathKey[]): Promise<CarePathRows>;
  /** These toewijzingen with their deliveries and prestaties, the credits of those prestaties and their declarations. */
  toewijzingen(keys: readonly ToewijzingKey[]): Promise<CarePathRows>;
  declaraties(keys: readonly DeclaratieKey[]): Promise<CarePathRows>;
  /** The declarations sent in these messages, with their prestaties. */
  declaratiesByMessage(keys: readonly DeclaratieMessageKey[]): Promise<CarePathRows>;
  /** These prestaties, with the credits of each. */
  prestaties(keys: readonly PrestatieKey[]): Promise<CarePathRows>;
  /** The requests, toewijzingen and deliveries an exchange created, changed or removed. */
  factsOfExchange(exchangeId: string): Promise<CarePathRows>;
}

/** The keys of CarePathReader.named: the first round of a message's working set. */
export interface NamedKeys {
  readonly messages: readonly MessageKey[];
  readonly pairs: readonly PairKey[];
  readonly requests: readonly RequestKey[];
}

/** One bulk read of the care-path facts, as the store port takes it (StoreTx.carePathRows). */
export type CarePathQuery =
  | { readonly what: 'messages'; readonly keys: readonly MessageKey[] }
  | ({ readonly what: 'named' } & NamedKeys)
  | { readonly what: 'pairs'; readonly keys: readonly PairKey[] }
  | { readonly what: 'requests'; readonly keys: readonly RequestKey[] }
  | { readonly what: 'paths'; readonly keys: readonly PathKey[] }
  | { readonly what: 'toewijzingen'; readonly keys: readonly ToewijzingKey[] }
  | { readonly what: 'declaraties'; readonly keys: readonly DeclaratieKey[] }
  | { readonly what: 'declaratiesByMessage'; readonly keys: readonly DeclaratieMessageKey[] }
  | { readonly what: 'prestaties'; readonly keys: readonly PrestatieKey[] }
  | { readonly what: 'exchange'; readonly exchangeId: string };

/** What a store transaction offers for reading care paths (StoreTx has both methods). */
export interface CarePathRowSource {
  carePathTrackingSince(): Promise<IsoDay | undefined>;
  carePathRows(query: CarePathQuery): Promise<CarePathRows>;
}

/** The CarePathReader over a store transaction's two read methods. */
export function carePathReaderOf(source: CarePathRowSource): CarePathReader {
  return {
    trackingSince: () => source.carePathTrackingSince(),
    messages: (keys) => source.carePathRows({ what: 'messages', keys }),
    pairs: (keys) => source.carePathRows({ what: 'pairs', keys }),
    requests: (keys) => source.carePathRows({ what: 'requests', keys }),
    named: (keys) => source.carePathRows({ what: 'named', ...keys }),
    paths: (keys) => source.carePathRows({ what: 'paths', keys }),
    toewijzingen: (keys) => source.carePathRows({ what: 'toewijzingen', keys }),
    declaraties: (keys) => source.carePathRows({ what: 'declaraties', keys }),
    declaratiesByMessage: (keys) => source.carePathRows({ what: 'declaratiesByMessage', keys }),
    prestaties: (keys) => source.carePathRows({ what: 'prestaties', keys }),
    factsOfExchange: (exchangeId) => source.carePathRows({ what: 'exchange', exchangeId }),
  };
}

/**
 * What applying a message's changes did to the watchdog's items, each deadline the changes touched
 * by its final state (the caller closes the signals raised for them).
 */
export interface CarePathApplied {
  /** Deadlines that ended closed (met or cancelled). */
  readonly closed: readonly { readonly id: string; readonly status: Exclude<DeadlineStatus, 'open'> }[];
  /** Deadlines opened anew or whose term changed (a signal raised for the old term no longer holds). */
  readonly opened: readonly string[];
}
