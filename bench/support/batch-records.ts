// Generated batch records: the demo JW315 (verzoek om toewijzing) from jeugdhulp-de-brug (AGB
// 42420001) to gemeente-diemen (0384), each with its own message id, so every record is a distinct
// message. Some can be made to be refused by the policy (a purpose no rule allows) or to be invalid
// (a BSN that fails the 11-test).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../../src/kernel/repo-root.ts';
import { recordId, type SourceRecord } from './batch-source.ts';

export const sourceParty = 'jeugdhulp-de-brug';
export const batchReceiver = 'gemeente-diemen';
const jw315 = JSON.parse(readFileSync(resolve(repoRoot, 'config/demo-messages/jw315.json'), 'utf8')) as Record<string, any>;
export const demoBsn = jw315.Client.Bsn as string;

export type RecordKind = 'ok' | 'refused' | 'invalid';

export function jw315Record(index: number, kind: RecordKind = 'ok'): SourceRecord {
  const message = structuredClone(jw315);
  message.Header.BerichtIdentificatie.Identificatie = `B${index}`;
  if (kind === 'invalid') message.Client.Bsn = '123456789';
  return {
    id: recordId(index),
    messageType: 'JW315',
    receiver: batchReceiver,
    purpose: kind === 'refused' ? 'onderzoek' : 'verzoek-toewijzing',
    message,
  };
}
