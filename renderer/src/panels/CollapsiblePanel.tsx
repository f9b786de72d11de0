import type { ReactNode } from 'react';

/**
 * A sidebar panel that folds away (<details>), so that a long sidebar keeps the 3D view on screen. The region is
 * named by its heading, which stays visible when folded; `onOpen` runs the first time it is unfolded.
 */
export function CollapsiblePanel(props: { id: string; title: string; onOpen?: () => void; children: ReactNode }) {
  return (
    <section className="collapsible" aria-labelledby={props.id}>
      <details
        onToggle={(e) => {
          if ((e.currentTarget as HTMLDetailsElement).open) props.onOpen?.();
        }}
      >
        <summary>
          <h2 id={props.id}>{props.title}</h2>
        </summary>
        <div className="collapsible-body">{props.children}</div>
      </details>
    </section>
  );
}
