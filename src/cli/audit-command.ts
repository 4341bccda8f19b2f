// `ketenpoort audit verify|export|key`.
//
// verify walks the hash chain and its signed checkpoints and names the first broken record; it prints
// the result as JSON and exits 1 when anything does not verify. Three ways:
//   --file EXPORT [--public-key JWK]   offline, an export written by `audit export`
//   --url URL (or KETENPOORT_URL)      a running gateway, through its export API (privacy officer)
//   neither                            the store named in the config, read directly (on the gateway's host),
//                                      with its stored columns and against the configured witnesses
// Each also holds the chain against the witnesses named with --witness FILE / --witness-url URL and
// reports the records after the newest witnessed checkpoint ("N records protected by the chain only").
// A progress bar shows on a terminal for long chains.
//
// export writes the audit log as JSON lines in the Logboek Dataverwerkingen form, with the signed
// checkpoints as their own lines just before the records they sign, to --out FILE (written whole, then
// renamed into place) or stdout.

import { createReadStream, existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { JsonWebKey } from 'node:crypto';
import { openStore } from '../store/open-store.ts';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { auditVerifyInWorker } from '../workers/verify-segments-in-worker.ts';
import { createChainVerifier, type ChainVerification } from '../audit/chain-verifier.ts';
import { configuredCheckpointSigner, publicKeyFromJwk } from '../audit/checkpoint-signing.ts';
import { createFileWitness, readWitness, type Witness, type WitnessContents } from '../audit/witness.ts';
import { createHttpWitness } from '../audit/http-witness.ts';
import { treeRootOf, verifyReceipt, type ReceiptVerification } from '../audit/receipts.ts';
import { hashAuditRecord } from '../audit/audit-hash.ts';
import { verifyExportLines } from '../audit/export-verifier.ts';
import { fromLdvRecord, ldvLineDifferences, isCheckpointLine, type ExportLine, type LdvRecord } from '../audit/ldv-export.ts';
import type { AuditCheckpoint } from '../store/store.ts';
import { CliFailure, cliConfig, commonOptionSpec, connect, progressBar, type ApiClient, type CommonOptions, subcommandHelp } from './cli-support.ts';

export const auditUsage = `usage: ketenpoort audit <command> [options]

  verify                          the store named in the config (--config), read directly
  verify --url URL                a running gateway, through its export API (as a privacy officer)
  verify --file EXPORT --public-key KEY.jwk [--from SEQ]
                                  offline: an export file and the gateway's public key; a full export
                                  must start at seq 1 (--from SEQ: one exported from SEQ on)
    each verify also: --witness FILE, --witness-url URL (repeatable): hold the chain against a
    witness (the store: also those in the config); reports "N records protected by the chain only"
  export [--out FILE] [--from SEQ]
                                  the audit log as JSON lines (Logboek Dataverwerkingen field names)
  key [--out FILE]                the public key that verifies the gateway's checkpoints (JWK)
  prove EXCHANGE_ID [--out FILE]  the receipt that your exchange is in the audit log (as its sender, --as)
  verify-receipt --file RECEIPT --public-key KEY.jwk [--export EXPORT]
                                  offline, no database: the receipt's record, proof and signed tree head;
                                  with an export, also that the log still has the receipt's tree head

connection: --url URL (KETENPOORT_URL), --token JWT (KETENPOORT_TOKEN); with the demo config the
token is minted for --as ID (default privacy-officer-demo).
verify and verify-receipt print their verdict as text; --json prints the whole report as JSON.
export, key and prove print what they make (JSON lines, a JWK, a receipt) or write it to --out.
exit codes: 0 intact (verify) or done, 1 not intact or refused, 2 wrong usage
`;

interface ExportPage {
  items: LdvRecord[];
  checkpoints: AuditCheckpoint[];
  next: number | null;
  chainLength: number;
}

function readPublicKey(file: string | undefined): ReturnType<typeof publicKeyFromJwk> | undefined {
  if (file === undefined) return undefined;
  try {
    return publicKeyFromJwk(JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey);
  } catch (error) {
    throw new CliFailure(`--public-key ${file}: ${(error as Error).message}`, 2);
  }
}

function report(result: ChainVerification & { readonly source?: string }, json: boolean): number {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (result.tail !== undefined) process.stderr.write(`${result.ok ? 'verified' : 'NOT verified'}: ${result.tail.summary}\n`);
  } else process.stdout.write(verificationText(result));
  return result.ok ? 0 : 1;
}

