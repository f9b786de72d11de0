import { useState } from 'react';

/**
 * A number box that lets a person type freely: every keystroke that makes a valid number (at least `min`) applies
 * it at once; while the text is not a number the last valid value stays, and leaving the box shows it again.
 */
export function NumberField({
  label,
  value,
  min,
  step,
  onValue,
}: {
  label: string;
  value: number;
  min?: number;
  step?: number;
  onValue: (v: number) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  return (
    <input
      type="number"
      aria-label={label}
      min={min}
      step={step ?? 'any'}
      value={text ?? shownValue(value)}
      onChange={(e) => {
        setText(e.target.value);
        const v = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(v) && (min === undefined || v >= min)) onValue(v);
      }}
      onBlur={() => setText(null)}
    />
  );
}

/**
 * A value as the field shows it while not being edited: to 6 significant digits (a map's maximum of
 * 6.0002312660217285 reads 6.00023); whole numbers (a cluster size) as they are.
 */
export function shownValue(v: number): string {
  return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(Number(v.toPrecision(6)));
}
