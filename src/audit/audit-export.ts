// Export of the audit log for privacy officers and auditors: pages of records in chain order, in the
// Logboek Dataverwerkingen form (ldv-export.ts), with the signed checkpoints that fall in the page, so
// the whole export can be checked offline. Every page read is itself audited (architecture.md, Data
// protection by design: every read of audit data is audited).

import type { Store } from '../store/store.ts';
import type { Clock } from '../kernel/clock.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { AuditCheckpoint } from '../store/store.ts';
import { appendAudit } from './audit-log.ts';
import { toLdvRecord, type LdvRecord } from './ldv-export.ts';

export interface ExportPage {
  readonly items: LdvRecord[];
  /** The checkpoints that sign records of this page (put them before the records when verifying). */
  readonly checkpoints: AuditCheckpoint[];
  /** Pass as afterSeq for the next page; null at the end of the chain. */
  readonly next: number | null;
  /** How long the chain was when this page was read (its last record is the record of this read). */
  readonly chainLength: number;
}

export interface AuditExport {
  page(actor: { readonly id: string; readonly traceId: string; readonly spanId: string }, query: { readonly afterSeq: number; readonly limit: number }): Promise<ExportPage>;
}

export function createAuditExport(deps: { readonly store: Store; readonly committer: GroupCommitter; readonly clock: Clock }): AuditExport {
  return {
    async page(actor, query) {
      const records = await deps.store.readAuditChain(query.afterSeq + 1, query.limit + 1);
      const page = records.slice(0, query.limit);
      const last = page.at(-1)?.seq;
      const checkpoints =
        last === undefined ? [] : (await deps.store.listAuditCheckpoints({ fromSeq: query.afterSeq + 1, limit: query.limit })).filter((c) => c.seq <= last);
      const read = await deps.committer.run((tx) =>
        appendAudit(
          tx,
          {
            traceId: actor.traceId,
            spanId: actor.spanId,
            action: 'audit.export',
            outcome: 'read',
            actor: actor.id,
            detail: last === undefined ? `export after seq ${query.afterSeq}: no records` : `export of seq ${page[0]?.seq ?? 0} to ${last}`,
          },
          deps.clock.now(),
        ),
      );
      return { items: page.map(toLdvRecord), checkpoints, next: records.length > query.limit ? (last ?? null) : null, chainLength: read.seq };
    },
  };
}
