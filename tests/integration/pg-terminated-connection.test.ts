// Regression: a PostgreSQL connection ended by the server while a transaction holds it
// (pg_terminate_backend, a restart, a network cut) crashed the whole process. The pool listens for
// errors on idle connections only; on a checked-out one the driver emitted 'error' with no listener.
// Found by the soak (bench/soak/pg-terminate-scenario.ts). Now the transaction fails with
// store-unavailable (a 503 at the edge) and the next one runs on a fresh connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGatewayError } from '../../src/kernel/gateway-error.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('a PostgreSQL connection terminated during a transaction'), () => {
  const schema = freshSchema('kp_term');
  let store: Store;

  beforeAll(async () => {
    store = await openStore(pgStoreUrl(schema, { poolMax: '2' }));
    await store.migrate();
  });

  afterAll(async () => {
    await store.close();
    await dropSchema(schema);
  });

  it('when the server ends the connection a transaction holds, then the transaction fails with store-unavailable, the process lives on, and the next transaction succeeds', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => { uncaught.push(error); };
    process.on('uncaughtException', onUncaught);
    try {
      const failed = await store
        .transaction(async (tx) => {
          await tx.auditHead();
          // The gateway's sessions carry `ketenpoort SCHEMA` as application_name, so an operator can
          // find (and end) them in pg_stat_activity.
          const ended = await withPgClient(async (c) => {
            const { rows } = await c.query("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'", [`ketenpoort ${schema}`]);
            return (rows[0] as { n: number }).n;
          });
          expect(ended).toBe(1);
          await new Promise((r) => setTimeout(r, 200)); // the FATAL message arrives while nothing runs on the connection
          return tx.auditHead();
        })
        .then(() => undefined, (error: unknown) => error);
      expect(isGatewayError(failed) && failed.code).toBe('store-unavailable');
      expect(uncaught).toStrictEqual([]);
      await expect(store.transaction(async (tx) => { await tx.auditHead(); return 'ran'; })).resolves.toBe('ran');
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
