// PostgreSQL for tests: the server's URL comes from KETENPOORT_TEST_PG_URL (CI sets it, see .ci/run).
// Without it, PostgreSQL tests are skipped and say why: the reason is in the skipped suite's name and
// printed as a warning, so a machine without PostgreSQL never passes them silently.
// Every test store gets a schema of its own (`?schema=` in the store URL), dropped afterwards.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const raw = process.env.KETENPOORT_TEST_PG_URL;
export const pgTestUrl: string | undefined = raw === undefined || raw.trim() === '' ? undefined : raw.trim();

export const pgSkipReason = 'KETENPOORT_TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';

/** The suite name to use: with the skip reason in it when PostgreSQL is not configured. */
export function pgSuiteName(name: string): string {
  if (pgTestUrl !== undefined) return name;
  console.warn(`[skipped] ${name}: ${pgSkipReason}`);
  return `${name} (skipped: ${pgSkipReason})`;
}

export function freshSchema(prefix = 'kp_test'): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

/** The test server's URL with `?schema=` (and any other store options) set. */
export function pgStoreUrl(schema: string, options: Record<string, string> = {}): string {
  if (pgTestUrl === undefined) throw new Error(pgSkipReason);
  const url = new URL(pgTestUrl);
  url.searchParams.set('schema', schema);
  for (const [k, v] of Object.entries(options)) url.searchParams.set(k, v);
  return url.toString();
}

/** Runs fn with a plain client on the test database (outside any store), then closes it. */
export async function withPgClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  if (pgTestUrl === undefined) throw new Error(pgSkipReason);
  const client = new pg.Client({ connectionString: pgTestUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a test schema name: ${schema}`);
  await withPgClient((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}
