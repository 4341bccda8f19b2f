// The privacy officer's consent overview (issue 11, "Consents"): across all children, the consents
// whose period ends in the coming days, the consents revoked in the past days, and for each revocation
// the pending deliveries it cancelled. Children appear by their consents only (never a BSN, never the
// pseudonym); every page read is audited as consent.read with the consent ids it showed.

import { appendAudit } from '../audit/audit-log.ts';
import { dutchDate } from '../kernel/clock.ts';
import { addDays } from '../kernel/dates.ts';
import type { Clock } from '../kernel/clock.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { Principal } from '../config/config-types.ts';
import type { GroupCommitter } from '../store/group-commit.ts';
import type { TraceContext } from '../kernel/trace-context.ts';
import type { Store } from '../store/store.ts';
import type { ConsentRecord } from '../kernel/consent-record.ts';
import { consentView, type ConsentView } from './consent-registry.ts';

export type ConsentListKind = 'expiring' | 'revoked';

export interface ConsentListQuery {
  readonly list: ConsentListKind;
  /** expiring: the period ends today or in the next `days` days; revoked: revoked in the last `days` days. */
  readonly days: number;
  readonly limit: number;
  readonly next?: string;
}

/** A delivery a revocation cancelled: metadata only. */
export interface CancelledDeliveryView {
  readonly exchangeId: string;
  readonly createdAt: string;
  readonly sender: string;
  readonly receiver: string;
  readonly messageType: string;
  readonly purpose: string;
}

export interface ConsentListItem {
  readonly consent: ConsentView;
  /** Revoked list only: the pending deliveries the revocation cancelled (at most `cancelledShown`). */
  readonly cancelledDeliveries?: readonly CancelledDeliveryView[];
  /** Revoked list only: true when it cancelled more than are listed. */
  readonly moreCancelled?: boolean;
}

export interface ConsentListPage {
  readonly list: ConsentListKind;
  /** expiring: the first and last day of the window (Dutch dates); revoked: the start of the window. */
  readonly window: { readonly from: string; readonly to?: string };
  readonly items: readonly ConsentListItem[];
  readonly next: string | null;
}

export interface ConsentOverview {
  list(principal: Principal, query: ConsentListQuery, trace: TraceContext): Promise<ConsentListPage>;
}

export interface ConsentOverviewDeps {
  readonly store: Store;
  readonly committer: GroupCommitter;
  readonly clock: Clock;
}

/** How many cancelled deliveries one revocation shows; the rest are behind `moreCancelled`. */
export const cancelledShown = 20;

const dayMs = 24 * 60 * 60 * 1000;

export function createConsentOverview(deps: ConsentOverviewDeps): ConsentOverview {
  const { store, committer, clock } = deps;

  /** What each revocation on the page cancelled, in one read. */
  async function cancelledBy(records: readonly ConsentRecord[]): Promise<Map<string, Pick<ConsentListItem, 'cancelledDeliveries' | 'moreCancelled'>>> {
    const rows = await store.listCancelledByRevocations(records.map((r) => r.id), cancelledShown + 1);
    const byConsent = new Map<string, CancelledDeliveryView[]>();
    for (const r of rows) {
      const list = byConsent.get(r.consentId) ?? [];
      list.push({ exchangeId: r.exchangeId, createdAt: new Date(r.createdAt).toISOString(), sender: r.sender, receiver: r.receiver, messageType: r.messageType, purpose: r.purpose });
      byConsent.set(r.consentId, list);
    }
    return new Map(
      records.map((record) => {
        const list = byConsent.get(record.id) ?? [];
        return [record.id, { cancelledDeliveries: list.slice(0, cancelledShown), moreCancelled: list.length > cancelledShown }];
      }),
    );
  }

  return {
    async list(principal, query, trace) {
      if (principal.role !== 'privacy-officer') throw new GatewayError('forbidden', { detail: 'needs the role privacy-officer' });
      const now = clock.now();
      const page = query.limit + 1;
      const after = query.next !== undefined ? { after: query.next } : {};
      let rows: ConsentRecord[];
      let window: ConsentListPage['window'];
      if (query.list === 'expiring') {
        const from = dutchDate(now);
        const to = addDays(from, query.days);
        window = { from, to };
        rows = await store.listExpiringConsents({ from, to, limit: page, ...after });
      } else {
        const since = now.getTime() - query.days * dayMs;
        window = { from: new Date(since).toISOString() };
        rows = await store.listRevokedConsents({ since, limit: page, ...after });
      }
      const shown = rows.slice(0, query.limit);
      const cancelled = query.list === 'revoked' ? await cancelledBy(shown) : undefined;
      const items: ConsentListItem[] = shown.map((record) => ({ consent: consentView(record), ...(cancelled?.get(record.id) ?? {}) }));
      // Every read of consent data is audited, and the answer waits for the record.
      await committer.run((tx) =>
        appendAudit(
          tx,
          {
            traceId: trace.traceId,
            spanId: trace.spanId,
            action: 'consent.read',
            outcome: 'read',
            actor: principal.id,
            consentIds: shown.map((r) => r.id),
            detail: `consent overview: ${query.list}, ${query.days} days, ${shown.length} shown`,
          },
          now,
        ),
      );
      return { list: query.list, window, items, next: rows.length > query.limit ? (shown.at(-1)?.id ?? null) : null };
    },
  };
}
