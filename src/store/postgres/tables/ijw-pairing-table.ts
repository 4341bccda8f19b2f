// iJw pairings on PostgreSQL (migration 4): the key of a heen message that went through the gateway
// (type, Afzender, BerichtIdentificatie), so that its retour can be routed back. Recording the same
// exchange twice keeps the first; when two exchanges share a key, the latest wins (store.ts).

import type { IjwPairing, Store, StoreTx } from '../../store.ts';
import { bulkInsertSql, statement, type BulkWrite, type Sql, type TxSql } from '../pg-sql.ts';

interface IjwPairingRecord {
  exchange_id: string;
  message_type: string;
  afzender: string;
  identificatie: string;
  dagtekening: string;
  sender: string;
  receiver: string;
  created_at: number;
}

const s = {
  insert: statement(
    'ijw_pairing_insert_bulk',
    bulkInsertSql(
      'ijw_pairings',
      [
        ['exchange_id', 'text'],
        ['message_type', 'text'],
        ['afzender', 'text'],
        ['identificatie', 'text'],
        ['dagtekening', 'text'],
        ['sender', 'text'],
        ['receiver', 'text'],
        ['created_at', 'bigint'],
      ],
      'ON CONFLICT (exchange_id) DO NOTHING',
    ),
  ),
  find: statement(
    'ijw_pairing_find',
    `SELECT exchange_id, message_type, afzender, identificatie, dagtekening, sender, receiver, created_at FROM ijw_pairings
      WHERE message_type = $1 AND afzender = $2 AND identificatie = $3 AND dagtekening = $4
      ORDER BY created_at DESC, exchange_id DESC LIMIT 1`,
  ),
};

const insertPairings: BulkWrite<IjwPairing> = {
  operation: 'insertIjwPairing',
  order: 6,
  statement: s.insert,
  key: (r) => r.exchangeId,
  columns: (rows) => [
    rows.map((r) => r.exchangeId),
    rows.map((r) => r.messageType),
    rows.map((r) => r.afzender),
    rows.map((r) => r.identificatie),
    rows.map((r) => r.dagtekening),
    rows.map((r) => r.sender),
    rows.map((r) => r.receiver),
    rows.map((r) => r.createdAt),
  ],
};

export function ijwPairingTx(sql: TxSql): Pick<StoreTx, 'insertIjwPairing'> {
  return {
    insertIjwPairing: (pairing) => sql.defer(insertPairings, pairing),
  };
}

export function ijwPairingReads(sql: Sql): Pick<Store, 'findIjwPairing'> {
  return {
    async findIjwPairing(key) {
      const { rows } = await sql.run<IjwPairingRecord>('findIjwPairing', s.find, [key.messageType, key.afzender, key.identificatie, key.dagtekening]);
      const r = rows[0];
      return r === undefined
        ? undefined
        : {
            exchangeId: r.exchange_id,
            messageType: r.message_type,
            afzender: r.afzender,
            identificatie: r.identificatie,
            dagtekening: r.dagtekening,
            sender: r.sender,
            receiver: r.receiver,
            createdAt: r.created_at,
          };
    },
  };
}