/** The verification for people: the verdict first, then what was checked and every problem named. */
export function verificationText(result: ChainVerification & { readonly source?: string }): string {
  const lines = [`The audit chain ${result.ok ? 'is intact' : 'is NOT intact'}${result.source !== undefined ? ` (${result.source})` : ''}.`];
  lines.push(`  records checked: ${result.checked}${result.head !== null ? `; head: seq ${result.head.seq}, hash ${result.head.hash.slice(0, 16)}…` : ''}`);
  if (result.firstBroken !== null) lines.push(`  broken at seq ${result.firstBroken.seq}: ${result.firstBroken.problem}`);
  for (const m of result.mismatchedColumns ?? []) lines.push(`  seq ${m.seq}: the stored column ${m.column} differs from the hashed record`);
  for (const m of result.mismatchedFields ?? []) lines.push(`  seq ${m.seq}: the export field ${m.field} differs from the hashed record`);
  const cp = result.checkpoints;
  if (cp !== undefined) {
    lines.push(`  signed checkpoints: ${cp.verified} verified${cp.unchecked > 0 ? `, ${cp.unchecked} unchecked (no public key)` : ''}${cp.failed.length > 0 ? `, ${cp.failed.length} failed` : ''}${cp.signedUpTo !== null ? `; signed up to seq ${cp.signedUpTo}` : ''}`);
    for (const f of cp.failed) lines.push(`    checkpoint at seq ${f.seq}: ${f.problem}`);
  }
  for (const w of result.witnesses ?? (result.witness !== undefined ? [result.witness] : [])) {
    lines.push(`  witness ${w.source}: ${w.entries} ${w.entries === 1 ? 'entry' : 'entries'}${w.newestSeq !== null ? `, newest at seq ${w.newestSeq}` : ''}${w.failed.length > 0 ? `, ${w.failed.length} not agreeing` : ', agrees'}`);
    for (const f of w.failed) lines.push(`    ${f.seq !== undefined ? `checkpoint at seq ${f.seq}` : `line ${f.line ?? '?'}`}: ${f.problem}`);
  }
  if (result.tail !== undefined) lines.push(`  ${result.tail.summary}`);
  return `${lines.join('\n')}\n`;
}

/** The witnesses named on the command line (--witness FILE, --witness-url URL). */
function witnessesOf(files: readonly string[] | undefined, urls: readonly string[] | undefined): Witness[] {
  return [...(files ?? []).map((f) => createFileWitness(f)), ...(urls ?? []).map((u) => createHttpWitness(u, { timeoutMs: 10_000 }))];
}

async function readAll(witnesses: readonly Witness[]): Promise<{ witnesses?: WitnessContents[] }> {
  return witnesses.length === 0 ? {} : { witnesses: await Promise.all(witnesses.map(readWitness)) };
}

async function* exportPages(api: ApiClient, fromSeq: number): AsyncGenerator<ExportPage> {
  let afterSeq = Math.max(0, fromSeq - 1);
  for (;;) {
    const page = await api.call<ExportPage>('GET', `/v1/audit/export?afterSeq=${afterSeq}&limit=2000`);
    yield page;
    if (page.next === null) return;
    afterSeq = page.next;
  }
}

async function verifyOffline(file: string, publicKeyFile: string | undefined, witnesses: readonly Witness[], fromSeq: number | undefined, json: boolean): Promise<number> {
  const publicKey = readPublicKey(publicKeyFile);
  const progress = progressBar('verifying');
  const total = statSync(file).size;
  const input = createReadStream(file);
  const result = await verifyExportLines(createInterface({ input, crlfDelay: Infinity }), {
    ...(publicKey !== undefined ? { publicKey } : {}),
    ...(await readAll(witnesses)),
    ...(fromSeq !== undefined ? { fromSeq } : {}),
    onLine: () => { progress.update(input.bytesRead, total); },
  });
  progress.finish(input.bytesRead);
  return report({ ...result, source: publicKey === undefined ? `${file} (no --public-key: signatures unchecked)` : file }, json);
}

async function verifyOverApi(options: CommonOptions, publicKeyFile: string | undefined, witnesses: readonly Witness[], json: boolean): Promise<number> {
  const api = connect(options, 'privacy-officer-demo');
  // Prefer a key kept from before; without one, use the key the gateway states (that checks the chain
  // against the gateway's own key, not the gateway's honesty: keep a copy, see `audit key`).
  let publicKey = readPublicKey(publicKeyFile);
  if (publicKey === undefined) {
    const jwk = await api.call<JsonWebKey>('GET', '/v1/audit/signing-key').catch((error: unknown) => {
      if (error instanceof CliFailure && error.message.startsWith('not-found')) return undefined;
      throw error;
    });
    if (jwk !== undefined) publicKey = publicKeyFromJwk(jwk);
  }
  const verifier = createChainVerifier({ withFields: true, expectFirstSeq: 1, ...(publicKey !== undefined ? { publicKey } : {}), ...(await readAll(witnesses)) });
  const progress = progressBar('verifying');
  for await (const page of exportPages(api, 1)) {
    for (const checkpoint of page.checkpoints) verifier.addCheckpoint(checkpoint);
    for (const line of page.items) {
      const { record, differences } = ldvLineDifferences(line);
      verifier.addRecord(record, differences);
    }
    progress.update(verifier.checked(), page.chainLength);
    if (!verifier.intact()) break;
  }
  progress.finish(verifier.checked());
  return report({ ...verifier.finish(), source: api.url }, json);
}

