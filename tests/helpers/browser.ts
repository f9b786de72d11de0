/**
 * What every end-to-end test needs: Debian's Chromium with software WebGL (flags from DESIGN.md), the built
 * renderer, an atlas service over the real atlases with a cache of its own, and waiting for a drawn frame.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createAtlasService } from '../../main/services/create-service';
import type { AppService } from '../../main/services/app-service';
import { SHARED } from './shared-atlases';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RENDERER = join(__dirname, '../../dist/renderer');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** True when Chromium and the built renderer are there; says what is missing otherwise. */
export function browserReady(what: string): boolean {
  const ok = existsSync(CHROMIUM) && existsSync(join(RENDERER, 'index.html'));
  if (!ok) console.warn(`${what} e2e tests skipped: need ${CHROMIUM} (apt-get install chromium) and a built renderer (npm run build)`);
  return ok;
}

/** The atlas service over the real atlases (BRAIN_ATLAS_PATH / ../shared/atlases), with an empty cache of its own. */
export function realAtlasService(): Promise<AppService> {
  return createAtlasService({
    ...process.env,
    BRAIN_ATLAS_PATH: SHARED as string,
    BRAIN_ATLAS_CACHE: mkdtempSync(join(tmpdir(), 'bas-e2e-cache-')),
    BRAIN_ATLAS_NO_INSTALLED: '1',
  });
}

/** Waits until the 3D view reports that a frame showing the latest state of the scene has been drawn. */
export async function drawn(page: Page, timeout = 30_000): Promise<void> {
  // Let a state change that is still pending reach the view first (two animation frames).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(
    () => {
      const el = document.querySelector<HTMLElement>('section[data-version]');
      return !!el && el.dataset.ready === 'true' && el.dataset.drawnVersion === el.dataset.version;
    },
    null,
    { timeout, polling: 50 },
  );
}
