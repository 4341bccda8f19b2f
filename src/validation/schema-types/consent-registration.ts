// Generated from schemas/consent-registration.schema.json by scripts/generate-schema-types.ts; do not edit by hand.

/**
 * What an agency submits to POST /v1/consents: a consent (or an objection) for one child, who gave it and in which capacity, its scope, period and evidence. FHIR Consent-shaped (domain.md 4.2): patient = bsn, performer = givers, provision.period = validFrom/validUntil, provision.actor = scope.receivers, provision.purpose = scope.purposes, provision.class = scope.messageTypes / dataCategories, sourceReference = evidence.
 */
export interface ConsentRegistrationBody {
  /**
   * The child's BSN. Stored only as its keyed pseudonym.
   */
  bsn: string;
  /**
   * A consent (default) or an objection (bezwaar), e.g. to research under Jw 7.3.12.
   */
  kind?: 'permit' | 'objection';
  /**
   * Who gave it, each in their capacity. Only the child, a custodial parent (gezaghebbende ouder), a guardian (voogd) or, for someone judged not competent, a representative can consent (BW 1:245; Jw 7.3.4, 7.3.15).
   *
   * @minItems 1
   * @maxItems 4
   */
  givers: {
    capacity:
      'child' | 'custodial-parent' | 'guardian' | 'representative' | 'non-custodial-parent' | 'foster-parent' | 'relative' | 'other';
    /**
     * The registering party's own reference for the person (e.g. 'ouder-1'); starts with a letter, so it cannot be a BSN.
     */
    reference: string;
  }[];
  /**
   * How many custodians (gezaghebbenden) the child has: needed when all custodians must consent.
   */
  custodianCount: number;
  /**
   * What the consent covers. It covers disclosures by the registering party only: a consent waives that party's own secrecy (Jw 7.3.11 lid 1; BW 7:457), and each discloser keeps its own evidence.
   */
  scope: {
    /**
     * @minItems 1
     * @maxItems 10
     */
    purposes: string[];
    receivers: {
      /**
       * @minItems 1
       * @maxItems 50
       */
      parties?: string[];
      /**
       * @minItems 1
       * @maxItems 12
       */
      roles?: (
        | 'gemeente'
        | 'aanbieder'
        | 'gi'
        | 'veilig-thuis'
        | 'raad'
        | 'verwijsindex'
        | 'cbs'
        | 'onderzoeker'
        | 'school'
        | 'huisarts'
        | 'politie'
        | 'professional'
      )[];
    };
    /**
     * @minItems 1
     * @maxItems 20
     */
    messageTypes?: string[];
    /**
     * @minItems 1
     * @maxItems 20
     */
    dataCategories?: string[];
  };
  /**
   * The day the consent was given.
   */
  givenOn: string;
  validFrom: string;
  /**
   * Inclusive; open-ended when absent.
   */
  validUntil?: string;
  evidence: {
    /**
     * Where the registering party keeps the proof (a document or dossier reference).
     */
    reference: string;
    form?: 'written' | 'verbal' | 'digital';
  };
  /**
   * The judgement of the child's capacity for this decision (Jw 7.3.15 lid 2; WGBO 7:465): who judged, when, for which decision.
   */
  capacityAssessment?: {
    competent: boolean;
    assessedBy: string;
    assessedOn: string;
    decision: string;
  };
}
