// The message log for operators: every exchange, newest first, filtered by status, parties, message
// type, reason and period, in cursor pages; a row opens the exchange's delivery history. Metadata only.
import { useId, useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client.ts';
import { Pager, useCursorPages } from '../../components/cursor-pages.tsx';
import { columnsFor, DataTable } from '../../components/data-table.tsx';
import { Page } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { StatusBadge, type Tone } from '../../components/status.tsx';
import { codeText } from '../../components/texts.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDraft } from '../../session/drafts.ts';

type Entry = Schemas['OperatorExchange'];
type Status = Schemas['ExchangeStatus'];
const helper = columnsFor<Entry>();
const statuses: readonly Status[] = ['queued', 'delivered', 'refused', 'dead-letter', 'cancelled'];

export function statusTone(status: Status): Tone {
  return status === 'delivered' ? 'ok' : status === 'queued' ? 'warn' : status === 'refused' || status === 'dead-letter' ? 'bad' : 'neutral';
}

interface Filters {
  status: string;
  sender: string;
  receiver: string;
  messageType: string;
  reason: string;
  from: string;
  to: string;
}
const empty: Filters = { status: '', sender: '', receiver: '', messageType: '', reason: '', from: '', to: '' };

/** A date from the form (YYYY-MM-DD, a day in Amsterdam) as the API's bound; `to` includes its day. */
function dayBound(day: string, end: boolean): string | undefined {
  if (day === '') return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  if (end) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export default function TrafficPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [draft, setDraft] = useDraft<Filters>('traffic.filters', empty);
  const [applied, setApplied] = useState<Filters>(draft);
  const query = {
    limit: 50,
    ...(applied.status !== '' ? { status: applied.status as Status } : {}),
    ...(applied.sender !== '' ? { sender: applied.sender } : {}),
    ...(applied.receiver !== '' ? { receiver: applied.receiver } : {}),
    ...(applied.messageType !== '' ? { messageType: applied.messageType } : {}),
    ...(applied.reason !== '' ? { reason: applied.reason } : {}),
    ...(dayBound(applied.from, false) !== undefined ? { from: dayBound(applied.from, false) } : {}),
    ...(dayBound(applied.to, true) !== undefined ? { to: dayBound(applied.to, true) } : {}),
  };
  const pages = useCursorPages<Entry, string>(['operator-exchanges', query], (cursor) =>
    call(api.GET('/v1/operator/exchanges', { params: { query: { ...query, ...(cursor !== undefined ? { next: cursor } : {}) } } })),
  );
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setApplied(draft);
  };
  const field = (name: keyof Filters, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} type={type} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value.trim() })} />
    </div>
  );
  const columns = [
    helper.accessor('createdAt', {
      header: t('traffic.col.created'),
      cell: (c) => <Link to={`/operations/traffic/${c.row.original.exchangeId}`}>{i18n.dateTime(c.getValue())}</Link>,
    }),
    helper.accessor('sender', { header: t('traffic.col.sender') }),
    helper.accessor('receiver', { header: t('traffic.col.receiver'), cell: (c) => c.getValue() ?? t('common.none') }),
    helper.accessor('messageType', { header: t('traffic.col.type') }),
    helper.accessor('purpose', { header: t('traffic.col.purpose'), cell: (c) => c.getValue() ?? t('common.none') }),
    helper.accessor('status', { header: t('traffic.col.status'), cell: (c) => <StatusBadge tone={statusTone(c.getValue())}>{codeText(i18n, 'status', c.getValue())}</StatusBadge> }),
    helper.accessor('reason', { header: t('traffic.col.reason'), cell: (c) => c.getValue() ?? t('common.none') }),
  ];
  return (
    <Page title={t('traffic.title')} intro={t('traffic.intro')}>
      <form className="filters" onSubmit={submit} aria-label={t('traffic.filters')}>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('traffic.col.status')}</label>
          <select id={`${id}-status`} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {codeText(i18n, 'status', s)}
              </option>
            ))}
          </select>
        </div>
        {field('sender', t('traffic.col.sender'))}
        {field('receiver', t('traffic.col.receiver'))}
        {field('messageType', t('traffic.col.type'))}
        {field('reason', t('traffic.col.reason'))}
        {field('from', t('common.from'), 'date')}
        {field('to', t('common.to'), 'date')}
        <div className="filters-submit">
          <button type="submit" className="primary">
            {t('common.search')}
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              setDraft(empty);
              setApplied(empty);
            }}
          >
            {t('common.clear')}
          </button>
        </div>
      </form>
      <ProblemMessage error={pages.query.error} />
      <DataTable columns={columns} data={pages.items} caption={t('traffic.title')} rowId={(r) => r.exchangeId} busy={pages.query.isFetching} />
      <Pager pages={pages} />
    </Page>
  );
}
