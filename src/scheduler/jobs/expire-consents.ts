// expire-consents: a consent past its period (validUntil, inclusive) is no longer in force. New
// decisions already see that (src/kernel/consent-record.ts `inForce`); this job makes it reach queued
// work too, as a revocation does: the child's pending deliveries that rested on an expired consent are
// cancelled and audited (reason consent-expired), in one transaction per consent. A delivery queued
// yesterday under a consent that ended yesterday is not sent today.
//
// It needs no bookkeeping of its own: a second run finds nothing pending on the same consent, so it
// cancels and audits nothing twice. It reads the whole consent register page by page (a nightly
// job; the register is small next to the audit log).
import { appendAudit } from '../../audit/audit-log.ts';
import { dutchDate } from '../../kernel/clock.ts';
import type { ExchangeDeps } from '../../exchange/exchange-deps.ts';
import { newSpanId, traceFromHeader } from '../../kernel/trace-context.ts';
import type { Job, JobContext, JobResult } from '../job.ts';

const pageSize = 500;

export function createExpireConsentsJob(deps: Pick<ExchangeDeps, 'store' | 'committer' | 'clock' | 'logger'>): Job {
  return {
    kind: 'expire-consents',
    check: () => [],
    async run(ctx: JobContext): Promise<JobResult> {
      const now = deps.clock.now();
      const today = dutchDate(now);
      let expired = 0;
      let cancelled = 0;
      let after: string | undefined;
      for (;;) {
        if (ctx.signal.aborted) break;
        const page = await deps.store.listConsents({ limit: pageSize, ...(after !== undefined ? { after } : {}) });
        for (const consent of page) {
          if (consent.status !== 'active' || consent.validUntil === undefined || consent.validUntil >= today) continue;
          expired += 1;
          const trace = traceFromHeader(undefined);
          const rows = await deps.committer.run(async (tx) => {
            const found = await tx.cancelPendingDeliveries({ subjectPseudonym: consent.subjectPseudonym, consentId: consent.id, now: now.getTime() });
            for (const row of found) {
              await tx.updateExchange(row.exchangeId, { status: 'cancelled', reason: 'consent-expired', updatedAt: now.getTime() });
              await appendAudit(
                tx,
                {
                  traceId: trace.traceId,
                  spanId: newSpanId(),
                  action: 'delivery.cancel',
                  outcome: 'cancelled',
                  reason: 'consent-expired',
                  exchangeId: row.exchangeId,
                  actor: ctx.actorId,
                  counterparty: row.receiver,
                  messageType: row.messageType,
                  purpose: row.purpose,
                  consentIds: [consent.id],
                  dataSubjectId: consent.subjectPseudonym,
                  dataSubjectIdType: 'bsn-pseudonym',
                  detail: `consent valid until ${consent.validUntil ?? ''}; schedule ${ctx.schedule.name}`,
                },
                now,
              );
            }
            return found.length;
          });
          cancelled += rows;
        }
        await ctx.progress({ counts: { read: expired, accepted: cancelled, refused: 0, failed: 0 } });
        if (page.length < pageSize) break;
        after = page.at(-1)?.id;
      }
      if (cancelled > 0) deps.logger.info('pending deliveries cancelled on expired consents', { expired, cancelled });
      return { counts: { read: expired, accepted: cancelled, refused: 0, failed: 0 }, details: { expiredConsents: expired, cancelledDeliveries: cancelled } };
    },
  };
}
