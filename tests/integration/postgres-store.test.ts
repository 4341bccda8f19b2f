// The PostgreSQL store: the shared Store contract (a fresh schema per store), then what only the
// scale-out store has: several stores (as several processes would) on one schema migrating at once,
// appending to one audit chain, claiming from one outbox, taking cluster locks; group commit with
// acknowledgement after COMMIT; and the postgres:// URL.

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log.ts';
import { createGroupCommitter } from '../../src/store/group-commit.ts';
import { openStore } from '../../src/store/open-store.ts';
import { pgMigrations } from '../../src/store/postgres/migrations.ts';
import { advisoryKey, connectionConfig, parsePostgresUrl } from '../../src/store/postgres/pg-connection.ts';
import type { ExchangeRow, OutboxRow, Store } from '../../src/store/store.ts';
import { describeStoreContract } from '../contract/store-contract.ts';
import { carePathReaderOf } from '../../src/kernel/care-path-record.ts';
import { BSN, CarePathHarness, DE_BRUG, jw315 } from '../support/care-path-fixtures.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl, withPgClient } from '../support/postgres.ts';

const schemas = new WeakMap<Store, string>();

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('PostgreSQL store'), () => {
  describeStoreContract(
    'PostgreSQL, fresh schema',
    async () => {
      const schema = freshSchema();
      const s = await openStore(pgStoreUrl(schema));
      schemas.set(s, schema);
      return s;
    },
    async (s) => {
      await s.close();
      const schema = schemas.get(s);
      if (schema !== undefined) await dropSchema(schema);
    },
  );
});

// ---- what only the scale-out store has ----------------------------------------------------------------

function exchangeRow(overrides: Partial<ExchangeRow> = {}): ExchangeRow {
  return {
    id: `ex-${randomUUID()}`,
    createdAt: 1_750_000_000_000,
    updatedAt: 1_750_000_000_000,
    sender: 'sender',
    receiver: 'receiver',
    messageType: 'JW301',
    purpose: 'toewijzing',
    status: 'queued',
    subjectPseudonym: null,
    traceId: 'trace',
    decision: null,
    reason: null,
    receiverReference: null,
    deliveredAt: null,
    ...overrides,
  };
}

function outboxRow(exchangeId: string, overrides: Partial<OutboxRow> = {}): OutboxRow {
  return {
    exchangeId,
    receiver: 'receiver',
    adapterKind: 'inbox',
    endpoint: null,
    messageType: 'JW301',
    sender: 'sender',
    purpose: 'toewijzing',
    payload: { a: 1 },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: 1_000,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    deliveredAt: null,
    purgeAfter: null,
    createdAt: 1,
    ...overrides,
  };
}

