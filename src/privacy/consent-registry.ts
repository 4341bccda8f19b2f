// The consent registry's use cases: an agency registers a consent (or an
// objection) for a child, reads and lists its own registrations, and revokes one; a privacy officer
// may read and revoke any. Every change and every read is audited. A revocation is kept (nothing is
// deleted) and, in the same transaction, cancels the child's pending deliveries that rested on the
// consent: their outbox rows are cancelled (payload removed), their exchanges marked cancelled, and
// each cancellation audited as delivery.cancel. Deliveries already made stay lawful (AVG art. 7(3)).
// A registration or revocation also tells the parties the consent names whose systems keep consents
// (a FHIR party: a FHIR Consent), through the notices port (src/exchange/consent-notices.ts, wired by
// the composition root), in the same transaction: the answer lists the notices queued.

import { randomUUID } from 'node:crypto';
import { GatewayError } from '../kernel/gateway-error.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Pseudonymizer } from '../audit/pseudonym.ts';
import type { Clock } from '../kernel/clock.ts';
import { dutchDate } from '../kernel/clock.ts';
import type { Principal } from '../config/config-types.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { Store } from '../store/store.ts';
import type { PolicyEngine } from '../../consent/policy-engine.ts';
import type { ConsentGiver, ConsentNoticeOutcome, ConsentRecord, ConsentRevocation } from '../kernel/consent-record.ts';
import type { CancelledDelivery, StoreTx } from '../store/store.ts';
import { checkRegistration, giverProblem, type ConsentRegistration } from '../../consent/consent-registration.ts';
import { bodyValidator, schemaIds } from './request-body.ts';
import type { ConsentRevocationBody } from '../validation/schema-types/consent-revocation.ts';

export interface ConsentRegistryDeps {
  readonly store: Store;
  readonly committer: GroupCommitter;
  readonly clock: Clock;
  readonly pseudonymize: Pseudonymizer;
  readonly policy: PolicyEngine;
  readonly parties: PartyRegistry;
  readonly knownMessageTypes: () => readonly string[];
  /** Notices of registrations and revocations to the parties a consent names (absent: none are sent). */
  readonly notices?: ConsentNoticesPort;
}

/** The notices port (implemented by src/exchange/consent-notices.ts): called in the registry's transactions. */
export interface ConsentNoticesPort {
  registered(tx: StoreTx, ctx: { readonly record: ConsentRecord; readonly bsn: string; readonly now: Date; readonly trace: TraceContext }): Promise<ConsentNoticeOutcome[]>;
  revoked(
    tx: StoreTx,
    ctx: { readonly record: ConsentRecord; readonly revocation: ConsentRevocation; readonly cancelled: readonly CancelledDelivery[]; readonly now: Date; readonly trace: TraceContext },
  ): Promise<ConsentNoticeOutcome[]>;
}

/** A consent as the API shows it: without the pseudonym (an internal key). */
export type ConsentView = Omit<ConsentRecord, 'subjectPseudonym'>;

export function consentView(record: ConsentRecord): ConsentView {
  const { subjectPseudonym: _pseudonym, ...view } = record;
  return view;
}

export interface RevocationResult {
  readonly consent: ConsentView;
  /** The pending deliveries that rested on it and were cancelled. */
  readonly cancelledExchanges: readonly string[];
  /** The revocation notices to the parties that may hold the consent. */
  readonly notices: readonly ConsentNoticeOutcome[];
}

/** A registered consent as the registration answers it: the consent and the notices queued for it. */
export type RegistrationResult = ConsentView & { readonly notices: readonly ConsentNoticeOutcome[] };

export interface ConsentRegistry {
  register(principal: Principal, body: unknown, trace: TraceContext): Promise<RegistrationResult>;
  get(principal: Principal, id: string, trace: TraceContext): Promise<ConsentView>;
  list(principal: Principal, query: { readonly limit: number; readonly after?: string }, trace: TraceContext): Promise<{ items: ConsentView[]; next: string | null }>;
  revoke(principal: Principal, id: string, body: unknown, trace: TraceContext): Promise<RevocationResult>;
}

