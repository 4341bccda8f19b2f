// The PostgreSQL store: the shared Store contract (a fresh schema per store), then what only the
// scale-out store has: several stores (as several processes would) on one schema migrating at once,
// appending to one audit chain, claiming from one outbox, taking cluster locks; group commit with
// acknowledgement after COMMIT; and the postgres:// URL.

import { describe } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { describeStoreContract } from '../contract/store-contract.ts';
import { dropSchema, freshSchema, pgStoreUrl, pgSuiteName, pgTestUrl } from '../support/postgres.ts';

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
