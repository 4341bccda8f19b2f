// The console: providers (language, session, server state), then the routes derived from the page
// registry. Every page needs a signed-in staff member with one of the page's roles.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from '../api/client.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { homeFor, pages, type PageDefinition } from '../pages/registry.ts';
import { NoAccessPage, NotFoundPage } from '../pages/status-pages.tsx';
import { SignInPage } from '../pages/sign-in-page.tsx';
import { UnreachablePage } from '../pages/unreachable-page.tsx';
import { SessionProvider, useSession } from '../session/session.tsx';
import { Layout } from './layout.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; a network error might.
      retry: (failures, error) => failures < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
    mutations: { retry: false },
  },
});

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter basename="/console">
          <SessionProvider>
            <ConsoleRoutes />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}

function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** Pages need a session; without one, sign-in (remembering where the user wanted to go). */
function RequireSession() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'unreachable') return <UnreachablePage />;
  if (state.status === 'anonymous') {
    const returnTo = state.returnTo ?? `/console${location.pathname}${location.search}`;
    const search = new URLSearchParams({ returnTo, ...(state.expired ? { expired: '1' } : {}) });
    return <Navigate to={`/sign-in?${search.toString()}`} replace />;
  }
  return <Layout />;
}

function GuardedPage({ page }: { page: PageDefinition }) {
  const { state } = useSession();
  if (state.status !== 'authenticated') return null;
  const role = state.user.activeRole;
  if (role === null || !page.roles.includes(role)) return <NoAccessPage scope="page" />;
  const Component = page.component;
  return (
    <Suspense fallback={<Loading />}>
      <Component />
    </Suspense>
  );
}

function Home() {
  const { state } = useSession();
  if (state.status !== 'authenticated') return null;
  const role = state.user.activeRole;
  const home = role === null ? undefined : homeFor(role);
  if (home === undefined) return <NoAccessPage scope="account" />;
  return <Navigate to={`/${home}`} replace />;
}

function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="sign-in" element={<SignInPage />} />
      <Route element={<RequireSession />}>
        <Route index element={<Home />} />
        {pages.map((page) => (
          <Route key={page.id} path={page.path} element={<GuardedPage page={page} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
