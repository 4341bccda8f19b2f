// The regie register's records (issue 12): per child (by pseudonym) at most one active regievoerder,
// an organisation (a party) with a function or team contact, and the handovers between them. Kept in
// the kernel because the regie module writes them and the store keeps them. No names of private
// persons and no BSN: the contact is a function ("casemanager team Zuid"), the child a pseudonym.

/** The signals source of the regie register (the key is the handover id): raised by the watchdog, closed by the answer. */
export const REGIE_SIGNAL_SOURCE = 'regie';
/** The signal key of a child with care and no regievoerder (handover signals are keyed by a UUID: no clash). */
export const withoutRegieKey = (subjectPseudonym: string): string => `without:${subjectPseudonym}`;

/** Why a regie ends without a successor; a handover ends it with `handed-over`. */
export const regieEndReasons = ['care-ended', 'moved-away', 'measure-ended', 'transferred-outside-gateway', 'registered-in-error'] as const;
export type RegieEndReason = (typeof regieEndReasons)[number] | 'handed-over';

export interface Regie {
  readonly id: string;
  readonly subjectPseudonym: string;
  /** The organisation that has the regie (a party id). */
  readonly party: string;
  /** The function or team to contact there, never a private person's name. */
  readonly contactFunction: string;
  /** The legal basis it was registered on (consent/legal-bases.json). */
  readonly legalBasis: string;
  readonly registeredBy: string;
  readonly startedAt: number;
  readonly status: 'active' | 'ended';
  readonly endedAt: number | null;
  readonly endedBy: string | null;
  readonly endReason: RegieEndReason | null;
  /** The regie that followed it by a handover. */
  readonly successorId: string | null;
}

export type RegieHandoverStatus = 'proposed' | 'accepted' | 'declined';

/** A proposal to move the regie to another party; the old regievoerder stays responsible until it is accepted. */
export interface RegieHandover {
  readonly id: string;
  readonly subjectPseudonym: string;
  /** The regie it would end. */
  readonly regieId: string;
  readonly fromParty: string;
  readonly toParty: string;
  readonly contactFunction: string;
  readonly proposedBy: string;
  readonly proposedAt: number;
  readonly status: RegieHandoverStatus;
  readonly decidedAt: number | null;
  readonly decidedBy: string | null;
  readonly note: string | null;
}