async function verifyStore(options: CommonOptions, publicKeyFile: string | undefined, extra: readonly Witness[], json: boolean): Promise<number> {
  const config = cliConfig(options);
  const store = await openStore(config.store.url);
  try {
    // A public key kept from before (--public-key) is the stronger check; else the configured key's.
    const { signingKeyFile, signingKeyJwk } = config.audit;
    const signer = signingKeyJwk === null && (signingKeyFile === null || !existsSync(signingKeyFile)) ? undefined : configuredCheckpointSigner(config.audit, { create: false });
    const publicKey = readPublicKey(publicKeyFile) ?? (signer === undefined ? undefined : publicKeyFromJwk(signer.publicJwk));
    const head = await store.transaction((tx) => tx.auditHead());
    const progress = progressBar('verifying');
    const { witnessFile, witnessUrl, witnessTimeoutMs } = config.audit;
    const witnesses = [
      ...(witnessFile !== null ? [createFileWitness(witnessFile)] : []),
      ...(witnessUrl !== null ? [createHttpWitness(witnessUrl, { timeoutMs: witnessTimeoutMs })] : []),
      ...extra,
    ];
    // A long chain is walked by two threads (src/audit/parallel-chain-walk.ts), with the same answer.
    const parallel = auditVerifyInWorker(config.store.url, (error) => {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
      process.stderr.write(`${error.message}${cause}; its segments were verified in the main thread\n`);
    });
    const result = await verifyAuditChain(store, {
      onProgress: (n) => { progress.update(n, head?.seq); },
      ...(publicKey !== undefined ? { publicKey } : {}),
      witnesses,
      ...(parallel !== undefined ? { parallel } : {}),
    });
    progress.finish(result.checked);
    return report({ ...result, source: 'the store of the configuration, read directly' }, json);
  } finally {
    await store.close();
  }
}

async function exportTo(options: CommonOptions, out: string | undefined, fromSeq: number): Promise<number> {
  const api = connect(options, 'privacy-officer-demo');
  const partial = out === undefined ? undefined : `${out}.partial`;
  const handle = partial === undefined ? undefined : await open(partial, 'w', 0o600);
  const write = async (text: string): Promise<void> => {
    if (handle !== undefined) await handle.write(text);
    else if (!process.stdout.write(text)) await new Promise((r) => process.stdout.once('drain', r));
  };
  const progress = progressBar('exporting');
  let records = 0;
  let checkpoints = 0;
  try {
    for await (const page of exportPages(api, fromSeq)) {
      // Checkpoints first: a verifier checks each as the record it signs passes.
      let chunk = '';
      for (const checkpoint of page.checkpoints) chunk += `${JSON.stringify({ 'ketenpoort.checkpoint': checkpoint })}\n`;
      for (const line of page.items) chunk += `${JSON.stringify(line)}\n`;
      await write(chunk);
      records += page.items.length;
      checkpoints += page.checkpoints.length;
      progress.update(records, page.chainLength);
    }
  } finally {
    await handle?.close();
  }
  progress.finish(records);
  if (out !== undefined && partial !== undefined) renameSync(partial, out);
  process.stderr.write(`exported ${records} records and ${checkpoints} checkpoints${out !== undefined ? ` to ${out}` : ''}\n`);
  return 0;
}

async function writeOut(out: string | undefined, text: string): Promise<void> {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  const handle = await open(out, 'w', 0o644);
  await handle.write(text);
  await handle.close();
}

/** The hashes of an export file's records, recomputed from their content, in order (checkpoint lines skipped). */
async function* exportHashes(file: string): AsyncGenerator<string> {
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    const line = JSON.parse(text) as ExportLine;
    if (isCheckpointLine(line)) continue;
    // The hash of the record as it reads now: an edited line changes the tree's root.
    const { hash: _stored, ...rest } = fromLdvRecord(line);
    yield hashAuditRecord(rest);
  }
}

