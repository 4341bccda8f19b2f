// An API error in words staff can act on: the gateway's problem title and detail, every field error
// with the field it is about, and the trace id to quote to an administrator.
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ProblemMessage({ error, fieldLabels = {} }: { error: unknown; fieldLabels?: Readonly<Record<string, string>> }) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const problem = apiError?.problem;
  let summary: string;
  if (apiError === undefined || apiError.status === 0) summary = t('problem.network');
  else if (apiError.status === 403 && problem?.code !== 'policy-denied') summary = t('problem.forbidden');
  else summary = problem?.title ?? t('problem.title');
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{summary}</p>
      {problem?.detail !== undefined && <p>{problem.detail}</p>}
      {problem?.errors !== undefined && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e, i) => (
            <li key={i}>{t('problem.field', fieldLabels[e.pointer] ?? e.pointer, e.detail)}</li>
          ))}
        </ul>
      )}
      {problem?.traceId !== undefined && <p className="muted">{t('problem.traceId', problem.traceId)}</p>}
    </div>
  );
}
