// The privacy officer's use cases (role `privacy-officer`): a child's consent
// log (looked up by BSN through the keyed pseudonym), the audit trail filtered by child, party,
// purpose, outcome and period, the review queue of break-glass overrides and the verdict on one,
// chain verification, and the subject-access export for one child (AVG art. 15). Every read is itself
// audited (privacy.read), and the answer waits for that record; a verdict is audited as override.review.

import { GatewayError } from '../kernel/gateway-error.ts';
import { appendAudit, type ChainVerification } from '../audit/audit-log.ts';
import type { AuditDraft, AuditRecord } from '../kernel/audit-record.ts';
import type { Pseudonymizer } from '../audit/pseudonym.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Principal } from '../config/config-types.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { AuditSearch, ExchangeRow, OverrideReview, ReviewStatus, Store } from '../store/store.ts';
import type { PolicyEngine } from '../../consent/policy-engine.ts';
import { consentView, type ConsentView } from './consent-registry.ts';
import { bodyValidator, schemaIds } from './request-body.ts';
import type { PrivacyRequestAuditSearch, PrivacyRequestBsnLookup, PrivacyRequestReviewVerdict } from '../validation/schema-types/privacy-requests.ts';

export interface PrivacyOfficerDeps {
  readonly store: Store;
  readonly committer: GroupCommitter;
  readonly clock: Clock;
  readonly pseudonymize: Pseudonymizer;
  readonly policy: PolicyEngine;
  readonly verifyAuditChain: () => Promise<ChainVerification>;
}

export interface ReviewView {
  readonly exchangeId: string;
  readonly createdAt: string;
  readonly sender: string;
  readonly receiver: string;
  readonly messageType: string;
  readonly purpose: string;
  readonly rule: string;
  readonly reasonCode: string;
  readonly justification: string;
  readonly status: ReviewStatus;
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
  readonly note: string | null;
}

export interface SubjectAccessExport {
  readonly subject: { readonly dataSubjectId: string; readonly dataSubjectIdType: 'bsn-pseudonym' };
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly policyVersion: string;
  readonly catalogueVersion: string;
  readonly exchanges: readonly Record<string, unknown>[];
  readonly consents: readonly ConsentView[];
  /** Every regievoerder the child has had (the regie register), oldest first. */
  readonly regie: readonly RegieHistoryEntry[];
  /** Who asked the register who has the regie, and what the register knew (from the audit log). */
  readonly regieLookups: readonly { readonly at: string; readonly by: string; readonly result: string }[];
  /** The child-protection measures kept as facts for the regie register (src/kernel/child-measure.ts). */
  readonly measures: readonly { readonly soort: string; readonly gi: string; readonly ingangsdatum: string; readonly einddatum: string | null; readonly exchangeId: string }[];
  readonly rights: readonly string[];
}

export interface RegieHistoryEntry {
  readonly party: string;
  readonly contactFunction: string;
  readonly legalBasis: string;
  readonly registeredBy: string;
  readonly since: string;
  readonly until: string | null;
  readonly endReason: string | null;
}

