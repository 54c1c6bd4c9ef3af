import type { Theme } from '../hooks/useTheme.ts';
import { useSession } from '../session.ts';
import { Icon } from './Icon.tsx';

export function TopBar({ theme, onToggleTheme }: { theme: Theme; onToggleTheme: () => void }) {
  const { user, settings, signOut } = useSession();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <header className="topbar">
      {settings.uiBannerContent && (
        <div className="banner" role="note">
          {settings.uiBannerContent}
        </div>
      )}
      <div className="topbar-end">
        <button
          type="button"
          className="btn btn-icon"
          onClick={onToggleTheme}
          aria-label={`Switch to ${next} theme`}
          title={`Switch to ${next} theme`}
          data-testid="theme-toggle"
        >
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
        </button>
        <span className="topbar-user" data-testid="current-user">
          {user.username}
        </span>
        <button type="button" className="btn" onClick={() => void signOut()} data-testid="logout">
          Log out
        </button>
      </div>
    </header>
  );
}
