/** A group of on/off chips for a multi-valued filter; each chip is a real toggle button. */
export function ToggleChips<T extends string>({
  label,
  options,
  selected,
  onChange,
  testId,
}: {
  label: string;
  options: readonly T[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  testId: string;
}) {
  return (
    <div className="chips" role="group" aria-label={label} data-testid={testId}>
      <span className="chips-label">{label}</span>
      {options.map((o) => {
        const on = selected.includes(o);
        return (
          <button
            key={o}
            type="button"
            className={`chip${on ? ' chip-on' : ''}`}
            aria-pressed={on}
            onClick={() => onChange(on ? selected.filter((s) => s !== o) : [...selected, o])}
          >
            {o}
          </button>
        );
      })}
    </div>
  );
}
