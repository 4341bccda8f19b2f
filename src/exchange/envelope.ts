import type { OverrideUse, SubjectFacts } from '../kernel/policy-decision.ts';

/** The JSON envelope of a submission (schemas/envelope.schema.json). */
export interface Envelope {
  readonly messageType: string;
  readonly receiver: string;
  readonly sender?: string;
  readonly purpose: string;
  readonly subject?: SubjectFacts;
  readonly override?: OverrideUse;
  readonly message: Record<string, unknown>;
}

export function isIjwType(messageType: string): boolean {
  return /^JW3\d\d$/.test(messageType);
}

/** iJw technical retours (JW302, 306, 308, 316, 318, 320): they answer a heen message. */
export function isIjwRetour(messageType: string): boolean {
  return ['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320'].includes(messageType);
}
