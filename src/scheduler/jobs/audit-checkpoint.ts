// audit-checkpoint: sign the audit chain's head with the gateway's Ed25519 key now (architecture.md,
// The audit log), besides the automatic checkpoints (audit/auto-checkpoint.ts). Counts: read = the
// records the checkpoint covers (its seq), accepted = 1 when signed. Head and checkpoint are read and
// written in one transaction, so the checkpoint names a record that exists with exactly that hash; the
// signing itself is recorded in the chain right after it. Once committed, the checkpoint is also handed
// to the witnesses outside the database (audit/checkpointing.ts).
import { signCheckpoint, type CheckpointPublisher } from '../../audit/checkpointing.ts';
import type { CheckpointSigner } from '../../audit/checkpoint-signing.ts';
import type { ExchangeDeps } from '../../exchange/exchange-deps.ts';
import type { Job, JobContext, JobResult } from '../job.ts';

export function createAuditCheckpointJob(
  deps: Pick<ExchangeDeps, 'committer' | 'clock'> & { readonly signer: CheckpointSigner | undefined; readonly publisher: CheckpointPublisher | undefined },
): Job {
  return {
    kind: 'audit-checkpoint',
    check: () => (deps.signer === undefined ? [{ pointer: '/jobKind', detail: 'no audit signing key is configured (audit.signingKeyFile)' }] : []),
    async run(ctx: JobContext): Promise<JobResult> {
      const signer = deps.signer;
      if (signer === undefined) return { counts: { read: 0, accepted: 0, refused: 0, failed: 1 }, details: { error: 'no audit signing key is configured' } };
      // Every signing appends its own record after the head it signed, so no two checkpoints can name
      // the same seq.
      const signed = await signCheckpoint({ committer: deps.committer, clock: deps.clock, signer }, { why: `schedule ${ctx.schedule.name}` });
      if (signed === undefined) return { counts: { read: 0, accepted: 0, refused: 0, failed: 0 }, details: { signed: null } };
      // Witnessed once committed: a checkpoint that did not commit is never witnessed. Should the
      // process stop in between, verification names the row without its witness entry.
      const failures = (await deps.publisher?.publish(signed)) ?? [];
      const summary = { seq: signed.seq, hash: signed.hash, keyId: signed.keyId };
      if (failures.length > 0) {
        return {
          counts: { read: signed.seq, accepted: 0, refused: 0, failed: 1 },
          details: { signed: summary, error: failures.map((f) => `the witness ${f.source} could not be written: ${f.error}`).join('; ') },
        };
      }
      return { counts: { read: signed.seq, accepted: 1, refused: 0, failed: 0 }, details: { signed: summary } };
    },
  };
}
