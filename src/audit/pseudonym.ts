import { createHmac } from 'node:crypto';

/**
 * The keyed pseudonym of a BSN (architecture.md, Data protection by design): HMAC-SHA256 with the
 * configured secret. Audit records and logs carry only this; a privacy officer who knows the BSN can
 * find the child's records because the gateway can compute the same pseudonym.
 */
export type Pseudonymizer = (bsn: string) => string;

export function createPseudonymizer(secret: string): Pseudonymizer {
  return (bsn) => createHmac('sha256', secret).update(bsn).digest('hex');
}
