// rest-json: POST the released message as JSON to the receiver's endpoint (GIs, Veilig Thuis, any
// system with a plain HTTP API). The exchange id travels as Idempotency-Key so a receiver can drop a
// redelivery, and traceparent so its logs join the same trace.
//
// Outcome classes as in adapters/http-outcome.ts (shared with ijw-xml and fhir): 2xx delivered; 408,
// 425, 429, 5xx and network errors retryable; other 4xx permanent.
//
// It is also a batch source (pull, see rest-json-pull.ts): a paged JSON export endpoint.

import type { Adapter, DeliveryResult } from '../adapter.ts';
import { failureForNetworkError, failureForStatus } from '../http-outcome.ts';
import { pullRestJson } from './rest-json-pull.ts';

export interface RestJsonBody {
  readonly exchangeId: string;
  readonly messageType: string;
  readonly sender: string;
  readonly receiver: string;
  readonly purpose: string;
  readonly message: unknown;
}

export function createRestJsonAdapter(options: { readonly userAgent?: string } = {}): Adapter {
  return {
    kind: 'rest-json',
    async deliver(message, target, ctx): Promise<DeliveryResult> {
      if (target.endpoint === undefined) return { status: 'permanent', reason: 'receiver has no endpoint' };
      const body: RestJsonBody = {
        exchangeId: message.exchangeId,
        messageType: message.messageType,
        sender: message.sender,
        receiver: message.receiver,
        purpose: message.purpose,
        message: message.payload,
      };
      let response: Response;
      try {
        response = await fetch(target.endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'idempotency-key': message.exchangeId,
            traceparent: ctx.traceparent,
            'user-agent': options.userAgent ?? 'ketenpoort',
          },
          body: JSON.stringify(body),
          signal: ctx.signal,
        });
      } catch (error) {
        return failureForNetworkError(error);
      }
      // Read (and so release) the body; a receiver reference may be in it.
      const text = await response.text().catch(() => '');
      if (response.ok) {
        return { status: 'delivered', reference: referenceFrom(response, text) ?? message.exchangeId };
      }
      return failureForStatus(response.status);
    },
    pull: (cursor, ctx) => pullRestJson(cursor, ctx, options.userAgent ?? 'ketenpoort'),
  };
}

function referenceFrom(response: Response, text: string): string | undefined {
  const location = response.headers.get('location');
  if (location !== null) return location.slice(0, 500);
  try {
    const parsed = JSON.parse(text) as { id?: unknown; reference?: unknown };
    const ref = parsed.reference ?? parsed.id;
    return typeof ref === 'string' || typeof ref === 'number' ? String(ref).slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}
