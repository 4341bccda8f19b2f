// A store that was never migrated (a fresh data folder, and `ketenpoort audit verify` run before the
// gateway ever started): the error tells a newcomer what to do. It used to say "run migrate first",
// and there is no migrate command (issue 13: tried as a new user would); regression test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';

describe('a store that was never migrated', () => {
  it('when it is read, then the error says that ketenpoort serve migrates it, not a command that does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketenpoort-unmigrated-'));
    const store = await openStore(`sqlite:${join(dir, 'ketenpoort.db')}`);
    try {
      const error = await store.transaction((tx) => tx.auditHead()).then(() => undefined, (e: unknown) => e as { code?: string; detail?: string });
      expect(error).toMatchObject({ code: 'store-unavailable' });
      expect(error?.detail).toContain('`ketenpoort serve` migrates the store');
      expect(error?.detail).not.toContain('run migrate first');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
