// Reloading the gateway's configuration file, for operators (POST /v1/operator/config/reload, the same
// as SIGHUP): what changed, or every error with its pointer into the file (nothing changed then).
import { useMutation } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client.ts';
import { Page } from '../../components/page.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { Notice } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

type Reloaded = Schemas['ConfigReloaded'];

function changeLines(t: ReturnType<typeof useI18n>['t'], result: Reloaded): string[] {
  const { parties, staff, policy } = result.changes;
  const joined = (ids: readonly string[]): string | undefined => (ids.length === 0 ? undefined : ids.join(', '));
  const lines: (string | undefined)[] = [
    joined(parties.added) && t('config.partiesAdded', joined(parties.added) ?? ''),
    joined(parties.removed) && t('config.partiesRemoved', joined(parties.removed) ?? ''),
    joined(parties.changed) && t('config.partiesChanged', joined(parties.changed) ?? ''),
    joined(staff.added) && t('config.staffAdded', joined(staff.added) ?? ''),
    joined(staff.removed) && t('config.staffRemoved', joined(staff.removed) ?? ''),
    joined(staff.changed) && t('config.staffChanged', joined(staff.changed) ?? ''),
    policy.changed ? t('config.policy', policy.from, policy.to) : undefined,
  ];
  return lines.filter((line): line is string => line !== undefined);
}

export default function ConfigPage() {
  const { t } = useI18n();
  const reload = useMutation({ mutationFn: () => call(api.POST('/v1/operator/config/reload')) });
  const result = reload.data;
  return (
    <Page title={t('config.title')} intro={t('config.intro')}>
      <p>
        <button type="button" disabled={reload.isPending} onClick={() => reload.mutate()}>
          {t('config.reload')}
        </button>
      </p>
      {result !== undefined && (
        <Notice>
          {t(result.outcome === 'unchanged' ? 'config.unchanged' : 'config.reloaded', result.file)}
          {changeLines(t, result).map((line) => (
            <span key={line}>
              <br />
              {line}
            </span>
          ))}
        </Notice>
      )}
      <ProblemMessage error={reload.error} />
    </Page>
  );
}
