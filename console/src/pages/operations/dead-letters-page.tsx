// Dead letters for operators: what could not be delivered and why (metadata only, never a payload),
// replay (a new decision against today's policy and consents) or discard with a reason from a list.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type SubmitEvent } from 'react';
import { api, call, type Schemas } from '../../api/client.ts';
import { Pager, useCursorPages } from '../../components/cursor-pages.tsx';
import { columnsFor, DataTable } from '../../components/data-table.tsx';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { Notice } from '../../components/status.tsx';
import { codeText } from '../../components/texts.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDraft } from '../../session/drafts.ts';

type DeadLetter = Schemas['DeadLetter'];
type ReplayResult = Schemas['ReplayResults']['results'][number];
const helper = columnsFor<DeadLetter>();

/** The reasons an operator may give: the API's list (openapi.yaml DiscardRequest.reason; the type keeps the two equal). */
type DiscardReason = Schemas['DiscardRequest']['reason'];
export const discardReasons = ['receiver-decommissioned', 'duplicate', 'obsolete', 'delivered-otherwise', 'sender-request'] as const satisfies readonly DiscardReason[];

function DiscardForm({ letter, onDone }: { letter: DeadLetter; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useDraft<DiscardReason>(`discard.${letter.exchangeId}.reason`, discardReasons[0]);
  const [note, setNote] = useDraft(`discard.${letter.exchangeId}.note`, '');
  const queryClient = useQueryClient();
  const discard = useMutation({
    mutationFn: () =>
      call(
        api.POST('/v1/dead-letters/{exchangeId}/discard', {
          params: { path: { exchangeId: letter.exchangeId } },
          body: { reason, ...(note.trim() !== '' ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['dead-letters'] });
      onDone();
    },
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    discard.mutate();
  };
  return (
    <Section title={`${t('deadLetters.discard.title')}: ${letter.sender} → ${letter.receiver} (${letter.messageType})`} id="discard">
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('deadLetters.discard.reason')}</label>
          <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as DiscardReason)}>
            {discardReasons.map((r) => (
              <option key={r} value={r}>
                {t(`discardReason.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('deadLetters.discard.note')}</label>
          <textarea id={`${id}-note`} rows={3} maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ProblemMessage error={discard.error} fieldLabels={{ '/note': t('deadLetters.discard.note'), '/reason': t('deadLetters.discard.reason') }} />
        <div>
          <button type="submit" className="danger" disabled={discard.isPending}>
            {t('deadLetters.discard.confirm')}
          </button>
        </div>
      </form>
    </Section>
  );
}

export default function DeadLettersPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const filterId = useId();
  const [receiver, setReceiver] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [discarding, setDiscarding] = useState<DeadLetter | undefined>(undefined);
  const [results, setResults] = useState<readonly ReplayResult[]>([]);
  const [discarded, setDiscarded] = useState(false);
  const queryClient = useQueryClient();
  const pages = useCursorPages<DeadLetter, string>(['dead-letters', receiver], (cursor) =>
    call(api.GET('/v1/dead-letters', { params: { query: { limit: 50, ...(receiver !== '' ? { receiver } : {}), ...(cursor !== undefined ? { after: cursor } : {}) } } })),
  );
  const replay = useMutation({
    mutationFn: (ids: string[]) => call(api.POST('/v1/dead-letters/replay', { body: { exchangeIds: ids } })),
    onSuccess: async (answer) => {
      setResults(answer.results);
      setSelected(new Set());
      await queryClient.invalidateQueries({ queryKey: ['dead-letters'] });
    },
  });
  const columns = useMemo(
    () => [
      helper.display({
        id: 'select',
        header: () => <span className="visually-hidden">{t('deadLetters.col.select')}</span>,
        cell: (c) => {
          const letter = c.row.original;
          return (
            <input
              type="checkbox"
              aria-label={`${t('deadLetters.col.select')} ${letter.sender} → ${letter.receiver} ${i18n.dateTime(letter.createdAt)}`}
              disabled={!letter.replayable}
              checked={selected.has(letter.exchangeId)}
              onChange={(e) => {
                const next = new Set(selected);
                if (e.target.checked) next.add(letter.exchangeId);
                else next.delete(letter.exchangeId);
                setSelected(next);
              }}
            />
          );
        },
      }),
      helper.accessor('createdAt', { header: t('deadLetters.col.created'), cell: (c) => i18n.dateTime(c.getValue()) }),
      helper.accessor('sender', { header: t('deadLetters.col.sender') }),
      helper.accessor('receiver', { header: t('deadLetters.col.receiver') }),
      helper.accessor('messageType', { header: t('deadLetters.col.type') }),
      helper.accessor('attempts', { header: t('deadLetters.col.attempts') }),
      helper.accessor('errorClass', {
        header: t('deadLetters.col.error'),
        cell: (c) => (
          <>
            {codeText(i18n, 'errorClass', c.getValue())}
            {c.row.original.lastError !== null && <span className="muted"> ({c.row.original.lastError})</span>}
            {!c.row.original.replayable && <span className="muted"> — {t('deadLetters.notReplayable')}</span>}
          </>
        ),
      }),
      helper.display({
        id: 'discard',
        header: () => <span className="visually-hidden">{t('deadLetters.discard')}</span>,
        cell: (c) => (
          <button
            type="button"
            onClick={() => {
              setDiscarded(false);
              setDiscarding(c.row.original);
            }}
          >
            {t('deadLetters.discard')}
          </button>
        ),
      }),
    ],
    [i18n, t, selected],
  );
  return (
    <Page title={t('deadLetters.title')} intro={t('deadLetters.intro')}>
      <div className="filters">
        <div className="field">
          <label htmlFor={filterId}>{t('deadLetters.filter.receiver')}</label>
          <input id={filterId} value={receiver} onChange={(e) => setReceiver(e.target.value.trim())} />
        </div>
        <div className="filters-submit">
          <button type="button" className="primary" disabled={selected.size === 0 || replay.isPending} onClick={() => replay.mutate([...selected])}>
            {t('deadLetters.replay', selected.size)}
          </button>
        </div>
      </div>
      <ProblemMessage error={pages.query.error ?? replay.error} />
      {results.length > 0 && (
        <div role="status" className="notice">
          <ul>
            {results.map((r) => (
              <li key={r.exchangeId}>
                {r.exchangeId.slice(0, 8)}: {t(`deadLetters.result.${r.outcome}`)}
                {r.reason !== undefined && ` (${r.reason})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {discarded && <Notice>{t('deadLetters.discarded')}</Notice>}
      <DataTable columns={columns} data={pages.items} caption={t('deadLetters.title')} rowId={(r) => r.exchangeId} busy={pages.query.isFetching} />
      <Pager pages={pages} />
      {discarding !== undefined && (
        <DiscardForm
          key={discarding.exchangeId}
          letter={discarding}
          onDone={() => {
            setDiscarding(undefined);
            setDiscarded(true);
          }}
        />
      )}
    </Page>
  );
}
