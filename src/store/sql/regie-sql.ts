// The regie register in SQL, once for both dialects (migration 12; the port is
// src/store/regie-store.ts). One active regie and one open handover per child are partial unique
// indexes: an insert that would make a second one writes nothing (ON CONFLICT DO NOTHING) and says so,
// and on PostgreSQL an insert racing another waits for it to commit and then finds it.
import type { Regie, RegieHandover } from '../../kernel/regie-record.ts';
import type { ChildMeasure } from '../../kernel/child-measure.ts';
import type { CareWithoutRegie, RegieReads, RegieWrites } from '../regie-store.ts';
import { checkLimit, type Db, type TxDb } from './sql-db.ts';

type Row = Record<string, unknown>;
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const regieColumns = 'id, subject_pseudonym, party, contact_function, legal_basis, registered_by, started_at, status, ended_at, ended_by, end_reason, successor_id';
const handoverColumns = 'id, subject_pseudonym, regie_id, from_party, to_party, contact_function, proposed_by, proposed_at, status, decided_at, decided_by, note';

function regieOf(r: Row): Regie {
  return {
    id: r.id as string,
    subjectPseudonym: r.subject_pseudonym as string,
    party: r.party as string,
    contactFunction: r.contact_function as string,
    legalBasis: r.legal_basis as string,
    registeredBy: r.registered_by as string,
    startedAt: Number(r.started_at),
    status: r.status as Regie['status'],
    endedAt: numOrNull(r.ended_at),
    endedBy: textOrNull(r.ended_by),
    endReason: textOrNull(r.end_reason) as Regie['endReason'],
    successorId: textOrNull(r.successor_id),
  };
}

function handoverOf(r: Row): RegieHandover {
  return {
    id: r.id as string,
    subjectPseudonym: r.subject_pseudonym as string,
    regieId: r.regie_id as string,
    fromParty: r.from_party as string,
    toParty: r.to_party as string,
    contactFunction: r.contact_function as string,
    proposedBy: r.proposed_by as string,
    proposedAt: Number(r.proposed_at),
    status: r.status as RegieHandover['status'],
    decidedAt: numOrNull(r.decided_at),
    decidedBy: textOrNull(r.decided_by),
    note: textOrNull(r.note),
  };
}

