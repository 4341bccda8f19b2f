// The submit use case (architecture.md, "One path for every message"):
//   parse -> validate -> route -> decide -> record -> enqueue
// Authentication happened at the edge; `party` is the authenticated sender. The caller gets 202 only
// after the audit record and the outbox row are committed together (group commit, fail closed).

import { createHash, randomUUID } from 'node:crypto';
import { GatewayError, isGatewayError } from '../errors/gateway-error.ts';
import { problemFromError } from '../errors/problem.ts';
import type { Party } from '../config/config-types.ts';
import type { PolicyDecision } from '../../consent/policy-decision.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { dutchDate } from '../clock.ts';
import type { ExchangeDeps } from './exchange-deps.ts';
import { parseJsonBody } from './parse-body.ts';
import { subjectOf, validateSubmission } from './validate-submission.ts';
import { routeExchange } from './route-exchange.ts';
import { newSpanId, traceparentFor, type TraceContext } from './trace-context.ts';
import type { Envelope } from './envelope.ts';

export interface SubmitRequest {
  readonly party: Party;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  readonly idempotencyKey?: string;
  readonly trace: TraceContext;
}

/** A decision the pipeline answers itself: 202 (queued) or 403 (refused by policy). */
export interface SubmitResponse {
  readonly statusCode: 202 | 403;
  readonly contentType: 'application/json' | 'application/problem+json';
  readonly body: Record<string, unknown>;
  readonly exchangeId: string;
  readonly replayed: boolean;
}

export type SubmitExchange = (request: SubmitRequest) => Promise<SubmitResponse>;