export interface PrivacyOfficer {
  consentLog(principal: Principal, body: unknown, trace: TraceContext): Promise<{ dataSubjectId: string; consents: ConsentView[] }>;
  searchAudit(principal: Principal, body: unknown, trace: TraceContext): Promise<{ items: AuditRecord[]; next: number | null }>;
  reviewQueue(principal: Principal, query: { readonly status?: ReviewStatus; readonly limit: number; readonly after?: string }, trace: TraceContext): Promise<{ items: ReviewView[]; next: string | null }>;
  review(principal: Principal, exchangeId: string, body: unknown, trace: TraceContext): Promise<ReviewView>;
  verifyChain(principal: Principal, trace: TraceContext): Promise<ChainVerification>;
  subjectAccessExport(principal: Principal, body: unknown, trace: TraceContext): Promise<SubjectAccessExport>;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function officer(principal: Principal): string {
  if (principal.role !== 'privacy-officer') throw new GatewayError('forbidden', { detail: 'needs the role privacy-officer' });
  return principal.id;
}

function reviewView(r: OverrideReview): ReviewView {
  return {
    exchangeId: r.exchangeId,
    createdAt: new Date(r.createdAt).toISOString(),
    sender: r.sender,
    receiver: r.receiver,
    messageType: r.messageType,
    purpose: r.purpose,
    rule: r.rule,
    reasonCode: r.reasonCode,
    justification: r.justification,
    status: r.status,
    reviewedBy: r.reviewedBy,
    reviewedAt: iso(r.reviewedAt),
    note: r.note,
  };
}

/** AVG art. 15(1)(e)-(f) and 77: the rights the data subject is told about. */
const rights = [
  'You may ask for correction (AVG art. 16), erasure (art. 17; Jw 7.3.9) or restriction (art. 18) of your data, and object to its processing (art. 21).',
  'You may complain to the Autoriteit Persoonsgegevens (AVG art. 77).',
  'Exchanges marked confidential may be withheld where the law allows it (UAVG art. 41; Jw 7.3.10; Wmo 2015 5.3.2 lid 4): the privacy officer decides before handing this export over.',
];

export function createPrivacyOfficer(deps: PrivacyOfficerDeps): PrivacyOfficer {
  const { store, committer, clock, policy } = deps;
  const catalogue = policy.catalogue;
  const parseLookup = bodyValidator<PrivacyRequestBsnLookup>(schemaIds.bsnLookup);
  const parseSearch = bodyValidator<PrivacyRequestAuditSearch>(schemaIds.auditSearch);
  const parseVerdict = bodyValidator<PrivacyRequestReviewVerdict>(schemaIds.reviewVerdict);

  /** Writes the privacy.read record and only then lets the answer go. */
  async function audited<T>(actor: string, trace: TraceContext, detail: string, subject: string | undefined, answer: T, extra: Partial<AuditDraft> = {}): Promise<T> {
    await committer.run((tx) =>
      appendAudit(
        tx,
        {
          traceId: trace.traceId,
          spanId: trace.spanId,
          action: 'privacy.read',
          outcome: 'read',
          actor,
          ...(subject !== undefined ? { dataSubjectId: subject, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
          detail,
          ...extra,
        },
        clock.now(),
      ),
    );
    return answer;
  }

  async function allExchanges(subject: string): Promise<ExchangeRow[]> {
    const rows: ExchangeRow[] = [];
    for (let page = 0; page < 100; page++) {
      const next = await store.listExchangesBySubject(subject, { limit: 500, ...(rows.length > 0 ? { after: rows.at(-1)?.id } : {}) });
      rows.push(...next);
      if (next.length < 500) break;
    }
    return rows;
  }

  function exchangeEntry(row: ExchangeRow, reviews: ReadonlyMap<string, OverrideReview>, sideEffectOf: ReadonlyMap<string, string>): Record<string, unknown> {
    const d = row.decision;
    const basis = d?.legalBasis === undefined ? undefined : catalogue.legalBasis(d.legalBasis);
    const activity = d?.processingActivityId === undefined ? undefined : catalogue.processingActivity(d.processingActivityId);
    const review = reviews.get(row.id);
    return {
      exchangeId: row.id,
      createdAt: new Date(row.createdAt).toISOString(),
      sender: row.sender,
      receiver: row.receiver,
      messageType: row.messageType,
      purpose: row.purpose,
      status: row.status,
      outcome: d?.outcome ?? 'deny',
      reason: d?.reason ?? row.reason,
      rule: d?.rule === undefined ? null : `${d.rule.id}@${d.rule.version}`,
      legalBasis: basis === undefined ? null : { id: basis.id, title: basis.title, citation: catalogue.citation(basis.id) ?? '' },
      processingActivity: activity === undefined ? null : { id: activity.id, title: activity.title, retention: activity.retention, confidential: activity.confidential },
      releasedFields: d?.releasedFields ?? [],
      consentIds: d?.consentIds ?? [],
      ageBand: d?.ageBand ?? null,
      override:
        d?.override === undefined || d.reason !== 'override-used'
          ? null
          : {
              reasonCode: d.override.reasonCode,
              justification: d.override.justification,
              review: review === undefined ? null : { status: review.status, reviewedBy: review.reviewedBy, reviewedAt: iso(review.reviewedAt) },
            },
      sideEffectOf: sideEffectOf.get(row.id) ?? null,
      deliveredAt: iso(row.deliveredAt),
    };
  }

  return {
    async consentLog(principal, body, trace) {
      const actor = officer(principal);
      const { bsn } = parseLookup(body);
      const subject = deps.pseudonymize(bsn);
      const consents = await store.listConsents({ subjectPseudonym: subject, limit: 10_000 });
      return audited(actor, trace, 'consent-log', subject, { dataSubjectId: subject, consents: consents.map(consentView) }, { consentIds: consents.map((c) => c.id) });
    },

    async searchAudit(principal, body, trace) {
      const actor = officer(principal);
      const request = parseSearch(body ?? {});
      const limit = request.limit ?? 100;
      const subject = request.bsn === undefined ? undefined : deps.pseudonymize(request.bsn);
      const query: AuditSearch = {
        limit: limit + 1,
        ...(subject !== undefined ? { dataSubjectId: subject } : {}),
        ...(request.party !== undefined ? { party: request.party } : {}),
        ...(request.purpose !== undefined ? { purpose: request.purpose } : {}),
        ...(request.outcome !== undefined ? { outcome: request.outcome } : {}),
        ...(request.action !== undefined ? { action: request.action } : {}),
        ...(request.from !== undefined ? { from: new Date(request.from).toISOString() } : {}),
        ...(request.to !== undefined ? { to: new Date(request.to).toISOString() } : {}),
        ...(request.afterSeq !== undefined ? { afterSeq: request.afterSeq } : {}),
      };
      const items = await store.searchAudit(query);
      const page = items.slice(0, limit);
      const filters = Object.keys(request).filter((k) => k !== 'bsn' && k !== 'limit' && k !== 'afterSeq').sort().join(',');
      return audited(actor, trace, `audit-search${filters === '' ? '' : ` by ${filters}`}`, subject, { items: page, next: items.length > limit ? (page.at(-1)?.seq ?? null) : null });
    },

    async reviewQueue(principal, query, trace) {
      const actor = officer(principal);
      const rows = await store.listOverrideReviews({ limit: query.limit + 1, ...(query.status !== undefined ? { status: query.status } : {}), ...(query.after !== undefined ? { after: query.after } : {}) });
      const page = rows.slice(0, query.limit);
      return audited(actor, trace, `review-queue${query.status === undefined ? '' : ` (${query.status})`}`, undefined, {
        items: page.map(reviewView),
        next: rows.length > query.limit ? (page.at(-1)?.exchangeId ?? null) : null,
      });
    },

    async review(principal, exchangeId, body, trace) {
      const actor = officer(principal);
      const { verdict, note } = parseVerdict(body);
      const existing = await store.getOverrideReview(exchangeId);
      if (existing === undefined) throw new GatewayError('not-found', { detail: 'no override review for this exchange' });
      const now = clock.now();
      await committer.run(async (tx) => {
        if (!(await tx.reviewOverride(exchangeId, { status: verdict, reviewedBy: actor, reviewedAt: now.getTime(), note }))) {
          throw new GatewayError('conflict', { detail: `this override was already reviewed (${existing.status})` });
        }
        // The verdict is audited; the note stays in the review (free text may name people).
        await appendAudit(
          tx,
          {
            traceId: trace.traceId,
            spanId: trace.spanId,
            action: 'override.review',
            outcome: verdict,
            exchangeId,
            actor,
            counterparty: existing.sender,
            messageType: existing.messageType,
            purpose: existing.purpose,
            rule: existing.rule,
            ...(existing.subjectPseudonym !== null ? { dataSubjectId: existing.subjectPseudonym, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
            detail: `override ${existing.reasonCode} judged ${verdict}`,
          },
          now,
        );
      });
      return reviewView({ ...existing, status: verdict, reviewedBy: actor, reviewedAt: now.getTime(), note });
    },

    async verifyChain(principal, trace) {
      const actor = officer(principal);
      const result = await deps.verifyAuditChain();
      return audited(actor, trace, `chain-verification: ${result.ok ? 'whole' : `broken at ${result.firstBroken?.seq ?? '?'}`}`, undefined, result);
    },

    async subjectAccessExport(principal, body, trace) {
      const actor = officer(principal);
      const { bsn } = parseLookup(body);
      const subject = deps.pseudonymize(bsn);
      const rows = await allExchanges(subject);
      const reviews = new Map<string, OverrideReview>();
      const sideEffectOf = new Map<string, string>();
      for (const row of rows) {
        if (row.decision?.reason === 'override-used') {
          const review = await store.getOverrideReview(row.id);
          if (review !== undefined) reviews.set(row.id, review);
        }
        for (const effect of row.decision?.sideEffects ?? []) sideEffectOf.set(effect.exchangeId, row.id);
      }
      const consents = await store.listConsents({ subjectPseudonym: subject, limit: 10_000 });
      const regie = await store.listRegieHistory(subject, 1_000);
      const lookups = await store.searchAudit({ dataSubjectId: subject, action: 'regie.lookup', limit: 10_000 });
      const measures = await store.listChildMeasures(subject);
      const now = clock.now();
      const result: SubjectAccessExport = {
        subject: { dataSubjectId: subject, dataSubjectIdType: 'bsn-pseudonym' },
        generatedAt: now.toISOString(),
        generatedBy: actor,
        policyVersion: policy.version,
        catalogueVersion: catalogue.version,
        exchanges: rows.map((row) => exchangeEntry(row, reviews, sideEffectOf)),
        consents: consents.map(consentView),
        regie: regie.map((r) => ({
          party: r.party,
          contactFunction: r.contactFunction,
          legalBasis: r.legalBasis,
          registeredBy: r.registeredBy,
          since: new Date(r.startedAt).toISOString(),
          until: iso(r.endedAt),
          endReason: r.endReason,
        })),
        regieLookups: lookups.map((record) => ({ at: record.time, by: record.actor, result: record.reason ?? 'unknown' })),
        measures: measures.map((m) => ({ soort: m.soort, gi: m.giParty, ingangsdatum: m.ingangsdatum, einddatum: m.einddatum, exchangeId: m.exchangeId })),
        rights,
      };
      return audited(actor, trace, `subject-access-export: ${rows.length} exchanges, ${consents.length} consents`, subject, result);
    },
  };
}
