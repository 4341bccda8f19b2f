// Migration 7's tables, written once and spelled per store (sqlite/migrations.ts and
// postgres/migrations.ts both take their SQL from here): the care-path facts (src/kernel/
// care-path-record.ts), the watchdog's deadlines and the signals it raises.
//
// Each fact is kept whole as JSON (`fact`), exactly as the process rules read it back, with the
// fields the bulk reads (care-path-sql.ts) select on, and those the statistics group by, in columns
// of their own beside it. The columns are copies the store writes from the fact in the same
// statement; only the store writes these tables.

export interface DdlTypes {
  /** Keys and party ids (byte order on PostgreSQL: COLLATE "C"). */
  readonly key: string;
  readonly text: string;
  readonly int: string;
  readonly bigint: string;
  readonly bool: string;
  readonly json: string;
  /** After a table's closing parenthesis (SQLite: STRICT). */
  readonly tableSuffix: string;
}

export const sqliteDdlTypes: DdlTypes = { key: 'TEXT', text: 'TEXT', int: 'INTEGER', bigint: 'INTEGER', bool: 'INTEGER', json: 'TEXT', tableSuffix: ' STRICT' };
export const postgresDdlTypes: DdlTypes = { key: 'text COLLATE "C"', text: 'text', int: 'integer', bigint: 'bigint', bool: 'boolean', json: 'json', tableSuffix: '' };

export const carePathMigrationName = 'care paths: facts per child, gemeente and aanbieder, watchdog deadlines and signals';

