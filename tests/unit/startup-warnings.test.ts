import { describe, expect, it } from 'vitest';
import { startupWarnings } from '../../src/config/startup-warnings.ts';

const audit = { signingKeyFile: null, signingKeyJwk: null, witnessFile: null, witnessUrl: null, witnessTimeoutMs: 5_000, checkpoint: { enabled: true, everyRecords: 1_000, everySeconds: 60 } };

describe('startup warnings', () => {
  it('when a gateway outside the demo has no audit signing key, then it is told that the chain is only hash-linked and which setting signs it', () => {
    const [warning, ...rest] = startupWarnings({ demo: false, audit });
    expect(rest).toStrictEqual([]);
    expect(warning).toMatch(/^audit checkpoints are not signed/);
    expect(warning).toContain('KETENPOORT_AUDIT_SIGNING_KEY_FILE');
  });

  it('when it signs but keeps no witness, then it is told to set one; with both, nothing is said', () => {
    expect(startupWarnings({ demo: false, audit: { ...audit, signingKeyFile: '/keys/audit.jwk.json' } })).toStrictEqual([expect.stringMatching(/no witness outside the database/)]);
    expect(startupWarnings({ demo: false, audit: { ...audit, signingKeyJwk: '{}', witnessUrl: 'https://witness.example/' } })).toStrictEqual([]);
  });

  it('when the demo runs, then nothing is said (it makes its own key and witness)', () => {
    expect(startupWarnings({ demo: true, audit })).toStrictEqual([]);
  });
});
