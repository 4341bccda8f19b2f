// audit-checkpoint: sign the audit chain's head with the gateway's Ed25519 key (architecture.md, Audit
// log). Counts: read = the records the checkpoint covers (its seq), accepted = 1 when signed. Head and checkpoint are read and written in one transaction, so the checkpoint names a record
// that exists with exactly that hash; the signing itself is recorded in the chain right after it. Once
// committed, the checkpoint is also appended to the witness outside the database (audit/witness.ts).
import { appendAudit } from '../../audit/audit-log.ts';
import type { CheckpointSigner } from '../../audit/checkpoint-signing.ts';
import type { Witness } from '../../audit/witness.ts';
import { traceFromHeader } from '../../kernel/trace-context.ts';
import type { ExchangeDeps } from '../../exchange/exchange-deps.ts';
import type { Job, JobContext, JobResult } from '../job.ts';

export function createAuditCheckpointJob(
  deps: Pick<ExchangeDeps, 'committer' | 'clock'> & { readonly signer: CheckpointSigner | undefined; readonly witness: Witness | undefined },
): Job {
  return {
    kind: 'audit-checkpoint',
    check: () => (deps.signer === undefined ? [{ pointer: '/jobKind', detail: 'no audit signing key is configured (audit.signingKeyFile)' }] : []),
    async run(ctx: JobContext): Promise<JobResult> {
      const signer = deps.signer;
      if (signer === undefined) return { counts: { read: 0, accepted: 0, refused: 0, failed: 1 }, details: { error: 'no audit signing key is configured' } };
      const trace = traceFromHeader(undefined);
      const now = deps.clock.now();
      const signed = await deps.committer.run(async (tx) => {
        const head = await tx.auditHead();
        // Every signing appends its own record after the head it signed, so no two checkpoints can name
        // the same seq.
        if (head === undefined) return undefined;
        const checkpoint = signer.sign({ seq: head.seq, hash: head.hash, signedAt: now.toISOString() });
        await tx.insertAuditCheckpoint(checkpoint);
        await appendAudit(
          tx,
          {
            traceId: trace.traceId,
            spanId: trace.spanId,
            action: 'audit.checkpoint',
            outcome: 'signed',
            actor: 'ketenpoort',
            detail: `chain head seq ${head.seq} signed with key ${checkpoint.keyId} (schedule ${ctx.schedule.name})`,
          },
          now,
        );
        return checkpoint;
      });
      if (signed === undefined) return { counts: { read: 0, accepted: 0, refused: 0, failed: 0 }, details: { signed: null } };
      // Witnessed once committed: a checkpoint that did not commit is never witnessed. Should the
      // process stop in between, verification names the row without its witness entry.
      try {
        deps.witness?.append(signed);
      } catch (error) {
        return {
          counts: { read: signed.seq, accepted: 0, refused: 0, failed: 1 },
          details: { signed: { seq: signed.seq, hash: signed.hash, keyId: signed.keyId }, error: `the witness could not be written: ${(error as Error).message}` },
        };
      }
      return {
        counts: { read: signed.seq, accepted: 1, refused: 0, failed: 0 },
        details: { signed: { seq: signed.seq, hash: signed.hash, keyId: signed.keyId } },
      };
    },
  };
}
