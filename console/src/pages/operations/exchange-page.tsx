// One exchange for operators: its metadata, its delivery (adapter, endpoint, attempts, next attempt,
// the class of the last error) and every audited step in order.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client.ts';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { StatusBadge } from '../../components/status.tsx';
import { codeText } from '../../components/texts.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { statusTone } from './traffic-page.tsx';

export default function ExchangePage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { exchangeId = '' } = useParams();
  const query = useQuery({
    queryKey: ['operator-exchange', exchangeId],
    queryFn: () => call(api.GET('/v1/operator/exchanges/{exchangeId}', { params: { path: { exchangeId } } })),
    refetchInterval: (q) => (q.state.data?.delivery?.status === 'pending' ? 5_000 : false),
  });
  const data = query.data;
  return (
    <Page title={t('exchange.title')} actions={<Link to="/operations/traffic">{t('exchange.back')}</Link>}>
      <ProblemMessage error={query.error} />
      {data !== undefined && (
        <>
          <dl className="facts">
            <dt>{t('exchange.id')}</dt>
            <dd>
              <code>{data.exchange.exchangeId}</code>
            </dd>
            <dt>{t('traffic.col.status')}</dt>
            <dd>
              <StatusBadge tone={statusTone(data.exchange.status)}>{codeText(i18n, 'status', data.exchange.status)}</StatusBadge>
              {data.exchange.reason !== null && <span className="muted"> ({data.exchange.reason})</span>}
            </dd>
            <dt>{t('traffic.col.sender')}</dt>
            <dd>{data.exchange.sender}</dd>
            <dt>{t('traffic.col.receiver')}</dt>
            <dd>{data.exchange.receiver ?? t('common.none')}</dd>
            <dt>{t('traffic.col.type')}</dt>
            <dd>{data.exchange.messageType}</dd>
            <dt>{t('traffic.col.purpose')}</dt>
            <dd>{data.exchange.purpose ?? t('common.none')}</dd>
            <dt>{t('traffic.col.created')}</dt>
            <dd>{i18n.dateTime(data.exchange.createdAt)}</dd>
            <dt>{t('exchange.trace')}</dt>
            <dd>
              <code>{data.exchange.traceId}</code>
            </dd>
          </dl>
          <Section title={t('exchange.delivery')} id="delivery">
            {data.delivery === null ? (
              <p>{t('exchange.noDelivery')}</p>
            ) : (
              <dl className="facts">
                <dt>{t('exchange.adapter')}</dt>
                <dd>
                  {data.delivery.adapter}
                  {data.delivery.endpoint !== null && <span className="muted"> — {data.delivery.endpoint}</span>}
                </dd>
                <dt>{t('exchange.attempts')}</dt>
                <dd>{data.delivery.attempts}</dd>
                <dt>{t('exchange.nextAttempt')}</dt>
                <dd>{data.delivery.nextAttemptAt === null ? t('common.none') : i18n.dateTime(data.delivery.nextAttemptAt)}</dd>
                <dt>{t('deadLetters.col.error')}</dt>
                <dd>
                  {data.delivery.errorClass === null ? t('common.none') : codeText(i18n, 'errorClass', data.delivery.errorClass)}
                  {data.delivery.lastError !== null && <span className="muted"> ({data.delivery.lastError})</span>}
                </dd>
                <dt>{t('exchange.delivered')}</dt>
                <dd>{data.delivery.deliveredAt === null ? t('common.none') : i18n.dateTime(data.delivery.deliveredAt)}</dd>
              </dl>
            )}
          </Section>
          <Section title={t('exchange.history')} id="history">
            <ol className="timeline">
              {data.history.map((h) => (
                <li key={h.seq}>
                  <time dateTime={h.time}>{i18n.dateTime(h.time)}</time>
                  <p>
                    <strong>{h.action}</strong>: {h.outcome}
                    {h.reason !== null && ` (${h.reason})`} — {h.actor}
                    {h.detail !== null && <span className="muted"> · {h.detail}</span>}
                  </p>
                </li>
              ))}
            </ol>
          </Section>
        </>
      )}
    </Page>
  );
}
