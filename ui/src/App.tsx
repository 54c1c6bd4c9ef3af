// Routes. The login page stands alone; everything else sits behind the session gate, in the
// layout with the navigation. Pages other than the list load on demand (they carry the YAML and
// diff code), so the first paint only needs React and the list.
import { lazy, Suspense } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { LoginPage } from './pages/LoginPage.tsx';
import { ApplicationsPage } from './pages/ApplicationsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SessionGate } from './components/SessionGate.tsx';
import { Layout } from './components/Layout.tsx';
import { Spinner } from './components/Spinner.tsx';
import { useTheme } from './hooks/useTheme.ts';

const ApplicationPage = lazy(() => import('./pages/ApplicationPage.tsx'));
const KustomizationPage = lazy(() => import('./pages/KustomizationPage.tsx'));
const SourcesPage = lazy(() => import('./pages/SourcesPage.tsx'));
const GitRepositoryPage = lazy(() => import('./pages/GitRepositoryPage.tsx'));

export function App() {
  const theme = useTheme();
  return (
    <Switch>
      <Route path="/login">
        <LoginPage />
      </Route>
      <Route>
        <SessionGate>
          <Layout theme={theme.theme} onToggleTheme={theme.toggle}>
            <Suspense fallback={<Spinner label="Loading page" />}>
              <Switch>
                <Route path="/">
                  <Redirect to="/applications" replace />
                </Route>
                <Route path="/applications" component={ApplicationsPage} />
                <Route path="/applications/:namespace/:name" component={ApplicationPage} />
                <Route path="/flux/kustomizations/:namespace/:name" component={KustomizationPage} />
                <Route path="/flux/sources" component={SourcesPage} />
                <Route path="/flux/gitrepositories/:namespace/:name" component={GitRepositoryPage} />
                <Route component={NotFoundPage} />
              </Switch>
            </Suspense>
          </Layout>
        </SessionGate>
      </Route>
    </Switch>
  );
}
