// inbox: for receivers without an endpoint of their own. Delivery puts the message in the receiver's
// inbox in the store; the receiver lists, fetches and acknowledges it over the API. Inserting twice
// (a redelivery after a lost lease) is harmless: the inbox is keyed by exchange id. The payload waits
// for the receiver at most the payload retention (as outbox payloads do after delivery; the justice
// chain's routing service keeps content 24 hours): then it is purged, acknowledged or not.

import type { Adapter } from '../adapter.ts';
import type { Store } from '../../src/store/store.ts';
import type { Clock } from '../../src/kernel/clock.ts';

export function createInboxAdapter(store: Store, clock: Clock, options: { readonly retentionMs: number }): Adapter {
  return {
    kind: 'inbox',
    async deliver(message) {
      await store.transaction((tx) =>
        tx.insertInboxItem({
          exchangeId: message.exchangeId,
          receiver: message.receiver,
          sender: message.sender,
          messageType: message.messageType,
          purpose: message.purpose,
          payload: message.payload,
          createdAt: clock.now().getTime(),
          ackedAt: null,
          purgeAfter: clock.now().getTime() + options.retentionMs,
        }),
      );
      return { status: 'delivered', reference: `inbox:${message.exchangeId}` };
    },
  };
}
