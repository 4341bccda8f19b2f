// Status callbacks, the parties' side (issue 13): a party subscribes a URL to events about its own
// exchanges, lists its subscriptions and deletes one. The party is the token's, never the body's; a
// party sees and deletes only its own (another's is "not found", with no hint that it exists). The
// HMAC secret the events are signed with is made here and shown once, in the answer to the create;
// it is never listed. Create and delete are audited in their transaction. Which events are queued,
// and when, is status-events.ts.

import { randomBytes, randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import { newSpanId, type TraceContext } from '../kernel/trace-context.ts';
import type { StatusEventType, StoredSubscription, Subscription } from '../kernel/subscription-record.ts';
import { schemaValidator } from '../validation/schema-registry.ts';
import type { SubscriptionCreate } from '../validation/schema-types/subscription.ts';
import { callbackUrlProblem, type CallbackUrlPolicy } from '../../adapters/status-callback/callback-url.ts';
import type { ExchangeDeps } from './exchange-deps.ts';

/** What a party sees of a subscription. */
export interface SubscriptionView {
  readonly id: string;
  readonly url: string;
  /** The kinds it gets; null: every kind. */
  readonly events: readonly StatusEventType[] | null;
  readonly createdAt: string;
}

/** The answer to a create: the secret, this once. */
export interface CreatedSubscription extends SubscriptionView {
  readonly secret: string;
  readonly signature: 'hmac-sha256';
}

export interface Subscriptions {
  create(party: string, body: unknown, trace: TraceContext): Promise<CreatedSubscription>;
  list(party: string): Promise<{ readonly items: readonly SubscriptionView[] }>;
  /** not-found when the party has no such subscription. */
  remove(party: string, id: string, trace: TraceContext): Promise<void>;
}

type Deps = Pick<ExchangeDeps, 'committer' | 'store' | 'clock'> & {
  readonly settings: CallbackUrlPolicy & { readonly maxPerParty: number };
  /** Resolves a host name (tests may not reach a DNS server); the system resolver by default. */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
};

const view = (s: Subscription): SubscriptionView => ({ id: s.id, url: s.url, events: s.events, createdAt: new Date(s.createdAt).toISOString() });

/** The host of a URL, for audit details and logs: a URL's path or query may hold a token. */
const hostOf = (url: string): string => new URL(url).host;

export function createSubscriptions(deps: Deps): Subscriptions {
  const createBody = schemaValidator<SubscriptionCreate>('subscription.schema.json#/$defs/create');
  return {
    async create(party, body, trace) {
      const errors = [...createBody.check(body)];
      if (errors.length === 0) {
        const problem = await callbackUrlProblem((body as SubscriptionCreate).url, deps.settings, deps.resolve);
        if (problem !== undefined) errors.push({ pointer: '/url', detail: problem.detail });
      }
      if (errors.length > 0) throw new GatewayError('invalid-input', { detail: 'the subscription is invalid', errors });
      const input = body as SubscriptionCreate;
      const now = deps.clock.now();
      const subscription: StoredSubscription = {
        id: randomUUID(),
        party,
        url: input.url,
        events: input.events ?? null,
        // 32 random bytes: the key of HMAC-SHA256 is this text's UTF-8 bytes (README, Status callbacks).
        secret: `kpwhsec_${randomBytes(32).toString('base64url')}`,
        createdAt: now.getTime(),
      };
      await deps.committer.run(async (tx) => {
        // The chain's head first: two creates of one party then count one after the other.
        await tx.auditHead();
        if ((await tx.countSubscriptions(party)) >= deps.settings.maxPerParty) {
          throw new GatewayError('conflict', { detail: `this party has ${deps.settings.maxPerParty} subscriptions, the most it may have (subscriptions.maxPerParty); delete one first` });
        }
        await tx.insertSubscription(subscription);
        await appendAudit(
          tx,
          {
            traceId: trace.traceId,
            spanId: newSpanId(),
            action: 'subscription.create',
            outcome: 'created',
            actor: party,
            detail: `subscription ${subscription.id} to ${hostOf(subscription.url)}: ${subscription.events?.join(', ') ?? 'every event'}`,
          },
          now,
        );
      });
      return { ...view(subscription), secret: subscription.secret, signature: 'hmac-sha256' };
    },
    async list(party) {
      return { items: (await deps.store.listSubscriptions(party, { limit: 1000 })).map(view) };
    },
    async remove(party, id, trace) {
      const now = deps.clock.now();
      const deleted = await deps.committer.run(async (tx) => {
        if (!(await tx.deleteSubscription(id, party, now.getTime()))) return false;
        await appendAudit(tx, { traceId: trace.traceId, spanId: newSpanId(), action: 'subscription.delete', outcome: 'deleted', actor: party, detail: `subscription ${id}; its events not yet sent are cancelled` }, now);
        return true;
      });
      // Another party's subscription is not there for this one.
      if (!deleted) throw new GatewayError('not-found', { detail: 'no such subscription for this party' });
    },
  };
}