/** Several stores on one schema: what several gateway processes on one database look like. */
async function storesOnOneSchema(n: number, migrate = true): Promise<{ schema: string; stores: Store[]; dispose: () => Promise<void> }> {
  const schema = freshSchema();
  const stores = await Promise.all(Array.from({ length: n }, () => openStore(pgStoreUrl(schema, { poolMax: '4' }))));
  if (migrate) await stores[0]!.migrate();
  return {
    schema,
    stores,
    dispose: async () => {
      await Promise.all(stores.map((s) => s.close()));
      await dropSchema(schema);
    },
  };
}

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('PostgreSQL store, several processes on one database'), () => {
  it('when several processes migrate a fresh schema at the same moment, then each migration runs once and all are ready', async () => {
    const { schema, stores, dispose } = await storesOnOneSchema(5, false);
    try {
      await Promise.all(stores.map((s) => s.migrate()));
      for (const s of stores) expect(await s.ready()).toBe(true);
      const versions = await withPgClient(async (c) => (await c.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).rows.map((r) => r.version));
      expect(versions).toStrictEqual(pgMigrations.map((m) => m.version));
    } finally {
      await dispose();
    }
  });

  it('when three processes append to the audit chain concurrently, then the records form one gap-free chain that verifies', async () => {
    const { stores, dispose } = await storesOnOneSchema(3);
    try {
      const perStore = 25;
      await Promise.all(
        stores.flatMap((s, i) =>
          Array.from({ length: perStore }, (_, j) =>
            s.transaction((tx) =>
              appendAudit(tx, { traceId: randomUUID().replaceAll('-', ''), spanId: '0'.repeat(16), action: 'exchange.submit', outcome: 'allowed', actor: `process-${i}`, detail: `record ${j}` }, new Date()),
            ),
          ),
        ),
      );
      const verification = await verifyAuditChain(stores[1]!);
      expect(verification).toMatchObject({ ok: true, checked: 3 * perStore, firstBroken: null });
      const chain = await stores[2]!.readAuditChain(1, 1000);
      expect(chain.map((r) => r.seq)).toStrictEqual(Array.from({ length: 3 * perStore }, (_, i) => i + 1));
      for (const i of [0, 1, 2]) expect(chain.filter((r) => r.actor === `process-${i}`)).toHaveLength(perStore);
    } finally {
      await dispose();
    }
  });

  it('when dispatchers in three processes claim from one outbox concurrently, then every due row is handed out exactly once', async () => {
    const { stores, dispose } = await storesOnOneSchema(3);
    try {
      const rows = Array.from({ length: 90 }, (_, i) => outboxRow(`ex-${randomUUID()}`, { nextAttemptAt: 1_000 + i }));
      await stores[0]!.transaction(async (tx) => {
        for (const row of rows) {
          await tx.insertExchange(exchangeRow({ id: row.exchangeId }));
          await tx.insertOutbox(row);
        }
      });
      // Each process's three claimers get a connection first (a claim at a time before any row is
      // due), so no process can take every row while another is still connecting: the assertion that
      // more than one process claimed is about the race, not about connection set-up (it failed in CI).
      await Promise.all(stores.flatMap((s, i) => Array.from({ length: 3 }, (_, j) => s.claimDueDeliveries({ now: 0, limit: 1, leaseMs: 60_000, owner: `warm-${i}-${j}` }))));
      const claimed: string[][] = [[], [], []];
      await Promise.all(
        stores.flatMap((s, i) =>
          Array.from({ length: 3 }, async (_, j) => {
            for (;;) {
              const batch = await s.claimDueDeliveries({ now: 5_000, limit: 4, leaseMs: 60_000, owner: `process-${i}-${j}` });
              if (batch.length === 0) return;
              claimed[i]!.push(...batch.map((r) => r.exchangeId));
            }
          }),
        ),
      );
      const all = claimed.flat();
      expect(all).toHaveLength(rows.length);
      expect(new Set(all)).toStrictEqual(new Set(rows.map((r) => r.exchangeId)));
      expect(claimed.filter((c) => c.length > 0).length).toBeGreaterThan(1);
    } finally {
      await dispose();
    }
  });

  it('when one process holds a cluster lock, then the others do not run; when its connection dies, the lock is free', async () => {
    const { stores, dispose } = await storesOnOneSchema(2);
    const [a, b] = stores as [Store, Store];
    try {
      const name = `schedule-${randomUUID()}`;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const holder = a.tryWithClusterLock(name, async () => {
        entered();
        await gate;
        return 'a';
      });
      await inside;
      expect(await b.tryWithClusterLock(name, () => Promise.resolve('b'))).toStrictEqual({ ran: false });
      // Another schema (another gateway cluster in the same database) has locks of its own.
      const other = await storesOnOneSchema(1);
      try {
        expect(await other.stores[0]!.tryWithClusterLock(name, () => Promise.resolve('other'))).toStrictEqual({ ran: true, value: 'other' });
      } finally {
        await other.dispose();
      }

      // The holding process "dies": its lock connection is terminated by the server.
      const key = BigInt.asUintN(64, BigInt(advisoryKey((a as Store & { schema: string }).schema, `cluster-lock:${name}`)));
      const terminated = await withPgClient(async (c) =>
        (
          await c.query(
            `SELECT pg_terminate_backend(pid) AS done FROM pg_locks
              WHERE locktype = 'advisory' AND objsubid = 1 AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND granted`,
            [(key >> 32n).toString(), (key & 0xffffffffn).toString()],
          )
        ).rows,
      );
      expect(terminated).toStrictEqual([{ done: true }]);
      let after: unknown;
      // The server ends the backend asynchronously: give it up to 5 s on a busy machine.
      for (let i = 0; i < 100; i++) {
        after = await b.tryWithClusterLock(name, () => Promise.resolve('b'));
        if ((after as { ran: boolean }).ran) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(after).toStrictEqual({ ran: true, value: 'b' });
      release();
      expect(await holder).toStrictEqual({ ran: true, value: 'a' }); // fn itself ran to its end
    } finally {
      await dispose();
    }
  });

  it('when many submissions go through group commit, then they share transactions and each is acknowledged only after COMMIT', async () => {
    const { stores, dispose } = await storesOnOneSchema(2);
    const [writer, observer] = stores as [Store, Store];
    try {
      const committer = createGroupCommitter(writer, { maxBatch: 32, maxWaitMs: 2 });
      const rows = Array.from({ length: 120 }, () => exchangeRow());
      const seenAtAck = await Promise.all(
        rows.map(async (row) => {
          await committer.run(async (tx) => {
            await appendAudit(tx, { traceId: row.traceId, spanId: '0'.repeat(16), action: 'exchange.submit', outcome: 'allowed', actor: 'sender', exchangeId: row.id }, new Date());
            await tx.insertExchange(row);
          });
          // Another process (another pool) must see it the moment the caller is told.
          return (await observer.getExchange(row.id))?.id;
        }),
      );
      expect(seenAtAck).toStrictEqual(rows.map((r) => r.id));
      expect(committer.stats().items).toBe(rows.length);
      expect(committer.stats().batches).toBeLessThan(rows.length / 4);
      expect(await verifyAuditChain(observer)).toMatchObject({ ok: true, checked: rows.length });
    } finally {
      await dispose();
    }
  });
});

