// The SQLite store: the shared Store contract (temp file and :memory:), then what only SQLite has —
// durability settings, reopening, serialised transactions, migrations on disk, and openStore URLs.

import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { GatewayError, isGatewayError } from '../../src/kernel/gateway-error.ts';
import { openStore, parseSqliteUrl, sqliteFileFromUrl } from '../../src/store/open-store.ts';
import { migrations } from '../../src/store/sqlite/migrations.ts';
import { createSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { ExchangeRow, Store } from '../../src/store/store.ts';
import { describeStoreContract } from '../contract/store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-sqlite-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const tempFile = (): string => join(dir, `${randomUUID()}.db`);
const files = new WeakMap<Store, string>();

async function removeStore(s: Store): Promise<void> {
  await s.close();
  const file = files.get(s);
  if (file !== undefined) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

describeStoreContract(
  'SQLite, temp file',
  () => {
    const file = tempFile();
    const s = createSqliteStore({ file });
    files.set(s, file);
    return Promise.resolve(s);
  },
  removeStore,
);

describeStoreContract('SQLite, :memory:', () => Promise.resolve(createSqliteStore({ file: ':memory:' })));

function exchange(overrides: Partial<ExchangeRow> = {}): ExchangeRow {
  return {
    id: randomUUID(),
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

async function migrated(file = tempFile()): Promise<SqliteStore> {
  const s = createSqliteStore({ file });
  await s.migrate();
  return s;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('SQLite store specifics', () => {
  it('when opened on a file, then WAL is on, synchronous is FULL, foreign keys are on and the busy timeout is 5 s', async () => {
    const s = await migrated();
    expect(s.pragmas()).toStrictEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000, walAutocheckpoint: 1000 });
    await s.close();
  });

  it('when a file store commits, then a worker thread checkpoints the WAL into the database file while the store is open, and close stops it first', async () => {
    const file = tempFile();
    const s = await migrated(file);
    const rows = Array.from({ length: 20 }, () => exchange());
    for (const row of rows) await s.transaction((tx) => tx.insertExchange(row));
    // The committing connection checkpoints itself only past 10,000 frames now (a fallback).
    expect(s.pragmas().walAutocheckpoint).toBe(10_000);
    const deadline = Date.now() + 10_000;
    while (s.walCheckpointsInWorker() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(s.walCheckpointsInWorker()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300)); // a checkpoint after the last commit (at most every 200 ms)
    // The database file alone (no WAL beside it) holds every committed row: the worker copied them.
    const copy = tempFile();
    copyFileSync(file, copy);
    const plain = new Database(copy, { readonly: true });
    expect((plain.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n).toBe(rows.length);
    plain.close();
    rmSync(copy, { force: true });
    await s.close();
    // The worker's connection closed before the store's, so the store's was the last and removed the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = createSqliteStore({ file });
    for (const row of rows) expect(await reopened.getExchange(row.id)).toStrictEqual(row);
    await reopened.close();
  });

  it('when the checkpoint thread cannot work, then the store says why once, goes back to SQLite\'s own checkpoint and keeps committing', async () => {
    const file = tempFile();
    const warnings: string[] = [];
    const s = createSqliteStore({ file, onWarning: (message) => warnings.push(message) });
    await s.migrate();
    // The thread starts at the first write and opens the file by its name: moved away, it cannot.
    renameSync(file, `${file}.moved`);
    try {
      await s.transaction((tx) => tx.insertExchange(exchange()));
      const deadline = Date.now() + 10_000;
      while (warnings.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^The SQLite WAL checkpoint thread is gone \(the thread failed: .+\); COMMITs checkpoint on the event loop again/);
      expect(s.pragmas().walAutocheckpoint).toBe(1000);
      const row = exchange();
      await s.transaction((tx) => tx.insertExchange(row));
      expect(await s.getExchange(row.id)).toStrictEqual(row);
      await new Promise((r) => setTimeout(r, 250));
      expect(warnings).toHaveLength(1); // said once, not at every commit
    } finally {
      renameSync(`${file}.moved`, file);
      await s.close();
    }
  });

  it('when the store is in memory or told not to, then no worker checkpoints and SQLite checkpoints as it always did', async () => {
    const memory = createSqliteStore({ file: ':memory:' });
    await memory.migrate();
    await memory.transaction((tx) => tx.insertExchange(exchange()));
    const file = createSqliteStore({ file: tempFile(), checkpointInWorker: false });
    await file.migrate();
    await file.transaction((tx) => tx.insertExchange(exchange()));
    await new Promise((r) => setTimeout(r, 250));
    expect([memory.walCheckpointsInWorker(), file.walCheckpointsInWorker()]).toStrictEqual([0, 0]);
    expect(file.pragmas().walAutocheckpoint).toBe(1000);
    await memory.close();
    await file.close();
  });

  it('when closed and reopened, then the data and the migrations are still there', async () => {
    const file = tempFile();
    const first = await migrated(file);
    const row = exchange();
    await first.transaction((tx) => tx.insertExchange(row));
    await first.close();

    const second = createSqliteStore({ file });
    expect(await second.ready()).toBe(true);
    expect(await second.getExchange(row.id)).toStrictEqual(row);
    await second.close();
  });

  it('when two transactions run at once, then they never interleave: the second begins after the first commits', async () => {
    const s = await migrated();
    const log: string[] = [];
    const run = (name: string) =>
      s.transaction(async (tx) => {
        log.push(`${name}:begin`);
        await new Promise((r) => setTimeout(r, 20));
        await tx.insertExchange(exchange());
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${name}:end`);
        return name;
      });
    expect(await Promise.all([run('a'), run('b'), run('c')])).toStrictEqual(['a', 'b', 'c']);
    expect(log).toStrictEqual(['a:begin', 'a:end', 'b:begin', 'b:end', 'c:begin', 'c:end']);
    await s.close();
  });

  it('when a read comes while a transaction is open, then it waits and sees only committed data', async () => {
    const s = await migrated();
    const row = exchange();
    const gate = deferred();
    const inside = deferred();
    const rolledBack = s.transaction(async (tx) => {
      await tx.insertExchange(row);
      inside.resolve();
      await gate.promise;
      throw new Error('roll back');
    });
    await inside.promise;
    const read = s.getExchange(row.id); // issued while the insert is uncommitted
    gate.resolve();
    await expect(rolledBack).rejects.toThrow('roll back');
    expect(await read).toBeUndefined();

    const gate2 = deferred();
    const inside2 = deferred();
    const committed = s.transaction(async (tx) => {
      await tx.insertExchange(row);
      inside2.resolve();
      await gate2.promise;
    });
    await inside2.promise;
    const read2 = s.getExchange(row.id);
    gate2.resolve();
    await committed;
    expect(await read2).toStrictEqual(row);
    await s.close();
  });

  it('when a claim comes while a transaction is open that later rolls back, then the claim is not rolled back with it', async () => {
    const s = await migrated();
    const row = exchange();
    await s.transaction(async (tx) => {
      await tx.insertExchange(row);
      await tx.insertOutbox({
        exchangeId: row.id,
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
        nextAttemptAt: 10,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        deliveredAt: null,
        purgeAfter: null,
        createdAt: 1,
      });
    });
    const gate = deferred();
    const inside = deferred();
    const failing = s.transaction(async (tx) => {
      await tx.insertExchange(exchange());
      inside.resolve();
      await gate.promise;
      throw new Error('roll back');
    });
    await inside.promise;
    const claim = s.claimDueDeliveries({ now: 10, limit: 10, leaseMs: 1_000, owner: 'd' });
    gate.resolve();
    await expect(failing).rejects.toThrow('roll back');
    expect((await claim).map((r) => r.exchangeId)).toStrictEqual([row.id]);
    expect((await s.getOutbox(row.id))?.leaseOwner).toBe('d');
    await s.close();
  });

  it('when close() is called during a transaction, then the transaction finishes and commits first', async () => {
    const file = tempFile();
    const s = await migrated(file);
    const row = exchange();
    const gate = deferred();
    const inside = deferred();
    const tx = s.transaction(async (t) => {
      await t.insertExchange(row);
      inside.resolve();
      await gate.promise;
    });
    await inside.promise;
    const closing = s.close();
    gate.resolve();
    await tx;
    await closing;
    await expect(s.getExchange(row.id)).rejects.toMatchObject({ code: 'store-unavailable' });
    const reopened = createSqliteStore({ file });
    expect(await reopened.getExchange(row.id)).toStrictEqual(row);
    await reopened.close();
  });

  it('when migrated, then schema_migrations records every migration once and the audit table refuses updates and deletes', async () => {
    const file = tempFile();
    const s = await migrated(file);
    await s.migrate();
    await s.close();
    const db = new Database(file);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toStrictEqual(migrations.map((m) => m.version));
    db.prepare(
      "INSERT INTO audit (seq, time, actor, action, outcome, prev_hash, hash, record) VALUES (1, 't', 'a', 'x', 'y', 'p', 'h', '{}')",
    ).run();
    expect(() => db.prepare("UPDATE audit SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    db.close();
  });

  it('when the database was migrated by a newer gateway, then migrate() rejects and ready() is false', async () => {
    const file = tempFile();
    const s = await migrated(file);
    await s.close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from the future', 0)").run();
    db.close();

    const again = createSqliteStore({ file });
    expect(await again.ready()).toBe(false);
    await expect(again.migrate()).rejects.toMatchObject({ code: 'store-unavailable' });
    await again.close();
  });

  it('when an operation runs before migrate(), then it rejects with store-unavailable', async () => {
    const s = createSqliteStore({ file: ':memory:' });
    await expect(s.getExchange('x')).rejects.toMatchObject({ code: 'store-unavailable' });
    await expect(s.transaction(() => Promise.resolve())).rejects.toMatchObject({ code: 'store-unavailable' });
    await s.close();
  });

  it('when an outbox row names no exchange, then the foreign key refuses it', async () => {
    const s = await migrated(':memory:');
    const outcome = s.transaction((tx) =>
      tx.insertOutbox({
        exchangeId: randomUUID(),
        receiver: 'r',
        adapterKind: 'inbox',
        endpoint: null,
        messageType: 'JW301',
        sender: 's',
        purpose: 'p',
        payload: null,
        traceparent: 't',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 0,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        deliveredAt: null,
        purgeAfter: null,
        createdAt: 0,
      }),
    );
    await expect(outcome).rejects.toMatchObject({ code: 'internal' });
    await s.close();
  });
});

describe('openStore', () => {
  it('when the URL is sqlite::memory:, then it opens an in-memory SQLite store', async () => {
    const s = await openStore('sqlite::memory:');
    expect(s.kind).toBe('sqlite');
    await s.migrate();
    expect(await s.ready()).toBe(true);
    await s.close();
  });

  it('when the URL names a file in a missing directory, then the directory is created and the store opens there', async () => {
    const file = join(dir, randomUUID(), 'nested', 'gateway.db');
    for (const url of [`sqlite:${file}`, `sqlite://${file}`]) {
      const s = await openStore(url);
      await s.migrate();
      expect(await s.ready()).toBe(true);
      await s.close();
      expect(existsSync(file)).toBe(true);
    }
  });

  it('when the URL is relative or uses the sqlite:// form, then the file resolves as expected', () => {
    expect(sqliteFileFromUrl('sqlite:./data/ketenpoort.db')).toBe(resolve('data/ketenpoort.db'));
    expect(sqliteFileFromUrl('sqlite:data/ketenpoort.db')).toBe(resolve('data/ketenpoort.db'));
    expect(sqliteFileFromUrl('sqlite:/var/lib/k.db')).toBe('/var/lib/k.db');
    expect(sqliteFileFromUrl('sqlite:///var/lib/k.db')).toBe('/var/lib/k.db');
    expect(sqliteFileFromUrl('sqlite::memory:')).toBe(':memory:');
  });

  it('when the URL carries ?maxPageCount=N, then the file is read without it and the cap is a positive integer; other options are refused', () => {
    expect(sqliteFileFromUrl('sqlite:/var/lib/k.db?maxPageCount=100')).toBe('/var/lib/k.db');
    expect(parseSqliteUrl('sqlite:/var/lib/k.db?maxPageCount=100')).toStrictEqual({ file: '/var/lib/k.db', maxPageCount: 100 });
    expect(parseSqliteUrl('sqlite:/var/lib/k.db')).toStrictEqual({ file: '/var/lib/k.db' });
    for (const bad of ['sqlite:/k.db?maxPageCount=0', 'sqlite:/k.db?maxPageCount=1.5', 'sqlite:/k.db?maxPageCount=', 'sqlite:/k.db?maxPageCount=-3', 'sqlite:/k.db?pageSize=4096']) {
      expect(() => parseSqliteUrl(bad), bad).toThrow(/maxPageCount/);
    }
  });

  it('when the file reaches maxPageCount, then a write fails with store-unavailable and leaves nothing behind, and it succeeds again once pages are freed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-full-'));
    try {
      const file = join(dir, 'k.db');
      const open = createSqliteStore({ file });
      await open.migrate();
      await open.close();
      // Ballast written by another connection (as other files fill a shared disk), then a cap just above the file's size.
      const other = new Database(file);
      other.exec('CREATE TABLE ballast (b BLOB)');
      for (let i = 0; i < 64; i++) other.prepare('INSERT INTO ballast VALUES (randomblob(4000))').run();
      const pages = Number(other.pragma('page_count', { simple: true }));
      const capped = createSqliteStore({ file, maxPageCount: pages + 2 });
      const bigExchange = (n: number): ExchangeRow => exchange({ id: `full-${n}`, reason: 'x'.repeat(6000) });
      let failure: unknown;
      let written = 0;
      for (let n = 0; n < 50 && failure === undefined; n++) {
        await capped.transaction((tx) => tx.insertExchange(bigExchange(n))).then(() => written++, (error: unknown) => { failure = error; });
      }
      expect(isGatewayError(failure) && failure.code).toBe('store-unavailable');
      expect(isGatewayError(failure) && failure.detail).toMatch(/SQLITE_FULL/);
      expect(await capped.getExchange(`full-${written}`)).toBeUndefined(); // the failed one left nothing
      other.exec('DROP TABLE ballast');
      other.close();
      await capped.transaction((tx) => tx.insertExchange(bigExchange(written)));
      expect(await capped.getExchange(`full-${written}`)).toBeDefined();
      await capped.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the URL is postgres://, then it opens a PostgreSQL store (no connection until first use), in the schema the URL names', async () => {
    for (const url of ['postgres://user:secret@db.example/ketenpoort', 'postgresql://user:secret@db.example/ketenpoort?schema=kp_a&poolMax=4']) {
      const s = await openStore(url);
      expect(s.kind).toBe('postgres');
      expect((s as Store & { schema: string }).schema).toBe(url.includes('kp_a') ? 'kp_a' : 'public');
      await s.close();
    }
  });

  it('when a postgres:// URL carries a bad schema or pool size, then it rejects with config-invalid and does not echo the URL', async () => {
    for (const url of [
      'postgres://user:secret@db.example/k?schema=Robert%27;DROP',
      'postgres://user:secret@db.example/k?schema=1abc',
      'postgres://user:secret@db.example/k?poolMax=0',
      'postgres://user:secret@db.example/k?poolMax=lots',
    ]) {
      const error = await openStore(url).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe('config-invalid');
      expect(String((error as GatewayError).detail)).not.toContain('secret');
    }
  });

  it('when the URL has another scheme or no file, then it rejects with config-invalid and does not echo the URL', async () => {
    const outcome = openStore('mysql://user:secret@db.example/x');
    await expect(outcome).rejects.toMatchObject({ code: 'config-invalid' });
    const error = await outcome.catch((err: unknown) => err);
    expect(String((error as GatewayError).detail)).not.toContain('secret');
    await expect(openStore('sqlite:')).rejects.toMatchObject({ code: 'config-invalid' });
  });
});
