import { type SelectHTMLAttributes, useLayoutEffect, useRef } from 'react';

/**
 * A <select> whose tooltip (title) is the full text of the option chosen: the side panels' selects are narrow, and
 * a long choice ('Schaefer 2018, 400 parcels, 7 networks', 'Off (regions in the volume only)') is cut at their edge.
 */
export function Select(props: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'title'>) {
  const ref = useRef<HTMLSelectElement>(null);
  // After every render: the value, or the options' text (the language), may have changed.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const text = el.selectedOptions[0]?.text ?? '';
    if (el.title !== text) el.title = text;
  });
  return <select ref={ref} {...props} />;
}
