// Several statements of one transaction in one round trip: the extended-protocol messages of each
// (Parse when the connection has not prepared its name yet, Bind, Describe, Execute) written together
// and closed by one Sync. The server runs them in order; the first that fails ends the run (it skips
// the rest up to the Sync, as the protocol says), so the statements after it have no effect, exactly as
// if the transaction had sent them one by one and stopped at the error. Used inside an explicit
// transaction only (pg-tx.ts): BEGIN with the transaction's first statement, the deferred writes
// together, and COMMIT behind them.
//
// A pg Submittable (the driver's hook for custom queries, as pg-cursor uses it): the client hands it
// the connection when it is its turn and passes it the backend's messages until ReadyForQuery. Each
// statement is a named prepared statement, as pg-tx.ts names them; the connection's record of what
// it has prepared is kept here as pg's own Query keeps it (a name counts as prepared once its
// ParseComplete has come).

import { createRequire } from 'node:module';
import pg from 'pg';

export interface BatchStatement {
  readonly name: string;
  readonly text: string;
  readonly values: readonly unknown[];
  /** Rows as arrays of their values (pg's rowMode 'array'). */
  readonly arrays?: boolean;
}

export interface BatchResult {
  readonly rows: unknown[];
  readonly rowCount: number;
  readonly command: string;
}

/** A batch that failed: the error (a pg DatabaseError, or the connection's), and the statement it came at. */
export class BatchError extends Error {
  constructor(
    readonly error: unknown,
    /** The index of the statement the error came at (the one running when the connection broke). */
    readonly at: number,
  ) {
    super('batch failed');
  }
}

interface Connection {
  readonly stream: { cork?(): void; uncork?(): void };
  readonly parsedStatements: Record<string, string | undefined>;
  readonly submittedNamedStatements: Record<string, string | undefined>;
  parse(query: { text: string; name: string; types?: unknown[] }): void;
  bind(config: { statement: string; values: readonly unknown[]; valueMapper: unknown }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(config: { portal: string }): void;
  sync(): void;
  on(event: 'parseComplete', listener: () => void): void;
  removeListener(event: 'parseComplete', listener: () => void): void;
}

interface RowDescription {
  readonly fields: unknown[];
}
interface DataRow {
  readonly fields: unknown[];
}

// pg's own value mapper: parameters bound exactly as pg's Query binds them (arrays as array literals).
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

/** pg's Result, with the methods its Query calls (not in the driver's type declarations). */
interface PgResult {
  readonly rows: unknown[];
  readonly rowCount: number | null;
  readonly command: string;
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): unknown;
  addCommandComplete(msg: unknown): void;
}
const PgResultClass = pg.Result as unknown as new (rowMode: string | undefined, types: unknown) => PgResult;

class Batch {
  private readonly results: PgResult[] = [];
  private current = 0;
  /** Names whose Parse went out in this batch and whose ParseComplete has not come yet, in order. */
  private readonly parsing: BatchStatement[] = [];
  private connection: Connection | undefined;
  /** A row that could not be parsed (reported at ReadyForQuery). */
  private rowError: BatchError | undefined;
  private readonly onParseComplete = (): void => {
    const statement = this.parsing.shift();
    if (statement === undefined || this.connection === undefined) return;
    this.connection.parsedStatements[statement.name] = statement.text;
    this.connection.submittedNamedStatements[statement.name] = undefined; // as pg reads it: not submitted
  };
  callback?: (err: unknown, results?: BatchResult[]) => void;

  constructor(
    /** What the batch sends, in order (tests count them). */
    readonly statements: readonly BatchStatement[],
    types: unknown,
  ) {
    for (const statement of statements) this.results.push(new PgResultClass(statement.arrays === true ? 'array' : undefined, types));
  }

  submit(connection: Connection): void {
    this.connection = connection;
    connection.on('parseComplete', this.onParseComplete);
    connection.stream.cork?.();
    try {
      for (const statement of this.statements) {
        if (connection.parsedStatements[statement.name] === undefined && connection.submittedNamedStatements[statement.name] === undefined) {
          connection.parse({ text: statement.text, name: statement.name });
          connection.submittedNamedStatements[statement.name] = statement.text;
          this.parsing.push(statement);
        }
        connection.bind({ statement: statement.name, values: statement.values, valueMapper: prepareValue });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '' });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
  }

  private done(): void {
    if (this.connection === undefined) return;
    this.connection.removeListener('parseComplete', this.onParseComplete);
    // A Parse the server skipped (after an error) prepared nothing: the name is parsed again next time.
    for (const statement of this.parsing) this.connection.submittedNamedStatements[statement.name] = undefined;
    this.parsing.length = 0;
  }

  handleRowDescription(msg: RowDescription): void {
    this.results[this.current]?.addFields(msg.fields);
  }

  handleDataRow(msg: DataRow): void {
    const result = this.results[this.current];
    if (result === undefined || this.rowError !== undefined) return;
    try {
      result.rows.push(result.parseRow(msg.fields));
    } catch (error) {
      // As pg's own Query does: a row that cannot be parsed fails the batch at its ReadyForQuery, not
      // the socket's data handler (which would take the process down). The statements after it ran.
      this.rowError = new BatchError(error, this.current);
    }
  }

  handleCommandComplete(msg: unknown): void {
    this.results[this.current]?.addCommandComplete(msg);
    this.current++;
  }

  handleEmptyQuery(): void {
    this.current++;
  }

  handlePortalSuspended(): void {
    // Never asked for: every Execute fetches all rows.
  }

  handleCopyInResponse(): void {
    // No statement here copies.
  }

  handleCopyData(): void {
    // No statement here copies.
  }

  handleError(err: unknown): void {
    this.done();
    this.callback?.(new BatchError(err, this.current));
  }

  handleReadyForQuery(): void {
    this.done();
    if (this.rowError !== undefined) {
      this.callback?.(this.rowError);
      return;
    }
    this.callback?.(
      null,
      this.results.map((r) => ({ rows: r.rows, rowCount: r.rowCount ?? 0, command: r.command })),
    );
  }
}

type BatchClient = Pick<pg.PoolClient, 'query'> & { readonly _types?: unknown };

/** Runs the statements in one round trip; rejects with a BatchError naming the statement that failed. */
export function runBatch(client: BatchClient, statements: readonly BatchStatement[]): Promise<BatchResult[]> {
  return new Promise((resolve, reject) => {
    const batch = new Batch(statements, client._types);
    batch.callback = (err, results) => {
      if (err !== null && err !== undefined) reject(err instanceof BatchError ? err : new BatchError(err, 0));
      else resolve(results ?? []);
    };
    client.query(batch as unknown as pg.Submittable);
  });
}
