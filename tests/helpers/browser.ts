/**
 * What every end-to-end test needs: Debian's Chromium with software WebGL (flags from DESIGN.md), the built
 * renderer, an atlas service over the real atlases with a cache of its own, the app opened in a page, an atlas
 * chosen at 2 mm, and waiting for a drawn frame.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import type { AtlasApi } from '../../core/api';
import { EMPTY_SESSION } from './sessions';

export { EMPTY_SESSION };
import { createAtlasService } from '../../main/services/create-service';
import type { AppService } from '../../main/services/app-service';
import { type WebServer, startWebServer } from '../../main/web/web-server';
import { type Image, decodePng } from './png';
import { fromBackground } from './pixels';
import { SHARED } from './shared-atlases';

// Settings and the saved session of the services these tests make go to a folder of this test file's own, never
// the user's config folder (createAtlasService reads BRAIN_ATLAS_CONFIG from the env it is given).
process.env.BRAIN_ATLAS_CONFIG = mkdtempSync(join(tmpdir(), 'bas-e2e-config-'));

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RENDERER = join(__dirname, '../../dist/renderer');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when Chromium and the built renderer are there; says what is missing otherwise. */
export function browserReady(what: string): boolean {
  const ok = existsSync(CHROMIUM) && existsSync(join(RENDERER, 'index.html'));
  if (!ok)
    console.warn(
      `${what} e2e tests skipped: need ${CHROMIUM} (apt-get install chromium) and a built renderer (npm run build)`,
    );
  return ok;
}

/**
 * The atlas service over the real atlases (BRAIN_ATLAS_PATH / ../shared/atlases), with an empty cache and config
 * folder of its own, and an empty saved session (so the page does not draw the first-start atlas).
 */
export async function realAtlasService(): Promise<AppService> {
  const api = await createAtlasService({
    ...process.env,
    BRAIN_ATLAS_PATH: SHARED as string,
    BRAIN_ATLAS_CACHE: mkdtempSync(join(tmpdir(), 'bas-e2e-cache-')),
    BRAIN_ATLAS_CONFIG: mkdtempSync(join(tmpdir(), 'bas-e2e-config-')),
    BRAIN_ATLAS_NO_INSTALLED: '1',
  });
  // Not a first start: the page opens with nothing chosen, as the tests expect.
  await api.saveSession({ session: EMPTY_SESSION });
  await api.endSession();
  return api;
}

/** The 3D view's canvas, found as a person would: the region named "3D view". */
export const canvas3d = (page: Page) => page.getByRole('region', { name: '3D view' }).locator('canvas');

/**
 * `take` (a screenshot of the 3D canvas) with what WebGL drew alone: the maps' colour scales the page lays over the
 * view's corner (view-3d/ViewColorbars.tsx) are hidden while it runs, so their colours never count as drawn. (Through
 * the elements' own style: the page's Content-Security-Policy refuses Playwright's screenshot `style` sheet.)
 */
export async function canvasOnly<T>(page: Page, take: () => Promise<T>): Promise<T> {
  const hide = (visibility: string) =>
    page.evaluate((v) => {
      for (const e of document.querySelectorAll<HTMLElement>('.view-colorbars')) e.style.visibility = v;
    }, visibility);
  await hide('hidden');
  try {
    return await take();
  } finally {
    await hide('');
  }
}

/** A screenshot of the 3D view's canvas, decoded (canvasOnly). */
export async function shot3d(page: Page): Promise<Image> {
  return decodePng(await canvasOnly(page, () => canvas3d(page).screenshot()));
}

/**
 * Two shots of the 3D canvas (shot3d) once drawn: with the shown map at full opacity, and with it at opacity 0 (the
 * same scene without the map's colours). The map is left at full opacity.
 */
