// Light or dark: follows the system (prefers-color-scheme) until the user picks one, which is
// then remembered. public/theme-init.js applies the same choice before the first paint.
import { useCallback, useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'capstan.theme';

function saved(): Theme | undefined {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : undefined;
  } catch {
    return undefined;
  }
}

const systemQuery = (): MediaQueryList => matchMedia('(prefers-color-scheme: dark)');
const system = (): Theme => (systemQuery().matches ? 'dark' : 'light');

export function useTheme(): { theme: Theme; toggle: () => void } {
  const [theme, setTheme] = useState<Theme>(() => saved() ?? system());

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  useEffect(() => {
    const mq = systemQuery();
    const onChange = (): void => {
      if (!saved()) setTheme(system());
    };
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);

  const toggle = useCallback(() => {
    setTheme((t) => {
      const next: Theme = t === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // Private mode: the choice lasts for this page only.
      }
      return next;
    });
  }, []);

  return { theme, toggle };
}
