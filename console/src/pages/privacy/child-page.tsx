// One child, one page: the privacy officer enters a BSN (sent in a POST body only) and reads every
// exchange, consent, revocation and override about the child as one timeline, newest first, and the
// child's regie: who has it now, who had it before, and who asked the register (issue 12).
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { api, call, fetchRaw, type Schemas } from '../../api/client.ts';
import { BsnField, passesElevenTest } from '../../components/bsn-field.tsx';
import { Page, Section } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { StatusBadge } from '../../components/status.tsx';
import { codeText, reasonText } from '../../components/texts.ts';
import { useI18n, type I18n } from '../../i18n/i18n.tsx';

type Exchange = Schemas['SubjectAccessExchange'];
type Export = Schemas['SubjectAccessExport'];
type Consent = Schemas['Consent'];

type TimelineEvent =
  | { kind: 'exchange'; at: string; exchange: Exchange }
  | { kind: 'consent'; at: string; consent: Consent }
  | { kind: 'revocation'; at: string; consent: Consent };

export function timelineOf(exchanges: readonly Exchange[], consents: readonly Consent[]): TimelineEvent[] {
  const events: TimelineEvent[] = [
    ...exchanges.map((exchange): TimelineEvent => ({ kind: 'exchange', at: exchange.createdAt, exchange })),
    ...consents.map((consent): TimelineEvent => ({ kind: 'consent', at: consent.registeredAt, consent })),
    ...consents.flatMap((consent): TimelineEvent[] => (consent.revocation === undefined ? [] : [{ kind: 'revocation', at: consent.revocation.revokedAt, consent }])),
  ];
  return events.sort((a, b) => b.at.localeCompare(a.at));
}

