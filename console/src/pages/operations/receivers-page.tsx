// Receivers for operators: per party its adapter and endpoint, queue depth and oldest pending item,
// the last day's delivery success rate and last failure; pause and resume deliveries (a maintenance
// window, kept across restarts) with a reason.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, call, type Schemas } from '../../api/client.ts';
import { columnsFor, DataTable } from '../../components/data-table.tsx';
import { Page } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { Notice, StatusBadge } from '../../components/status.tsx';
import { codeText } from '../../components/texts.ts';
import { useI18n } from '../../i18n/i18n.tsx';

type Receiver = Schemas['ReceiverStatus'];
const helper = columnsFor<Receiver>();

export default function ReceiversPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | undefined>(undefined);
  const receivers = useQuery({ queryKey: ['receivers'], queryFn: () => call(api.GET('/v1/operator/receivers')), refetchInterval: 10_000 });
  const change = useMutation({
    mutationFn: ({ party, pause }: { party: string; pause: boolean }) =>
      pause
        ? call(api.POST('/v1/operator/receivers/{party}/pause', { params: { path: { party } }, body: reason.trim() === '' ? {} : { reason: reason.trim() } }))
        : call(api.POST('/v1/operator/receivers/{party}/resume', { params: { path: { party } } })),
    onSuccess: async (receiver) => {
      setDone(t(receiver.paused === null ? 'receivers.resumed' : 'receivers.paused', receiver.name));
      await queryClient.invalidateQueries({ queryKey: ['receivers'] });
    },
  });
  const columns = [
    helper.accessor('name', {
      header: t('receivers.col.party'),
      cell: (c) => {
        const { party, adapter } = c.row.original;
        return (
          <>
            {c.getValue()}
            <br />
            <span className="muted">
              {party} · {adapter.kind}
              {adapter.endpoint !== null && <span className="endpoint"> {adapter.endpoint}</span>}
            </span>
          </>
        );
      },
    }),
    helper.accessor('queue', {
      header: t('receivers.col.queue'),
      cell: (c) => (
        <>
          {c.getValue().pending}
          {c.getValue().oldestPendingAt !== null && <><br /><span className="muted">{t('receivers.oldest', i18n.dateTime(c.getValue().oldestPendingAt))}</span></>}
          {c.getValue().dead > 0 && <><br /><span className="muted">{t('receivers.dead', c.getValue().dead)}</span></>}
        </>
      ),
    }),
    helper.accessor('last24Hours', {
      header: t('receivers.col.success'),
      cell: (c) => (c.getValue().successRate === null ? t('common.none') : `${i18n.percent(c.getValue().successRate ?? 0)} (${c.getValue().delivered + c.getValue().retried + c.getValue().deadLettered + c.getValue().leaseExpired})`),
    }),
    helper.accessor('lastFailure', {
      header: t('receivers.col.lastFailure'),
      cell: (c) => {
        const f = c.getValue();
        return f === null ? t('common.none') : <>{codeText(i18n, 'errorClass', f.errorClass)}{f.error !== null && <span className="muted"> ({f.error})</span>}<br /><span className="muted">{i18n.dateTime(f.at)}</span></>;
      },
    }),
    helper.accessor('paused', {
      header: t('receivers.col.deliveries'),
      cell: (c) => {
        const r = c.row.original;
        const paused = r.paused;
        return (
          <>
            {paused === null ? <StatusBadge tone="ok">{t('receivers.active')}</StatusBadge> : <StatusBadge tone="warn">{t('receivers.pausedBadge')}</StatusBadge>}
            {paused !== null && <><br /><span className="muted">{t('receivers.pausedBy', paused.by, i18n.dateTime(paused.at))}{paused.reason !== null && `: ${paused.reason}`}</span></>}
            <br />
            <button type="button" disabled={change.isPending} onClick={() => change.mutate({ party: r.party, pause: paused === null })} aria-label={`${t(paused === null ? 'receivers.pause' : 'receivers.resume')} ${r.name}`}>
              {t(paused === null ? 'receivers.pause' : 'receivers.resume')}
            </button>
          </>
        );
      },
    }),
  ];
  return (
    <Page title={t('receivers.title')} intro={t('receivers.intro')}>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('receivers.reason')}</label>
          <input id={`${id}-reason`} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </div>
      </div>
      {done !== undefined && <Notice>{done}</Notice>}
      <ProblemMessage error={receivers.error ?? change.error} fieldLabels={{ '/reason': t('receivers.reason') }} />
      <DataTable columns={columns} data={receivers.data?.items ?? []} caption={t('receivers.title')} rowId={(r) => r.party} busy={receivers.isFetching} />
    </Page>
  );
}
