import { useState } from 'react';

/** A text filter applied on Enter or when focus leaves, so half-typed selectors are never sent. */
export function TextFilter({
  label,
  placeholder,
  value,
  onCommit,
  testId,
}: {
  label: string;
  placeholder: string;
  value: string;
  onCommit: (v: string) => void;
  testId: string;
}) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const commit = (): void => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <label className="field">
      <span>{label}</span>
      <input
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        data-testid={testId}
      />
    </label>
  );
}