/**
 * The statements of each round trip the driver was asked for, as texts with their white space
 * squeezed: one for a plain query, every statement of a batch (pg-batch.ts) for a batch.
 */
function sentStatements(calls: readonly unknown[][]): string[][] {
  const squeeze = (text: string): string => text.replace(/\s+/g, ' ').trim();
  return calls.map((call) => {
    const first = call[0] as string | { text?: string; statements?: readonly { text: string }[] };
    if (typeof first === 'string') return [squeeze(first)];
    return first.statements !== undefined ? first.statements.map((st) => squeeze(st.text)) : [squeeze(first.text ?? '')];
  });
}

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('PostgreSQL store specifics'), () => {
  it('when one transaction records the exchanges of several children (a group-commit batch), then their deferred rows are written once each, at commit, and every read still sees them', async () => {
    const { stores, dispose } = await storesOnOneSchema(1);
    const [store] = stores as [Store];
    // Every statement the driver sends (the spy calls through): each one is a round trip to the server.
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const h = new CarePathHarness(undefined, {}, 0, store);
      const children = BSN.slice(0, 4);
      const day = '2026-01-09';
      let rows: ExchangeRow[] = [];
      await h.inOneTransaction(async (tx) => {
        for (const [i, bsn] of children.entries()) {
          // A submission's statements in its order: the regie notice, the care path's reads and
          // changes, the signals it closes, then the exchange, its outbox row and audit record.
          const pseudonym = h.pseudonym(bsn);
          expect(await tx.activeRegieForNotice(pseudonym)).toBeUndefined();
          const outcome = await h.submit('JW315', jw315({ id: `B${i}`, dag: day, bsn, products: [{ ref: `R${i}` }] }), `${day}T10:00:00+01:00`);
          expect(outcome.accepted).toBe(true);
          expect(await tx.closeSignals({ source: 'care-path', keys: [`deadline-${i}`], reason: 'met', byExchange: outcome.exchangeId, now: 1 })).toEqual([]);
          const row = exchangeRow({ id: outcome.exchangeId, subjectPseudonym: pseudonym });
          rows = [...rows, row];
          await tx.insertExchange(row);
          await tx.insertOutbox(outboxRow(row.id));
          await appendAudit(tx, { traceId: row.traceId, spanId: '0'.repeat(16), action: 'exchange.submit', outcome: 'allowed', actor: 'sender', exchangeId: row.id }, new Date());
        }
        // A read that needs them flushes them: this transaction's own rows are there.
        expect((await carePathReaderOf(tx).requests(children.map((_, i) => ({ aanbieder: DE_BRUG, referentie: `R${i}` })))).requests?.map((r) => r.referentie)).toEqual(['R0', 'R1', 'R2', 'R3']);
      });
      const sent = sentStatements(spy.mock.calls).flat();
      const count = (prefix: string): number => sent.filter((text) => text.startsWith(prefix)).length;
      // Before: each child's first read wrote the child before it (an insert per table per exchange).
      expect(count('INSERT INTO cp_messages')).toBe(1);
      expect(count('INSERT INTO cp_requests')).toBe(1);
      expect(count('INSERT INTO cp_relations')).toBe(1);
      expect(count('INSERT INTO exchanges')).toBe(1);
      expect(count('INSERT INTO outbox')).toBe(1);
      expect(count('WITH inserted AS ( INSERT INTO audit')).toBe(1);
      // The first round of each message's working set (its messages, pair and requests) is one statement.
      expect(count('WITH km (i')).toBe(children.length);
      expect(count('WITH k (i')).toBe(children.length + 1); // its paths, and the requests read above
      for (const row of rows) expect((await store.getExchange(row.id))?.subjectPseudonym).toBe(row.subjectPseudonym);
      expect(await verifyAuditChain(store)).toMatchObject({ ok: true, checked: children.length });
    } finally {
      spy.mockRestore();
      await dispose();
    }
  });

  it('when a transaction runs, then BEGIN goes with its first statement and its deferred writes with COMMIT: two round trips; one that sends nothing sends no BEGIN or COMMIT', async () => {
    const { stores, dispose } = await storesOnOneSchema(2);
    const [store, observer] = stores as [Store, Store];
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const row = exchangeRow();
      await store.transaction(async (tx) => {
        await appendAudit(tx, { traceId: row.traceId, spanId: '0'.repeat(16), action: 'exchange.submit', outcome: 'allowed', actor: 'sender', exchangeId: row.id }, new Date());
        await tx.insertExchange(row);
        await tx.insertOutbox(outboxRow(row.id));
      });
      const trips = sentStatements(spy.mock.calls);
      expect(trips).toHaveLength(2);
      expect(trips[0]).toEqual(['BEGIN', 'SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE']);
      expect(trips[1]?.map((text) => text.slice(0, 20))).toEqual(['WITH inserted AS ( I', 'INSERT INTO exchange', 'INSERT INTO outbox (', 'COMMIT']); // in Write.order
      expect((await observer.getExchange(row.id))?.id).toBe(row.id);
      expect((await observer.getOutbox(row.id))?.exchangeId).toBe(row.id);
      expect(await verifyAuditChain(observer)).toMatchObject({ ok: true, checked: 1 });

      spy.mockClear();
      expect(await store.transaction(() => Promise.resolve(42))).toBe(42);
      expect(spy).not.toHaveBeenCalled();
      // Only deferred writes: BEGIN, the writes and COMMIT in one round trip.
      const alone = exchangeRow();
      await store.transaction((tx) => tx.insertExchange(alone));
      expect(sentStatements(spy.mock.calls).map((trip) => trip.map((text) => text.slice(0, 20)))).toEqual([['BEGIN', 'INSERT INTO exchange', 'COMMIT']]);
      expect((await observer.getExchange(alone.id))?.id).toBe(alone.id);
    } finally {
      spy.mockRestore();
      await dispose();
    }
  });

  it('when a deferred write fails in the round trip that carries COMMIT, then the transaction rejects with that write\'s error, nothing of it is committed, and its connection serves the next transaction', async () => {
    const schema = freshSchema();
    const store = await openStore(pgStoreUrl(schema, { poolMax: '1' }));
    try {
      await store.migrate();
      const taken = exchangeRow();
      await store.transaction((tx) => tx.insertExchange(taken));
      const fresh = exchangeRow();
      const failed = store.transaction(async (tx) => {
        await appendAudit(tx, { traceId: 't', spanId: 's', action: 'exchange.submit', outcome: 'allowed', actor: 'sender', exchangeId: fresh.id }, new Date());
        await tx.insertExchange(fresh);
        await tx.insertOutbox(outboxRow(fresh.id));
        await tx.insertExchange({ ...taken, updatedAt: taken.updatedAt + 1 }); // the same id: a constraint violation at commit
      });
      await expect(failed).rejects.toMatchObject({ code: 'internal', detail: expect.stringMatching(/insertExchange violates a constraint \(SQLSTATE 23505\)/) as unknown });
      expect(await store.getExchange(fresh.id)).toBeUndefined();
      expect(await store.getOutbox(fresh.id)).toBeUndefined();
      expect(await verifyAuditChain(store)).toMatchObject({ ok: true, checked: 0 });
      // The one pooled connection was rolled back and returned: it serves the next transaction.
      await store.transaction(async (tx) => {
        await appendAudit(tx, { traceId: 't', spanId: 's', action: 'exchange.submit', outcome: 'allowed', actor: 'sender', exchangeId: fresh.id }, new Date());
        await tx.insertExchange(fresh);
      });
      expect((await store.getExchange(fresh.id))?.id).toBe(fresh.id);
      expect(await verifyAuditChain(store)).toMatchObject({ ok: true, checked: 1 });
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });

  it('when a deferred update whose row count is checked misses its row, then COMMIT never goes and nothing of the transaction is committed', async () => {
    const { stores, dispose } = await storesOnOneSchema(1);
    const [store] = stores as [Store];
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const row = exchangeRow();
      const failed = store.transaction(async (tx) => {
        await tx.insertExchange(row);
        await tx.updateExchange(`ex-${randomUUID()}`, { status: 'delivered', updatedAt: 2 });
      });
      await expect(failed).rejects.toMatchObject({ code: 'not-found' });
      expect(sentStatements(spy.mock.calls).flat()).not.toContain('COMMIT');
      expect(sentStatements(spy.mock.calls).flat()).toContain('ROLLBACK');
      expect(await store.getExchange(row.id)).toBeUndefined();
    } finally {
      spy.mockRestore();
      await dispose();
    }
  });

  it('when migrated, then the audit table refuses updates, deletes and truncation', async () => {
    const { schema, stores, dispose } = await storesOnOneSchema(1);
    try {
      await stores[0]!.transaction((tx) =>
        appendAudit(tx, { traceId: 't', spanId: 's', action: 'exchange.submit', outcome: 'allowed', actor: 'a' }, new Date()),
      );
      await withPgClient(async (c) => {
        await expect(c.query(`UPDATE "${schema}".audit SET actor = 'b'`)).rejects.toThrow(/append-only/);
        await expect(c.query(`DELETE FROM "${schema}".audit`)).rejects.toThrow(/append-only/);
        await expect(c.query(`TRUNCATE "${schema}".audit`)).rejects.toThrow(/append-only/);
      });
      expect(await verifyAuditChain(stores[0]!)).toMatchObject({ ok: true, checked: 1 });
    } finally {
      await dispose();
    }
  });

  it('when the database was migrated by a newer gateway, then migrate() rejects and ready() is false', async () => {
    const { schema, dispose } = await storesOnOneSchema(1);
    try {
      await withPgClient((c) => c.query(`INSERT INTO "${schema}".schema_migrations (version, name, applied_at) VALUES (9999, 'from the future', 0)`));
      const again = await openStore(pgStoreUrl(schema));
      try {
        expect(await again.ready()).toBe(false);
        await expect(again.migrate()).rejects.toMatchObject({ code: 'store-unavailable' });
      } finally {
        await again.close();
      }
    } finally {
      await dispose();
    }
  });

  it('when an operation runs before migrate(), then it rejects with store-unavailable and creates nothing', async () => {
    const schema = freshSchema();
    const s = await openStore(pgStoreUrl(schema));
    try {
      await expect(s.getExchange('x')).rejects.toMatchObject({ code: 'store-unavailable' });
      await expect(s.transaction(() => Promise.resolve())).rejects.toMatchObject({ code: 'store-unavailable' });
      const exists = await withPgClient(async (c) => (await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount);
      expect(exists).toBe(0);
    } finally {
      await s.close();
      await dropSchema(schema);
    }
  });

  it('when a JSON value holds characters PostgreSQL text cannot (NUL) or numbers at the edge, then it still comes back exactly', async () => {
    const { stores, dispose } = await storesOnOneSchema(1);
    try {
      const payload = { nul: 'a\u0000b', big: 9007199254740991, tiny: 1e-7, keyOrder: { z: 1, a: 2 } };
      const row = exchangeRow();
      await stores[0]!.transaction(async (tx) => {
        await tx.insertExchange(row);
        await tx.insertOutbox(outboxRow(row.id, { payload }));
      });
      const back = await stores[0]!.getOutbox(row.id);
      expect(back?.payload).toStrictEqual(payload);
      expect(Object.keys((back?.payload as { keyOrder: object }).keyOrder)).toStrictEqual(['z', 'a']);
    } finally {
      await dispose();
    }
  });
});

