import { describe, expect, it } from 'vitest';
import { isPresenterUrl, presenterBounds } from '../../../../main/electron/presenter-window';

const trusted = (url: string) => url.startsWith('file:///opt/app/renderer');

describe('the presenter window', () => {
  it('opens on the screen the main window is not on, filling 90 % of it', () => {
    const displays = [
      { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 2, workArea: { x: 1920, y: 0, width: 1280, height: 1000 } },
    ];
    expect(presenterBounds(displays, 1)).toEqual({ x: 1984, y: 50, width: 1152, height: 900 });
    expect(presenterBounds(displays, 2)).toEqual({ x: 96, y: 54, width: 1728, height: 972 });
  });

  it('opens at a modest size where there is one screen', () => {
    expect(presenterBounds([{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }], 1)).toEqual({
      width: 960,
      height: 640,
    });
  });

  it("is the app's own page with presenter=1, nothing else", () => {
    expect(isPresenterUrl('file:///opt/app/renderer/index.html?presenter=1', trusted)).toBe(true);
    expect(isPresenterUrl('file:///opt/app/renderer/index.html?presenter=0', trusted)).toBe(false);
    expect(isPresenterUrl('https://example.org/?presenter=1', trusted)).toBe(false);
    expect(isPresenterUrl('file:///etc/passwd?presenter=1', trusted)).toBe(false);
  });
});
