import { useEffect, useEffectEvent, useState } from 'react';
import { useDebounced } from '../hooks/useDebounced.ts';
import { Icon } from './Icon.tsx';

/** Search as you type, sent to the server once typing pauses. `/` focuses it, as in Argo. */
export function SearchBox({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // "Clear filters" changes the value from outside: show it.
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const debounced = useDebounced(text, 300);
  const emit = useEffectEvent((v: string) => {
    if (v !== value) onChange(v);
  });
  useEffect(() => emit(debounced), [debounced]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (e.key !== '/' || target?.closest('input, textarea, select, [contenteditable]')) return;
      e.preventDefault();
      document.getElementById('app-search')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="search-box">
      <Icon name="search" />
      <label htmlFor="app-search" className="visually-hidden">
        Search applications
      </label>
      <input
        id="app-search"
        type="search"
        placeholder="Search applications (press /)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="app-search"
      />
    </div>
  );
}
