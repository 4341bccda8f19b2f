// status-callback: POSTs a status event (src/exchange/status-events.ts) to the URL its subscription
// named, signed with the subscription's secret. The body is the event as JSON and nothing else
// (references and status: no payload, no BSN). Headers:
//   Ketenpoort-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<raw body>", key: the secret>
//   Ketenpoort-Event-Id and Idempotency-Key: the event id (one per event, the same on every retry)
//   Ketenpoort-Event-Type: the event's type
// The timestamp is the moment of this attempt, so a receiver can refuse a replayed request that is
// older than its tolerance (README, Status callbacks); each retry is signed anew. The secret is read
// from the store at each attempt: a deleted subscription's event is not sent (a permanent failure),
// nor is one for a party disabled at the gateway (a dead letter to replay once it is enabled again).
// The URL is checked again before each attempt (callback-url.ts) and redirects are not followed.
// Outcomes as every HTTP adapter (http-outcome.ts); the POST goes over node:http with a keep-alive agent
// (http-post.ts), as the other HTTP adapters' do.

import { createHmac } from 'node:crypto';
import type { Adapter, DeliveryResult } from '../adapter.ts';
import { failureForStatus } from '../http-outcome.ts';
import { failureForRequestError, postHttp, type HttpAnswer } from '../http-post.ts';
import { callbackUrlProblem, type CallbackUrlPolicy } from './callback-url.ts';

export const STATUS_CALLBACK_KIND = 'status-callback';

export interface StatusCallbackDeps {
  /** The subscription (its secret and party), or undefined when it was deleted. */
  subscriptionOf(subscriptionId: string): Promise<{ readonly secret: string; readonly party: string } | undefined>;
  /** Whether the party is disabled at the gateway now: its events wait as dead letters, as its deliveries do. */
  partyDisabled(party: string): boolean;
  readonly policy: CallbackUrlPolicy;
  /** Now in epoch milliseconds, for the signature's timestamp: the wall clock (receivers compare it with theirs). */
  now(): number;
  readonly userAgent?: string;
  readonly resolve?: (host: string) => Promise<readonly string[]>;
}

/** The Ketenpoort-Signature header's value for a body at time t (unix seconds). */
export function statusEventSignature(secret: string, t: number, body: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export function createStatusCallbackAdapter(deps: StatusCallbackDeps): Adapter {
  return {
    kind: STATUS_CALLBACK_KIND,
    carries: (messageType) => messageType === 'status-event',
    async deliver(message, target, ctx): Promise<DeliveryResult> {
      if (target.endpoint === undefined) return { status: 'permanent', reason: 'receiver has no endpoint' };
      const event = message.payload as { readonly eventId?: unknown; readonly subscriptionId?: unknown; readonly type?: unknown } | null;
      if (event === null || typeof event.subscriptionId !== 'string' || typeof event.eventId !== 'string') return { status: 'permanent', reason: 'not a status event' };
      const subscription = await deps.subscriptionOf(event.subscriptionId);
      if (subscription === undefined) return { status: 'permanent', reason: 'the subscription was deleted' };
      if (deps.partyDisabled(subscription.party)) return { status: 'permanent', reason: `the subscribing party "${subscription.party}" is disabled at this gateway` };
      const { secret } = subscription;
      const problem = await callbackUrlProblem(target.endpoint, deps.policy, deps.resolve);
      if (problem !== undefined) return { status: problem.transient ? 'retryable' : 'permanent', reason: `subscription URL: ${problem.detail}`.slice(0, 500) };
      const body = JSON.stringify(event);
      const t = Math.floor(deps.now() / 1000);
      let answer: HttpAnswer;
      try {
        answer = await postHttp(
          target.endpoint,
          {
            'content-type': 'application/json',
            'ketenpoort-signature': statusEventSignature(secret, t, body),
            'ketenpoort-event-id': event.eventId,
            'ketenpoort-event-type': typeof event.type === 'string' ? event.type : 'unknown',
            'idempotency-key': event.eventId,
            traceparent: ctx.traceparent,
            'user-agent': deps.userAgent ?? 'ketenpoort',
          },
          body,
          ctx.signal,
        );
      } catch (error) {
        return failureForRequestError(error, ctx.signal);
      }
      if (answer.status >= 200 && answer.status < 300) return { status: 'delivered', reference: event.eventId };
      return failureForStatus(answer.status);
    },
  };
}