describe('PostgreSQL store without a server', () => {
  it('when nothing listens at the URL, then ready() is false and operations reject with store-unavailable', async () => {
    const s = await openStore('postgres://ketenpoort:secret@127.0.0.1:1/none');
    try {
      expect(await s.ready()).toBe(false);
      const error = await s.getExchange('x').catch((err: unknown) => err);
      expect(error).toMatchObject({ code: 'store-unavailable' });
      expect((error as Error).message).not.toContain('secret');
      await expect(s.migrate()).rejects.toMatchObject({ code: 'store-unavailable' });
      await expect(s.transaction(() => Promise.resolve())).rejects.toMatchObject({ code: 'store-unavailable' });
    } finally {
      await s.close();
    }
  });
});

describe.skipIf(pgTestUrl === undefined)(pgSuiteName('PostgreSQL store connections'), () => {
  it('when the store connects, then the session has the schema as search_path, a 15 s lock timeout and a 60 s idle-in-transaction timeout', async () => {
    const schema = freshSchema();
    const client = new pg.Client(connectionConfig(parsePostgresUrl(pgStoreUrl(schema, { poolMax: '3' }))));
    await client.connect();
    try {
      const show = async (name: string): Promise<unknown> => (await client.query(`SHOW ${name}`)).rows[0]?.[name];
      expect(await show('search_path')).toBe(schema);
      expect(await show('lock_timeout')).toBe('15s');
      expect(await show('idle_in_transaction_session_timeout')).toBe('1min');
      expect(await show('application_name')).toBe(`ketenpoort ${schema}`); // so an operator can find one gateway's sessions
      const { rows } = await client.query('SELECT 9007199254740991::bigint AS big');
      expect(rows[0].big).toBe(9007199254740991); // bigint as a number, for this store's connections
    } finally {
      await client.end();
    }
  });
});

