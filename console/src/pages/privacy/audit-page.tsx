// Audit for the privacy officer: search the log by party, purpose, outcome, action, period and
// optionally one child (BSN in the body only), and check that the hash chain and its signed
// checkpoints are whole. Every search and check is itself audited (privacy.read).
import { useMutation } from '@tanstack/react-query';
import { useId, useMemo, useState, type SubmitEvent } from 'react';
import { api, call, type Schemas } from '../../api/client.ts';
import { BsnField, passesElevenTest } from '../../components/bsn-field.tsx';
import { Pager, useCursorPages } from '../../components/cursor-pages.tsx';
import { columnsFor, DataTable } from '../../components/data-table.tsx';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { StatusBadge } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { nextDay, startOfAmsterdamDay } from '../../i18n/format.ts';
import { useDraft } from '../../session/drafts.ts';

type Entry = Schemas['AuditEntry'];
type Search = Schemas['AuditSearch'];
const helper = columnsFor<Entry>();

const outcomes: readonly Schemas['AuditOutcome'][] = ['allowed', 'refused', 'delivered', 'retry', 'dead-letter', 'cancelled', 'read', 'granted', 'revoked', 'justified', 'not-justified', 'requeued', 'discarded'];
const actions: readonly Schemas['AuditAction'][] = [
  'exchange.submit',
  'delivery.attempt',
  'delivery.cancel',
  'delivery.replay',
  'delivery.discard',
  'consent.grant',
  'consent.revoke',
  'override.review',
  'privacy.read',
  'audit.export',
  'schedule.change',
  'schedule.run',
];

function SearchForm({ onSearch }: { onSearch: (search: Omit<Search, 'afterSeq' | 'limit'>) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [party, setParty] = useDraft('audit.party', '');
  const [purpose, setPurpose] = useDraft('audit.purpose', '');
  const [outcome, setOutcome] = useDraft('audit.outcome', '');
  const [action, setAction] = useDraft('audit.action', '');
  const [from, setFrom] = useDraft('audit.from', '');
  const [to, setTo] = useDraft('audit.to', '');
  const [bsn, setBsn] = useState('');
  const [tried, setTried] = useState(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setTried(true);
    if (bsn !== '' && !passesElevenTest(bsn)) return;
    onSearch({
      ...(party !== '' ? { party } : {}),
      ...(purpose !== '' ? { purpose } : {}),
      ...(outcome !== '' ? { outcome: outcome as Schemas['AuditOutcome'] } : {}),
      ...(action !== '' ? { action: action as Schemas['AuditAction'] } : {}),
      ...(from !== '' ? { from: startOfAmsterdamDay(from) } : {}),
      ...(to !== '' ? { to: startOfAmsterdamDay(nextDay(to)) } : {}),
      ...(bsn !== '' ? { bsn } : {}),
    });
  };
  return (
    <form className="filters" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-party`}>{t('audit.filter.party')}</label>
        <input id={`${id}-party`} value={party} onChange={(e) => setParty(e.target.value.trim())} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-purpose`}>{t('audit.filter.purpose')}</label>
        <input id={`${id}-purpose`} value={purpose} onChange={(e) => setPurpose(e.target.value.trim())} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>{t('audit.filter.outcome')}</label>
        <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          <option value="">{t('common.all')}</option>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-action`}>{t('audit.filter.action')}</label>
        <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">{t('common.all')}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('common.from')}</label>
        <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('common.to')}</label>
        <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <BsnField label={t('audit.filter.bsn')} value={bsn} onChange={setBsn} showError={tried} required={false} />
      <div className="filters-submit">
        <button type="submit" className="primary">
          {t('common.search')}
        </button>
      </div>
    </form>
  );
}

function ChainCheck() {
  const i18n = useI18n();
  const { t } = i18n;
  const check = useMutation({ mutationFn: () => call(api.GET('/v1/privacy/audit-verification')) });
  const result = check.data;
  return (
    <Section title={t('audit.chain.title')} id="chain">
      <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
        {t('audit.chain.check')}
      </button>
      <ProblemMessage error={check.error} />
      {result !== undefined && (
        <div role="status">
          <p>
            <StatusBadge tone={result.ok ? 'ok' : 'bad'}>{result.ok ? '✓' : '✗'}</StatusBadge>{' '}
            {result.ok ? t('audit.chain.ok', result.checked) : t('audit.chain.broken', result.firstBroken?.seq ?? 0)}
          </p>
          <p>
            {result.checkpoints?.signedUpTo === null || result.checkpoints === undefined
              ? t('audit.checkpoints.none')
              : t('audit.checkpoints.last', result.checkpoints.signedUpTo)}
          </p>
        </div>
      )}
    </Section>
  );
}

export default function AuditPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [search, setSearch] = useState<Omit<Search, 'afterSeq' | 'limit'> | undefined>(undefined);
  const pages = useCursorPages<Entry, number>(
    ['audit-search', search],
    (cursor) => call(api.POST('/v1/privacy/audit-search', { body: { ...search, limit: 50, ...(cursor !== undefined ? { afterSeq: cursor } : {}) } })),
    { enabled: search !== undefined },
  );
  const columns = useMemo(
    () => [
      helper.accessor('seq', { header: t('audit.col.seq') }),
      helper.accessor('time', { header: t('audit.col.time'), cell: (c) => i18n.dateTime(c.getValue()) }),
      helper.accessor('action', { header: t('audit.col.action') }),
      helper.accessor('outcome', { header: t('audit.col.outcome') }),
      helper.accessor('actor', { header: t('audit.col.actor') }),
      helper.accessor((r) => r.counterparty ?? '', { id: 'counterparty', header: t('audit.col.counterparty') }),
      helper.accessor((r) => r.reason ?? '', { id: 'reason', header: t('audit.col.reason') }),
    ],
    [i18n, t],
  );
  return (
    <Page title={t('audit.title')} intro={t('audit.intro')}>
      <SearchForm onSearch={setSearch} />
      <ProblemMessage error={pages.query.error} />
      {search !== undefined && (
        <>
          <DataTable columns={columns} data={pages.items} caption={t('audit.title')} rowId={(r) => String(r.seq)} busy={pages.query.isFetching} />
          <Pager pages={pages} />
        </>
      )}
      <ChainCheck />
    </Page>
  );
}
