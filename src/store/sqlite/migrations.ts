// Numbered, versioned schema migrations for the SQLite store. Each applied migration is recorded in
// `schema_migrations`; `applyMigrations` applies the missing ones, in order, in one transaction, so a
// database is never left half-migrated. Never edit a migration that has shipped: add a new one.

import type Database from 'better-sqlite3';
import { GatewayError } from '../../kernel/gateway-error.ts';
import { carePathDdl, carePathIndexesMigrationName, carePathIndexesSql, carePathMigrationName, sqliteDdlTypes } from '../sql/care-path-ddl.ts';
import { countDecisionDays } from '../sql/decision-day-counts.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** A step after the SQL, in the same transaction (a backfill that needs code, e.g. Dutch days). */
  readonly then?: (db: Database.Database) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema: exchanges, outbox, audit, idempotency, inbox',
    sql: `
      CREATE TABLE exchanges (
        id                 TEXT    NOT NULL PRIMARY KEY,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL,
        sender             TEXT    NOT NULL,
        receiver           TEXT,
        message_type       TEXT    NOT NULL,
        purpose            TEXT,
        status             TEXT    NOT NULL,
        subject_pseudonym  TEXT,
        trace_id           TEXT    NOT NULL,
        decision           TEXT,
        reason             TEXT,
        receiver_reference TEXT,
        delivered_at       INTEGER
      ) STRICT;
      CREATE INDEX exchanges_sender_created ON exchanges (sender, created_at, id);
      CREATE INDEX exchanges_receiver_created ON exchanges (receiver, created_at, id);

      CREATE TABLE outbox (
        exchange_id     TEXT    NOT NULL PRIMARY KEY REFERENCES exchanges (id),
        receiver        TEXT    NOT NULL,
        adapter_kind    TEXT    NOT NULL,
        endpoint        TEXT,
        message_type    TEXT    NOT NULL,
        sender          TEXT    NOT NULL,
        purpose         TEXT    NOT NULL,
        payload         TEXT,
        traceparent     TEXT    NOT NULL,
        status          TEXT    NOT NULL,
        attempts        INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        lease_owner     TEXT,
        lease_until     INTEGER,
        last_error      TEXT,
        delivered_at    INTEGER,
        purge_after     INTEGER,
        created_at      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_status_due ON outbox (status, next_attempt_at);
      CREATE INDEX outbox_purge ON outbox (purge_after) WHERE payload IS NOT NULL;

      -- Append-only, hash-chained. The record column holds the record exactly as written (JSON);
      -- the other columns are copies for indexing.
      CREATE TABLE audit (
        seq          INTEGER NOT NULL PRIMARY KEY,
        time         TEXT    NOT NULL,
        exchange_id  TEXT,
        actor        TEXT    NOT NULL,
        counterparty TEXT,
        action       TEXT    NOT NULL,
        outcome      TEXT    NOT NULL,
        prev_hash    TEXT    NOT NULL,
        hash         TEXT    NOT NULL,
        record       TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX audit_exchange ON audit (exchange_id) WHERE exchange_id IS NOT NULL;
      CREATE INDEX audit_actor ON audit (actor);
      CREATE INDEX audit_counterparty ON audit (counterparty) WHERE counterparty IS NOT NULL;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE idempotency (
        party        TEXT    NOT NULL,
        key          TEXT    NOT NULL,
        request_hash TEXT    NOT NULL,
        status_code  INTEGER NOT NULL,
        response     TEXT,
        created_at   INTEGER NOT NULL,
        PRIMARY KEY (party, key)
      ) STRICT;

      CREATE TABLE inbox (
        exchange_id  TEXT    NOT NULL PRIMARY KEY,
        receiver     TEXT    NOT NULL,
        sender       TEXT    NOT NULL,
        message_type TEXT    NOT NULL,
        purpose      TEXT    NOT NULL,
        payload      TEXT,
        created_at   INTEGER NOT NULL,
        acked_at     INTEGER
      ) STRICT;
      CREATE INDEX inbox_receiver_created ON inbox (receiver, created_at, exchange_id);
    `,
  },
  {
    version: 2,
    name: 'consent registry, override reviews, decision inputs; indexes by data subject',
    sql: `
      -- One row per consent (or objection) for a child, by pseudonym. The grant never changes and a
      -- row is never deleted: a revocation is added to it (AVG art. 7(3)).
      CREATE TABLE consents (
        id                TEXT    NOT NULL PRIMARY KEY,
        subject_pseudonym TEXT    NOT NULL,
        registered_by     TEXT    NOT NULL,
        registered_at     INTEGER NOT NULL,
        status            TEXT    NOT NULL,
        revoked_at        INTEGER,
        record            TEXT    NOT NULL,
        revocation        TEXT
      ) STRICT;
      CREATE INDEX consents_subject ON consents (subject_pseudonym, registered_at, id);
      CREATE INDEX consents_registered_by ON consents (registered_by, registered_at, id);
      CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
        BEGIN SELECT RAISE(ABORT, 'consents are never deleted'); END;
      CREATE TRIGGER consents_grant_unchanged BEFORE UPDATE OF id, subject_pseudonym, registered_by, registered_at, record ON consents
        BEGIN SELECT RAISE(ABORT, 'a consent grant is never changed'); END;

      CREATE TABLE override_reviews (
        exchange_id       TEXT    NOT NULL PRIMARY KEY REFERENCES exchanges (id),
        created_at        INTEGER NOT NULL,
        sender            TEXT    NOT NULL,
        receiver          TEXT    NOT NULL,
        message_type      TEXT    NOT NULL,
        purpose           TEXT    NOT NULL,
        rule              TEXT    NOT NULL,
        reason_code       TEXT    NOT NULL,
        justification     TEXT    NOT NULL,
        subject_pseudonym TEXT,
        status            TEXT    NOT NULL,
        reviewed_by       TEXT,
        reviewed_at       INTEGER,
        note              TEXT
      ) STRICT;
      CREATE INDEX override_reviews_status ON override_reviews (status, created_at, exchange_id);

      -- Subject facts for a later re-decision (birth date, flags; never the BSN), kept only as long
      -- as the payload.
      CREATE TABLE decision_inputs (
        exchange_id TEXT NOT NULL PRIMARY KEY REFERENCES exchanges (id),
        subject     TEXT NOT NULL
      ) STRICT;

      CREATE INDEX exchanges_subject ON exchanges (subject_pseudonym, created_at, id) WHERE subject_pseudonym IS NOT NULL;
      CREATE INDEX audit_subject ON audit (json_extract(record, '$.dataSubjectId'), seq)
        WHERE json_extract(record, '$.dataSubjectId') IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'operators: schedules, schedule runs, audit checkpoints, dead-letter listing',
    sql: `
      CREATE TABLE schedules (
        id         TEXT    NOT NULL PRIMARY KEY,
        name       TEXT    NOT NULL UNIQUE,
        cron       TEXT    NOT NULL,
        time_zone  TEXT    NOT NULL,
        job_kind   TEXT    NOT NULL,
        params     TEXT    NOT NULL,
        paused     INTEGER NOT NULL,
        cursor     TEXT,
        version    INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        created_by TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE schedule_runs (
        id             TEXT    NOT NULL PRIMARY KEY,
        schedule_id    TEXT    NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
        job_kind       TEXT    NOT NULL,
        trigger        TEXT    NOT NULL,
        status         TEXT    NOT NULL,
        started_at     INTEGER NOT NULL,
        ended_at       INTEGER,
        read_count     INTEGER NOT NULL,
        accepted_count INTEGER NOT NULL,
        refused_count  INTEGER NOT NULL,
        failed_count   INTEGER NOT NULL,
        cursor_from    TEXT,
        cursor_reached TEXT,
        error          TEXT,
        runner         TEXT    NOT NULL,
        details        TEXT
      ) STRICT;
      CREATE INDEX schedule_runs_schedule_started ON schedule_runs (schedule_id, started_at, id);
      CREATE INDEX schedule_runs_running ON schedule_runs (schedule_id) WHERE status = 'running';

      CREATE TABLE audit_checkpoints (
        seq        INTEGER NOT NULL PRIMARY KEY,
        hash       TEXT    NOT NULL,
        signed_at  TEXT    NOT NULL,
        key_id     TEXT    NOT NULL,
        signature  TEXT    NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
        BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
      CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
        BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;

      -- Dead letters (and any status) listed oldest first. (A replay decides again on the subject
      -- facts in decision_inputs, migration 2.)
      CREATE INDEX outbox_status_created ON outbox (status, created_at, exchange_id);
    `,
  },
  {
    version: 4,
    name: 'ijw pairings: heen message key -> exchange, for routing retours',
    sql: `
      CREATE TABLE ijw_pairings (
        exchange_id   TEXT    NOT NULL PRIMARY KEY,
        message_type  TEXT    NOT NULL,
        afzender      TEXT    NOT NULL,
        identificatie TEXT    NOT NULL,
        dagtekening   TEXT    NOT NULL,
        sender        TEXT    NOT NULL,
        receiver      TEXT    NOT NULL,
        created_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX ijw_pairings_key ON ijw_pairings (message_type, afzender, identificatie, dagtekening, created_at);
    `,
  },
  {
    version: 5,
    name: 'inbox payloads expire: purge_after, so an unacknowledged payload does not stay forever',
    sql: `
      ALTER TABLE inbox ADD COLUMN purge_after INTEGER;
      CREATE INDEX inbox_purge ON inbox (purge_after) WHERE payload IS NOT NULL;
    `,
  },
  {
    version: 6,
    name: 'exchange consents: the consents a delivery rests on, so a revocation cancels without reading decisions',
    sql: `
      CREATE TABLE exchange_consents (
        exchange_id TEXT NOT NULL REFERENCES exchanges (id),
        consent_id  TEXT NOT NULL,
        PRIMARY KEY (consent_id, exchange_id)
      ) STRICT, WITHOUT ROWID;
      -- The deliveries a revocation can still cancel: pending ones, and dead letters (a replay makes
      -- them pending again).
      INSERT INTO exchange_consents (exchange_id, consent_id)
        SELECT DISTINCT e.id, c.value
          FROM exchanges e JOIN outbox o ON o.exchange_id = e.id, json_each(e.decision, '$.consentIds') c
         WHERE e.decision IS NOT NULL AND o.status IN ('pending', 'dead') AND c.type = 'text';
    `,
  },
  // The care-path tables, the watchdog's deadlines and signals (their DDL is in ../sql/care-path-ddl.ts).
  { version: 7, name: carePathMigrationName, sql: carePathDdl(sqliteDdlTypes) },
  {
    version: 8,
    name: 'operators: receivers paused for maintenance; indexes for the message log, receiver status and statistics',
    sql: `
      -- A receiver whose deliveries wait (a maintenance window): the dispatcher claims none of its rows
      -- while a row is here; resuming deletes it.
      CREATE TABLE receiver_pauses (
        receiver  TEXT    NOT NULL PRIMARY KEY,
        paused_at INTEGER NOT NULL,
        paused_by TEXT    NOT NULL,
        reason    TEXT
      ) STRICT;
      -- The operators' message log, newest first: unfiltered and by status (sender and receiver have
      -- their indexes since migration 1); statistics by delivery time.
      CREATE INDEX exchanges_created ON exchanges (created_at, id);
      CREATE INDEX exchanges_status_created ON exchanges (status, created_at, id);
      CREATE INDEX exchanges_delivered ON exchanges (delivered_at) WHERE delivered_at IS NOT NULL;
      -- Receiver status: queue depth and oldest pending per receiver; attempts and failures per receiver.
      CREATE INDEX outbox_receiver_status ON outbox (receiver, status, created_at);
      CREATE INDEX audit_counterparty_action ON audit (counterparty, action, outcome, time) WHERE counterparty IS NOT NULL;
    `,
  },
  {
    version: 9,
    name: 'outbox: attempts whose lease expired before their outcome was recorded',
    sql: `
      -- A claim that finds an expired lease counts the lost attempt (attempts + 1) and remembers it here
      -- until the next settle records it in the audit log (then 0 again).
      ALTER TABLE outbox ADD COLUMN unrecorded_attempts INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 10,
    name: 'consents: the last day of the period in a column, and indexes for the expiring and revoked lists',
    sql: `
      -- A copy of record.validUntil (the grant itself never changes), so that the privacy officer's
      -- list of consents ending soon reads an index instead of every grant.
      ALTER TABLE consents ADD COLUMN valid_until TEXT;
      UPDATE consents SET valid_until = json_extract(record, '$.validUntil');
      CREATE INDEX consents_expiring ON consents (status, valid_until, id);
      CREATE INDEX consents_revoked ON consents (status, revoked_at, id);
    `,
  },
  {
    version: 11,
    name: 'audit: indexes by party and outcome, for the privacy officer\'s audit search',
    sql: `
      -- A search by party and outcome reads each branch (the party as actor, as counterparty) in seq
      -- order (seq is the rowid, the last key of every index) and stops after a page, instead of
      -- walking every record of the party for an outcome it may never have.
      CREATE INDEX audit_actor_outcome ON audit (actor, outcome);
      CREATE INDEX audit_counterparty_outcome ON audit (counterparty, outcome) WHERE counterparty IS NOT NULL;
    `,
  },
  {
    version: 12,
    name: 'the regie register: one regievoerder per child, and handovers',
    sql: `
      -- The regie register (issue 12): one active regie per child, one open handover per child,
      -- each a partial unique index, so that two at the same moment cannot both be written.
      CREATE TABLE regie (
        id                TEXT    NOT NULL PRIMARY KEY,
        subject_pseudonym TEXT    NOT NULL,
        party             TEXT    NOT NULL,
        contact_function  TEXT    NOT NULL,
        legal_basis       TEXT    NOT NULL,
        registered_by     TEXT    NOT NULL,
        started_at        INTEGER NOT NULL,
        status            TEXT    NOT NULL,
        ended_at          INTEGER,
        ended_by          TEXT,
        end_reason        TEXT,
        successor_id      TEXT
      ) STRICT;
      CREATE UNIQUE INDEX regie_one_active ON regie (subject_pseudonym) WHERE status = 'active';
      CREATE INDEX regie_subject ON regie (subject_pseudonym, started_at, id);
      CREATE TABLE regie_handovers (
        id                TEXT    NOT NULL PRIMARY KEY,
        subject_pseudonym TEXT    NOT NULL,
        regie_id          TEXT    NOT NULL REFERENCES regie (id),
        from_party        TEXT    NOT NULL,
        to_party          TEXT    NOT NULL,
        contact_function  TEXT    NOT NULL,
        proposed_by       TEXT    NOT NULL,
        proposed_at       INTEGER NOT NULL,
        status            TEXT    NOT NULL,
        decided_at        INTEGER,
        decided_by        TEXT,
        note              TEXT
      ) STRICT;
      CREATE UNIQUE INDEX regie_handovers_one_open ON regie_handovers (subject_pseudonym) WHERE status = 'proposed';
      CREATE INDEX regie_handovers_status ON regie_handovers (status, proposed_at, id);
    `,
  },  {
    version: 13,
    name: 'indexes for the refusals and overrides per party, reason and day',
    sql: `
      -- The privacy officer's refusals and overrides per party, reason and day read only these rows:
      -- a partial index (refused exchanges only, about one in twenty) that holds every column the
      -- count needs, so it never visits the table; override reviews by time likewise.
      CREATE INDEX exchanges_refusals ON exchanges (created_at, sender, reason) WHERE status = 'refused';
      CREATE INDEX override_reviews_counts ON override_reviews (created_at, sender, reason_code);
    `,
  },  {
    version: 14,
    name: 'exchanges: the status index covers the refusals count (sender, reason) instead of a partial index',
    sql: `
      -- SQLite's planner preferred the (not covering) status index to migration 13's partial one and
      -- visited the table for every refusal. The status index itself now holds the sender and the
      -- reason: the traffic log reads it as before (its order is unchanged), and the refusals count
      -- reads nothing else; no extra index to keep up on every exchange.
      DROP INDEX exchanges_refusals;
      DROP INDEX exchanges_status_created;
      CREATE INDEX exchanges_status_created ON exchanges (status, created_at, id, sender, reason);
    `,
  },
  {
    version: 15,
    name: 'decision day counts: refusals and overrides per Dutch day, party and reason, kept as they happen',
    sql: `
      -- The privacy officer's chart reads these counts (a few rows per day) instead of counting the
      -- refusals of a period on every request; the store adds one in the transaction that records a
      -- refused exchange or an override review.
      CREATE TABLE decision_day_counts (
        kind   TEXT    NOT NULL,
        day    TEXT    NOT NULL,
        party  TEXT    NOT NULL,
        reason TEXT    NOT NULL,
        n      INTEGER NOT NULL,
        PRIMARY KEY (kind, day, party, reason)
      ) STRICT, WITHOUT ROWID;
    `,
    then: (db) => {
      const insert = db.prepare('INSERT INTO decision_day_counts (kind, day, party, reason, n) VALUES (?, ?, ?, ?, ?)');
      for (const c of countDecisionDays(
        db.prepare<[], { created_at: number; sender: string; reason: string | null }>("SELECT created_at, sender, reason FROM exchanges WHERE status = 'refused'").iterate(),
        db.prepare<[], { created_at: number; sender: string; reason: string | null }>('SELECT created_at, sender, reason_code AS reason FROM override_reviews').iterate(),
      )) insert.run(c.kind, c.day, c.party, c.reason, c.n);
    },
  },
  {
    version: 16,
    name: 'exchanges: the creation and delivery indexes cover the dashboard (status; creation time)',
    sql: `
      -- The dashboard's figures for a day read the indexes only: the status beside the creation
      -- time (accepted and refused per bucket), the creation time beside the delivery time (latency).
      DROP INDEX exchanges_created;
      CREATE INDEX exchanges_created ON exchanges (created_at, id, status);
      DROP INDEX exchanges_delivered;
      CREATE INDEX exchanges_delivered ON exchanges (delivered_at, created_at) WHERE delivered_at IS NOT NULL;
    `,
  },
  {
    version: 17,
    name: 'exchanges: an index by message type and creation time (the watchdog finds open Veilig Thuis overdrachten without a regievoerder)',
    sql: `
      CREATE INDEX exchanges_type_created ON exchanges (message_type, created_at);
    `,
  },
  {
    version: 18,
    name: 'child measures: the child-protection measures the gateway carried the court decision of (the GI that has the regie by law)',
    sql: `
      -- One row per NotificatieBeslissingRechtspraak that imposed a measure (src/kernel/child-measure.ts):
      -- the child's pseudonym, the GI that carries it out, the measure and its period. No BSN, no content.
      CREATE TABLE child_measures (
        exchange_id       TEXT NOT NULL PRIMARY KEY,
        subject_pseudonym TEXT NOT NULL,
        gi_party          TEXT NOT NULL,
        soort             TEXT NOT NULL,
        ingangsdatum      TEXT NOT NULL,
        einddatum         TEXT
      ) STRICT;
      CREATE INDEX child_measures_subject ON child_measures (subject_pseudonym, gi_party);
    `,
  },
  {
    version: 19,
    name: 'status callbacks: parties subscribe to events about their own exchanges; each event queued in order',
    sql: `
      -- A party's subscription (issue 13): its URL, the kinds it wants (JSON list, NULL: all) and the
      -- HMAC secret its events are signed with (shown to the party once, never listed).
      CREATE TABLE subscriptions (
        id         TEXT    NOT NULL PRIMARY KEY,
        party      TEXT    NOT NULL,
        url        TEXT    NOT NULL,
        events     TEXT,
        secret     TEXT    NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX subscriptions_party ON subscriptions (party, created_at, id);
      -- One row per queued event (its exchange and outbox rows have the same id): which subscription
      -- and which of the party's exchanges it is about, and seq, its place in insert order. The claim
      -- holds an event back while one of the same (subscription, exchange) with a lower seq is pending.
      CREATE TABLE subscription_events (
        seq             INTEGER NOT NULL PRIMARY KEY,
        event_id        TEXT    NOT NULL UNIQUE,
        subscription_id TEXT    NOT NULL,
        exchange_id     TEXT    NOT NULL,
        type            TEXT    NOT NULL,
        created_at      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX subscription_events_order ON subscription_events (subscription_id, exchange_id, seq);
    `,
  },  {
    version: 20,
    name: 'care path: the path, declaratie and credit indexes also hold the order the reads ask for',
    sql: `
      -- Without statistics SQLite chose the primary key (aanbieder, referentie) for "the requests of a
      -- path ORDER BY referentie", to save the sort, and so read every request of the aanbieder for
      -- each message (issue 14: the slowest statement of an accepted JW315, growing with the store).
      -- With the order column at the end of each index, the index that finds the rows also sorts them.
      DROP INDEX cp_requests_path;
      CREATE INDEX cp_requests_path ON cp_requests (pseudonym, gemeente, aanbieder, referentie);
      DROP INDEX cp_toewijzingen_path;
      CREATE INDEX cp_toewijzingen_path ON cp_toewijzingen (pseudonym, gemeente, aanbieder, nummer);
      DROP INDEX cp_prestaties_declaratie;
      CREATE INDEX cp_prestaties_declaratie ON cp_prestaties (aanbieder, declaratie_nummer, referentie_nummer);
      DROP INDEX cp_prestaties_credits;
      CREATE INDEX cp_prestaties_credits ON cp_prestaties (aanbieder, vorig_referentie_nummer, referentie_nummer);
    `,
  },
  {
    version: 21,
    name: 'write less per exchange: an accepted answer\'s decision is read from its exchange row; each list of released fields is stored once',
    sql: `
      -- The exchange whose row holds the response's decision (src/store/sql/idempotency-sql.ts): the
      -- ~2 KB decision of a 202 was stored in both rows (issue 14: a page of each keyed exchange's writes).
      -- Rows written before keep their whole response and name none: converting them would hold the
      -- tables for the whole run at start-up and shrink nothing.
      ALTER TABLE idempotency ADD COLUMN decision_of TEXT;
      -- Each distinct list of released fields once (src/store/sql/released-fields-sql.ts); an exchange
      -- row names its list instead of holding it in its decision (~1.6 KB of a ~2.1 KB row). Rows written
      -- before keep their whole decision and name none (rewriting them all would write every page of the
      -- table in this one transaction, and SQLite's file would not shrink for it).
      CREATE TABLE released_field_sets (
        id     TEXT NOT NULL PRIMARY KEY,
        fields TEXT NOT NULL
      ) STRICT;
      ALTER TABLE exchanges ADD COLUMN released_fields TEXT;
    `,
  },
  {
    version: 22,
    name: carePathIndexesMigrationName,
    sql: carePathIndexesSql,
  },
];

const createMigrationsTable = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`;

export interface MigrationStatus {
  readonly applied: readonly number[];
  readonly pending: readonly Migration[];
  /** Versions recorded in the database that this build does not know (a newer gateway migrated it). */
  readonly unknown: readonly number[];
}

function appliedVersions(db: Database.Database): number[] {
  const exists = db
    .prepare<[], number>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .pluck()
    .get();
  if (exists !== 1) return [];
  return db.prepare<[], number>('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
}

export function migrationStatus(db: Database.Database): MigrationStatus {
  const applied = appliedVersions(db);
  const known = new Set(migrations.map((m) => m.version));
  const done = new Set(applied);
  return {
    applied,
    pending: migrations.filter((m) => !done.has(m.version)),
    unknown: applied.filter((v) => !known.has(v)),
  };
}

/** True when every known migration is applied and the database has none this build does not know. */
export function isCurrent(db: Database.Database): boolean {
  const status = migrationStatus(db);
  return status.pending.length === 0 && status.unknown.length === 0;
}

/**
 * Applies the missing migrations in order, all in one IMMEDIATE transaction (all or nothing), and
 * records each in `schema_migrations`. Idempotent. Refuses a database migrated by a newer build.
 * The caller must not be inside a transaction on this connection.
 */
export function applyMigrations(db: Database.Database, now: number = Date.now()): readonly number[] {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(createMigrationsTable);
    const status = migrationStatus(db);
    if (status.unknown.length > 0) {
      throw new GatewayError('store-unavailable', {
        detail: `The database schema has migrations this gateway does not know (${status.unknown.join(', ')}); it was migrated by a newer version`,
      });
    }
    const record = db.prepare<[number, string, number]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const sorted = [...status.pending].sort((a, b) => a.version - b.version);
    for (const migration of sorted) {
      db.exec(migration.sql);
      migration.then?.(db);
      record.run(migration.version, migration.name, now);
    }
    db.exec('COMMIT');
    return sorted.map((m) => m.version);
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
