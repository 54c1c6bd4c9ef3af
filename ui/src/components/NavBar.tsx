import { Link, useLocation } from 'wouter';
import { Icon } from './Icon.tsx';

const LINKS = [
  { href: '/applications', label: 'Applications', icon: 'apps' as const, also: '/flux/kustomizations/' },
  { href: '/flux/sources', label: 'Sources', icon: 'source' as const, also: '/flux/gitrepositories/' },
];

export function NavBar() {
  const [location] = useLocation();
  return (
    <nav className="navbar" aria-label="Main">
      <Link href="/applications" className="navbar-brand" aria-label="Capstan home">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span>Capstan</span>
      </Link>
      <ul>
        {LINKS.map((l) => {
          const active =
            location === l.href ||
            location.startsWith(`${l.href}/`) ||
            (l.also !== undefined && location.startsWith(l.also));
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                className={active ? 'active' : ''}
                aria-current={active ? 'page' : undefined}
              >
                <Icon name={l.icon} />
                <span>{l.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
