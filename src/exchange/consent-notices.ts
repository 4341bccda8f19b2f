// The gateway's own notices of consents (issue 15, "a consent registered for a FHIR provider never
// reaches it as a FHIR Consent"). When a party registers a consent or objection whose scope names a
// receiving party (by id, or by a role) whose adapter maps consent notices (the FHIR adapter: its
// `carries` names ConsentNotice; adapters that pass JSON on as it is are not sent them, since their
// receivers never asked for this type), that party is sent a ConsentNotice; when the consent is
// revoked, a revocation notice. Each notice is an exchange like any other: decided by its own policy
// rule (`kennisgeving-toestemming`, a legal basis of its own in the catalogue), audited
// (`exchange.submit`), and queued in the outbox in the registration's or revocation's transaction, so
// it is retried and dead-lettered like any delivery. Its sender is the registering party (whose
// consent it is); no party can submit one itself (its schema is x-gateway-originated).
//
// What a notice carries, and why (the record keeps the child's pseudonym only, never the BSN):
// - at registration the notice is built from the request, which carries the BSN: the receiver must
//   know which child the consent is about (the Consent's patient);
// - a revocation notice carries the consent id and the moment only: the receiver finds its Consent by
//   the consent id and turns it inactive (a conditional patch), so nothing about the child needs to
//   be kept for it, neither in the record nor in a queued payload.
// Each notice is linked to its consent (exchange_consents), so a revocation cancels a notice still
// waiting in the outbox; the receiver that never got the consent is then not sent its revocation. A
// notice that was being delivered at that moment may still arrive: that receiver's revocation waits
// until the attempt is over (the delivery timeout), so it cannot overtake it.

import { randomUUID } from 'node:crypto';
import type { Party } from '../config/config-types.ts';
import type { PartyRegistry } from '../config/party-registry.ts';
import type { PolicyEngine } from '../../consent/policy-engine.ts';
import { dutchDate } from '../kernel/clock.ts';
import type { ConsentNoticeOutcome, ConsentRecord, ConsentRevocation } from '../kernel/consent-record.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import { newSpanId, type TraceContext } from '../kernel/trace-context.ts';
import type { CancelledDelivery, StoreTx } from '../store/store.ts';
import { decideExchange, type ExchangeFacts } from './decide-exchange.ts';
import type { MessageValidator } from './message-validator-port.ts';
import { isAllowed, recordDecidedExchange } from './record-exchange.ts';

export const CONSENT_NOTICE_TYPE = 'ConsentNotice';
export const CONSENT_NOTICE_PURPOSE = 'kennisgeving-toestemming';


export interface ConsentNoticeDeps {
  readonly policy: PolicyEngine;
  readonly parties: PartyRegistry;
  readonly validator: MessageValidator;
  /** Whether the party's adapter has a mapping of its own for the type (Adapter.carries defined and true) and the party takes it. */
  readonly receiverMaps: (receiver: Party, messageType: string) => boolean;
  /** How long a delivery attempt may last (delivery.timeoutMs): a revocation waits this long behind an attempt in flight. */
  readonly attemptMs: number;
}

export interface RegisteredContext {
  readonly record: ConsentRecord;
  /** The child's BSN from the registration request (the record keeps only its pseudonym). */
  readonly bsn: string;
  readonly now: Date;
  readonly trace: TraceContext;
}

export interface RevokedContext {
  readonly record: ConsentRecord;
  readonly revocation: ConsentRevocation;
  /** What the revocation cancelled in its transaction, before the notices (registration notices among them). */
  readonly cancelled: readonly CancelledDelivery[];
  readonly now: Date;
  readonly trace: TraceContext;
}

export interface ConsentNotices {
  /** In the registration's transaction: a notice to each named party whose adapter maps it. */
  registered(tx: StoreTx, ctx: RegisteredContext): Promise<ConsentNoticeOutcome[]>;
  /** In the revocation's transaction, after pending deliveries were cancelled: a revocation notice to each party that may have the consent. */
  revoked(tx: StoreTx, ctx: RevokedContext): Promise<ConsentNoticeOutcome[]>;
}

