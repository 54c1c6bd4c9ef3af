import type { ReactNode } from 'react';
import type { Theme } from '../hooks/useTheme.ts';
import { NavBar } from './NavBar.tsx';
import { TopBar } from './TopBar.tsx';

export function Layout({
  children,
  theme,
  onToggleTheme,
}: {
  children: ReactNode;
  theme: Theme;
  onToggleTheme: () => void;
}) {
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <NavBar />
      <div className="layout-body">
        <TopBar theme={theme} onToggleTheme={onToggleTheme} />
        <main id="main" className="layout-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
