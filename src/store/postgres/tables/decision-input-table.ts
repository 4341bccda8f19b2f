// Decision inputs on PostgreSQL (migration 2): the subject facts a later re-decision needs (birth date
// and flags; never the BSN), one row per exchange, removed with the payload (payload-retention.ts) or
// when the delivery is cancelled (cancel-deliveries.ts).

import type { DecisionInputRow, StoreTx } from '../../store.ts';
import { bulkInsertSql, statement, type BulkWrite, type TxSql } from '../pg-sql.ts';

const s = {
  insert: statement(
    'decision_input_insert_bulk',
    bulkInsertSql('decision_inputs', [
      ['exchange_id', 'text'],
      ['subject', 'text', 'json'],
    ]),
  ),
  get: statement('decision_input_get', 'SELECT subject FROM decision_inputs WHERE exchange_id = $1'),
};

/** After the exchanges they reference; a second row for one exchange fails the transaction, as in SQLite. */
export const insertDecisionInputs: BulkWrite<DecisionInputRow> = {
  operation: 'insertDecisionInput',
  order: 2.5,
  statement: s.insert,
  key: (r) => r.exchangeId,
  columns: (rows) => [rows.map((r) => r.exchangeId), rows.map((r) => JSON.stringify(r.subject))],
};

export function decisionInputTx(sql: TxSql): Pick<StoreTx, 'insertDecisionInput' | 'getDecisionInput'> {
  return {
    insertDecisionInput: (row) => sql.defer(insertDecisionInputs, row),
    async getDecisionInput(exchangeId) {
      const touches = [{ insert: insertDecisionInputs as BulkWrite<never>, key: exchangeId }]; // one recorded in this transaction
      const { rows } = await sql.run<{ subject: DecisionInputRow['subject'] }>('getDecisionInput', s.get, [exchangeId], undefined, touches);
      return rows[0] === undefined ? undefined : { exchangeId, subject: rows[0].subject };
    },
  };
}
