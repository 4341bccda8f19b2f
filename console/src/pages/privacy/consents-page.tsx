// Consents across all children: those whose period ends in the coming days (so the registering party
// can ask again in time), and those revoked recently, each with the deliveries its revocation
// cancelled. Children appear by their consents only; the API audits every page read.
import { useId, useMemo, useState } from 'react';
import { api, call, type Schemas } from '../../api/client.ts';
import { Pager, useCursorPages } from '../../components/cursor-pages.tsx';
import { columnsFor, DataTable } from '../../components/data-table.tsx';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { StatusBadge } from '../../components/status.tsx';
import { codeText } from '../../components/texts.ts';
import { useI18n, type I18n } from '../../i18n/i18n.tsx';

type Item = Schemas['ConsentOverviewPage']['items'][number];
type Consent = Schemas['Consent'];
type ListKind = 'expiring' | 'revoked';
const helper = columnsFor<Item>();
const windows = [7, 30, 90] as const;

const givers = (i18n: I18n, consent: Consent): string => consent.givers.map((g) => `${codeText(i18n, 'capacity', g.capacity)} (${g.reference})`).join(', ');
const kind = (i18n: I18n, consent: Consent) => (
  <StatusBadge tone={consent.kind === 'objection' ? 'bad' : 'ok'}>{i18n.t(consent.kind === 'objection' ? 'consents.kind.objection' : 'consents.kind.permit')}</StatusBadge>
);

function Cancelled({ item }: { item: Item }) {
  const i18n = useI18n();
  const { t } = i18n;
  const delivered = item.cancelledDeliveries ?? [];
  if (delivered.length === 0) return <span className="muted">{t('consents.cancelled.none')}</span>;
  return (
    <ul className="plain-list">
      {delivered.map((d) => (
        <li key={d.exchangeId}>{t('consents.cancelled.item', d.messageType, d.receiver, i18n.dateTime(d.createdAt))}</li>
      ))}
      {item.moreCancelled === true && <li className="muted">{t('consents.cancelled.more')}</li>}
    </ul>
  );
}

function ConsentList({ list, days }: { list: ListKind; days: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const pages = useCursorPages<Item, string>(['consent-overview', list, days], (cursor) =>
    call(api.GET('/v1/privacy/consents', { params: { query: { list, days, limit: 25, ...(cursor !== undefined ? { next: cursor } : {}) } } })),
  );
  const columns = useMemo(
    () =>
      list === 'expiring'
        ? [
            helper.accessor((i) => i.consent.validUntil ?? '', { id: 'validUntil', header: t('consents.col.validUntil'), cell: (c) => i18n.date(c.getValue()) }),
            helper.display({ id: 'kind', header: t('consents.col.kind'), cell: (c) => kind(i18n, c.row.original.consent) }),
            helper.accessor((i) => givers(i18n, i.consent), { id: 'givers', header: t('child.consent.givenBy') }),
            helper.accessor((i) => i.consent.scope.purposes.join(', '), { id: 'purposes', header: t('child.consent.scope') }),
            helper.accessor((i) => i.consent.registeredBy, { id: 'registeredBy', header: t('child.consent.registeredBy') }),
          ]
        : [
            helper.accessor((i) => i.consent.revocation?.revokedAt ?? '', { id: 'revokedAt', header: t('consents.col.revokedAt'), cell: (c) => i18n.dateTime(c.getValue()) }),
            helper.accessor((i) => {
              const r = i.consent.revocation;
              return r?.revokedBy !== undefined ? `${codeText(i18n, 'capacity', r.revokedBy.capacity)} (${r.revokedBy.reference})` : '';
            }, { id: 'revokedBy', header: t('consents.col.revokedBy') }),
            helper.accessor((i) => i.consent.revocation?.reason ?? '', { id: 'reason', header: t('consents.col.reason') }),
            helper.accessor((i) => i.consent.scope.purposes.join(', '), { id: 'purposes', header: t('child.consent.scope') }),
            helper.accessor((i) => i.consent.revocation?.recordedBy ?? '', { id: 'recordedBy', header: t('consents.col.recordedBy') }),
            helper.display({ id: 'cancelled', header: t('consents.col.cancelled'), cell: (c) => <Cancelled item={c.row.original} /> }),
          ],
    [i18n, t, list],
  );
  const title = list === 'expiring' ? t('consents.expiring.title', days) : t('consents.revoked.title', days);
  return (
    <Section title={title} id={`consents-${list}`}>
      <ProblemMessage error={pages.query.error} />
      <DataTable columns={columns} data={pages.items} caption={title} rowId={(i) => i.consent.id} busy={pages.query.isFetching} empty={t(list === 'expiring' ? 'consents.expiring.empty' : 'consents.revoked.empty')} />
      <Pager pages={pages} />
    </Section>
  );
}

export default function ConsentsPage() {
  const { t } = useI18n();
  const windowId = useId();
  const [days, setDays] = useState<number>(30);
  return (
    <Page title={t('consents.title')} intro={t('consents.intro')}>
      <div className="filters">
        <div className="field">
          <label htmlFor={windowId}>{t('consents.window')}</label>
          <select id={windowId} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {windows.map((d) => (
              <option key={d} value={d}>
                {t('consents.window.days', d)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ConsentList list="expiring" days={days} />
      <ConsentList list="revoked" days={days} />
    </Page>
  );
}
