// The PostgreSQL store URL (src/store/postgres/pg-connection.ts): Ketenpoort's own options are taken
// out, and parameters the driver would let override the sessions' settings are refused. No server
// needed: this is the parsing only (tests/integration/postgres-store.test.ts connects).
import { describe, expect, it } from 'vitest';
import { connectionConfig, parsePostgresUrl } from '../../src/store/postgres/pg-connection.ts';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { storeUrlForDisplay } from '../../src/store/open-store.ts';

function refusal(url: string): string {
  try {
    parsePostgresUrl(url);
  } catch (error) {
    if (isGatewayError(error) && error.code === 'config-invalid') return error.detail ?? '';
    throw error;
  }
  return 'accepted';
}

describe('the PostgreSQL store URL', () => {
  it('when it names a schema, a pool size and the socket directory, then those are taken out and the socket stays for the driver', () => {
    const options = parsePostgresUrl('postgres://kp@%2Fvar%2Frun%2Fpostgresql/test?schema=kp_a&poolMax=4&sslmode=disable');
    expect(options).toStrictEqual({ connectionString: 'postgres://kp@%2Fvar%2Frun%2Fpostgresql/test?sslmode=disable', schema: 'kp_a', poolMax: 4 });
    expect(connectionConfig(options).options).toBe('-c search_path=kp_a -c lock_timeout=15000 -c idle_in_transaction_session_timeout=60000');
  });

  it('when it sets the session options, search_path, a timeout or the session name itself, then it is refused, naming the parameters and never the URL', () => {
    for (const name of ['options', 'application_name', 'fallback_application_name', 'search_path', 'lock_timeout', 'statement_timeout', 'idle_in_transaction_session_timeout', 'query_timeout']) {
      const detail = refusal(`postgres://kp:s3cret@db.example/test?schema=kp&${name}=x`);
      expect(detail, name).toContain(`may not set ${name}:`);
      expect(detail, name).not.toContain('s3cret');
    }
    expect(refusal('postgres://kp@db.example/test?options=-c%20search_path%3Dpublic&lock_timeout=0')).toContain('may not set options, lock_timeout:');
  });

  it('when a store URL is shown (the demo command prints it), then a PostgreSQL password is not', () => {
    expect(storeUrlForDisplay('postgres://kp:s3cret@db.example:5432/test?schema=kp')).toBe('postgres://kp:***@db.example:5432/test?schema=kp');
    expect(storeUrlForDisplay('postgres://kp@%2Fvar%2Frun%2Fpostgresql/test')).toBe('postgres://kp@%2Fvar%2Frun%2Fpostgresql/test');
    expect(storeUrlForDisplay('sqlite:./data/ketenpoort.db')).toBe('sqlite:./data/ketenpoort.db');
  });
});
