// The submit use case (architecture.md, "One path for every message"):
//   parse -> validate -> route -> decide -> record -> enqueue
// Authentication happened at the edge; `party` is the authenticated sender. The caller gets 202 only
// after the audit record and the outbox row are committed together (group commit, fail closed).

import { createHash, randomUUID } from 'node:crypto';
import { GatewayError, isGatewayError } from '../kernel/gateway-error.ts';
import { problemFromError } from '../kernel/problem.ts';
import type { Party } from '../config/config-types.ts';
import type { PolicyDecision } from '../kernel/policy-decision.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { decideExchange, type ExchangeFacts } from './decide-exchange.ts';
import { isAllowed, recordDecidedExchange } from './record-exchange.ts';
import { planSideEffects } from './side-effects.ts';
import { MEASURE_MESSAGE_TYPE, measureOf } from '../kernel/child-measure.ts';
import { dutchDate } from '../kernel/clock.ts';
import type { ExchangeDeps } from './exchange-deps.ts';
import type { IdempotencyRecord } from '../store/store.ts';
import { parseJsonBody } from './parse-body.ts';
import { subjectOf, validateSubmission } from './validate-submission.ts';
import { routeExchange } from './route-exchange.ts';
import { checkReceiverCarries } from './adapter-coverage.ts';
import { traceparentFor, type TraceContext } from '../kernel/trace-context.ts';
import type { Envelope } from './envelope.ts';
import type { CarePathWarning } from './care-path-step.ts';
import { checkJsonRetourPairing, decodeXmlBody, envelopeFromIjwXml, isXmlMediaType, pairingFor, pairingOfRetour, withMessagePointers } from './ijw-xml-submission.ts';
import { queueStatusEvents } from './status-events.ts';

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

/**
 * The commit found the idempotency key taken: another process committed the same key between our
 * look-up and our insert (the store's unique key on (party, key) is the only cross-process arbiter).
 * Not a GatewayError, so it is never recorded as refused input; submitExchange re-reads the key.
 */
