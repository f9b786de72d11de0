/**
 * Where the presenter view opens (renderer/src/lecture/PresenterView.tsx): on a screen other than the main window's
 * when there is one, filling most of it; else beside the main window at a modest size. Pure, so it is tested
 * without Electron.
 */

export interface DisplayArea {
  id: number;
  workArea: { x: number; y: number; width: number; height: number };
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** Whether a window.open address is the app's own presenter view (`…/index.html?presenter=1`). */
export function isPresenterUrl(url: string, trusted: (url: string) => boolean): boolean {
  if (!trusted(url)) return false;
  try {
    return new URL(url).searchParams.get('presenter') === '1';
  } catch {
    return false;
  }
}

export function presenterBounds(displays: readonly DisplayArea[], mainDisplayId: number): WindowBounds {
  const other = displays.find((d) => d.id !== mainDisplayId);
  if (!other) return { width: 960, height: 640 };
  const { x, y, width, height } = other.workArea;
  const w = Math.round(width * 0.9);
  const h = Math.round(height * 0.9);
  return { x: x + Math.round((width - w) / 2), y: y + Math.round((height - h) / 2), width: w, height: h };
}
