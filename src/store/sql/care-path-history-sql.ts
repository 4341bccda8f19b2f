// The whole care-path history for the statistics (src/statistics): every verzoek, toewijzing and
// start or stop the gateway keeps, read in pages along each table's primary key (keyset paging: each
// page starts where the last one ended, so a page costs the same however far in), once for both
// dialects. Only the facts the waiting-time tables use are read; never a message, never a BSN.

import type { DeliveryFact, RequestFact, ToewijzingFact } from '../../kernel/care-path-record.ts';
import { fromJson, type Db } from './sql-db.ts';

export interface CarePathHistoryRows {
  readonly requests: RequestFact[];
  readonly toewijzingen: ToewijzingFact[];
  readonly deliveries: DeliveryFact[];
}

const PAGE = 5_000;

interface Paged {
  readonly first: string;
  readonly next: string;
  /** The key columns of the last row of a page, as the parameters of `next` after the limit. */
  readonly key: (row: Record<string, unknown>) => unknown[];
}

const tables = {
  requests: {
    first: `SELECT aanbieder, referentie, fact FROM cp_requests ORDER BY aanbieder, referentie LIMIT $1`,
    next: `SELECT aanbieder, referentie, fact FROM cp_requests WHERE (aanbieder, referentie) > ($2::text, $3::text) ORDER BY aanbieder, referentie LIMIT $1`,
    key: (r) => [r.aanbieder, r.referentie],
  },
  toewijzingen: {
    first: `SELECT gemeente, nummer, fact FROM cp_toewijzingen ORDER BY gemeente, nummer LIMIT $1`,
    next: `SELECT gemeente, nummer, fact FROM cp_toewijzingen WHERE (gemeente, nummer) > ($2::text, $3::bigint) ORDER BY gemeente, nummer LIMIT $1`,
    key: (r) => [r.gemeente, r.nummer],
  },
  deliveries: {
    first: `SELECT id, fact FROM cp_deliveries ORDER BY id LIMIT $1`,
    next: `SELECT id, fact FROM cp_deliveries WHERE id > $2::text ORDER BY id LIMIT $1`,
    key: (r) => [r.id],
  },
} satisfies Record<keyof CarePathHistoryRows, Paged>;

async function readAll<F>(db: Db, table: Paged): Promise<F[]> {
  const facts: F[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const rows = await db.all<Record<string, unknown>>('carePathHistory', after === undefined ? table.first : table.next, after === undefined ? [PAGE] : [PAGE, ...after]);
    for (const row of rows) facts.push(fromJson(row.fact) as F);
    const last = rows.at(-1);
    if (rows.length < PAGE || last === undefined) return facts;
    after = table.key(last);
  }
}

export function carePathHistoryRead(db: Db): { carePathHistory(): Promise<CarePathHistoryRows> } {
  return {
    async carePathHistory() {
      return {
        requests: await readAll<RequestFact>(db, tables.requests),
        toewijzingen: await readAll<ToewijzingFact>(db, tables.toewijzingen),
        deliveries: await readAll<DeliveryFact>(db, tables.deliveries),
      };
    },
  };
}
