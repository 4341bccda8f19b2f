// A store at an earlier schema version, for the migration tests: the migrations up to `version`
// applied as each store's runner applies them (the SQL, then the code step) and recorded in
// schema_migrations, so that opening the store and calling migrate() runs only the later ones.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { migrations } from '../../src/store/sqlite/migrations.ts';
import { pgMigrations } from '../../src/store/postgres/migrations.ts';

export function migrateSqliteTo(db: Database.Database, version: number): void {
  db.exec('CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  for (const m of migrations.filter((m) => m.version <= version)) {
    db.exec(m.sql);
    m.then?.(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name);
  }
}

/** Creates `schema` and leaves the client's search_path on it, at `version`. */
export async function migratePgSchemaTo(client: pg.Client, schema: string, version: number): Promise<void> {
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.query(`SET search_path = "${schema}"`);
  await client.query('CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)');
  for (const m of pgMigrations.filter((m) => m.version <= version)) {
    await client.query(m.sql);
    await m.then?.(client as never);
    await client.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [m.version, m.name]);
  }
}
