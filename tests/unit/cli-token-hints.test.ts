// What the CLI says to someone outside the demo who has no token yet: found trying the README's
// onboarding as a new user (issue 13). `token --party ID` without --key names --key FILE; an operator
// command given an empty --token (`--token "$OPERATOR_TOKEN"` with the variable unset) says so before
// any request, instead of passing on the gateway's 401 about a missing Authorization header.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import { mintDemoToken } from '../../src/auth/tokens.ts';
import { connect, CliFailure } from '../../src/cli/cli-support.ts';
import { writeTestConfig } from '../support/test-gateway.ts';

function nonDemoConfigFile(dir: string, file: string): string {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const prod = join(dir, 'prod.json');
  // Port 1: nothing listens there, so a request that was made would fail as "cannot reach the gateway".
  writeFileSync(prod, JSON.stringify({ ...raw, demo: false, pseudonymSecret: 's'.repeat(64), gateway: { ...(raw.gateway as object), port: 1 } }));
  return prod;
}

describe('CLI token hints outside the demo', () => {
  it('when a token is asked for without --key on a config that is not the demo, then the refusal names --key FILE', () => {
    const t = writeTestConfig();
    const config = loadConfig(nonDemoConfigFile(t.dir, t.file), {});
    expect(() => mintDemoToken(config, 'jeugdhulp-de-brug')).toThrow(/demo configuration.*--key FILE/);
    t.cleanup();
  });

  it('when an operator command gets an empty --token outside the demo, then it fails before any request, saying the token is empty and how to make one (exit 2)', async () => {
    const t = writeTestConfig();
    const client = connect({ config: nonDemoConfigFile(t.dir, t.file), token: '' }, 'operator-demo');
    const failure = await client.call('POST', '/v1/operator/config/reload').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliFailure);
    expect((failure as CliFailure).exitCode).toBe(2);
    expect((failure as CliFailure).message).toMatch(/token given is empty.*--token or KETENPOORT_TOKEN.*token --party ID --key FILE/);
    expect((failure as CliFailure).message).not.toMatch(/cannot reach/);
    t.cleanup();
  });
});