async function verifyReceiptFile(file: string, publicKeyFile: string | undefined, exportFile: string | undefined, json: boolean): Promise<number> {
  const publicKey = readPublicKey(publicKeyFile);
  if (publicKey === undefined) throw new CliFailure('verify-receipt needs --public-key KEY.jwk (the gateway\'s key, `audit key`)', 2);
  let receipt: unknown;
  try {
    receipt = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliFailure(`${file}: ${(error as Error).message}`);
  }
  const result = verifyReceipt(receipt, publicKey);
  const problems = [...result.problems];
  let log: { readonly source: string; readonly rootHash: string | null } | undefined;
  if (exportFile !== undefined && result.treeSize !== null) {
    const hashes: string[] = [];
    for await (const hash of exportHashes(exportFile)) {
      hashes.push(hash);
      if (hashes.length === result.treeSize) break;
    }
    const root = treeRootOf(hashes, result.treeSize) ?? null;
    log = { source: exportFile, rootHash: root };
    if (root === null) problems.push(`the export has fewer than the receipt's ${result.treeSize} records (it must start at seq 1)`);
    else if (root !== result.rootHash) problems.push('the log does not have the receipt\'s tree head: its first records were rewritten since the receipt was issued');
  }
  const ok = problems.length === 0;
  const verdict = { ...result, ok, problems, ...(log !== undefined ? { log } : {}) };
  process.stdout.write(json ? `${JSON.stringify(verdict, null, 2)}\n` : receiptText(file, verdict));
  return ok ? 0 : 1;
}

/** The receipt's verdict for people: the verdict first, what it proves, then every problem named. */
function receiptText(file: string, v: ReceiptVerification & { readonly log?: { readonly source: string; readonly rootHash: string | null } }): string {
  const what = v.exchangeId !== null ? ` for exchange ${v.exchangeId}` : '';
  const lines = [`The receipt${what} ${v.ok ? 'is valid' : 'is NOT valid'} (${file}).`];
  if (v.seq !== null && v.treeSize !== null) lines.push(`  audit record seq ${v.seq}, in a signed tree of ${v.treeSize} records${v.rootHash !== null ? ` (root ${v.rootHash.slice(0, 16)}…)` : ''}`);
  if (v.log !== undefined) lines.push(`  the log ${v.log.source}: ${v.log.rootHash !== null && v.log.rootHash === v.rootHash ? 'still has the receipt\'s tree head' : 'checked (see below)'}`);
  for (const problem of v.problems) lines.push(`  problem: ${problem}`);
  return `${lines.join('\n')}\n`;
}

export async function runAuditCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ...commonOptionSpec,
      file: { type: 'string' },
      'public-key': { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      witness: { type: 'string', multiple: true },
      export: { type: 'string' },
      'witness-url': { type: 'string', multiple: true },
    },
  });
  const [sub] = positionals;
  const ownHelp = values.help === true && sub !== undefined ? subcommandHelp(auditUsage, sub) : undefined;
  if (ownHelp !== undefined) {
    process.stdout.write(ownHelp);
    return 0;
  }
  if (values.help === true || sub === undefined) {
    process.stdout.write(auditUsage);
    return sub === undefined && values.help !== true ? 2 : 0;
  }
  switch (sub) {
    case 'verify': {
      const witnesses = witnessesOf(values.witness, values['witness-url']);
      if (values.file !== undefined) {
        const from = values.from === undefined ? undefined : Number(values.from);
        if (from !== undefined && (!Number.isInteger(from) || from < 1)) throw new CliFailure('--from must be a seq (1 or more)', 2);
        return verifyOffline(values.file, values['public-key'], witnesses, from, values.json === true);
      }
      if (values.url !== undefined || process.env.KETENPOORT_URL !== undefined) return verifyOverApi(values, values['public-key'], witnesses, values.json === true);
      return verifyStore(values, values['public-key'], witnesses, values.json === true);
    }
    case 'export': {
      const from = Number(values.from ?? '1');
      if (!Number.isInteger(from) || from < 1) throw new CliFailure('--from must be a seq (1 or more)', 2);
      return exportTo(values, values.out, from);
    }
    case 'key': {
      const key = await connect(values, 'privacy-officer-demo').call<JsonWebKey>('GET', '/v1/audit/signing-key');
      const text = `${JSON.stringify(key, null, 2)}\n`;
      if (values.out !== undefined) {
        const handle = await open(values.out, 'w', 0o644);
        await handle.write(text);
        await handle.close();
      } else process.stdout.write(text);
      return 0;
    }
    case 'prove': {
      const id = positionals[1];
      if (id === undefined) throw new CliFailure(`prove needs the exchange id\n\n${auditUsage}`, 2);
      // As the sending party: only the sender gets its receipt.
      const receipt = await connect(values, 'jeugdhulp-de-brug').call<unknown>('GET', `/v1/exchanges/${encodeURIComponent(id)}/receipt`);
      await writeOut(values.out, `${JSON.stringify(receipt, null, 2)}\n`);
      return 0;
    }
    case 'verify-receipt':
      if (values.file === undefined) throw new CliFailure(`verify-receipt needs --file RECEIPT\n\n${auditUsage}`, 2);
      return verifyReceiptFile(values.file, values['public-key'], values.export, values.json === true);
    default:
      throw new CliFailure(`unknown audit command "${sub}"\n\n${auditUsage}`, 2);
  }
}