export function createConsentNotices(deps: ConsentNoticeDeps): ConsentNotices {
  /** The parties the consent names (by id or role) that keep consents, except the registering party itself. */
  function receiversOf(record: ConsentRecord): Party[] {
    const named = new Set(record.scope.receivers.parties ?? []);
    const roles = new Set<string>(record.scope.receivers.roles ?? []);
    return deps.parties
      .all()
      .filter((p) => p.id !== record.registeredBy && (named.has(p.id) || roles.has(p.role)) && deps.receiverMaps(p, CONSENT_NOTICE_TYPE));
  }

  /** The sector articles of the rules that ask this consent (or objection) for its purposes. */
  function legalBasesOf(record: ConsentRecord): string[] {
    const asking = deps.policy
      .rules()
      .filter((r) => record.scope.purposes.includes(r.purpose) && (record.kind === 'permit' ? r.consent === 'required' : r.consent !== 'not-required'));
    return [...new Set(asking.flatMap((r) => deps.policy.catalogue.legalBasis(r.legalBasis)?.sector ?? []))];
  }

  function checked(message: Record<string, unknown>, today: string): Record<string, unknown> {
    // The gateway's own message meets its own schema, or nothing is written (a bug, not bad input).
    const errors = deps.validator.validateMessage(CONSENT_NOTICE_TYPE, message, today);
    if (errors.length > 0) throw new GatewayError('internal', { detail: `the consent notice does not meet its schema: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}` });
    return message;
  }

  async function send(
    tx: StoreTx,
    item: { readonly record: ConsentRecord; readonly sender: Party; readonly receiver: Party; readonly message: Record<string, unknown>; readonly notBefore?: number; readonly detail: string },
    now: Date,
    trace: TraceContext,
  ): Promise<ConsentNoticeOutcome> {
    const facts: ExchangeFacts = {
      sender: item.sender,
      receiver: item.receiver,
      messageType: CONSENT_NOTICE_TYPE,
      purpose: CONSENT_NOTICE_PURPOSE,
      message: item.message,
      // The child is identified (the consent is kept by its BSN's pseudonym); the BSN itself is not a decision fact here.
      subject: { identified: true },
      subjectPseudonym: item.record.subjectPseudonym,
      exchangeDate: dutchDate(now),
    };
    const outcome = await decideExchange(tx, deps.policy, facts);
    const exchangeId = randomUUID();
    // Linked to the consent it is about: its revocation cancels the notice while it waits.
    const decision = { ...outcome.decision, consentIds: [item.record.id] };
    await recordDecidedExchange(
      tx,
      {
        exchangeId,
        facts,
        outcome,
        decision,
        trace: { traceId: trace.traceId, spanId: newSpanId(), parentSpanId: trace.spanId },
        detail: item.detail,
        ...(item.notBefore !== undefined ? { notBefore: item.notBefore } : {}),
      },
      now,
    );
    return isAllowed(outcome)
      ? { exchangeId, receiver: item.receiver.id, status: 'queued' }
      : { exchangeId, receiver: item.receiver.id, status: 'refused', reason: outcome.decision.reason };
  }

  return {
    async registered(tx, { record, bsn, now, trace }) {
      const receivers = receiversOf(record);
      const sender = deps.parties.get(record.registeredBy);
      if (receivers.length === 0 || sender === undefined) return [];
      const { scope } = record;
      const message = checked(
        {
          consentId: record.id,
          status: 'active',
          kind: record.kind,
          child: { bsn },
          givers: record.givers.map((g) => ({ capacity: g.capacity })),
          givenOn: record.givenOn,
          validFrom: record.validFrom,
          ...(record.validUntil !== undefined ? { validUntil: record.validUntil } : {}),
          purposes: scope.purposes,
          receivers: scope.receivers,
          ...(scope.messageTypes !== undefined ? { messageTypes: scope.messageTypes } : {}),
          ...(scope.dataCategories !== undefined ? { dataCategories: scope.dataCategories } : {}),
          evidence: { reference: record.evidence.reference },
          registeredBy: record.registeredBy,
          recordedAt: record.registeredAt,
          legalBases: legalBasesOf(record),
        },
        dutchDate(now),
      );
      const outcomes: ConsentNoticeOutcome[] = [];
      for (const receiver of receivers) {
        outcomes.push(await send(tx, { record, sender, receiver, message, detail: `notice of consent ${record.id} (${record.kind})` }, now, trace));
      }
      return outcomes;
    },

    async revoked(tx, { record, revocation, cancelled, now, trace }) {
      const sender = deps.parties.get(record.registeredBy);
      if (sender === undefined) return [];
      // A registration notice cancelled before any attempt never reached its receiver: nothing to revoke there.
      const notices = cancelled.filter((c) => c.messageType === CONSENT_NOTICE_TYPE);
      const neverSent = new Set(notices.filter((c) => !c.wasLeased).map((c) => c.receiver));
      const inFlight = new Set(notices.filter((c) => c.wasLeased).map((c) => c.receiver));
      const receivers = receiversOf(record).filter((p) => !neverSent.has(p.id));
      if (receivers.length === 0) return [];
      const message = checked({ consentId: record.id, status: 'revoked', revokedAt: revocation.revokedAt }, dutchDate(now));
      const outcomes: ConsentNoticeOutcome[] = [];
      for (const receiver of receivers) {
        const notBefore = inFlight.has(receiver.id) ? now.getTime() + deps.attemptMs : undefined;
        outcomes.push(
          await send(tx, { record, sender, receiver, message, ...(notBefore !== undefined ? { notBefore } : {}), detail: `notice of the revocation of consent ${record.id}` }, now, trace),
        );
      }
      return outcomes;
    },
  };
}
