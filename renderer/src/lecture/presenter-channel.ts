/**
 * The presenter view's link to the main window: a BroadcastChannel between two windows of the app (the Electron
 * shell places the presenter window on another screen; the browser build opens it as a popup). The main window
 * tells the presenter view the tour and the step shown; the presenter view asks for the next or the previous step.
 */
import type { Tour } from '../../../core/lecture/tour';

export const PRESENTER_CHANNEL = 'brain-atlas-presenter';
/** The query parameter that makes a window of the app the presenter view. */
export const PRESENTER_PARAM = 'presenter';

export type PresenterMessage =
  | { type: 'state'; tour: Tour | null; step: number; lang: 'en' | 'zh'; presenting: boolean }
  | { type: 'hello' }
  | { type: 'step'; delta: 1 | -1 };

export function isPresenterWindow(search: string): boolean {
  return new URLSearchParams(search).get(PRESENTER_PARAM) === '1';
}

/** The address of the presenter view: this page's, launch key kept, with presenter=1. */
export function presenterUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.set(PRESENTER_PARAM, '1');
  url.hash = '';
  return url.href;
}

/** A message from the channel, checked: anything else is ignored. */
export function readPresenterMessage(data: unknown): PresenterMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'hello') return { type: 'hello' };
  if (m.type === 'step' && (m.delta === 1 || m.delta === -1)) return { type: 'step', delta: m.delta };
  if (m.type === 'state' && typeof m.step === 'number' && (m.lang === 'en' || m.lang === 'zh'))
    return m as unknown as PresenterMessage;
  return null;
}
