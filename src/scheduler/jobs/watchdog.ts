// watchdog: turns the care path's overdue items into signals (issue 10). An item (a deadline the
// process rules opened: a retour within 3 werkdagen, an answer within 5, a start after a toewijzing,
// ...) is overdue from the first werkdag after its term (src/care-path/care-path-terms.ts); the store
// lists the open items overdue today that have no live signal yet, and each becomes a signal: stored,
// audited and queued for the webhook in one transaction (src/exchange/signals.ts). A second run on the
// same day raises nothing twice; an item whose awaited message arrived was closed with it. "Today" is
// the Dutch day of the gateway's clock. It also raises the regie register's signal for a handover
// proposal left unanswered past its term (regie-handover-signals.ts).
//
// Counts: overdue items read / signals raised (accepted).
import { dutchDate } from '../../kernel/clock.ts';
import { isDeadlineOverdue, signalForDeadline, CARE_PATH_SIGNAL_SOURCE } from '../../care-path/watchdog-signals.ts';
import type { ExchangeDeps } from '../../exchange/exchange-deps.ts';
import { raiseSignal, type SignalWebhook } from '../../exchange/signals.ts';
import type { Job, JobContext, JobResult } from '../job.ts';
import type { DutchCalendar } from '../../kernel/dutch-working-days.ts';
import { handoverDueDay, signalForUnansweredHandover } from './regie-handover-signals.ts';
import { signalForCareWithoutRegie, type PartyLookup } from './regie-missing-signals.ts';
import type { Signal, SignalDraft } from '../../kernel/signal-record.ts';
import { REGIE_SIGNAL_SOURCE } from '../../kernel/regie-record.ts';
import { appendAudit } from '../../audit/audit-log.ts';
import { newSpanId, traceFromHeader } from '../../kernel/trace-context.ts';

const pageSize = 500;

export interface WatchdogDeps extends Pick<ExchangeDeps, 'store' | 'committer' | 'clock' | 'logger' | 'metrics'> {
  readonly webhook: SignalWebhook | undefined;
  /**
   * The regie register's handover term and the calendar its werkdagen are counted in; the days a
   * child with care may be without regievoerder, how long an overdracht counts as open care, and
   * the parties (to find the gemeente owed).
   */
  readonly regie: {
    readonly handoverTermWorkingDays: number;
    readonly calendar: DutchCalendar;
    readonly withoutRegieSignalDays: number;
    readonly overdrachtOpenDays: number;
    readonly parties: PartyLookup;
  };
}

