// Numbered schema migrations for the PostgreSQL store, mirroring the SQLite ones
// (src/store/sqlite/migrations.ts) version for version: the same tables and meaning, PostgreSQL types.
// Never edit a migration that has shipped: add a new one with the same number as its SQLite twin.
//
// They are applied by pg-migrate.ts.
//
// Type choices: epoch milliseconds and seq are bigint (read back as numbers, see pg-connection.ts);
// keys and party ids are text COLLATE "C", so ordering by id is byte order, as in SQLite and in
// JavaScript's string comparison for the ids the gateway makes; JSON values (payloads, decisions,
// responses) are `json`, which keeps the text exactly as written; the audit record is `text`, the
// record exactly as written, because its hash covers it (jsonb would reorder keys).

import type pg from 'pg';
import { carePathDdl, carePathIndexesMigrationName, carePathIndexesSql, carePathMigrationName, postgresDdlTypes } from '../sql/care-path-ddl.ts';
import { countDecisionDays } from '../sql/decision-day-counts.ts';

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** A step after the SQL, in the same transaction (for what SQL cannot do safely). */
  readonly then?: (client: pg.PoolClient) => Promise<void>;
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
  {
    version: 2,
    name: 'consent registry, override reviews, decision inputs; indexes by data subject',
    sql: `
      -- One row per consent (or objection) for a child, by pseudonym. The grant never changes and a
      -- row is never deleted: a revocation is added to it (AVG art. 7(3)). record: the grant as
      -- written, without status and revocation (those have their own columns).
      CREATE TABLE consents (
        id                text COLLATE "C" NOT NULL PRIMARY KEY,
        subject_pseudonym text COLLATE "C" NOT NULL,
        registered_by     text COLLATE "C" NOT NULL,
        registered_at     bigint NOT NULL,
        status            text   NOT NULL,
        revoked_at        bigint,
        record            json   NOT NULL,
        revocation        json
      );
      CREATE INDEX consents_subject ON consents (subject_pseudonym, registered_at, id);
      CREATE INDEX consents_registered_by ON consents (registered_by, registered_at, id);
      CREATE FUNCTION consents_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'consents are never deleted'; END $$;
      CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
        FOR EACH ROW EXECUTE FUNCTION consents_never_deleted();
      CREATE TRIGGER consents_no_truncate BEFORE TRUNCATE ON consents
        FOR EACH STATEMENT EXECUTE FUNCTION consents_never_deleted();
      -- json has no equality operator: the grant is compared as the text it was written as.
      CREATE FUNCTION consents_grant_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.id IS DISTINCT FROM OLD.id OR NEW.subject_pseudonym IS DISTINCT FROM OLD.subject_pseudonym
             OR NEW.registered_by IS DISTINCT FROM OLD.registered_by OR NEW.registered_at IS DISTINCT FROM OLD.registered_at
             OR NEW.record::text IS DISTINCT FROM OLD.record::text THEN
            RAISE EXCEPTION 'a consent grant is never changed';
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER consents_grant_unchanged BEFORE UPDATE ON consents
        FOR EACH ROW EXECUTE FUNCTION consents_grant_unchanged();

      CREATE TABLE override_reviews (
        exchange_id       text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES exchanges (id),
        created_at        bigint NOT NULL,
        sender            text   NOT NULL,
        receiver          text   NOT NULL,
        message_type      text   NOT NULL,
        purpose           text   NOT NULL,
        rule              text   NOT NULL,
        reason_code       text   NOT NULL,
        justification     text   NOT NULL,
        subject_pseudonym text,
        status            text   NOT NULL,
        reviewed_by       text,
        reviewed_at       bigint,
        note              text
      );
      CREATE INDEX override_reviews_status ON override_reviews (status, created_at, exchange_id);
      CREATE INDEX override_reviews_created ON override_reviews (created_at, exchange_id);

      -- Subject facts for a later re-decision (birth date, flags; never the BSN), kept only as long
      -- as the payload.
      CREATE TABLE decision_inputs (
        exchange_id text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES exchanges (id),
        subject     json NOT NULL
      );

      CREATE INDEX exchanges_subject ON exchanges (subject_pseudonym, created_at, id) WHERE subject_pseudonym IS NOT NULL;

      -- searchAudit filters on two of the record's fields. SQLite indexes json_extract(record, ...);
      -- here they are copied into columns when a record is written (postgres/pg-tx.ts), because
      -- PostgreSQL's JSON functions refuse a document holding an escaped NUL anywhere (a receiver's
      -- error text in a record's detail could), and an audit write must never fail on that. Existing
      -- records are filled in by the step after this SQL (JavaScript parses what PostgreSQL cannot).
      ALTER TABLE audit ADD COLUMN data_subject_id text COLLATE "C", ADD COLUMN purpose text COLLATE "C";
      CREATE INDEX audit_subject ON audit (data_subject_id, seq) WHERE data_subject_id IS NOT NULL;
    `,
    then: backfillAuditSearchColumns,
  },
  {
    version: 3,
    name: 'operators: schedules, schedule runs, audit checkpoints, dead-letter listing',
    sql: `
      -- Names are listed in byte order (COLLATE "C"), as SQLite and JavaScript sort them.
      CREATE TABLE schedules (
        id         text COLLATE "C" NOT NULL PRIMARY KEY,
        name       text COLLATE "C" NOT NULL UNIQUE,
        cron       text    NOT NULL,
        time_zone  text    NOT NULL,
        job_kind   text    NOT NULL,
        params     json    NOT NULL,
        paused     boolean NOT NULL,
        cursor     text,
        version    integer NOT NULL,
        created_at bigint  NOT NULL,
        updated_at bigint  NOT NULL,
        created_by text    NOT NULL
      );

      CREATE TABLE schedule_runs (
        id             text COLLATE "C" NOT NULL PRIMARY KEY,
        schedule_id    text COLLATE "C" NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
        job_kind       text   NOT NULL,
        trigger        text   NOT NULL,
        status         text   NOT NULL,
        started_at     bigint NOT NULL,
        ended_at       bigint,
        read_count     bigint NOT NULL,
        accepted_count bigint NOT NULL,
        refused_count  bigint NOT NULL,
        failed_count   bigint NOT NULL,
        cursor_from    text,
        cursor_reached text,
        error          text,
        runner         text   NOT NULL,
        details        json
      );
      CREATE INDEX schedule_runs_schedule_started ON schedule_runs (schedule_id, started_at, id);
      CREATE INDEX schedule_runs_running ON schedule_runs (schedule_id) WHERE status = 'running';

      CREATE TABLE audit_checkpoints (
        seq        bigint NOT NULL PRIMARY KEY,
        hash       text   NOT NULL,
        signed_at  text   NOT NULL,
        key_id     text   NOT NULL,
        signature  text   NOT NULL
      );
      CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit checkpoints are append-only'; END $$;
      CREATE TRIGGER audit_checkpoints_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
        FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
        FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only();

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
        exchange_id   text COLLATE "C" NOT NULL PRIMARY KEY,
        message_type  text   NOT NULL,
        afzender      text   NOT NULL,
        identificatie text   NOT NULL,
        dagtekening   text   NOT NULL,
        sender        text   NOT NULL,
        receiver      text   NOT NULL,
        created_at    bigint NOT NULL
      );
      CREATE INDEX ijw_pairings_key ON ijw_pairings (message_type, afzender, identificatie, dagtekening, created_at);
    `,
  },
  {
    version: 5,
    name: 'inbox payloads expire: purge_after, so an unacknowledged payload does not stay forever',
    sql: `
      ALTER TABLE inbox ADD COLUMN purge_after bigint;
      CREATE INDEX inbox_purge ON inbox (purge_after) WHERE payload IS NOT NULL;
    `,
  },
  {
    version: 6,
    name: 'exchange consents: the consents a delivery rests on, so a revocation cancels without reading decisions',
    sql: `
      CREATE TABLE exchange_consents (
        exchange_id text COLLATE "C" NOT NULL REFERENCES exchanges (id),
        consent_id  text COLLATE "C" NOT NULL,
        PRIMARY KEY (consent_id, exchange_id)
      );
    `,
    then: backfillExchangeConsents,
  },
  // The care-path tables, the watchdog's deadlines and signals (their DDL is in ../sql/care-path-ddl.ts).
  { version: 7, name: carePathMigrationName, sql: carePathDdl(postgresDdlTypes) },
  {
    version: 8,
    name: 'operators: receivers paused for maintenance; indexes for the message log, receiver status and statistics',
    sql: `
      CREATE TABLE receiver_pauses (
        receiver  text COLLATE "C" NOT NULL PRIMARY KEY,
        paused_at bigint NOT NULL,
        paused_by text COLLATE "C" NOT NULL,
        reason    text
      );
      CREATE INDEX exchanges_created ON exchanges (created_at, id);
      CREATE INDEX exchanges_status_created ON exchanges (status, created_at, id);
      CREATE INDEX exchanges_delivered ON exchanges (delivered_at) WHERE delivered_at IS NOT NULL;
      CREATE INDEX outbox_receiver_status ON outbox (receiver, status, created_at);
      CREATE INDEX audit_counterparty_action ON audit (counterparty, action, outcome, (time COLLATE "C")) WHERE counterparty IS NOT NULL;
    `,
  },
  {
    version: 9,
    name: 'outbox: attempts whose lease expired before their outcome was recorded',
    sql: `
      ALTER TABLE outbox ADD COLUMN unrecorded_attempts integer NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 10,
    name: 'consents: the last day of the period in a column, and indexes for the expiring and revoked lists',
    sql: `
      ALTER TABLE consents ADD COLUMN valid_until text COLLATE "C";
      CREATE INDEX consents_expiring ON consents (status, valid_until, id);
      CREATE INDEX consents_revoked ON consents (status, revoked_at, id);
    `,
    then: backfillConsentValidUntil,
  },
  {
    version: 11,
    name: 'audit: indexes by party and outcome, for the privacy officer\'s audit search',
    sql: `
      CREATE INDEX audit_actor_outcome ON audit (actor, outcome, seq);
      CREATE INDEX audit_counterparty_outcome ON audit (counterparty, outcome, seq) WHERE counterparty IS NOT NULL;
    `,
  },
  {
    version: 12,
    name: 'the regie register: one regievoerder per child, and handovers',
    sql: `
      -- The regie register (issue 12): one active regie per child, one open handover per child,
      -- each a partial unique index, so that two at the same moment cannot both be written.
      CREATE TABLE regie (
        id                text COLLATE "C" NOT NULL PRIMARY KEY,
        subject_pseudonym text COLLATE "C" NOT NULL,
        party             text COLLATE "C" NOT NULL,
        contact_function  text COLLATE "C" NOT NULL,
        legal_basis       text COLLATE "C" NOT NULL,
        registered_by     text COLLATE "C" NOT NULL,
        started_at        bigint NOT NULL,
        status            text COLLATE "C" NOT NULL,
        ended_at          bigint,
        ended_by          text,
        end_reason        text,
        successor_id      text
      );
      CREATE UNIQUE INDEX regie_one_active ON regie (subject_pseudonym) WHERE status = 'active';
      CREATE INDEX regie_subject ON regie (subject_pseudonym, started_at, id);
      CREATE TABLE regie_handovers (
        id                text COLLATE "C" NOT NULL PRIMARY KEY,
        subject_pseudonym text COLLATE "C" NOT NULL,
        regie_id          text COLLATE "C" NOT NULL REFERENCES regie (id),
        from_party        text COLLATE "C" NOT NULL,
        to_party          text COLLATE "C" NOT NULL,
        contact_function  text COLLATE "C" NOT NULL,
        proposed_by       text COLLATE "C" NOT NULL,
        proposed_at       bigint NOT NULL,
        status            text COLLATE "C" NOT NULL,
        decided_at        bigint,
        decided_by        text,
        note              text
      );
      CREATE UNIQUE INDEX regie_handovers_one_open ON regie_handovers (subject_pseudonym) WHERE status = 'proposed';
      CREATE INDEX regie_handovers_status ON regie_handovers (status, proposed_at, id);
    `,
  },  {
    version: 13,
    name: 'indexes for the refusals and overrides per party, reason and day',
    sql: `
      CREATE INDEX exchanges_refusals ON exchanges (created_at, sender, reason) WHERE status = 'refused';
      CREATE INDEX override_reviews_counts ON override_reviews (created_at, sender, reason_code);
    `,
  },  {
    version: 14,
    name: 'exchanges: the status index covers the refusals count (sender, reason) instead of a partial index',
    sql: `
      DROP INDEX exchanges_refusals;
      DROP INDEX exchanges_status_created;
      CREATE INDEX exchanges_status_created ON exchanges (status, created_at, id) INCLUDE (sender, reason);
    `,
  },
  {
    version: 15,
    name: 'decision day counts: refusals and overrides per Dutch day, party and reason, kept as they happen',
    sql: `
      CREATE TABLE decision_day_counts (
        kind   text COLLATE "C" NOT NULL,
        day    text COLLATE "C" NOT NULL,
        party  text COLLATE "C" NOT NULL,
        reason text COLLATE "C" NOT NULL,
        n      bigint NOT NULL,
        PRIMARY KEY (kind, day, party, reason)
      );
    `,
    then: async (client) => {
      const refused = await client.query<{ created_at: string; sender: string; reason: string | null }>("SELECT created_at, sender, reason FROM exchanges WHERE status = 'refused'");
      const overrides = await client.query<{ created_at: string; sender: string; reason: string | null }>('SELECT created_at, sender, reason_code AS reason FROM override_reviews');
      for (const c of countDecisionDays(refused.rows, overrides.rows)) {
        await client.query('INSERT INTO decision_day_counts (kind, day, party, reason, n) VALUES ($1, $2, $3, $4, $5)', [c.kind, c.day, c.party, c.reason, c.n]);
      }
    },
  },
  {
    version: 16,
    name: 'exchanges: the creation and delivery indexes cover the dashboard (status; creation time)',
    sql: `
      DROP INDEX exchanges_created;
      CREATE INDEX exchanges_created ON exchanges (created_at, id) INCLUDE (status);
      DROP INDEX exchanges_delivered;
      CREATE INDEX exchanges_delivered ON exchanges (delivered_at) INCLUDE (created_at) WHERE delivered_at IS NOT NULL;
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
        exchange_id       text COLLATE "C" NOT NULL PRIMARY KEY,
        subject_pseudonym text COLLATE "C" NOT NULL,
        gi_party          text COLLATE "C" NOT NULL,
        soort             text NOT NULL,
        ingangsdatum      text NOT NULL,
        einddatum         text
      );
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
        id         text COLLATE "C" NOT NULL PRIMARY KEY,
        party      text COLLATE "C" NOT NULL,
        url        text NOT NULL,
        events     text,
        secret     text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX subscriptions_party ON subscriptions (party, created_at, id);
      -- One row per queued event (its exchange and outbox rows have the same id): which subscription
      -- and which of the party's exchanges it is about, and seq, its place in insert order. The claim
      -- holds an event back while one of the same (subscription, exchange) with a lower seq is pending.
      CREATE TABLE subscription_events (
        seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id        text COLLATE "C" NOT NULL UNIQUE,
        subscription_id text COLLATE "C" NOT NULL,
        exchange_id     text COLLATE "C" NOT NULL,
        type            text NOT NULL,
        created_at      bigint NOT NULL
      );
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
      -- Rows written before keep their whole response and name none: converting them in this
      -- transaction held ACCESS EXCLUSIVE on idempotency and exchanges for the whole run (54 s over
      -- 250,000 rows, other processes' requests failing at lock_timeout), and shrank nothing.
      ALTER TABLE idempotency ADD COLUMN decision_of text COLLATE "C";
      -- Each distinct list of released fields once (src/store/sql/released-fields-sql.ts); an exchange
      -- row names its list instead of holding it in its decision (~1.6 KB of a ~2.1 KB row). Rows written
      -- before keep their whole decision and name none (rewriting them all would rewrite the whole table
      -- in this one transaction).
      CREATE TABLE released_field_sets (
        id     text COLLATE "C" NOT NULL PRIMARY KEY,
        fields text NOT NULL
      );
      ALTER TABLE exchanges ADD COLUMN released_fields text COLLATE "C";
    `,
  },
  {
    version: 22,
    name: carePathIndexesMigrationName,
    sql: carePathIndexesSql,
  },
];

/**
 * Migration 10's second step: a copy of each grant's validUntil. The grants are parsed here, not with
 * PostgreSQL's JSON functions, which refuse a document holding an escaped NUL.
 */
async function backfillConsentValidUntil(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ id: string; record: string }>('SELECT id, record::text AS record FROM consents');
  const ids: string[] = [];
  const days: string[] = [];
  for (const { id, record } of rows) {
    const validUntil: unknown = (JSON.parse(record) as { validUntil?: unknown }).validUntil;
    if (typeof validUntil === 'string') {
      ids.push(id);
      days.push(validUntil);
    }
  }
  if (ids.length > 0) {
    await client.query('UPDATE consents c SET valid_until = u.day FROM unnest($1::text[], $2::text[]) AS u(id, day) WHERE c.id = u.id', [ids, days]);
  }
}

/**
 * Migration 6's second step: links the deliveries a revocation can still cancel (pending ones, and
 * dead letters a replay makes pending again) to the consents their decisions name. The decisions are
 * parsed here, not with PostgreSQL's JSON functions, which refuse a document holding an escaped NUL.
 */
async function backfillExchangeConsents(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ id: string; decision: string }>(
    `SELECT e.id, e.decision::text AS decision FROM exchanges e JOIN outbox o ON o.exchange_id = e.id
      WHERE e.decision IS NOT NULL AND o.status IN ('pending', 'dead')`,
  );
  const links = rows.flatMap(({ id, decision }) => {
    const ids: unknown = (JSON.parse(decision) as { consentIds?: unknown }).consentIds;
    return Array.isArray(ids) ? [...new Set(ids.filter((c): c is string => typeof c === 'string'))].map((c) => [id, c] as const) : [];
  });
  await client.query('INSERT INTO exchange_consents (exchange_id, consent_id) SELECT * FROM unnest($1::text[], $2::text[])', [
    links.map(([id]) => id),
    links.map(([, c]) => c),
  ]);
}

/**
 * Migration 2's second step: copies dataSubjectId and purpose of the records already in the chain into
 * their new columns. The audit table refuses updates (its trigger), so the trigger is switched off for
 * this one statement per batch and on again, inside the migration's transaction: all or nothing, and
 * no other session can write to the table meanwhile (ALTER TABLE holds its lock until commit).
 */
async function backfillAuditSearchColumns(client: pg.PoolClient): Promise<void> {
  await client.query('ALTER TABLE audit DISABLE TRIGGER audit_no_update_or_delete');
  let after = -Number.MAX_SAFE_INTEGER;
  for (;;) {
    const { rows } = await client.query<{ seq: number; record: string }>('SELECT seq, record FROM audit WHERE seq > $1 ORDER BY seq LIMIT 1000', [after]);
    const last = rows.at(-1);
    if (last === undefined) break;
    const fields = rows.map((r) => JSON.parse(r.record) as { dataSubjectId?: unknown; purpose?: unknown });
    const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    await client.query(
      `UPDATE audit SET data_subject_id = u.subject, purpose = u.purpose
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(seq, subject, purpose) WHERE audit.seq = u.seq`,
      [rows.map((r) => r.seq), fields.map((f) => text(f.dataSubjectId)), fields.map((f) => text(f.purpose))],
    );
    after = last.seq;
  }
  await client.query('ALTER TABLE audit ENABLE TRIGGER audit_no_update_or_delete');
}
