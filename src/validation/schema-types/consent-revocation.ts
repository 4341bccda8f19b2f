// Generated from schemas/consent-revocation.schema.json by scripts/generate-schema-types.ts; do not edit by hand.

/**
 * What POST /v1/consents/{consentId}/revocation takes. Every member is optional: withdrawing is as easy as giving (AVG art. 7(3)).
 */
export interface ConsentRevocationBody {
  revokedBy?: {
    capacity:
      'child' | 'custodial-parent' | 'guardian' | 'representative' | 'non-custodial-parent' | 'foster-parent' | 'relative' | 'other';
    reference: string;
  };
  reason?: string;
  evidence?: {
    reference: string;
  };
}