function agencyOnly(principal: Principal): string {
  if (principal.role !== 'agency') throw new GatewayError('forbidden', { detail: 'consents are registered by agency systems' });
  return principal.party.id;
}

function mayRead(principal: Principal, record: ConsentRecord): boolean {
  return principal.role === 'privacy-officer' || (principal.role === 'agency' && record.registeredBy === principal.party.id);
}

export function createConsentRegistry(deps: ConsentRegistryDeps): ConsentRegistry {
  const { store, committer, clock } = deps;
  const parseRegistration = bodyValidator<ConsentRegistration>(schemaIds.registration);
  const parseRevocation = bodyValidator<ConsentRevocationBody>(schemaIds.revocation);
  const notFound = (): GatewayError => new GatewayError('not-found', { detail: 'no such consent for this caller' });

  async function auditRead(principal: Principal, trace: TraceContext, consentIds: readonly string[], subject: string | undefined, detail: string): Promise<void> {
    // Every read of consent data is itself audited; the answer waits for the record.
    await committer.run((tx) =>
      appendAudit(
        tx,
        {
          traceId: trace.traceId,
          spanId: trace.spanId,
          action: 'consent.read',
          outcome: 'read',
          actor: principal.id,
          consentIds,
          ...(subject !== undefined ? { dataSubjectId: subject, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
          detail,
        },
        clock.now(),
      ),
    );
  }

  return {
    async register(principal, body, trace) {
      const registeredBy = agencyOnly(principal);
      const registration = parseRegistration(body);
      const now = clock.now();
      const errors = checkRegistration(registration, {
        rules: deps.policy.rules(),
        knownParty: (id) => deps.parties.get(id) !== undefined,
        knownMessageTypes: deps.knownMessageTypes(),
        today: dutchDate(now),
      });
      if (errors.length > 0) throw new GatewayError('invalid-input', { errors });
      const record: ConsentRecord = {
        id: randomUUID(),
        subjectPseudonym: deps.pseudonymize(registration.bsn),
        kind: registration.kind ?? 'permit',
        givers: registration.givers as readonly ConsentGiver[],
        custodianCount: registration.custodianCount,
        scope: {
          purposes: registration.scope.purposes,
          // A consent waives the registering party's own secrecy (Jw 7.3.11 lid 1; BW 7:457): it covers
          // that party's disclosures only, and the party keeps the evidence.
          senders: [registeredBy],
          receivers: registration.scope.receivers,
          ...(registration.scope.messageTypes !== undefined ? { messageTypes: registration.scope.messageTypes } : {}),
          ...(registration.scope.dataCategories !== undefined ? { dataCategories: registration.scope.dataCategories } : {}),
        },
        givenOn: registration.givenOn,
        validFrom: registration.validFrom,
        ...(registration.validUntil !== undefined ? { validUntil: registration.validUntil } : {}),
        evidence: registration.evidence,
        ...(registration.capacityAssessment !== undefined ? { capacityAssessment: registration.capacityAssessment } : {}),
        registeredBy,
        registeredAt: now.toISOString(),
        status: 'active',
      };
      const notices = await committer.run(async (tx) => {
        await tx.insertConsent(record);
        await appendAudit(
          tx,
          {
            traceId: trace.traceId,
            spanId: trace.spanId,
            action: 'consent.grant',
            outcome: 'granted',
            actor: registeredBy,
            consentIds: [record.id],
            ...(record.scope.purposes.length === 1 ? { purpose: record.scope.purposes[0] } : {}),
            dataSubjectId: record.subjectPseudonym,
            dataSubjectIdType: 'bsn-pseudonym',
            detail: `${record.kind} for ${record.scope.purposes.join(', ')}`,
          },
          now,
        );
        return (await deps.notices?.registered(tx, { record, bsn: registration.bsn, now, trace })) ?? [];
      });
      return { ...consentView(record), notices };
    },

    async get(principal, id, trace) {
      if (principal.role !== 'agency' && principal.role !== 'privacy-officer') throw new GatewayError('forbidden', { detail: 'needs an agency or the privacy-officer role' });
      const record = await store.getConsent(id);
      if (record === undefined || !mayRead(principal, record)) throw notFound();
      await auditRead(principal, trace, [record.id], record.subjectPseudonym, 'consent');
      return consentView(record);
    },

    async list(principal, query, trace) {
      const registeredBy = agencyOnly(principal);
      const rows = await store.listConsents({ registeredBy, limit: query.limit + 1, ...(query.after !== undefined ? { after: query.after } : {}) });
      const page = rows.slice(0, query.limit);
      await auditRead(principal, trace, page.map((r) => r.id), undefined, 'own registrations');
      return { items: page.map(consentView), next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    },

    async revoke(principal, id, body, trace) {
      if (principal.role !== 'agency' && principal.role !== 'privacy-officer') throw new GatewayError('forbidden', { detail: 'needs an agency or the privacy-officer role' });
      const request = parseRevocation(body ?? {});
      const capacityProblem = request.revokedBy === undefined ? undefined : giverProblem(request.revokedBy.capacity);
      if (capacityProblem !== undefined) throw new GatewayError('invalid-input', { errors: [{ pointer: '/revokedBy/capacity', detail: capacityProblem }] });
      const existing = await store.getConsent(id);
      if (existing === undefined || !mayRead(principal, existing)) throw notFound();
      const now = clock.now();
      const revocation: ConsentRevocation = {
        revokedAt: now.toISOString(),
        recordedBy: principal.id,
        ...(request.revokedBy !== undefined ? { revokedBy: request.revokedBy as ConsentGiver } : {}),
        ...(request.reason !== undefined ? { reason: request.reason } : {}),
        ...(request.evidence !== undefined ? { evidence: request.evidence } : {}),
      };
      const done = await committer.run(async (tx) => {
        if (!(await tx.revokeConsent(id, revocation))) {
          throw new GatewayError('conflict', { detail: 'this consent was already revoked' });
        }
        const audit = { traceId: trace.traceId, spanId: trace.spanId, actor: principal.id, dataSubjectId: existing.subjectPseudonym, dataSubjectIdType: 'bsn-pseudonym' as const };
        // Revocation reaches queued work: the child's pending deliveries that rested on this consent.
        const rows = await tx.cancelPendingDeliveries({ subjectPseudonym: existing.subjectPseudonym, consentId: id, now: now.getTime() });
        await appendAudit(tx, { ...audit, action: 'consent.revoke', outcome: 'revoked', consentIds: [id], detail: `cancelled ${rows.length} pending deliveries` }, now);
        for (const row of rows) {
          await tx.updateExchange(row.exchangeId, { status: 'cancelled', reason: 'consent-revoked', updatedAt: now.getTime() });
          await appendAudit(
            tx,
            {
              ...audit,
              action: 'delivery.cancel',
              outcome: 'cancelled',
              reason: 'consent-revoked',
              exchangeId: row.exchangeId,
              counterparty: row.receiver,
              messageType: row.messageType,
              purpose: row.purpose,
              consentIds: [id],
              ...(row.wasLeased ? { detail: 'a delivery attempt was in flight when the consent was revoked' } : {}),
            },
            now,
          );
        }
        const notices = (await deps.notices?.revoked(tx, { record: existing, revocation, cancelled: rows, now, trace })) ?? [];
        return { cancelled: rows.map((r) => r.exchangeId), notices };
      });
      return { consent: consentView({ ...existing, status: 'revoked', revocation }), cancelledExchanges: done.cancelled, notices: done.notices };
    },
  };
}