function ExchangeEvent({ exchange, i18n }: { exchange: Exchange; i18n: I18n }) {
  const { t } = i18n;
  const allowed = exchange.outcome === 'allow';
  return (
    <>
      <h3>
        {t('child.event.exchange', exchange.sender, exchange.receiver ?? t('common.none'))}{' '}
        <StatusBadge tone={allowed ? 'ok' : 'bad'}>{t(allowed ? 'outcome.allow' : 'outcome.deny')}</StatusBadge>
      </h3>
      <dl className="facts">
        <dt>{t('child.decision')}</dt>
        <dd>{reasonText(i18n, exchange.reason)}</dd>
        <dt>{t('child.messageType')}</dt>
        <dd>{exchange.messageType}</dd>
        <dt>{t('child.purpose')}</dt>
        <dd>{exchange.purpose ?? t('common.none')}</dd>
        <dt>{t('child.legalBasis')}</dt>
        <dd>{exchange.legalBasis === null ? t('common.none') : `${exchange.legalBasis.title} (${exchange.legalBasis.citation})`}</dd>
        <dt>{t('child.fields')}</dt>
        <dd>{exchange.releasedFields.length === 0 ? t('common.none') : exchange.releasedFields.join(', ')}</dd>
        {exchange.ageBand !== null && (
          <>
            <dt>{t('child.ageBand')}</dt>
            <dd>{codeText(i18n, 'ageBand', exchange.ageBand)}</dd>
          </>
        )}
        {exchange.override !== null && (
          <>
            <dt>{t('child.override')}</dt>
            <dd>
              {exchange.override.reasonCode}: {exchange.override.justification}
            </dd>
            <dt>{t('child.override.review')}</dt>
            <dd>
              {exchange.override.review === null
                ? t('review.pending')
                : `${codeText(i18n, 'review', exchange.override.review.status)}${exchange.override.review.reviewedBy === null ? '' : ` — ${t('reviews.reviewedBy', exchange.override.review.reviewedBy, i18n.dateTime(exchange.override.review.reviewedAt))}`}`}
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

function ConsentEvent({ consent, revocation, i18n }: { consent: Consent; revocation: boolean; i18n: I18n }) {
  const { t } = i18n;
  const title = revocation ? t('child.event.revoked') : consent.kind === 'objection' ? t('child.event.objection') : t('child.event.consent');
  return (
    <>
      <h3>{title}</h3>
      <dl className="facts">
        <dt>{t('child.consent.givenBy')}</dt>
        <dd>{consent.givers.map((g) => `${codeText(i18n, 'capacity', g.capacity)} (${g.reference})`).join(', ')}</dd>
        <dt>{t('child.consent.scope')}</dt>
        <dd>{consent.scope.purposes.join(', ')}</dd>
        <dt>{t('child.consent.period')}</dt>
        <dd>
          {i18n.date(consent.validFrom)}
          {consent.validUntil !== undefined ? ` – ${i18n.date(consent.validUntil)}` : ''}
        </dd>
        <dt>{t('child.consent.registeredBy')}</dt>
        <dd>{consent.registeredBy}</dd>
      </dl>
    </>
  );
}

/** The regie register's part of the export: the current regievoerder, the history and the look-ups. */
function RegieSection({ result }: { result: Export }) {
  const i18n = useI18n();
  const { t } = i18n;
  const current = result.regie.find((r) => r.until === null);
  return (
    <Section title={t('child.regie.title')} id="regie">
      <p>{current === undefined ? t('child.regie.none') : t('child.regie.current', current.party, current.contactFunction, i18n.dateTime(current.since))}</p>
      {result.regie.length > 0 && (
        <table>
          <caption>{t('child.regie.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('child.regie.party')}</th>
              <th scope="col">{t('child.regie.contact')}</th>
              <th scope="col">{t('child.regie.period')}</th>
              <th scope="col">{t('child.regie.registeredBy')}</th>
              <th scope="col">{t('child.regie.endReason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.regie.map((r) => (
              <tr key={`${r.party}-${r.since}`}>
                <td>{r.party}</td>
                <td>{r.contactFunction}</td>
                <td>
                  {i18n.dateTime(r.since)} – {r.until === null ? t('child.regie.now') : i18n.dateTime(r.until)}
                </td>
                <td>{r.registeredBy}</td>
                <td>{r.endReason === null ? t('common.none') : codeText(i18n, 'regieEnd', r.endReason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.regieLookups.length > 0 && (
        <table>
          <caption>{t('child.regie.lookups')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('child.regie.lookup.at')}</th>
              <th scope="col">{t('child.regie.lookup.by')}</th>
              <th scope="col">{t('child.regie.lookup.result')}</th>
            </tr>
          </thead>
          <tbody>
            {result.regieLookups.map((l) => (
              <tr key={`${l.at}-${l.by}`}>
                <td>{i18n.dateTime(l.at)}</td>
                <td>{l.by}</td>
                <td>{codeText(i18n, 'regieLookup', l.result)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** Saves a response as a file through a temporary object URL (the BSN never enters a URL). */
async function saveDownload(response: Response, fallbackName: string): Promise<string> {
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** The subject-access report for the child on screen: for whom, in which language, PDF or print page. */
function ReportDownloads({ bsn }: { bsn: string }) {
  const { t } = useI18n();
  const id = useId();
  const [reader, setReader] = useState<'parent' | 'child'>('parent');
  const [language, setLanguage] = useState<'nl' | 'en'>('nl');
  const download = useMutation({
    mutationFn: async (format: 'pdf' | 'html') => {
      const response = await fetchRaw('/v1/privacy/subject-access-report', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: format === 'pdf' ? 'application/pdf' : 'text/html' },
        body: JSON.stringify({ bsn, reader, language }),
      });
      return saveDownload(response, `inzage.${format}`);
    },
  });
  return (
    <Section title={t('child.report.title')} id="report">
      <p>{t('child.report.intro')}</p>
      <div className="form-inline">
        <div className="field">
          <label htmlFor={`${id}-reader`}>{t('child.report.reader')}</label>
          <select id={`${id}-reader`} value={reader} onChange={(e) => setReader(e.target.value as 'parent' | 'child')}>
            <option value="parent">{t('child.report.reader.parent')}</option>
            <option value="child">{t('child.report.reader.child')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('child.report.language')}</label>
          <select id={`${id}-language`} value={language} onChange={(e) => setLanguage(e.target.value as 'nl' | 'en')}>
            <option value="nl" lang="nl">Nederlands</option>
            <option value="en" lang="en">English</option>
          </select>
        </div>
        <button type="button" className="primary" disabled={download.isPending} onClick={() => download.mutate('pdf')}>
          {t('child.report.pdf')}
        </button>
        <button type="button" disabled={download.isPending} onClick={() => download.mutate('html')}>
          {t('child.report.html')}
        </button>
      </div>
      {download.data !== undefined && (
        <p role="status" className="notice">
          {t('child.report.done', download.data)}
        </p>
      )}
      <ProblemMessage error={download.error} />
    </Section>
  );
}

export default function ChildPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [bsn, setBsn] = useState('');
  const [tried, setTried] = useState(false);
  const lookup = useMutation({
    mutationFn: (value: string) => call(api.POST('/v1/privacy/subject-access-export', { body: { bsn: value } })),
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setTried(true);
    if (passesElevenTest(bsn)) lookup.mutate(bsn);
  };
  const result = lookup.data;
  const lookedUp = lookup.variables;
  const events = result === undefined ? [] : timelineOf(result.exchanges, result.consents);
  return (
    <Page title={t('child.title')} intro={t('child.intro')}>
      <form className="form-inline" onSubmit={submit} noValidate>
        <BsnField label={t('child.bsn')} value={bsn} onChange={setBsn} showError={tried} />
        <button type="submit" className="primary" disabled={lookup.isPending}>
          {t('child.lookup')}
        </button>
      </form>
      <ProblemMessage error={lookup.error} fieldLabels={{ '/bsn': t('child.bsn') }} />
      {result !== undefined && (
        <Section title={t('child.timeline')} id="timeline">
          <p>
            {t('child.summary', result.exchanges.length, result.consents.length)} · <span className="muted">{t('child.pseudonym', result.subject.dataSubjectId.slice(0, 12))}</span>
          </p>
          {events.length === 0 ? (
            <p>{t('child.nothing')}</p>
          ) : (
            <ol className="timeline">
              {events.map((event) => (
                <li key={`${event.kind}-${event.kind === 'exchange' ? event.exchange.exchangeId : event.consent.id}`} className={`timeline-${event.kind}`}>
                  <time dateTime={event.at}>{i18n.dateTime(event.at)}</time>
                  {event.kind === 'exchange' ? <ExchangeEvent exchange={event.exchange} i18n={i18n} /> : <ConsentEvent consent={event.consent} revocation={event.kind === 'revocation'} i18n={i18n} />}
                </li>
              ))}
            </ol>
          )}
        </Section>
      )}
      {result !== undefined && <RegieSection result={result} />}
      {result !== undefined && lookedUp !== undefined && <ReportDownloads bsn={lookedUp} />}
    </Page>
  );
}
