// The PostgreSQL store's round trips (src/store/postgres/pg-batch.ts, pg-tx.ts) against answers a real
// server rarely gives, played by a fake connection: a row the driver cannot parse, a COMMIT the server
// answers with ROLLBACK, and Node's own error codes that look like SQLSTATEs (all found in review).

import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { BatchError, runBatch } from '../../src/store/postgres/pg-batch.ts';
import { sqlState } from '../../src/store/postgres/pg-errors.ts';
import { transactionDb } from '../../src/store/postgres/pg-tx.ts';

interface Submittable {
  submit(connection: unknown): void;
  handleRowDescription(msg: { fields: unknown[] }): void;
  handleDataRow(msg: { fields: unknown[] }): void;
  handleCommandComplete(msg: { text: string }): void;
  handleReadyForQuery(): void;
}

/** A client whose server answers each statement of a batch as `answer` says, then ReadyForQuery. */
function fakeClient(answer: (text: string, s: Submittable) => void, types?: unknown): pg.PoolClient {
  const texts: string[] = [];
  const connection = {
    stream: {},
    parsedStatements: {} as Record<string, string | undefined>,
    submittedNamedStatements: {} as Record<string, string | undefined>,
    parse: (q: { text: string }) => texts.push(q.text),
    bind: () => undefined,
    describe: () => undefined,
    execute: () => undefined,
    sync: () => undefined,
    on: () => undefined,
    removeListener: () => undefined,
  };
  return {
    _types: types,
    query(submittable: Submittable) {
      texts.length = 0;
      submittable.submit(connection);
      queueMicrotask(() => {
        for (const text of texts) answer(text, submittable);
        submittable.handleReadyForQuery();
      });
    },
  } as unknown as pg.PoolClient;
}

const throwingTypes = {
  getTypeParser: () => () => {
    throw new Error('cannot parse this value');
  },
};

describe('PostgreSQL round trips, odd answers', () => {
  it('when a row cannot be parsed, then the batch rejects at ReadyForQuery (naming the statement) instead of throwing in the socket handler', async () => {
    const client = fakeClient((text, s) => {
      if (text.startsWith('SELECT')) {
        s.handleRowDescription({ fields: [{ name: 'a', dataTypeID: 23, format: 'text' }] });
        s.handleDataRow({ fields: ['1'] });
        s.handleCommandComplete({ text: 'SELECT 1' });
      } else s.handleCommandComplete({ text });
    }, throwingTypes);
    const failed = await runBatch(client, [
      { name: 'b', text: 'BEGIN', values: [] },
      { name: 's', text: 'SELECT 1 AS a', values: [] },
    ]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(BatchError);
    expect((failed as BatchError).at).toBe(1);
    expect(String((failed as BatchError).error)).toContain('cannot parse');
  });

  it('when the server answers COMMIT with ROLLBACK, then commit() fails: nothing was committed', async () => {
    const client = fakeClient((text, s) => s.handleCommandComplete({ text: text === 'COMMIT' ? 'ROLLBACK' : text === 'BEGIN' ? 'BEGIN' : 'UPDATE 1' }));
    const tx = transactionDb(client);
    await tx.run('touch', 'UPDATE t SET a = 1', []);
    await expect(tx.commit()).rejects.toMatchObject({ code: 'store-unavailable' });
  });

  it('when Node reports a five-letter error code (EPIPE, EBUSY), then it is not taken for a SQLSTATE', () => {
    expect([sqlState({ code: 'EPIPE' }), sqlState({ code: 'EBUSY' }), sqlState({ code: 'EPERM' })]).toStrictEqual([undefined, undefined, undefined]);
    expect([sqlState({ code: '57P01' }), sqlState({ code: 'XX000' }), sqlState({ code: 'P0001' }), sqlState({ code: '40001' })]).toStrictEqual(['57P01', 'XX000', 'P0001', '40001']);
  });
});
