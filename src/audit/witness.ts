// The witness: every signed checkpoint also leaves the database, appended to a file (`audit.witness`
// under the data folder by default) as one JSON line. Whoever can write the database can delete
// checkpoint rows or cut records off the chain's end; the witness, kept where the database
// administrator cannot write, still says how far the chain had reached and what it looked like there.
// Verification (chain-verifier.ts) holds the chain and its checkpoint rows against it.
//
// A line is the checkpoint exactly as signed: {"seq":..,"hash":..,"signedAt":..,"keyId":..,"signature":..}.
// The file is only ever appended to (opened with O_APPEND, each line written whole and fsynced).

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditCheckpoint } from '../store/store.ts';

export interface Witness {
  /** Where the entries live (a file path or a URL), for reports. */
  readonly source: string;
  append(checkpoint: AuditCheckpoint): Promise<void>;
  read(): Promise<WitnessContents>;
}

export interface WitnessContents {
  readonly source: string;
  /** False when the witness file does not exist (nothing was ever witnessed, or it was removed). */
  readonly exists: boolean;
  readonly entries: readonly AuditCheckpoint[];
  /** Lines that are not a checkpoint (an edited or truncated line), by line number. */
  readonly unreadable: readonly { readonly line: number; readonly problem: string }[];
  /** Why the witness could not be read at all (a witness over HTTP that does not answer). */
  readonly error?: string;
}

/** Reads a witness; a witness that cannot be read is reported as such, not thrown. */
export async function readWitness(witness: Witness): Promise<WitnessContents> {
  try {
    return await witness.read();
  } catch (error) {
    return { source: witness.source, exists: false, entries: [], unreadable: [], error: (error as Error).message };
  }
}

const fields = ['seq', 'hash', 'signedAt', 'keyId', 'signature'] as const;

/** The checkpoint a parsed JSON value holds, or undefined when it is not exactly one. */
export function checkpointOf(value: unknown): AuditCheckpoint | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (Object.keys(v).length !== fields.length) return undefined;
  if (typeof v.seq !== 'number' || !Number.isSafeInteger(v.seq) || v.seq < 1) return undefined;
  for (const f of fields.slice(1)) if (typeof v[f] !== 'string') return undefined;
  return { seq: v.seq, hash: v.hash as string, signedAt: v.signedAt as string, keyId: v.keyId as string, signature: v.signature as string };
}

/** One witness line: the checkpoint's five fields, in this order, and a newline. */
export function witnessLine(checkpoint: AuditCheckpoint): string {
  return `${JSON.stringify({ seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId, signature: checkpoint.signature })}\n`;
}

/** Reads a witness file's text: each non-empty line one checkpoint. */
export function parseWitness(source: string, text: string): WitnessContents {
  const entries: AuditCheckpoint[] = [];
  const unreadable: { line: number; problem: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      unreadable.push({ line: index + 1, problem: 'not a JSON line (edited or cut short)' });
      return;
    }
    const checkpoint = checkpointOf(parsed);
    if (checkpoint === undefined) unreadable.push({ line: index + 1, problem: 'not a checkpoint (seq, hash, signedAt, keyId, signature)' });
    else entries.push(checkpoint);
  });
  if (text !== '' && !text.endsWith('\n')) unreadable.push({ line: lines.length, problem: 'the last line is not ended (the file was cut short)' });
  return { source, exists: true, entries, unreadable };
}

export function createFileWitness(file: string): Witness {
  return {
    source: file,
    append(checkpoint) {
      return new Promise<void>((resolve) => {
        mkdirSync(dirname(file), { recursive: true });
        const fd = openSync(file, 'a', 0o644);
        try {
          writeSync(fd, witnessLine(checkpoint));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        resolve();
      });
    },
    read() {
      return new Promise<WitnessContents>((resolve) => {
        resolve(existsSync(file) ? parseWitness(file, readFileSync(file, 'utf8')) : { source: file, exists: false, entries: [], unreadable: [] });
      });
    },
  };
}
