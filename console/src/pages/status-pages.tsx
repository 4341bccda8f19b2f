import { Page } from '../components/page.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';

/** Signed in, but not for this: the whole account (no role) or this page (another role). */
export function NoAccessPage({ scope }: { scope: 'account' | 'page' }) {
  const { t } = useI18n();
  const { state } = useSession();
  const name = state.status === 'authenticated' ? state.user.name : '';
  return (
    <Page title={t('noAccess.title')}>
      <p>{scope === 'account' ? t('noAccess.body', name) : t('noAccess.page')}</p>
    </Page>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
    </Page>
  );
}
