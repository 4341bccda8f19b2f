// What the main thread and the statistics worker say to each other (statistics-worker.ts).
import type { PublishedTables } from '../statistics/published-tables.ts';

export interface StatisticsWorkerInput {
  /** The gateway's store URL (sqlite:<file> or postgres://…); never sqlite::memory:. */
  readonly storeUrl: string;
  /** carePath.termSettings of the configuration (plain data). */
  readonly termSettings: unknown;
  readonly threshold: number;
}

export type StatisticsWorkerOutput = { readonly ok: true; readonly tables: PublishedTables } | { readonly ok: false; readonly message: string };
