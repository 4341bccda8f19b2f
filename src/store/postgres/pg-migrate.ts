// Applies the PostgreSQL migrations (migrations.ts). Several gateway processes may start at once on
// one database: applyPgMigrations takes a transaction-scoped advisory lock for the schema first, so
// exactly one process migrates and the others wait, then find nothing left to do. DDL is
// transactional in PostgreSQL, so a database is never left half-migrated.

import type pg from 'pg';
import { GatewayError } from '../../kernel/gateway-error.ts';
import { pgMigrations, type PgMigration } from './migrations.ts';
import { advisoryKey } from './pg-connection.ts';

const createMigrationsTable = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer NOT NULL PRIMARY KEY,
    name       text    NOT NULL,
    applied_at bigint  NOT NULL
  )`;

export interface PgMigrationStatus {
  readonly applied: readonly number[];
  readonly pending: readonly PgMigration[];
  /** Versions recorded in the database that this build does not know (a newer gateway migrated it). */
  readonly unknown: readonly number[];
}

type Queryable = pg.Pool | pg.PoolClient;

/** Reads the applied versions; a missing schema or table means none. */
export async function pgMigrationStatus(db: Queryable, schema: string): Promise<PgMigrationStatus> {
  const exists = await db.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = 'schema_migrations') AS present`,
    [schema],
  );
  const applied =
    exists.rows[0]?.present === true
      ? (await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version)
      : [];
  const known = new Set(pgMigrations.map((m) => m.version));
  const done = new Set(applied);
  return {
    applied,
    pending: pgMigrations.filter((m) => !done.has(m.version)),
    unknown: applied.filter((v) => !known.has(v)),
  };
}

export async function isPgCurrent(db: Queryable, schema: string): Promise<boolean> {
  const status = await pgMigrationStatus(db, schema);
  return status.pending.length === 0 && status.unknown.length === 0;
}

/**
 * Creates the schema if needed and applies the missing migrations in order, in one transaction, under
 * an advisory lock held until commit (one migrating process at a time). Idempotent. Refuses a database
 * migrated by a newer build. `client` must not be inside a transaction.
 */
export async function applyPgMigrations(client: pg.PoolClient, schema: string, now: number = Date.now()): Promise<readonly number[]> {
  await client.query('BEGIN');
  try {
    // Another process may be migrating for longer than the usual lock timeout: wait for it.
    await client.query('SET LOCAL lock_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKey(schema, 'migrate')]);
    const schemaExists = await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema]);
    // The name matched /^[a-z_][a-z0-9_]{0,62}$/ (pg-connection.ts); quoted all the same.
    if (schemaExists.rowCount === 0) await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(createMigrationsTable);
    const status = await pgMigrationStatus(client, schema);
    if (status.unknown.length > 0) {
      throw new GatewayError('store-unavailable', {
        detail: `The database schema has migrations this gateway does not know (${status.unknown.join(', ')}); it was migrated by a newer version`,
      });
    }
    const sorted = [...status.pending].sort((a, b) => a.version - b.version);
    for (const migration of sorted) {
      await client.query(migration.sql);
      if (migration.then !== undefined) await migration.then(client);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now]);
    }
    await client.query('COMMIT');
    return sorted.map((m) => m.version);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