class IdempotencyKeyTaken extends Error {
  constructor(cause: unknown) {
    super('the Idempotency-Key was committed by another process', { cause });
    this.name = 'IdempotencyKeyTaken';
  }
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
      const accepted = deps.ijw !== undefined ? 'application/json or application/xml (a native iJw message)' : 'application/json';
      throw new GatewayError('unsupported-media-type', { detail: `send ${accepted}, not "${type || 'nothing'}"` });
    }
    // RFC 8259: JSON between systems is UTF-8. Another declared charset would be silently mis-decoded.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(request.contentType ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      throw new GatewayError('unsupported-media-type', { detail: `JSON is UTF-8; charset "${charset}" is not accepted` });
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
          ...(typeof envelope.messageType === 'string' && validator.isKnownType(envelope.messageType) ? { messageType: envelope.messageType } : {}),
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
    const facts: ExchangeFacts = {
      sender: request.party,
      receiver,
      messageType: envelope.messageType,
      purpose: envelope.purpose,
      message: envelope.message,
      subjectPseudonym: subject?.bsn !== undefined ? deps.pseudonymize(subject.bsn) : null,
      exchangeDate: dutchDate(now),
      ...(subject !== undefined ? { subject } : {}),
      ...(envelope.override !== undefined ? { override: envelope.override } : {}),
    };

    // A retour: the heen message it answers, whose sender's subscriptions hear of it (status-events.ts).
    // Read before the transaction (SQLite serves reads and transactions on one connection).
    const heen = deps.ijw !== undefined && deps.ijw.codec.heenTypeOf(envelope.messageType) !== undefined ? await pairingOfRetour(deps.store, deps.ijw.codec, envelope.messageType, envelope.message) : undefined;
    // Decide inside the transaction that records the decision (src/exchange/decide-exchange.ts).
    const committed = committer.run(async (tx) => {
      const outcome = await decideExchange(tx, policy, facts);
      const effects = isAllowed(outcome) ? await planSideEffects(tx, { policy, parties, ...(deps.receiverCarries !== undefined ? { receiverCarries: deps.receiverCarries } : {}) }, { exchangeId, facts, outcome, trace: request.trace, now }) : undefined;
      const decided = effects === undefined || effects.outcomes.length === 0 ? outcome.decision : { ...outcome.decision, sideEffects: effects.outcomes };
      const ok = isAllowed(outcome);
      // The care path (care-path-step.ts): a strict process rule refuses the message here, before anything is written.
      const judged =
        ok && deps.carePath?.judges(envelope.messageType) === true
          ? await deps.carePath.judge(tx, { messageType: envelope.messageType, message: envelope.message, exchangeId, senderParty: request.party.id, receiverParty: receiver.id, receivedAt: now, trace: request.trace })
          : undefined;
      const warnings = judged?.warnings ?? [];
      const answer = ok ? accepted(exchangeId, decided, warnings) : refused(exchangeId, decided, request.trace.traceId);
      // Rule codes only (no content): which process rules the message was accepted in spite of.
      const detail = warnings.length > 0 ? `care path: accepted with warnings ${[...new Set(warnings.map((w) => (w.migration ? `${w.rule} (migration)` : w.rule)))].join(', ')}` : undefined;
      await recordDecidedExchange(tx, { exchangeId, facts, outcome, decision: decided, trace: request.trace, ...(detail !== undefined ? { detail } : {}) }, now);
      if (ok) {
        // Remember the heen message's key, so that its retour can be routed back by pairing.
        const pairing = deps.ijw !== undefined ? pairingFor(deps.ijw.codec, envelope, exchangeId, request.party.id, receiver.id, now.getTime()) : undefined;
        if (pairing !== undefined) await tx.insertIjwPairing(pairing);
        if (heen !== undefined && heen.sender === receiver.id) {
          await queueStatusEvents(tx, heen.sender, { type: 'retour.received', exchangeId: heen.exchangeId, messageType: heen.messageType, retourExchangeId: exchangeId }, { now, traceparent: traceparentFor(request.trace) });
        }
        // A court decision imposing a child-protection measure: the regie register needs to know the GI has it (issue 12).
        if (envelope.messageType === MEASURE_MESSAGE_TYPE && facts.subjectPseudonym !== null) {
          const measure = measureOf(envelope.message, receiver, parties.all().filter((p) => p.role === 'gi'), { exchangeId, subjectPseudonym: facts.subjectPseudonym });
          if (measure !== undefined) await tx.insertChildMeasure(measure);
        }
      }
      for (const effect of effects?.exchanges ?? []) await recordDecidedExchange(tx, effect, now);
      if (request.idempotencyKey !== undefined) {
        await tx.putIdempotency({
          party: request.party.id,
          key: request.idempotencyKey,
          requestHash: requestHash(request),
          statusCode: answer.statusCode,
          response: answer.body,
          // A 202 carries the decision just recorded in this exchange's row: the store keeps it there only.
          decisionOf: answer.statusCode === 202 ? exchangeId : null,
          createdAt: now.getTime(),
        });
      }
      return { decision: decided, response: answer, allowed: ok, closedSignals: judged?.closedSignals ?? [], raisedSignals: judged?.raisedSignals ?? [] };
    });
    const { decision, response, allowed, closedSignals, raisedSignals } = await committed.catch((error: unknown) => {
      // The store's unique key on (party, Idempotency-Key) refused our insert: someone else holds it.
      if (request.idempotencyKey !== undefined && isGatewayError(error) && error.code === 'idempotency-conflict') throw new IdempotencyKeyTaken(error);
      throw error;
    });

    metrics.exchanges.inc({ outcome: decision.outcome, reason: decision.reason, message_type: envelope.messageType });
    for (const s of closedSignals) metrics.signals.inc({ event: 'closed', kind: s.kind });
    for (const s of raisedSignals) metrics.signals.inc({ event: 'raised', kind: s.kind });
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
    const ijw = deps.ijw;
    const xml = ijw !== undefined && isXmlMediaType(mediaType(request.contentType));
    try {
      let envelope: Envelope;
      if (xml) {
        // A native iJw message: the envelope is read from the message itself (ijw-xml-submission.ts).
        envelope = await envelopeFromIjwXml({ ijw, parties, store: deps.store, validator }, request.party, decodeXmlBody(request.body, request.contentType), today);
        body = envelope;
      } else {
        body = parse(request);
        envelope = validateSubmission(validator, body, today);
        if (ijw !== undefined) await checkJsonRetourPairing({ ijw, store: deps.store }, request.party, envelope);
      }
      const receiver = routeExchange(parties, request.party, envelope);
      checkReceiverCarries(deps.receiverCarries, receiver, envelope.messageType);
      return await decideAndRecord(request, envelope, receiver);
    } catch (caught) {
      // For an XML body, pointers point into the message itself (there is no envelope around it).
      const error = xml && isGatewayError(caught) ? withMessagePointers(caught) : caught;
      if (isGatewayError(error) && error.category !== 'system') {
        await recordRefusedInput(request, error, body);
        logger.info('exchange refused', { code: error.code, errors: error.errors.length });
      }
      throw error;
    }
  }

  /** The stored answer for a repeated key: replayed for the same request, a conflict for another. */
  function replay(request: SubmitRequest, previous: IdempotencyRecord): SubmitResponse {
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

  return async function submitExchange(request) {
    if (request.idempotencyKey === undefined) return process(request);
    const slot = `${request.party.id}\n${request.idempotencyKey}`;
    const previous = await deps.store.getIdempotency(request.party.id, request.idempotencyKey);
    if (previous !== undefined) return replay(request, previous);
    // In this process, the in-flight set answers a concurrent repeat at once; across processes (one
    // database, several gateways) the store's unique key decides at commit, and the loser answers as
    // this process would have: the stored answer (committed by the other) or, not yet readable, in progress.
    if (inFlight.has(slot)) throw new GatewayError('idempotency-in-progress', { retryAfterSeconds: 1 });
    inFlight.add(slot);
    try {
      return await process(request);
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTaken)) throw error;
      const winner = await deps.store.getIdempotency(request.party.id, request.idempotencyKey);
      if (winner !== undefined) return replay(request, winner);
      logger.warn('idempotency key taken but not readable yet', { party: request.party.id });
      throw new GatewayError('idempotency-in-progress', { detail: 'another gateway process is handling this Idempotency-Key; retry shortly', retryAfterSeconds: 1 });
    } finally {
      inFlight.delete(slot);
    }
  };
}

