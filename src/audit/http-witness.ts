// A witness kept by another party, over HTTP (`audit.witnessUrl`): each signed checkpoint is POSTed
// to the URL as one JSON object (the witness line: seq, hash, signedAt, keyId, signature), and a GET of
// the same URL answers every checkpoint it holds as JSON lines, the witness file's form (witness.ts).
// A 2xx answer to the POST means witnessed; anything else, or no answer within the timeout, is an
// error the caller retries. `ketenpoort witness serve` is such a witness (src/cli/witness-command.ts).

import type { AuditCheckpoint } from '../store/store.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import { parseWitness, witnessLine, type Witness, type WitnessContents } from './witness.ts';

export function createHttpWitness(url: string, options: { readonly timeoutMs: number }): Witness {
  return {
    source: url,
    async append(checkpoint: AuditCheckpoint) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: witnessLine(checkpoint).trimEnd(),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) throw new GatewayError('delivery-failed', { detail: `the witness ${url} answered ${response.status}: ${text.slice(0, 200)}` });
    },
    async read(): Promise<WitnessContents> {
      const response = await fetch(url, { headers: { accept: 'application/jsonl' }, signal: AbortSignal.timeout(options.timeoutMs) });
      const text = await response.text();
      if (response.status === 404) return { source: url, exists: false, entries: [], unreadable: [] };
      if (!response.ok) throw new GatewayError('delivery-failed', { detail: `the witness ${url} answered ${response.status}: ${text.slice(0, 200)}` });
      return parseWitness(url, text);
    },
  };
}
