// Verifies an audit export (audit-export.ts, ldv-export.ts) as strictly as the store: every line is
// read back into the hashed record and derived again from it, so a changed, added or dropped field
// outside the hash (status, end_time, an attribute) is named (mismatchedFields); the chain, its
// checkpoints and the witnesses are checked as for the store (chain-verifier.ts). A full export must
// start at seq 1 and link to the genesis hash, so records removed from its start are found; an export
// from later on is verified only when the verifier says where it starts (`fromSeq`).

import type { KeyObject } from 'node:crypto';
import { GatewayError } from '../kernel/gateway-error.ts';
import { createChainVerifier, type ChainVerification } from './chain-verifier.ts';
import { isCheckpointLine, ldvLineDifferences, type LdvRecord } from './ldv-export.ts';
import { checkpointOf, type WitnessContents } from './witness.ts';

export async function verifyExportLines(
  lines: AsyncIterable<string> | Iterable<string>,
  options: {
    readonly publicKey?: { readonly key: KeyObject; readonly keyId: string };
    readonly witnesses?: readonly WitnessContents[];
    /** Where the export must start: 1 (a full export, the default) or the seq it was exported from. */
    readonly fromSeq?: number;
    readonly onLine?: () => void;
  } = {},
): Promise<ChainVerification> {
  const verifier = createChainVerifier({
    withFields: true,
    expectFirstSeq: options.fromSeq ?? 1,
    ...(options.publicKey !== undefined ? { publicKey: options.publicKey } : {}),
    ...(options.witnesses !== undefined && options.witnesses.length > 0 ? { witnesses: options.witnesses } : {}),
  });
  let lineNo = 0;
  for await (const text of lines) {
    lineNo += 1;
    options.onLine?.();
    if (text.trim() === '') continue;
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      throw new GatewayError('invalid-input', { detail: `line ${lineNo}: not a JSON line` });
    }
    if (line === null || typeof line !== 'object' || Array.isArray(line)) throw new GatewayError('invalid-input', { detail: `line ${lineNo}: not an export line` });
    if (isCheckpointLine(line)) {
      const checkpoint = Object.keys(line).length === 1 ? checkpointOf(line['ketenpoort.checkpoint']) : undefined;
      if (checkpoint === undefined) throw new GatewayError('invalid-input', { detail: `line ${lineNo}: not a checkpoint line (exactly seq, hash, signedAt, keyId, signature)` });
      verifier.addCheckpoint(checkpoint);
      continue;
    }
    const { record, differences } = ldvLineDifferences(line as LdvRecord);
    verifier.addRecord(record, differences);
  }
  return verifier.finish();
}
