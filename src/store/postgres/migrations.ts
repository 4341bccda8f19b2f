// Numbered schema migrations for the PostgreSQL store, mirroring the SQLite ones
// (src/store/sqlite/migrations.ts) version for version: the same tables and meaning, PostgreSQL types.
// Never edit a migration that has shipped: add a new one with the same number as its SQLite twin.
//
// Several gateway processes may start at once on one database: `applyMigrations` takes a
// transaction-scoped advisory lock for the schema first, so exactly one process migrates and the
// others wait, then find nothing left to do. DDL is transactional in PostgreSQL, so a database is never
// left half-migrated.
//
// Type choices: epoch milliseconds and seq are bigint (read back as numbers, see pg-connection.ts);
// keys and party ids are text COLLATE "C", so ordering by id is byte order, as in SQLite and in
// JavaScript's string comparison for the ids the gateway makes; JSON values (payloads, decisions,
// responses) are `json`, which keeps the text exactly as written; the audit record is `text`, the
// record exactly as written, because its hash covers it (jsonb would reorder keys).

import type pg from 'pg';
import { GatewayError } from '../../errors/gateway-error.ts';
import { advisoryKey } from './pg-connection.ts';

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const pgMigrations: readonly PgMigration[] = [
  {
    version: 1,
    name: 'initial schema: exchanges, outbox, audit, idempotency, inbox',
    sql: `
      CREATE TABLE exchanges (
        id                 text COLLATE "C" NOT NULL PRIMARY KEY,
        created_at         bigint NOT NULL,
        updated_at         bigint NOT NULL,
        sender             text COLLATE "C" NOT NULL,
        receiver           text COLLATE "C",
        message_type       text   NOT NULL,
        purpose            text,
        status             text   NOT NULL,
        subject_pseudonym  text,
        trace_id           text   NOT NULL,
        decision           json,
        reason             text,
        receiver_reference text,
        delivered_at       bigint
      );
      CREATE INDEX exchanges_sender_created ON exchanges (sender, created_at, id);
      CREATE INDEX exchanges_receiver_created ON exchanges (receiver, created_at, id);

      CREATE TABLE outbox (
        exchange_id     text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES exchanges (id),
        receiver        text    NOT NULL,
        adapter_kind    text    NOT NULL,
        endpoint        text,
        message_type    text    NOT NULL,
        sender          text    NOT NULL,
        purpose         text    NOT NULL,
        payload         json,
        traceparent     text    NOT NULL,
        status          text    NOT NULL,
        attempts        integer NOT NULL,
        next_attempt_at bigint  NOT NULL,
        lease_owner     text,
        lease_until     bigint,
        last_error      text,
        delivered_at    bigint,
        purge_after     bigint,
        created_at      bigint  NOT NULL
      );
      -- The dispatchers' queue: only pending rows, in claim order.
      CREATE INDEX outbox_pending_due ON outbox (next_attempt_at, exchange_id) WHERE status = 'pending';
      CREATE INDEX outbox_purge ON outbox (purge_after) WHERE payload IS NOT NULL;

      -- Append-only, hash-chained. The record column holds the record exactly as written (JSON text);
      -- the other columns are copies for indexing.
      CREATE TABLE audit (
        seq          bigint NOT NULL PRIMARY KEY,
        time         text   NOT NULL,
        exchange_id  text COLLATE "C",
        actor        text COLLATE "C" NOT NULL,
        counterparty text COLLATE "C",
        action       text   NOT NULL,
        outcome      text   NOT NULL,
        prev_hash    text   NOT NULL,
        hash         text   NOT NULL,
        record       text   NOT NULL
      );
      CREATE INDEX audit_exchange ON audit (exchange_id, seq) WHERE exchange_id IS NOT NULL;
      CREATE INDEX audit_actor ON audit (actor, seq);
      CREATE INDEX audit_counterparty ON audit (counterparty, seq) WHERE counterparty IS NOT NULL;
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
      CREATE TRIGGER audit_no_update_or_delete BEFORE UPDATE OR DELETE ON audit
        FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

      -- The chain head, one row. Appending processes lock it (SELECT ... FOR UPDATE) to read the head,
      -- and every insert into audit moves it, in the same transaction: so appends from any number of
      -- processes are serialised and form one gap-free chain.
      CREATE TABLE audit_head (
        id   smallint NOT NULL PRIMARY KEY CHECK (id = 1),
        seq  bigint   NOT NULL,
        hash text
      );
      INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, NULL);

      CREATE TABLE idempotency (
        party        text COLLATE "C" NOT NULL,
        key          text COLLATE "C" NOT NULL,
        request_hash text    NOT NULL,
        status_code  integer NOT NULL,
        response     json,
        created_at   bigint  NOT NULL,
        PRIMARY KEY (party, key)
      );

      CREATE TABLE inbox (
        exchange_id  text COLLATE "C" NOT NULL PRIMARY KEY,
        receiver     text COLLATE "C" NOT NULL,
        sender       text   NOT NULL,
        message_type text   NOT NULL,
        purpose      text   NOT NULL,
        payload      json,
        created_at   bigint NOT NULL,
        acked_at     bigint
      );
      CREATE INDEX inbox_receiver_created ON inbox (receiver, created_at, exchange_id);
    `,
  },
];

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
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now]);
    }
    await client.query('COMMIT');
    return sorted.map((m) => m.version);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
