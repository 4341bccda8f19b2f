// Generated batch records: the demo JW315 (verzoek om toewijzing) from jeugdhulp-de-brug (AGB
// 42420001) to gemeente-diemen (0384), each with its own message id (and for the benchmark its own
// references and child: the care-path rules refuse a repeat). Some can be made to be refused by the policy (a purpose no rule allows) or to be invalid
// (a BSN that fails the 11-test).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { recordId, type SourceRecord } from './batch-source.ts';
import { benchBsn } from './distinct-message.ts';

export const sourceParty = 'jeugdhulp-de-brug';
export const batchReceiver = 'gemeente-diemen';
const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, any>;
export const demoBsn = jw315.Client.Bsn as string;

export type RecordKind = 'ok' | 'refused' | 'invalid';

/**
 * `child: 'demo'` (the default, for the tests that look for the demo BSN in what the gateway answers)
 * keeps the demo child and its references; `'distinct'` (the batch benchmark, on a gateway that keeps
 * care paths) gives each record its own child and references (bench/support/distinct-message.ts).
 */
export function jw315Record(index: number, kind: RecordKind = 'ok', child: 'demo' | 'distinct' = 'demo'): SourceRecord {
  const message = structuredClone(jw315);
  message.Header.BerichtIdentificatie.Identificatie = `B${index}`;
  if (child === 'distinct') {
    message.Client.Bsn = benchBsn(index);
    (message.Client.AangevraagdeProducten.AangevraagdProduct as Record<string, unknown>[]).forEach((p, k) => (p.ReferentieAanbieder = `B${index}P${k}`));
  }
  if (kind === 'invalid') message.Client.Bsn = '123456789';
  return {
    id: recordId(index),
    messageType: 'JW315',
    receiver: batchReceiver,
    purpose: kind === 'refused' ? 'onderzoek' : 'verzoek-toewijzing',
    message,
  };
}