export function createWatchdogJob(deps: WatchdogDeps): Job {
  return {
    kind: 'watchdog',
    check: () => [],
    async run(ctx: JobContext): Promise<JobResult> {
      const now = deps.clock.now();
      const today = dutchDate(now);
      let read = 0;
      let raised = 0;
      const byKind: Record<string, number> = {};
      /** Raises a page of drafts in one transaction (one fsync); a live signal with the same key is not raised twice. */
      const raiseAll = async (drafts: readonly SignalDraft[]): Promise<void> => {
        const signals = await deps.committer.run(async (tx) => {
          const out = [];
          for (const draft of drafts) {
            const signal = await raiseSignal(tx, draft, { actorId: ctx.actorId, now, webhook: deps.webhook });
            if (signal !== undefined) out.push(signal);
          }
          return out;
        });
        for (const s of signals) {
          raised += 1;
          byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
          deps.metrics.signals.inc({ event: 'raised', kind: s.kind });
        }
        await ctx.progress({ counts: { read, accepted: raised, refused: 0, failed: 0 } });
      };
      let after: string | undefined;
      for (;;) {
        if (ctx.signal.aborted) break;
        const page = await deps.store.listOverdueDeadlines({ today, source: CARE_PATH_SIGNAL_SOURCE, limit: pageSize, ...(after !== undefined ? { after } : {}) });
        const due = page.filter((d) => isDeadlineOverdue(d, today));
        read += due.length;
        // One transaction per page: the group committer makes it one fsync.
        await raiseAll(due.map(signalForDeadline));
        if (page.length < pageSize) break;
        after = page.at(-1)?.id;
      }
      // Regie handovers: every proposal still open; those past their term become signals.
      after = undefined;
      for (;;) {
        if (ctx.signal.aborted) break;
        const page = await deps.store.listOpenRegieHandovers({ proposedBefore: now.getTime(), limit: pageSize, ...(after !== undefined ? { after } : {}) });
        const overdue = page.flatMap((h) => {
          const dueDay = handoverDueDay(h, deps.regie.handoverTermWorkingDays, deps.regie.calendar);
          return today > dueDay ? [signalForUnansweredHandover(h, dueDay)] : [];
        });
        read += overdue.length;
        await raiseAll(overdue);
        if (page.length < pageSize) break;
        after = page.at(-1)?.id;
      }
      // Children with care and no regievoerder past the term: toewijzingen first, then overdrachten
      // (a child in both gets one signal: the key is the child).
      const overdrachtSince = now.getTime() - deps.regie.overdrachtOpenDays * 86_400_000;
      const watchedSince = await deps.committer.run((tx) => tx.regieWatchedSince(today));
      // Every child that still has care and no regievoerder, due or not: a live signal for any other
      // child no longer applies (below).
      const stillWithout = new Set<string>();
      let complete = true;
      for (const pass of ['toewijzingen', 'overdrachten'] as const) {
        after = undefined;
        for (;;) {
          if (ctx.signal.aborted) break;
          const page = await deps.store.listCareWithoutRegie({ pass, today, overdrachtSince, limit: pageSize, ...(after !== undefined ? { after } : {}) });
          const due: SignalDraft[] = [];
          for (const care of page) {
            stillWithout.add(care.subjectPseudonym);
            const known = pass === 'overdrachten' ? await deps.store.carePathGemeenten(care.subjectPseudonym) : [];
            const draft = signalForCareWithoutRegie(care, today, { withoutRegieSignalDays: deps.regie.withoutRegieSignalDays, watchedSince }, deps.regie.parties, known);
            if (draft !== undefined) due.push(draft);
          }
          read += due.length;
          await raiseAll(due);
          if (page.length < pageSize) break;
          after = page.at(-1)?.subjectPseudonym;
        }
        if (ctx.signal.aborted) complete = false;
      }
      // A child whose care ended (its toewijzingen ended, its overdracht older than the open days)
      // before anyone registered a regie owes nothing any more: its live signal closes as cancelled,
      // audited, rather than waiting for ever. Only after a complete look at the care.
      const cancelled = complete && !ctx.signal.aborted ? await closeStaleRegieSignals(deps, stillWithout, { actorId: ctx.actorId, now }) : 0;
      if (raised > 0) deps.logger.info('watchdog raised signals', { raised, today });
      return { counts: { read, accepted: raised, refused: 0, failed: 0 }, details: { today, raisedByKind: byKind, ...(cancelled > 0 ? { closedAsCancelled: { 'regie-missing': cancelled } } : {}) } };
    },
  };
}

/** Closes, as cancelled, every live regie-missing signal of a child not in `stillWithout`; how many. */
async function closeStaleRegieSignals(deps: WatchdogDeps, stillWithout: ReadonlySet<string>, ctx: { readonly actorId: string; readonly now: Date }): Promise<number> {
  const stale: Signal[] = [];
  for (const status of ['open', 'acknowledged'] as const) {
    let after: string | undefined;
    for (;;) {
      const page = await deps.store.listSignals({ kind: 'regie-missing', status, limit: pageSize, ...(after !== undefined ? { after } : {}) });
      stale.push(...page.filter((s) => s.source === REGIE_SIGNAL_SOURCE && s.subject !== undefined && !stillWithout.has(s.subject)));
      if (page.length < pageSize) break;
      after = page.at(-1)?.id;
    }
  }
  if (stale.length === 0) return 0;
  const trace = traceFromHeader(undefined);
  const closed = await deps.committer.run(async (tx) => {
    const done = await tx.closeSignals({ source: REGIE_SIGNAL_SOURCE, keys: stale.map((s) => s.key), reason: 'cancelled', now: ctx.now.getTime() });
    for (const signal of done) {
      await appendAudit(
        tx,
        {
          traceId: trace.traceId,
          spanId: newSpanId(),
          action: 'signal.close',
          outcome: 'closed',
          reason: 'cancelled',
          actor: ctx.actorId,
          counterparty: signal.owedBy,
          ...(signal.subject !== undefined ? { dataSubjectId: signal.subject, dataSubjectIdType: 'bsn-pseudonym' as const } : {}),
          detail: `signal ${signal.id}: ${signal.rule} ${signal.kind} (the care ended before a regievoerder was registered)`,
        },
        ctx.now,
      );
    }
    return done.length;
  });
  for (let i = 0; i < closed; i += 1) deps.metrics.signals.inc({ event: 'closed', kind: 'regie-missing' });
  return closed;
}
