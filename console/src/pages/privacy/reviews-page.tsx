// The review queue of break-glass overrides: what was released, on which rule, with which written
// justification; the privacy officer records a verdict with a note (audited as override.review).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type SubmitEvent } from 'react';
import { api, call, type Schemas } from '../../api/client.ts';
import { Pager, useCursorPages } from '../../components/cursor-pages.tsx';
import { columnsFor, DataTable } from '../../components/data-table.tsx';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { Notice, StatusBadge } from '../../components/status.tsx';
import { codeText } from '../../components/texts.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDraft } from '../../session/drafts.ts';

type Review = Schemas['Review'];
type StatusFilter = 'pending' | 'justified' | 'not-justified' | 'all';
const helper = columnsFor<Review>();

function VerdictForm({ review, onDone }: { review: Review; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [verdict, setVerdict] = useDraft<'' | 'justified' | 'not-justified'>(`review.${review.exchangeId}.verdict`, '');
  const [note, setNote] = useDraft(`review.${review.exchangeId}.note`, '');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      call(
        api.POST('/v1/privacy/reviews/{exchangeId}', {
          params: { path: { exchangeId: review.exchangeId } },
          body: { verdict: verdict === '' ? 'justified' : verdict, note },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['reviews'] });
      onDone();
    },
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (verdict !== '' && note.trim() !== '') save.mutate();
  };
  return (
    <form onSubmit={submit} className="stack">
      <fieldset>
        <legend>{t('reviews.verdict')}</legend>
        {(['justified', 'not-justified'] as const).map((value) => (
          <label key={value} className="choice">
            <input type="radio" name={`${id}-verdict`} value={value} checked={verdict === value} onChange={() => setVerdict(value)} required />
            {t(value === 'justified' ? 'reviews.verdict.justified' : 'reviews.verdict.not-justified')}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('reviews.note')}</label>
        <textarea id={`${id}-note`} rows={4} maxLength={2000} required value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <ProblemMessage error={save.error} fieldLabels={{ '/note': t('reviews.note'), '/verdict': t('reviews.verdict') }} />
      <div>
        <button type="submit" className="primary" disabled={save.isPending || verdict === '' || note.trim() === ''}>
          {t('reviews.submit')}
        </button>
      </div>
    </form>
  );
}

export default function ReviewsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const filterId = useId();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [open, setOpen] = useState<Review | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const pages = useCursorPages<Review, string>(['reviews', status], (cursor) =>
    call(api.GET('/v1/privacy/reviews', { params: { query: { limit: 25, ...(status !== 'all' ? { status } : {}), ...(cursor !== undefined ? { after: cursor } : {}) } } })),
  );
  const columns = useMemo(
    () => [
      helper.accessor('createdAt', { header: t('reviews.col.created'), cell: (c) => i18n.dateTime(c.getValue()) }),
      helper.accessor('sender', { header: t('reviews.col.sender') }),
      helper.accessor('receiver', { header: t('reviews.col.receiver') }),
      helper.accessor('reasonCode', { header: t('reviews.col.reason') }),
      helper.accessor('status', {
        header: t('reviews.col.status'),
        cell: (c) => <StatusBadge tone={c.getValue() === 'pending' ? 'warn' : c.getValue() === 'justified' ? 'ok' : 'bad'}>{codeText(i18n, 'review', c.getValue())}</StatusBadge>,
      }),
      helper.display({
        id: 'open',
        header: () => <span className="visually-hidden">{t('common.details')}</span>,
        cell: (c) => (
          <button
            type="button"
            onClick={() => {
              setSaved(false);
              setOpen(c.row.original);
            }}
          >
            {t('reviews.open')}
          </button>
        ),
      }),
    ],
    [i18n, t],
  );
  return (
    <Page title={t('reviews.title')} intro={t('reviews.intro')}>
      <div className="filters">
        <div className="field">
          <label htmlFor={filterId}>{t('reviews.filter.status')}</label>
          <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="pending">{t('review.pending')}</option>
            <option value="justified">{t('review.justified')}</option>
            <option value="not-justified">{t('review.not-justified')}</option>
            <option value="all">{t('common.all')}</option>
          </select>
        </div>
      </div>
      <ProblemMessage error={pages.query.error} />
      <DataTable columns={columns} data={pages.items} caption={t('reviews.title')} rowId={(r) => r.exchangeId} busy={pages.query.isFetching} />
      <Pager pages={pages} />
      {saved && <Notice>{t('reviews.saved')}</Notice>}
      {open !== undefined && (
        <Section title={`${t('reviews.open')}: ${open.sender} → ${open.receiver}`} id="review-detail">
          <dl className="facts">
            <dt>{t('reviews.justification')}</dt>
            <dd>{open.justification}</dd>
            <dt>{t('reviews.rule')}</dt>
            <dd>{open.rule}</dd>
            <dt>{t('child.purpose')}</dt>
            <dd>{open.purpose}</dd>
            <dt>{t('child.messageType')}</dt>
            <dd>{open.messageType}</dd>
          </dl>
          {open.status === 'pending' ? (
            <VerdictForm
              key={open.exchangeId}
              review={open}
              onDone={() => {
                setOpen(undefined);
                setSaved(true);
              }}
            />
          ) : (
            <p>
              {codeText(i18n, 'review', open.status)} — {t('reviews.reviewedBy', open.reviewedBy ?? '', i18n.dateTime(open.reviewedAt))}
              {open.note !== null && `: ${open.note}`}
            </p>
          )}
        </Section>
      )}
    </Page>
  );
}
