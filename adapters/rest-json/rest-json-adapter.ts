// rest-json: POST the released message as JSON to the receiver's endpoint (GIs, Veilig Thuis, any
// system with a plain HTTP API). The exchange id travels as Idempotency-Key so a receiver can drop a
// redelivery, and traceparent so its logs join the same trace.
//
// Outcome classes as in adapters/http-outcome.ts (shared with ijw-xml and fhir): 2xx delivered; 408,
// 425, 429, 5xx and network errors retryable; other 4xx permanent.
//
// It is also a batch source (pull, see rest-json-pull.ts): a paged JSON export endpoint.

import type { Adapter, DeliveryResult } from '../adapter.ts';
import { failureForStatus } from '../http-outcome.ts';
import { failureForRequestError, postHttp, type HttpAnswer } from '../http-post.ts';
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
      // node:http with a keep-alive agent (adapters/http-post.ts); the body is read whole, so the socket
      // goes back to the agent, and a receiver reference may be in it.
      let answer: HttpAnswer;
      try {
        answer = await postHttp(
          target.endpoint,
          {
            'content-type': 'application/json',
            accept: 'application/json',
            'idempotency-key': message.exchangeId,
            traceparent: ctx.traceparent,
            'user-agent': options.userAgent ?? 'ketenpoort',
          },
          JSON.stringify(body),
          ctx.signal,
        );
      } catch (error) {
        return failureForRequestError(error, ctx.signal);
      }
      if (answer.status >= 200 && answer.status < 300) {
        return { status: 'delivered', reference: referenceFrom(answer) ?? message.exchangeId };
      }
      return failureForStatus(answer.status);
    },
    pull: (cursor, ctx) => pullRestJson(cursor, ctx, options.userAgent ?? 'ketenpoort'),
  };
}

function referenceFrom(answer: HttpAnswer): string | undefined {
  const location = answer.headers.location;
  if (location !== undefined) return location.slice(0, 500);
  try {
    const parsed = JSON.parse(answer.text) as { id?: unknown; reference?: unknown };
    const ref = parsed.reference ?? parsed.id;
    return typeof ref === 'string' || typeof ref === 'number' ? String(ref).slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}