function accepted(exchangeId: string, decision: PolicyDecision, warnings: readonly CarePathWarning[]): SubmitResponse {
  return {
    statusCode: 202,
    contentType: 'application/json',
    exchangeId,
    replayed: false,
    body: { exchangeId, status: 'queued', decision, links: { self: `/v1/exchanges/${exchangeId}` }, ...(warnings.length > 0 ? { warnings } : {}) },
  };
}

/**
 * An explainable refusal (Decision provenance): the machine-readable reason, the rule and the legal
 * basis it rested on, and for some reasons the precondition or the field names concerned. It says
 * nothing about the child's other relations or consents: the explanation is the rule's requirement.
 */
function refused(exchangeId: string, decision: PolicyDecision, traceId: string): SubmitResponse {
  const error = new GatewayError('policy-denied', {
    detail: decision.explanation === undefined ? `refused: ${decision.reason}` : `refused: ${decision.reason}: ${decision.explanation}`,
    extensions: {
      exchangeId,
      reason: decision.reason,
      ...(decision.rule ? { rule: `${decision.rule.id}@${decision.rule.version}` } : {}),
      ...(decision.rule && decision.legalBasis !== undefined ? { legalBasis: decision.legalBasis } : {}),
      ...(decision.precondition !== undefined ? { precondition: decision.precondition } : {}),
      ...(decision.disallowedFields !== undefined ? { disallowedFields: decision.disallowedFields } : {}),
      ...(decision.lookedFor !== undefined ? { lookedFor: decision.lookedFor } : {}),
      ...(decision.alternatives !== undefined ? { alternatives: decision.alternatives } : {}),
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
