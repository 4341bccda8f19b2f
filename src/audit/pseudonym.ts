import { createHmac } from 'node:crypto';

/**
 * The keyed pseudonym of a BSN (architecture.md, Data protection by design): HMAC-SHA256 with the
 * configured secret. Audit records and logs carry only this; a privacy officer who knows the BSN can
 * find the child's records because the gateway can compute the same pseudonym.
 */
export type Pseudonymizer = (bsn: string) => string;

/**
 * One exchange asks for its child's pseudonym several times (the decision, the care path's keys, its
 * rules): the last 512 are remembered in this process's memory (where the messages holding those BSNs
 * pass anyway; the store keeps them until the payload is purged), the oldest forgotten first.
 */
const remembered = 512;

export function createPseudonymizer(secret: string): Pseudonymizer {
  const recent = new Map<string, string>();
  return (bsn) => {
    const known = recent.get(bsn);
    if (known !== undefined) return known;
    const pseudonym = createHmac('sha256', secret).update(bsn).digest('hex');
    if (recent.size >= remembered) recent.delete(recent.keys().next().value as string);
    recent.set(bsn, pseudonym);
    return pseudonym;
  };
}
