// Sign-in: the organisation's identity provider (OpenID Connect, through the gateway) and, only when
// the gateway runs in demo mode, a choice of demo staff members. After sign-in the user returns to
// the page they were on (returnTo is only ever a path under /console).
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Header } from '../app/layout.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';
import { UnreachablePage } from './unreachable-page.tsx';

/** A same-site path under /console, or the console's home. */
export function safeReturnTo(value: string | null): string {
  if (value !== null && /^\/console(\/[^\\]*)?$/.test(value) && !value.startsWith('//')) return value;
  return '/console/';
}

export function SignInPage() {
  const { t } = useI18n();
  const { state, signInDemo } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const returnTo = safeReturnTo(params.get('returnTo'));
  const expired = params.get('expired') === '1' || (state.status === 'anonymous' && state.expired);
  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
  }, [t]);

  if (state.status === 'loading') return null;
  if (state.status === 'unreachable') return <UnreachablePage />;
  if (state.status === 'authenticated') return <Navigate to={returnTo.slice('/console'.length) || '/'} replace />;

  const loginUrl = `/console/auth/login?${new URLSearchParams({ returnTo }).toString()}`;
  return (
    <div className="shell shell-narrow">
      <Header />
      <main id="main" tabIndex={-1}>
        <h1>{t('signIn.title')}</h1>
        {expired && (
          <p className="notice" role="status">
            {t('signIn.expired')}
          </p>
        )}
        {(failed || params.get('error') !== null) && (
          <p className="problem" role="alert">
            {t('signIn.failed')}
          </p>
        )}
        <p>{t('signIn.intro')}</p>
        {state.oidc ? (
          <p>
            <a className="button primary" href={loginUrl}>
              {t('signIn.withOrganisation')}
            </a>
          </p>
        ) : (
          state.demo === null && <p>{t('signIn.unavailable')}</p>
        )}
        {state.demo !== null && (
          <section className="section" aria-labelledby="demo-heading">
            <h2 id="demo-heading">{t('signIn.demo.title')}</h2>
            <p>{t('signIn.demo.intro')}</p>
            <ul className="plain-list">
              {state.demo.map((member) => (
                <li key={member.id}>
                  <button
                    type="button"
                    onClick={() => {
                      void signInDemo(member.id).then((ok) => {
                        if (ok) void navigate(returnTo.slice('/console'.length) || '/', { replace: true });
                        else setFailed(true);
                      });
                    }}
                  >
                    {t('signIn.demo.as', member.name, t(`role.${member.role}`))}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}
