// `ketenpoort witness serve`: a witness for the gateway's signed audit checkpoints, run by another
// party (a supervisor, a sister organisation) on a host the gateway's database administrator does not
// control (witness-server.ts). The gateway POSTs each checkpoint to it (audit.witnessUrl);
// `ketenpoort audit verify --witness-url URL` holds a chain or an export against it.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { JsonWebKey } from 'node:crypto';
import { publicKeyFromJwk } from '../audit/checkpoint-signing.ts';
import { CliFailure } from './cli-support.ts';
import { startWitnessServer } from './witness-server.ts';

export const witnessUsage = `usage: ketenpoort witness serve --file FILE --public-key KEY.jwk [--host HOST] [--port PORT]

  Keeps the gateway's signed audit checkpoints in FILE (append-only JSON lines) and serves them at
  http://HOST:PORT/checkpoints: POST one checkpoint (only those KEY.jwk verifies), GET all of them.
  KEY.jwk is the gateway's public key (\`ketenpoort audit key\`). Defaults: host 127.0.0.1, port 8090.
`;

export async function runWitnessCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { file: { type: 'string' }, 'public-key': { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) {
    process.stdout.write(witnessUsage);
    return 0;
  }
  if (positionals[0] !== 'serve' || values.file === undefined || values['public-key'] === undefined) throw new CliFailure(witnessUsage, 2);
  const port = Number(values.port ?? '8090');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliFailure('--port must be a port number', 2);
  let publicKey: ReturnType<typeof publicKeyFromJwk>;
  try {
    publicKey = publicKeyFromJwk(JSON.parse(readFileSync(values['public-key'], 'utf8')) as JsonWebKey);
  } catch (error) {
    throw new CliFailure(`--public-key ${values['public-key']}: ${(error as Error).message}`, 2);
  }
  const witness = await startWitnessServer({ file: values.file, publicKey, host: values.host ?? '127.0.0.1', port });
  process.stderr.write(`ketenpoort witness: ${witness.url} (key ${publicKey.keyId}, file ${values.file})\n`);
  const stop = (): void => { void witness.close().then(() => process.exit(0)); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return new Promise<number>(() => undefined);
}
