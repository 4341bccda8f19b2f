// The one place a Store implementation is chosen, by URL (architecture.md, Storage and scale):
//   sqlite:./data/ketenpoort.db   relative to the working directory (parent directory created)
//   sqlite:/var/lib/ketenpoort.db absolute (also sqlite:///var/lib/ketenpoort.db)
//   sqlite::memory:               in memory, for tests
//   sqlite:FILE?maxPageCount=N    at most N pages (4 KiB each) in the file: a cap on its size. When it
//                                 is reached writes fail closed (503 store-unavailable) until pages are
//                                 freed; a quota for a disk shared with others, and how the fault tests
//                                 fill the database (bench/soak). Default: no cap but the disk's.
//   postgres://user@host:5432/db[?schema=NAME&poolMax=N]   PostgreSQL (also postgresql://); the tables
//                                 live in schema NAME (default public), see postgres/pg-connection.ts;
//                                 a same-host server over its socket: postgres://user@%2Fvar%2Frun%2Fpostgresql/db
// The store is opened, not migrated: the caller runs migrate() (serve does, at startup).

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { Store } from './store.ts';

const memory = ':memory:';

/** The options a `sqlite:` URL may carry after `?` (see above). */
const sqliteOptions = new Set(['maxPageCount']);

/** The file and options a `sqlite:` URL names. */
export function parseSqliteUrl(url: string): { readonly file: string; readonly maxPageCount?: number } {
  const query = url.indexOf('?');
  const file = sqliteFileFromUrl(query < 0 ? url : url.slice(0, query));
  if (query < 0) return { file };
  const params = new URLSearchParams(url.slice(query + 1));
  for (const name of params.keys()) {
    if (!sqliteOptions.has(name)) throw new GatewayError('config-invalid', { detail: `Unknown SQLite store URL option ${name} (known: maxPageCount)` });
  }
  const raw = params.get('maxPageCount');
  if (raw === null) return { file };
  const maxPageCount = Number(raw);
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(maxPageCount) || maxPageCount < 1) {
    throw new GatewayError('config-invalid', { detail: 'The SQLite store URL option maxPageCount must be a positive integer (pages of 4 KiB)' });
  }
  return { file, maxPageCount };
}

/** The file a `sqlite:` URL names (options after `?` left out), or ':memory:'. */
export function sqliteFileFromUrl(url: string): string {
  let rest = url.slice('sqlite:'.length);
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  if (rest.startsWith('//')) rest = rest.slice(2); // sqlite:///abs/path.db, sqlite://./rel.db
  if (rest === memory) return memory;
  if (rest === '' || rest.startsWith(':')) {
    throw new GatewayError('config-invalid', { detail: 'The store URL names no SQLite file (expected sqlite:<path> or sqlite::memory:)' });
  }
  return resolve(rest);
}

/** The URL as it may be shown (printed, logged): a PostgreSQL URL without its password. */
export function storeUrlForDisplay(url: string): string {
  if (!url.startsWith('postgres://') && !url.startsWith('postgresql://')) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.split('?')[0]?.replace(/\/\/[^@/]*@/, '//***@') ?? '';
  }
}

/** Whether the URL names a store in memory, which only the process that opened it can reach. */
export function isMemoryStoreUrl(url: string): boolean {
  return url.startsWith('sqlite:') && sqliteFileFromUrl(url) === memory;
}

export interface OpenStoreOptions {
  /** Told when the store carries on in a lesser way (see SqliteStoreOptions.onWarning); the gateway logs it. */
  readonly onWarning?: (message: string) => void;
}

export async function openStore(url: string, opening: OpenStoreOptions = {}): Promise<Store> {
  try {
    // The chosen implementation only is loaded: a SQLite process, or a worker thread opening a
    // connection of its own (src/workers), does not load the PostgreSQL driver and its modules (≈40 ms
    // of a worker's start-up, bench/README.md), nor the other way round.
    if (url.startsWith('sqlite:')) {
      const options = parseSqliteUrl(url);
      if (options.file !== memory) mkdirSync(dirname(options.file), { recursive: true });
      const { createSqliteStore } = await import('./sqlite/sqlite-store.ts');
      return createSqliteStore({ ...options, ...(opening.onWarning !== undefined ? { onWarning: opening.onWarning } : {}) });
    }
    if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
      const [{ createPostgresStore }, { parsePostgresUrl }] = await Promise.all([import('./postgres/postgres-store.ts'), import('./postgres/pg-connection.ts')]);
      return createPostgresStore(parsePostgresUrl(url));
    }
    // Name only the scheme: a URL may carry credentials.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? '(none)';
    throw new GatewayError('config-invalid', { detail: `Unsupported store URL scheme ${scheme} (expected sqlite: or postgres:)` });
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    throw new GatewayError('store-unavailable', { detail: 'The store could not be opened', cause: err });
  }
}