function requestHash(request: SubmitRequest): string {
  return createHash('sha256').update(request.contentType ?? '').update('\n').update(request.body).digest('hex');
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function createSubmitExchange(deps: ExchangeDeps): SubmitExchange {
  const { config, parties, validator, policy, committer, clock, logger, metrics } = deps;
  const inFlight = new Set<string>();

  function parse(request: SubmitRequest): unknown {
    const type = mediaType(request.contentType);
    if (type !== 'application/json' && !type.endsWith('+json')) {
      throw new GatewayError('unsupported-media-type', { detail: `send application/json, not "${type || 'nothing'}"` });
    }
    return parseJsonBody(request.body, config.gateway.maxJsonDepth);
  }

  /** Input refused before a decision: only the audit record of the refusal is written. */
  async function recordRefusedInput(request: SubmitRequest, error: GatewayError, body: unknown): Promise<void> {
    const envelope = (body !== null && typeof body === 'object' ? body : {}) as Partial<Envelope>;
    await committer.run((tx) =>
      appendAudit(
        tx,
        {
          traceId: request.trace.traceId,
          spanId: request.trace.spanId,
          action: 'exchange.submit',
          outcome: 'refused',
          reason: error.code,
          actor: request.party.id,
          ...(typeof envelope.receiver === 'string' && parties.get(envelope.receiver) ? { counterparty: envelope.receiver } : {}),
          ...(typeof envelope.messageType === 'string' && validator.knownTypes().includes(envelope.messageType) ? { messageType: envelope.messageType } : {}),
        },
        clock.now(),
      ),
    );
    metrics.exchanges.inc({ outcome: 'refused', reason: error.code, message_type: 'unknown' });
  }

  async function decideAndRecord(request: SubmitRequest, envelope: Envelope, receiver: Party): Promise<SubmitResponse> {
    const now = clock.now();
    const exchangeId = randomUUID();
    const subject = subjectOf(envelope);
    const { decision, releasedPayload } = policy.decide({
      senderRole: request.party.role,
      receiverRole: receiver.role,
      messageType: envelope.messageType,
      purpose: envelope.purpose,
      exchangeDate: dutchDate(now),
      message: envelope.message,
      ...(subject !== undefined ? { subject } : {}),
      ...(envelope.override !== undefined ? { override: envelope.override } : {}),
    });
    const allowed = decision.outcome === 'allow' && releasedPayload !== undefined;
    const response = allowed ? accepted(exchangeId, decision) : refused(exchangeId, decision, request.trace.traceId);
    const pseudonym = subject?.bsn !== undefined ? deps.pseudonymize(subject.bsn) : null;
    const nowMs = now.getTime();

    await committer.run(async (tx) => {
      await appendAudit(
        tx,
        {
          traceId: request.trace.traceId,
          spanId: request.trace.spanId,
          action: 'exchange.submit',
          outcome: allowed ? 'allowed' : 'refused',
          reason: decision.reason,
          exchangeId,
          actor: request.party.id,
          counterparty: receiver.id,
          messageType: envelope.messageType,
          purpose: envelope.purpose,
          processingActivityId: decision.processingActivityId,
          legalBasis: decision.legalBasis,
          rule: decision.rule ? `${decision.rule.id}@${decision.rule.version}` : undefined,
          policyVersion: decision.policyVersion,
          consentIds: decision.consentIds,
          ...(pseudonym !== null ? { dataSubjectId: pseudonym, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
          releasedFields: decision.releasedFields,
        },
        now,
      );
      await tx.insertExchange({
        id: exchangeId,
        createdAt: nowMs,
        updatedAt: nowMs,
        sender: request.party.id,
        receiver: receiver.id,
        messageType: envelope.messageType,
        purpose: envelope.purpose,
        status: allowed ? 'queued' : 'refused',
        subjectPseudonym: pseudonym,
        traceId: request.trace.traceId,
        decision,
        reason: allowed ? null : decision.reason,
        receiverReference: null,
        deliveredAt: null,
      });
      if (allowed) {
        await tx.insertOutbox({
          exchangeId,
          receiver: receiver.id,
          adapterKind: receiver.adapter.kind,
          endpoint: receiver.adapter.endpoint ?? null,
          messageType: envelope.messageType,
          sender: request.party.id,
          purpose: envelope.purpose,
          payload: releasedPayload,
          traceparent: traceparentFor(request.trace, newSpanId()),
          status: 'pending',
          attempts: 0,
          nextAttemptAt: nowMs,
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
          deliveredAt: null,
          purgeAfter: null,
          createdAt: nowMs,
          // The facts beyond the message this decision rested on, so a replay decides on them again.
          ...(subject !== undefined || envelope.override !== undefined
            ? { decisionContext: { ...(subject !== undefined ? { subject } : {}), ...(envelope.override !== undefined ? { override: envelope.override } : {}) } }
            : {}),
        });
      }
      if (request.idempotencyKey !== undefined) {
        await tx.putIdempotency({
          party: request.party.id,
          key: request.idempotencyKey,
          requestHash: requestHash(request),
          statusCode: response.statusCode,
          response: response.body,
          createdAt: nowMs,
        });
      }
    });

    metrics.exchanges.inc({ outcome: decision.outcome, reason: decision.reason, message_type: envelope.messageType });
    logger.info('exchange decided', {
      exchangeId,
      messageType: envelope.messageType,
      receiver: receiver.id,
      outcome: decision.outcome,
      reason: decision.reason,
      rule: decision.rule?.id,
    });
    if (allowed) deps.onEnqueued();
    return response;
  }

  async function process(request: SubmitRequest): Promise<SubmitResponse> {
    const today = dutchDate(clock.now());
    let body: unknown;
    try {
      body = parse(request);
      const envelope = validateSubmission(validator, body, today);
      const receiver = routeExchange(parties, request.party, envelope);
      return await decideAndRecord(request, envelope, receiver);
    } catch (error) {
      if (isGatewayError(error) && error.category !== 'system') {
        await recordRefusedInput(request, error, body);
        logger.info('exchange refused', { code: error.code, errors: error.errors.length });
      }
      throw error;
    }
  }

  return async function submitExchange(request) {
    if (request.idempotencyKey === undefined) return process(request);
    const slot = `${request.party.id}\n${request.idempotencyKey}`;
    const previous = await deps.store.getIdempotency(request.party.id, request.idempotencyKey);
    if (previous !== undefined) {
      if (previous.requestHash !== requestHash(request)) {
        throw new GatewayError('idempotency-conflict', { detail: 'this Idempotency-Key was used with a different request body' });
      }
      const body = previous.response as Record<string, unknown>;
      return {
        statusCode: previous.statusCode as 202 | 403,
        contentType: previous.statusCode === 202 ? 'application/json' : 'application/problem+json',
        body,
        exchangeId: String(body.exchangeId),
        replayed: true,
      };
    }
    if (inFlight.has(slot)) throw new GatewayError('idempotency-in-progress');
    inFlight.add(slot);
    try {
      return await process(request);
    } finally {
      inFlight.delete(slot);
    }
  };
}

function accepted(exchangeId: string, decision: PolicyDecision): SubmitResponse {
  return {
    statusCode: 202,
    contentType: 'application/json',
    exchangeId,
    replayed: false,
    body: { exchangeId, status: 'queued', decision, links: { self: `/v1/exchanges/${exchangeId}` } },
  };
}

function refused(exchangeId: string, decision: PolicyDecision, traceId: string): SubmitResponse {
  const error = new GatewayError('policy-denied', {
    detail: `refused: ${decision.reason}`,
    extensions: {
      exchangeId,
      reason: decision.reason,
      ...(decision.rule ? { rule: `${decision.rule.id}@${decision.rule.version}` } : {}),
    },
  });
  return {
    statusCode: 403,
    contentType: 'application/problem+json',
    exchangeId,
    replayed: false,
    body: { ...problemFromError(error, { instance: `/v1/exchanges/${exchangeId}`, traceId }) },
  };
}
