// The consent registry's record (domain.md 4.2, 8.1 "ConsentRecord, FHIR Consent-shaped"): for one
// child, who gave it and in which capacity, the scope (purposes, senders, receiving parties or roles,
// message types or data categories), the period, the evidence, and the registering party. A record
// is never deleted: a revocation is added to it (AVG art. 7(3): withdrawal as easy as giving).
//
// The child is stored by the keyed pseudonym of the BSN only: the registry never needs the BSN back
// (a decision and a privacy officer's lookup both start from a BSN and compute the pseudonym).
//
// Capacity (wilsonbekwaamheid) is judged per decision (Jw 7.3.15 lid 2; WGBO 7:465): we record the
// assessment on the consent record it belongs to, with who judged, when and for which decision, as
// submitted by the registering party. A record whose assessment says "not competent" cannot count the
// child's own consent; the representatives decide (consent/age-rules.ts).

import type { PartyRole } from './party-role.ts';

export type ConsentKind = 'permit' | 'objection';

/** Capacities that can consent for the child (BW 1:245: gezag is ouderlijk gezag or voogdij). */
export type GiverCapacity = 'child' | 'custodial-parent' | 'guardian' | 'representative';
/** Capacities a registering party may name but that cannot consent: refused with a clear error. */
export type NonCustodianCapacity = 'non-custodial-parent' | 'foster-parent' | 'relative' | 'other';

export interface ConsentGiver {
  readonly capacity: GiverCapacity;
  /** The registering party's own reference for the person (e.g. "ouder-1"); never a BSN. */
  readonly reference: string;
}

export interface ConsentScope {
  readonly purposes: readonly string[];
  /** Parties whose disclosures the consent covers: the registering party (whose secrecy it waives). */
  readonly senders: readonly string[];
  readonly receivers: { readonly parties?: readonly string[]; readonly roles?: readonly PartyRole[] };
  readonly messageTypes?: readonly string[];
  readonly dataCategories?: readonly string[];
}

export interface CapacityAssessment {
  readonly competent: boolean;
  /** Who judged (name or function of the professional), as the registering party recorded it. */
  readonly assessedBy: string;
  readonly assessedOn: string; // YYYY-MM-DD
  /** For which decision the capacity was judged. */
  readonly decision: string;
}

export interface ConsentRevocation {
  readonly revokedAt: string; // ISO 8601
  /** The principal (party or privacy officer) that recorded the revocation. */
  readonly recordedBy: string;
  /** Who withdrew it, when it is one of the givers (or another person entitled to). */
  readonly revokedBy?: ConsentGiver;
  readonly reason?: string;
  readonly evidence?: { readonly reference: string };
}

export interface ConsentRecord {
  readonly id: string;
  readonly subjectPseudonym: string;
  readonly kind: ConsentKind;
  readonly givers: readonly ConsentGiver[];
  /** How many custodians (gezaghebbenden) the child has, as the registering party knows it: 0 to 2. */
  readonly custodianCount: number;
  readonly scope: ConsentScope;
  readonly givenOn: string; // YYYY-MM-DD
  readonly validFrom: string; // YYYY-MM-DD
  readonly validUntil?: string; // YYYY-MM-DD, inclusive
  readonly evidence: { readonly reference: string; readonly form?: 'written' | 'verbal' | 'digital' };
  readonly capacityAssessment?: CapacityAssessment;
  readonly registeredBy: string;
  readonly registeredAt: string; // ISO 8601
  readonly status: 'active' | 'revoked';
  readonly revocation?: ConsentRevocation;
}

/** True when the record is in force on the date (active, inside its period). */
export function inForce(record: ConsentRecord, date: string): boolean {
  return record.validFrom <= date && (record.validUntil === undefined || date <= record.validUntil);
}

/**
 * A notice of a consent, objection or revocation to a party it names whose system keeps consents
 * (issue 15: a FHIR party receives it as a FHIR Consent): an exchange of the gateway's own, decided,
 * audited and queued in the registration's or revocation's transaction.
 */
export interface ConsentNoticeOutcome {
  readonly exchangeId: string;
  readonly receiver: string;
  /** queued: in the outbox, delivered like any exchange; refused: the policy did not allow it (audited). */
  readonly status: 'queued' | 'refused';
  /** For a refused notice: the decision's reason code. */
  readonly reason?: string;
}
