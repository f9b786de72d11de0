import { type CSSProperties, type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import { useStore } from '../store';
import {
  PANE_MIN_PX,
  type PaneId,
  type PaneLimits,
  ROOM_ABOVE_PX,
  paneLimits,
  paneSizeAfterDrag,
  paneSizeAfterKey,
} from './pane-size';

/**
 * The bar above a resizable pane (the element right after it): drag it, or focus it and use the arrow keys, Page
 * Up/Down, Home and End, to give the pane more or less of its container; a double click or Enter gives the pane back
 * to the layout. The height is the store's (ui-slice `paneSizes`), which the pane applies (paneStyle).
 */
export function PaneSplitter({ pane, label }: { pane: PaneId; label: string }) {
  const bar = useRef<HTMLDivElement>(null);
  const setPaneSize = useStore((s) => s.setPaneSize);
  const [shown, setShown] = useState<{ size: number; limits: PaneLimits } | null>(null);
  const drag = useRef<{ id: number; startY: number; startSize: number; limits: PaneLimits } | null>(null);

  const measure = () => measurePane(bar.current, pane);

  // The pane's height as it is drawn, for aria-valuenow: it follows the window and the layout as well as the bar.
  useEffect(() => {
    const element = bar.current;
    const below = element?.nextElementSibling;
    const container = element?.parentElement;
    if (!below || !container) return;
    const update = () => setShown(measurePane(element, pane));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(below);
    observer.observe(container);
    return () => observer.disconnect();
  }, [pane]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const now = measure();
    if (!now || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, startY: e.clientY, startSize: now.size, limits: now.limits };
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d?.id !== e.pointerId) return;
    setPaneSize(pane, paneSizeAfterDrag(d.startSize, d.startY, e.clientY, d.limits));
  };
  const endDrag = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.id === e.pointerId) drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter') {
      setPaneSize(pane, null);
      e.preventDefault();
      return;
    }
    const now = measure();
    const next = now ? paneSizeAfterKey(e.key, now.size, now.limits) : undefined;
    if (next === undefined) return;
    setPaneSize(pane, next);
    e.preventDefault();
  };

  return (
    // A focusable separator is the ARIA pattern for a splitter (a "window splitter"): it takes the keys itself.
    // biome-ignore lint/a11y/useSemanticElements: <hr> cannot take focus, keys or the pointer drag.
    <div
      ref={bar}
      className="pane-splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-valuenow={shown?.size}
      aria-valuemin={shown?.limits.min}
      aria-valuemax={shown?.limits.max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={() => setPaneSize(pane, null)}
      onKeyDown={onKeyDown}
    />
  );
}

/** The height of the pane after the bar, and its limits in the bar's container. */
function measurePane(bar: HTMLElement | null, pane: PaneId): { size: number; limits: PaneLimits } | null {
  const below = bar?.nextElementSibling;
  const container = bar?.parentElement;
  if (!below || !container) return null;
  return {
    size: Math.round(below.getBoundingClientRect().height),
    limits: paneLimits(pane, container.getBoundingClientRect().height),
  };
}

/**
 * The style a resizable pane takes from the store: the height the user set, kept within the room its container has
 * when the window is made smaller afterwards.
 */
export function usePaneStyle(pane: PaneId): CSSProperties | undefined {
  const size = useStore((s) => s.paneSizes[pane]);
  if (size === undefined) return undefined;
  return {
    flex: `0 0 ${size}px`,
    height: size,
    boxSizing: 'border-box',
    minHeight: PANE_MIN_PX,
    maxHeight: `max(${PANE_MIN_PX}px, calc(100% - ${ROOM_ABOVE_PX[pane]}px))`,
  };
}
