/** The main window's side of the presenter view (presenter-channel.ts): it sends the step shown, takes step asks. */
import { useStore } from '../store';
import { PRESENTER_CHANNEL, type PresenterMessage, presenterUrl, readPresenterMessage } from './presenter-channel';
import { stepBy } from './tour-player';

let channel: BroadcastChannel | null = null;

function post(m: PresenterMessage): void {
  channel?.postMessage(m);
}

function sendState(): void {
  const s = useStore.getState();
  post({
    type: 'state',
    tour: s.tours.find((t) => t.id === s.tourId) ?? null,
    step: s.tourStep,
    lang: s.lang,
    presenting: s.presenting,
  });
}

/** Starts answering presenter views (once per page). */
export function linkPresenterViews(): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(PRESENTER_CHANNEL);
  channel.onmessage = (e) => {
    const m = readPresenterMessage(e.data);
    if (m?.type === 'hello') sendState();
    else if (m?.type === 'step') void stepBy(m.delta);
  };
  useStore.subscribe((s, prev) => {
    if (s.tourId !== prev.tourId || s.tourStep !== prev.tourStep || s.tours !== prev.tours || s.lang !== prev.lang)
      sendState();
    else if (s.presenting !== prev.presenting) sendState();
  });
}

/** Opens the presenter view: in Electron on another screen where there is one, else as a window of its own. */
export function openPresenterView(): void {
  linkPresenterViews();
  window.open(presenterUrl(location.href), 'brain-atlas-presenter', 'popup,width=960,height=640');
}
