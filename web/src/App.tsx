import { Center, Loader } from '@mantine/core';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { SessionProvider, useSession } from './api/session';
import { AppLayout } from './components/AppLayout';
import { ErrorState } from './components/States';
import { AccountsPage } from './pages/accounts/AccountsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/sign-in/SignInPage';

/** Pages behind sign-in; a signed-out visitor goes to /sign-in and comes back afterwards. */
function RequireSession() {
  const { me } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <AppLayout>
      <Outlet />
    </AppLayout>
  );
}

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      { index: true, element: <Navigate to="/accounts" replace /> },
      { path: 'accounts', element: <AccountsPage /> },
      // Pages a visit may never reach load on demand, keeping the first download small.
      { path: 'accounts/:id', lazy: async () => ({ Component: (await import('./pages/account/AccountPage')).AccountPage }) },
      { path: 'import-export', lazy: async () => ({ Component: (await import('./pages/import-export/ImportExportPage')).ImportExportPage }) },
      { path: 'usage/unmatched', lazy: async () => ({ Component: (await import('./pages/usage/UnmatchedPage')).UnmatchedPage }) },
      { path: 'my-work', lazy: async () => ({ Component: (await import('./pages/my-work/MyWorkPage')).MyWorkPage }) },
      { path: 'playbooks', lazy: async () => ({ Component: (await import('./pages/playbooks/PlaybooksPage')).PlaybooksPage }) },
      { path: 'health', lazy: async () => ({ Component: (await import('./pages/health/HealthPage')).HealthPage }) },
      { path: 'risks', lazy: async () => ({ Component: (await import('./pages/risks/RisksPage')).RisksPage }) },
      { path: 'red-flags', lazy: async () => ({ Component: (await import('./pages/red-flags/RedFlagsPage')).RedFlagsPage }) },
      { path: 'settings', lazy: async () => ({ Component: (await import('./pages/settings/SettingsPage')).SettingsPage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <SessionProvider
      loading={
        <Center h="100vh">
          <Loader aria-label="Loading Keepwell" />
        </Center>
      }
      failed={(err) => (
        <Center h="100vh" p="md">
          <ErrorState error={err} title="Keepwell could not start" onRetry={() => window.location.reload()} />
        </Center>
      )}
    >
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