const sql = {
  active: `SELECT ${regieColumns} FROM regie WHERE subject_pseudonym = $1 AND status = 'active'`,
  history: `SELECT ${regieColumns} FROM regie WHERE subject_pseudonym = $1 ORDER BY started_at, id LIMIT $2`,
  handover: `SELECT ${handoverColumns} FROM regie_handovers WHERE id = $1`,
  openHandover: `SELECT ${handoverColumns} FROM regie_handovers WHERE subject_pseudonym = $1 AND status = 'proposed'`,
  openHandovers: `SELECT ${handoverColumns} FROM regie_handovers WHERE status = 'proposed' AND proposed_at < $1 AND id > $2 ORDER BY id LIMIT $3`,
  // The watchdog's children with care and no regie (migration 17's index finds the overdrachten). A
  // page is a set of children (the CTE), so a child's rows never straddle two pages.
  toewijzingenWithoutRegie: `
    WITH page AS (
      SELECT DISTINCT t.pseudonym FROM cp_toewijzingen t
      WHERE NOT t.removed AND t.ingangsdatum <= $1 AND (t.einddatum IS NULL OR t.einddatum >= $1) AND t.pseudonym > $2
        AND NOT EXISTS (SELECT 1 FROM regie r WHERE r.subject_pseudonym = t.pseudonym AND r.status = 'active')
      ORDER BY t.pseudonym LIMIT $3)
    SELECT t.pseudonym, t.gemeente, MIN(t.ingangsdatum) AS first_day, MAX(t.ingangsdatum) AS latest_day,
      (SELECT MAX(r.ended_at) FROM regie r WHERE r.subject_pseudonym = t.pseudonym) AS regie_ended_at
    FROM cp_toewijzingen t JOIN page p ON p.pseudonym = t.pseudonym
    WHERE NOT t.removed AND t.ingangsdatum <= $1 AND (t.einddatum IS NULL OR t.einddatum >= $1)
    GROUP BY t.pseudonym, t.gemeente ORDER BY t.pseudonym, t.gemeente`,
  overdrachtenWithoutRegie: `
    WITH page AS (
      SELECT DISTINCT e.subject_pseudonym AS pseudonym FROM exchanges e
      WHERE e.message_type = 'VeiligThuisOverdracht' AND e.created_at >= $1 AND e.status <> 'refused' AND e.receiver IS NOT NULL
        AND e.subject_pseudonym IS NOT NULL AND e.subject_pseudonym > $2
        AND NOT EXISTS (SELECT 1 FROM regie r WHERE r.subject_pseudonym = e.subject_pseudonym AND r.status = 'active')
      ORDER BY e.subject_pseudonym LIMIT $3)
    SELECT e.subject_pseudonym AS pseudonym, e.sender, e.receiver, MIN(e.created_at) AS first_at,
      (SELECT MAX(r.ended_at) FROM regie r WHERE r.subject_pseudonym = e.subject_pseudonym) AS regie_ended_at
    FROM exchanges e JOIN page p ON p.pseudonym = e.subject_pseudonym
    WHERE e.message_type = 'VeiligThuisOverdracht' AND e.created_at >= $1 AND e.status <> 'refused' AND e.receiver IS NOT NULL
    GROUP BY e.subject_pseudonym, e.sender, e.receiver ORDER BY e.subject_pseudonym, e.sender, e.receiver`,
  setRegieSince: "INSERT INTO care_path_meta (name, value) VALUES ('regie-since', $1) ON CONFLICT (name) DO NOTHING",
  regieSince: "SELECT value FROM care_path_meta WHERE name = 'regie-since'",
  childMeasures: 'SELECT exchange_id, subject_pseudonym, gi_party, soort, ingangsdatum, einddatum FROM child_measures WHERE subject_pseudonym = $1 AND gi_party = $2 ORDER BY ingangsdatum, exchange_id',
  allChildMeasures: 'SELECT exchange_id, subject_pseudonym, gi_party, soort, ingangsdatum, einddatum FROM child_measures WHERE subject_pseudonym = $1 ORDER BY ingangsdatum, exchange_id',
  insertChildMeasure: 'INSERT INTO child_measures (exchange_id, subject_pseudonym, gi_party, soort, ingangsdatum, einddatum) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
  carePathGemeenten: 'SELECT DISTINCT gemeente FROM cp_relations WHERE pseudonym = $1 ORDER BY gemeente',
  exchanged: `SELECT 1 AS x FROM exchanges WHERE subject_pseudonym = $1 AND (sender = $2 OR receiver = $2) AND status <> 'refused' LIMIT 1`,
  insertRegie: `INSERT INTO regie (${regieColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
  endRegie: `UPDATE regie SET status = 'ended', ended_at = $2, ended_by = $3, end_reason = $4, successor_id = $5 WHERE id = $1 AND status = 'active'`,
  insertHandover: `INSERT INTO regie_handovers (${handoverColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
  decideHandover: `UPDATE regie_handovers SET status = $2, decided_at = $3, decided_by = $4, note = $5 WHERE id = $1 AND status = 'proposed'`,
};

export function regieReads(db: Db): RegieReads {
  return {
    async getActiveRegie(subject) {
      const [row] = await db.all<Row>('getActiveRegie', sql.active, [subject]);
      return row === undefined ? undefined : regieOf(row);
    },
    async listRegieHistory(subject, limit) {
      if (checkLimit(limit) === 0) return [];
      return (await db.all<Row>('listRegieHistory', sql.history, [subject, limit])).map(regieOf);
    },
    async getRegieHandover(id) {
      const [row] = await db.all<Row>('getRegieHandover', sql.handover, [id]);
      return row === undefined ? undefined : handoverOf(row);
    },
    async listOpenRegieHandovers(query) {
      if (checkLimit(query.limit) === 0) return [];
      return (await db.all<Row>('listOpenRegieHandovers', sql.openHandovers, [query.proposedBefore, query.after ?? '', query.limit])).map(handoverOf);
    },
    async listCareWithoutRegie(query) {
      if (checkLimit(query.limit) === 0) return [];
      const byChild = new Map<string, { lastRegieEndedAt: number | null; toewijzingen: CareWithoutRegie['toewijzingen'][number][]; overdrachten: CareWithoutRegie['overdrachten'][number][] }>();
      const child = (r: Row) => {
        const id = r.pseudonym as string;
        let entry = byChild.get(id);
        if (entry === undefined) byChild.set(id, (entry = { lastRegieEndedAt: numOrNull(r.regie_ended_at), toewijzingen: [], overdrachten: [] }));
        return entry;
      };
      if (query.pass === 'toewijzingen') {
        for (const r of await db.all<Row>('listToewijzingenWithoutRegie', sql.toewijzingenWithoutRegie, [query.today, query.after ?? '', query.limit])) {
          child(r).toewijzingen.push({ gemeentecode: r.gemeente as string, firstDay: r.first_day as string, latestDay: r.latest_day as string });
        }
      } else {
        for (const r of await db.all<Row>('listOverdrachtenWithoutRegie', sql.overdrachtenWithoutRegie, [query.overdrachtSince, query.after ?? '', query.limit])) {
          child(r).overdrachten.push({ sender: r.sender as string, receiver: r.receiver as string, firstAt: Number(r.first_at) });
        }
      }
      return [...byChild].map(([subjectPseudonym, e]) => ({ subjectPseudonym, ...e }));
    },
    async listChildMeasures(subject, giParty) {
      const rows = giParty === undefined ? await db.all<Row>('listChildMeasures', sql.allChildMeasures, [subject]) : await db.all<Row>('listChildMeasures', sql.childMeasures, [subject, giParty]);
      return rows.map(
        (r): ChildMeasure => ({ exchangeId: r.exchange_id as string, subjectPseudonym: r.subject_pseudonym as string, giParty: r.gi_party as string, soort: r.soort as string, ingangsdatum: r.ingangsdatum as string, einddatum: textOrNull(r.einddatum) }),
      );
    },
    async carePathGemeenten(subject) {
      return (await db.all<Row>('carePathGemeenten', sql.carePathGemeenten, [subject])).map((r) => r.gemeente as string);
    },
    async hasExchangedAbout(subject, party) {
      return (await db.all<Row>('hasExchangedAbout', sql.exchanged, [subject, party])).length > 0;
    },
  };
}

/**
 * The regie table is written at once (no deferred write), so a read of it needs none of the deferred
 * writes flushed first: on PostgreSQL the exchange rows, audit records and care-path facts of a
 * group-commit batch then go in one statement each at commit, not once per exchange (pg-tx.ts).
 */
const regieOnly = { touches: [] };

export function regieWrites(db: TxDb, lockChain: () => Promise<void>): RegieWrites {
  return {
    async activeRegieForUpdate(subject) {
      await lockChain();
      const [row] = await db.all<Row>('activeRegieForUpdate', sql.active, [subject], regieOnly);
      return row === undefined ? undefined : regieOf(row);
    },
    async activeRegieForNotice(subject) {
      const [row] = await db.all<Row>('activeRegieForNotice', sql.active, [subject], regieOnly);
      return row === undefined ? undefined : regieOf(row);
    },
    async insertChildMeasure(m) {
      await db.run('insertChildMeasure', sql.insertChildMeasure, [m.exchangeId, m.subjectPseudonym, m.giParty, m.soort, m.ingangsdatum, m.einddatum]);
    },
    async insertRegie(r) {
      const values = [r.id, r.subjectPseudonym, r.party, r.contactFunction, r.legalBasis, r.registeredBy, r.startedAt, r.status, r.endedAt, r.endedBy, r.endReason, r.successorId];
      return (await db.run('insertRegie', sql.insertRegie, values)) === 1;
    },
    async endRegie(id, end) {
      await lockChain();
      return (await db.run('endRegie', sql.endRegie, [id, end.endedAt, end.endedBy, end.endReason, end.successorId])) === 1;
    },
    async openRegieHandover(subject) {
      await lockChain();
      const [row] = await db.all<Row>('openRegieHandover', sql.openHandover, [subject]);
      return row === undefined ? undefined : handoverOf(row);
    },
    async insertRegieHandover(h) {
      const values = [h.id, h.subjectPseudonym, h.regieId, h.fromParty, h.toParty, h.contactFunction, h.proposedBy, h.proposedAt, h.status, h.decidedAt, h.decidedBy, h.note];
      return (await db.run('insertRegieHandover', sql.insertHandover, values)) === 1;
    },
    async regieWatchedSince(today) {
      await db.run('setRegieSince', sql.setRegieSince, [today]);
      const [row] = await db.all<Row>('regieSince', sql.regieSince, []);
      return typeof row?.value === 'string' ? row.value : today;
    },
    async decideRegieHandover(id, d) {
      await lockChain();
      return (await db.run('decideRegieHandover', sql.decideHandover, [id, d.status, d.decidedAt, d.decidedBy, d.note])) === 1;
    },
  };
}