export function carePathDdl(t: DdlTypes): string {
  const s = t.tableSuffix;
  return `
      -- One row per setting of the care-path store: 'tracking-since', the first day the gateway kept paths.
      CREATE TABLE care_path_meta (
        name  ${t.key} NOT NULL PRIMARY KEY,
        value ${t.text} NOT NULL
      )${s};

      -- Heen messages that went through (TR056, retour pairing, the retour term).
      CREATE TABLE cp_messages (
        message_type  ${t.key} NOT NULL,
        afzender      ${t.key} NOT NULL,
        identificatie ${t.key} NOT NULL,
        exchange_id   ${t.key} NOT NULL,
        fact          ${t.json} NOT NULL,
        PRIMARY KEY (message_type, afzender, identificatie)
      )${s};

      -- Child x gemeente x aanbieder.
      CREATE TABLE cp_relations (
        pseudonym ${t.key} NOT NULL,
        gemeente  ${t.key} NOT NULL,
        aanbieder ${t.key} NOT NULL,
        fact      ${t.json} NOT NULL,
        PRIMARY KEY (pseudonym, gemeente, aanbieder)
      )${s};
      CREATE INDEX cp_relations_pair ON cp_relations (gemeente, aanbieder);

      -- Verzoeken om toewijzing / wijziging, by ReferentieAanbieder (TR347).
      CREATE TABLE cp_requests (
        aanbieder        ${t.key} NOT NULL,
        referentie       ${t.key} NOT NULL,
        gemeente         ${t.key} NOT NULL,
        pseudonym        ${t.key} NOT NULL,
        kind             ${t.text} NOT NULL,
        categorie        ${t.text} NOT NULL,
        status           ${t.text} NOT NULL,
        received_day     ${t.text} NOT NULL,
        final_answer_day ${t.text},
        toegewezen_day   ${t.text},
        exchange_id      ${t.key} NOT NULL,
        fact             ${t.json} NOT NULL,
        PRIMARY KEY (aanbieder, referentie)
      )${s};
      CREATE INDEX cp_requests_path ON cp_requests (pseudonym, gemeente, aanbieder);
      CREATE INDEX cp_requests_exchange ON cp_requests (exchange_id);
      CREATE INDEX cp_requests_received ON cp_requests (gemeente, received_day);

      -- Toegewezen producten: ToewijzingNummer is unique per gemeente (TR332).
      CREATE TABLE cp_toewijzingen (
        gemeente     ${t.key} NOT NULL,
        nummer       ${t.bigint} NOT NULL,
        pseudonym    ${t.key} NOT NULL,
        aanbieder    ${t.key} NOT NULL,
        categorie    ${t.text},
        ingangsdatum ${t.text} NOT NULL,
        einddatum    ${t.text},
        removed      ${t.bool} NOT NULL,
        exchange_id  ${t.key} NOT NULL,
        fact         ${t.json} NOT NULL,
        PRIMARY KEY (gemeente, nummer)
      )${s};
      CREATE INDEX cp_toewijzingen_path ON cp_toewijzingen (pseudonym, gemeente, aanbieder);
      CREATE INDEX cp_toewijzingen_exchange ON cp_toewijzingen (exchange_id);

      -- Starts and stops (JW305, JW307).
      CREATE TABLE cp_deliveries (
        id                  ${t.key} NOT NULL PRIMARY KEY,
        kind                ${t.text} NOT NULL,
        gemeente            ${t.key} NOT NULL,
        aanbieder           ${t.key} NOT NULL,
        pseudonym           ${t.key} NOT NULL,
        nummer              ${t.bigint},
        begindatum          ${t.text} NOT NULL,
        is_current          ${t.bool} NOT NULL,
        exchange_id         ${t.key} NOT NULL,
        removed_by_exchange ${t.key},
        fact                ${t.json} NOT NULL
      )${s};
      CREATE INDEX cp_deliveries_toewijzing ON cp_deliveries (gemeente, nummer);
      CREATE INDEX cp_deliveries_path ON cp_deliveries (gemeente, aanbieder, pseudonym);
      CREATE INDEX cp_deliveries_exchange ON cp_deliveries (exchange_id);
      CREATE INDEX cp_deliveries_removed_by ON cp_deliveries (removed_by_exchange);

      -- Declaraties (JW323) and their prestaties.
      CREATE TABLE cp_declaraties (
        aanbieder         ${t.key} NOT NULL,
        declaratie_nummer ${t.key} NOT NULL,
        gemeente          ${t.key} NOT NULL,
        identificatie     ${t.key} NOT NULL,
        dagtekening       ${t.text} NOT NULL,
        fact              ${t.json} NOT NULL,
        PRIMARY KEY (aanbieder, declaratie_nummer)
      )${s};
      CREATE INDEX cp_declaraties_message ON cp_declaraties (aanbieder, identificatie, dagtekening);

      CREATE TABLE cp_prestaties (
        aanbieder               ${t.key} NOT NULL,
        referentie_nummer       ${t.key} NOT NULL,
        vorig_referentie_nummer ${t.key},
        debet_credit            ${t.text} NOT NULL,
        declaratie_nummer       ${t.key} NOT NULL,
        gemeente                ${t.key} NOT NULL,
        toewijzing_nummer       ${t.bigint} NOT NULL,
        fact                    ${t.json} NOT NULL,
        PRIMARY KEY (aanbieder, referentie_nummer)
      )${s};
      CREATE INDEX cp_prestaties_declaratie ON cp_prestaties (aanbieder, declaratie_nummer);
      CREATE INDEX cp_prestaties_toewijzing ON cp_prestaties (gemeente, toewijzing_nummer);
      CREATE INDEX cp_prestaties_credits ON cp_prestaties (aanbieder, vorig_referentie_nummer);

      -- The watchdog's open items: what is awaited, from whom, by when.
      CREATE TABLE cp_deadlines (
        id                 ${t.key} NOT NULL PRIMARY KEY,
        kind               ${t.text} NOT NULL,
        rule               ${t.text} NOT NULL,
        status             ${t.text} NOT NULL,
        gemeente           ${t.key} NOT NULL,
        aanbieder          ${t.key} NOT NULL,
        pseudonym          ${t.key},
        owed_by            ${t.key} NOT NULL,
        due_day            ${t.text} NOT NULL,
        overdue_on         ${t.text} NOT NULL,
        closed_by_exchange ${t.key},
        fact               ${t.json} NOT NULL
      )${s};
      CREATE INDEX cp_deadlines_due ON cp_deadlines (status, overdue_on, id);
      CREATE INDEX cp_deadlines_path ON cp_deadlines (kind, pseudonym, status);

      -- Signals: references only (no payload, no BSN; the subject is the keyed pseudonym).
      CREATE TABLE signals (
        id                 ${t.key} NOT NULL PRIMARY KEY,
        source             ${t.key} NOT NULL,
        signal_key         ${t.key} NOT NULL,
        kind               ${t.text} NOT NULL,
        rule               ${t.text} NOT NULL,
        title              ${t.text} NOT NULL,
        owed_by            ${t.key} NOT NULL,
        concerned          ${t.key},
        subject            ${t.key},
        refs               ${t.json} NOT NULL,
        due_day            ${t.text} NOT NULL,
        status             ${t.text} NOT NULL,
        raised_at          ${t.bigint} NOT NULL,
        acknowledged_at    ${t.bigint},
        acknowledged_by    ${t.key},
        note               ${t.text},
        closed_at          ${t.bigint},
        closed_reason      ${t.text},
        closed_by_exchange ${t.key}
      )${s};
      -- One signal that is not closed per watched item.
      CREATE UNIQUE INDEX signals_live_key ON signals (source, signal_key) WHERE status <> 'closed';
      CREATE INDEX signals_owed_by ON signals (owed_by, raised_at, id);
      CREATE INDEX signals_concerned ON signals (concerned, raised_at, id);
      CREATE INDEX signals_raised ON signals (raised_at, id);
  `;
}

// Migration 22, the same text on both stores: two indexes that cost pages on every JW315 and that no
// query needed as they were (issue 14; bench/README.md, "The care path's writes"). Every query of
// cp_requests and cp_deadlines, and the index it uses:
// - cp_requests: by key (the message's requests; the history, in key order): the primary key; a
//   path's requests: cp_requests_path; an exchange's requests (a retour): cp_requests_exchange.
//   cp_requests_received (gemeente, received_day) was used by none (the statistics read the facts
//   through the history): dropped.
// - cp_deadlines: an upsert or close by id: the primary key; the watchdog's overdue items:
//   cp_deadlines_due; closing by path, only ever the follow-up items of a child (DeadlineMatch):
//   cp_deadlines_path (kind, pseudonym, status) held an entry for every item, keyed by the child's
//   pseudonym (random), so every answer, retour and toewijzing item wrote a page of it. It is
//   replaced by a partial index of the open follow-up items alone, which the close names literally
//   (care-path-sql.ts).
export const carePathIndexesMigrationName = 'care path: no index by received day of requests; deadlines by path only for open follow-up items';

export const carePathIndexesSql = `
      DROP INDEX cp_requests_received;
      DROP INDEX cp_deadlines_path;
      CREATE INDEX cp_deadlines_follow_up ON cp_deadlines (pseudonym) WHERE kind = 'follow-up' AND status = 'open';
`;