export async function shotsWithAndWithoutMap(page: Page): Promise<[Image, Image]> {
  const opacity = page.getByRole('slider', { name: 'Map opacity' });
  await drawn(page, 60_000);
  const withMap = await shot3d(page);
  await opacity.fill('0');
  await drawn(page, 60_000);
  const without = await shot3d(page);
  await opacity.fill('1');
  return [withMap, without];
}

/**
 * How many pixels of the brain the colour scales laid over the 3D view cover: those of a canvas screenshot (canvasOnly)
 * under the scales' box that are not the view's background. 0 where no scale is shown.
 */
export async function brainUnderScales(page: Page): Promise<number> {
  const scales = page.getByRole('region', { name: 'Colour scales of the maps shown' });
  if ((await scales.count()) === 0) return 0;
  const shot = await shot3d(page);
  const under = (await scales.boundingBox())!;
  const view = (await canvas3d(page).boundingBox())!;
  let covered = 0;
  for (
    let y = Math.max(0, Math.floor(under.y - view.y));
    y < Math.min(shot.height, under.y - view.y + under.height);
    y++
  )
    for (
      let x = Math.max(0, Math.floor(under.x - view.x));
      x < Math.min(shot.width, under.x - view.x + under.width);
      x++
    )
      if (fromBackground(shot, (y * shot.width + x) * 4) > 30) covered++;
  return covered;
}

/**
 * The 3D canvas's size on the page, its box's, and its drawing buffer's in CSS px ([width, height] each): the three
 * agree when the view follows its box (it once kept a taller size after a map opened, clipped, until a resize).
 */
export async function canvasSizes(page: Page): Promise<Record<'canvas' | 'box' | 'buffer', [number, number]>> {
  return page.evaluate(() => {
    const c = document.querySelector('.viewer canvas') as HTMLCanvasElement;
    const r = (e: Element): [number, number] => {
      const { width, height } = e.getBoundingClientRect();
      return [width, height];
    };
    const dpr = window.devicePixelRatio;
    return { canvas: r(c), box: r(c.closest('.viewer-canvas') as Element), buffer: [c.width / dpr, c.height / dpr] };
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

export interface AppSession {
  server: WebServer;
  browser: Browser;
  page: Page;
  /** Uncaught errors in the page (and shader errors, when asked for). */
  errors: string[];
}

/**
 * Serves `api` and the built renderer on loopback, opens the app in Chromium (English) and waits until the atlas
 * picker has been filled from the catalog. The app starts from an empty saved session (a clean exit) unless
 * `firstStart` asks for what a first start does.
 */
export async function openApp(
  api: AtlasApi,
  opts: {
    viewport?: { width: number; height: number };
    acceptDownloads?: boolean;
    shaderErrors?: boolean;
    firstStart?: boolean;
  } = {},
): Promise<AppSession> {
  if (!opts.firstStart) {
    await api.saveSession({ session: EMPTY_SESSION });
    await api.endSession();
  }
  const server = await startWebServer({ api, staticDir: RENDERER });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    acceptDownloads: opts.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  // An action that cannot happen (a button that went away) fails naming its step, before the test's own timeout.
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (opts.shaderErrors) {
    // A shader that does not compile only says so on the console.
    page.on('console', (m) => {
      if (/Shader Error|INVALID_OPERATION/.test(m.text())) errors.push(m.text().slice(0, 400));
    });
  }
  await page.goto(server.url);
  await page
    .getByRole('combobox', { name: 'Atlas', exact: true })
    .locator('option')
    .nth(1)
    .waitFor({ state: 'attached', timeout: 20_000 });
  return { server, browser, page, errors };
}

/** Chooses `atlasId` at 2 mm (software GL stays fast) without the template brain, and waits until it is drawn. */
export async function chooseAtlasAt2mm(page: Page, atlasId: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Resolution' }).selectOption({ label: '2 mm' });
  await page.getByRole('checkbox', { name: 'Template brain' }).uncheck();
  await page.getByRole('combobox', { name: 'Atlas', exact: true }).selectOption(atlasId);
  await drawn(page, 60_000);
}
