// The policy's rule types (consent/policy.default.json, schemas/policy.schema.json): what a rule
// matches, the legal basis it names, its consent mode, blocks, preconditions, override permission,
// side effects and field allow-list. Apart from the engine (policy-engine.ts) so that the consent
// evaluation can read a rule without importing the engine that calls it.
import type { PartyRole, Regime } from '../src/kernel/party-role.ts';
import type { ConsentMode } from './legal-basis-catalogue.ts';
import type { PreconditionName } from './preconditions.ts';

export type BlockCondition = 'secret-address' | 'safety-risk' | 'no-bsn';

export interface OverridePermission {
  readonly roles: readonly PartyRole[];
  readonly reasonCodes: readonly string[];
  readonly legalBasis: string;
  readonly processingActivityId: string;
}

/** `notify`: a second exchange to the party of receiverRole whose gemeentecode is in the message (a statutory duty). */
export interface NotifySideEffect {
  readonly kind: 'notify';
  readonly messageType: string;
  readonly purpose: string;
  readonly receiverRole: PartyRole;
  readonly receiverGemeentecodeAt: string;
  readonly source: string;
}

/**
 * `notify-regievoerder`: a notice (metadata only) to the child's regievoerder, when the child has one
 * and it is neither the sender nor the receiver. Decided by its own rule; unlike `notify`, a refusal
 * does not fail the exchange that caused it (the sender owes the regievoerder nothing): it is audited.
 */
export interface NotifyRegievoerderSideEffect {
  readonly kind: 'notify-regievoerder';
  readonly messageType: string;
  readonly purpose: string;
  readonly source: string;
}

export type SideEffectRule = NotifySideEffect | NotifyRegievoerderSideEffect;

export interface PolicyRule {
  readonly id: string;
  readonly version: number;
  readonly matrixRows?: readonly number[];
  readonly description?: string;
  readonly source: string;
  readonly senderRoles: readonly PartyRole[];
  readonly senderRegime?: Regime;
  readonly receiverRoles: readonly PartyRole[];
  readonly messageTypes: readonly string[];
  readonly purpose: string;
  readonly legalBasis: string;
  readonly processingActivityId: string;
  readonly consent: ConsentMode;
  readonly blockWhen?: readonly BlockCondition[];
  readonly preconditions?: readonly PreconditionName[];
  readonly extraFields?: 'strip' | 'refuse';
  readonly dataCategories?: Readonly<Record<string, readonly string[]>>;
  readonly override?: OverridePermission;
  readonly sideEffects?: readonly SideEffectRule[];
  readonly fields: readonly string[];
}

export interface PolicySet {
  readonly version: string;
  readonly description?: string;
  readonly rules: readonly PolicyRule[];
}