// A same-host server's Unix-domain socket: its directory, where the server keeps `.s.PGSQL.<port>`
// (Debian's and most packages' /var/run/postgresql; KETENPOORT_TEST_PG_SOCKET_DIR names another).
const socketDir = process.env.KETENPOORT_TEST_PG_SOCKET_DIR ?? '/var/run/postgresql';
const socketPort = pgTestUrl === undefined ? '5432' : new URL(pgTestUrl).port || '5432';
const socketAbsent = !existsSync(`${socketDir}/.s.PGSQL.${socketPort}`);
const socketSuite = (name: string): string => {
  if (pgTestUrl === undefined || !socketAbsent) return pgSuiteName(name);
  const reason = `no PostgreSQL socket ${socketDir}/.s.PGSQL.${socketPort} (set KETENPOORT_TEST_PG_SOCKET_DIR)`;
  console.warn(`[skipped] ${name}: ${reason}`);
  return `${name} (skipped: ${reason})`;
};

describe.skipIf(pgTestUrl === undefined || socketAbsent)(socketSuite('PostgreSQL store over a Unix-domain socket'), () => {
  it('when the store URL names the socket directory (as the host, or as ?host=), then the store migrates, commits and reads over the socket, not TCP', async () => {
    const test = new URL(pgTestUrl ?? '');
    const user = decodeURIComponent(test.username);
    const database = test.pathname.slice(1);
    const dir = encodeURIComponent(socketDir);
    const forms = [`postgres://${user}@${dir}:${socketPort}/${database}`, `postgresql://${user}@localhost:${socketPort}/${database}?host=${dir}`];
    for (const form of forms) {
      const schema = freshSchema();
      const url = new URL(form);
      url.searchParams.set('schema', schema);
      const store = await openStore(url.toString());
      try {
        await store.migrate();
        const row = exchangeRow();
        await store.transaction(async (tx) => {
          await appendAudit(tx, { traceId: row.traceId, spanId: '0'.repeat(16), action: 'exchange.submit', outcome: 'allowed', actor: 'sender', exchangeId: row.id }, new Date());
          await tx.insertExchange(row);
        });
        expect((await store.getExchange(row.id))?.id).toBe(row.id);
        expect(await verifyAuditChain(store)).toMatchObject({ ok: true, checked: 1 });
        // The store's sessions (its pool keeps them open a while): a socket session has no client address.
        const sessions = await withPgClient(async (c) => (await c.query<{ client_addr: string | null; client_port: number }>('SELECT client_addr, client_port FROM pg_stat_activity WHERE application_name = $1', [`ketenpoort ${schema}`])).rows);
        expect(sessions.length).toBeGreaterThan(0);
        expect(sessions).toEqual(sessions.map(() => ({ client_addr: null, client_port: -1 })));
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    }
  });
});
