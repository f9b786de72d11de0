/**
 * Figures and scene files in the window (browser build, Debian's Chromium, software WebGL, real atlases): AAL3 at
 * 2 mm with a synthetic z-map; "Export figure" at 2400 × 1200 pixels gives a PNG of that size with 300 DPI in its
 * pHYs chunk and a drawn brain; SVG keeps the threshold and the colour bar's ticks as <text>; PDF keeps them as
 * extractable text (pdftotext, when installed); a lightbox chosen in the dialog labels its slices; "Save scene"
 * then "Open scene" (with the map) in a fresh window shows the same picture; a scene sent by the Electron menu's
 * Open scene is put back with its problems named; "Label regions" labels the isolated regions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPngInfo } from '../../core/figure/png-dpi';
import { defaultScene, parseSceneText } from '../../core/scene/scene-file';
import type { WebServer } from '../../main/web/web-server';
import { blobZMap } from '../helpers/blob-map';
import {
  canvasOnly,
  browserReady,
  canvasSizes,
  chooseAtlasAt2mm,
  drawn,
  openApp,
  realAtlasService,
} from '../helpers/browser';
import { fromBackground } from '../helpers/pixels';
import { decodePng, type Image } from '../helpers/png';
import { SHARED } from '../helpers/shared-atlases';

const ready = browserReady('figures');
const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

/** The share of pixels whose channels differ by more than 24 anywhere. */
function differing(a: Image, b: Image): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4)
    if ([0, 1, 2].some((c) => Math.abs(a.data[i + c] - b.data[i + c]) > 24)) n++;
  return n / (a.width * a.height);
}

/**
 * The share of pixels of either picture whose colour (channels within 24) appears nowhere among the 3 × 3 pixels
 * around the same place in the other: what differs beyond a shift or stretch of under a pixel.
 */
function differingBeyondNeighbours(a: Image, b: Image): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  const unmatched = (p: Image, q: Image) => {
    let n = 0;
    for (let y = 0; y < p.height; y++)
      for (let x = 0; x < p.width; x++) {
        const i = (y * p.width + x) * 4;
        let found = false;
        for (let dy = -1; dy <= 1 && !found; dy++)
          for (let dx = -1; dx <= 1 && !found; dx++) {
            const [u, v] = [x + dx, y + dy];
            if (u < 0 || v < 0 || u >= q.width || v >= q.height) continue;
            const j = (v * q.width + u) * 4;
            found = [0, 1, 2].every((c) => Math.abs(p.data[i + c] - q.data[j + c]) <= 24);
          }
        if (!found) n++;
      }
    return n / (p.width * p.height);
  };
  return Math.max(unmatched(a, b), unmatched(b, a));
}

describe.skipIf(!ready || !SHARED)('figures and scene files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bas-figures-'));
  const mapFile = join(dir, 'zmap.nii.gz');
  const sessions: { server: WebServer; browser: Browser }[] = [];
  let page: Page;
  let threshold = '';

  async function save(p: Page, button: RegExp | string): Promise<Buffer> {
    const [download] = await Promise.all([
      p.waitForEvent('download', { timeout: 120_000 }),
      p.getByRole('button', { name: button, exact: true }).click(),
    ]);
    return readFileSync(await (download as Download).path());
  }

  async function exportAs(format: 'PNG' | 'SVG' | 'PDF', width: number, height: number): Promise<Buffer> {
    await page.getByRole('button', { name: 'Export figure', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export figure' });
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: format });
    await dialog.getByRole('spinbutton', { name: 'Width' }).fill(String(width));
    await dialog.getByRole('spinbutton', { name: 'Height' }).fill(String(height));
    const bytes = await (async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        dialog.getByRole('button', { name: 'Save' }).click(),
      ]);
      return readFileSync(await download.path());
    })();
    await dialog.waitFor({ state: 'hidden' });
    return bytes;
  }

  /**
   * The 3D canvas comes to fill its box exactly (it once kept its taller size after a map opened, clipped, until a
   * resize). It follows its box a frame or two after the box changes, and the box can change after the scene is drawn
   * (the cluster report appears when the map's clusters are found), so this waits for it, a few seconds at most, then
   * for a frame drawn at that size.
   */
  async function expectCanvasFillsBox(p: Page): Promise<void> {
    let sizes = await canvasSizes(p);
    for (const end = Date.now() + 5_000; sizes.canvas.join() !== sizes.box.join() && Date.now() < end; ) {
      await p.waitForTimeout(50);
      sizes = await canvasSizes(p);
    }
    expect(sizes.canvas).toEqual(sizes.box);
    await drawn(p, 60_000);
  }

  /**
   * The 3D view with the pointer off it (a hovered region is drawn brighter), once a frame of the latest scene has
   * been drawn at its box's size (a window whose export dialog had been open once compared a pixel or two off a fresh
   * window's, about 1.4 % of pixels, until it was resized).
   */
  async function canvasShot(p: Page): Promise<Image> {
    await p.mouse.move(1, 1);
    await drawn(p, 60_000);
    await expectCanvasFillsBox(p);
    return decodePng(await canvasOnly(p, () => p.locator('.viewer canvas').screenshot()));
  }

  async function openWindow(): Promise<Page> {
    const api = await realAtlasService();
    const s = await openApp(api, { acceptDownloads: true });
    sessions.push(s);
    return s.page;
  }

  async function openMap(p: Page): Promise<void> {
    await p.getByLabel('Open map', { exact: true }).setInputFiles(mapFile);
    await p
      .getByRole('list', { name: /Overlay layers/ })
      .getByRole('listitem')
      .first()
      .waitFor({ timeout: 30_000 });
  }

  beforeAll(async () => {
    writeFileSync(mapFile, blobZMap([{ peak: 6, at: [-38, -22, 56], sigma: 6 }]));
    page = await openWindow();
    await chooseAtlasAt2mm(page, 'aal3');
    await openMap(page);
    await drawn(page, 60_000);
    await expectCanvasFillsBox(page);
    await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill('2.5');
    threshold = await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).inputValue();
    await page.getByRole('button', { name: 'Left lateral', exact: true }).click();
    await drawn(page, 60_000);
  }, 180_000);

  afterAll(async () => {
    for (const s of sessions) {
      await s.browser.close();
      await s.server.close();
    }
  });

  it('exports a 2400-pixel-wide PNG with 300 DPI and a drawn brain', async () => {
    const png = await exportAs('PNG', 2400, 1200);
    expect(readPngInfo(png)).toEqual({ width: 2400, height: 1200, dpi: 300 });
    const img = decodePng(png);
    // The brain fills much of the panel: many pixels are neither the background nor white text.
    let brain = 0;
    for (let i = 0; i < img.data.length; i += 4) if (fromBackground(img, i) > 60) brain++;
    expect(brain / (img.width * img.height)).toBeGreaterThan(0.1);
  }, 180_000);

  it("leaves the window's cursor out of the figure", async () => {
    // The cursor at two places far apart (its marker and the slice planes' lines in the 3D view): the same figure.
    const box = page.getByRole('textbox', { name: 'MNI coordinate' });
    const before = await box.inputValue();
    const figureWithCursorAt = async (p: string) => {
      await box.fill(p);
      await box.press('Enter');
      await drawn(page, 60_000);
      return decodePng(await exportAs('PNG', 900, 600));
    };
    const one = await figureWithCursorAt('-38, -22, 56');
    const other = await figureWithCursorAt('30, 40, -10');
    expect(differing(one, other)).toBeLessThan(0.0005);
    // The window's cursor as it was (the scene saved next keeps it).
    await box.fill(before);
    await box.press('Enter');
    await drawn(page, 60_000);
  }, 180_000);

  it('keeps the threshold and the colour bar ticks as text in SVG', async () => {
    const svg = (await exportAs('SVG', 1600, 900)).toString('utf8');
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain(`threshold ${threshold}`);
    expect(texts.filter((s) => /^-?\d+(\.\d+)?$/.test(s)).length).toBeGreaterThanOrEqual(3);
    expect(texts).toContain('zmap.nii.gz');
    expect(svg).toMatch(/<image [^>]*href="data:image\/png;base64,/);
  }, 180_000);

  it.skipIf(!PDFTOTEXT)(
    'keeps them as extractable text in PDF',
    async () => {
      const pdf = await exportAs('PDF', 1600, 900);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const file = join(dir, 'figure.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync(PDFTOTEXT as string, [file, '-'], { encoding: 'utf8' });
      expect(text).toContain(`threshold ${threshold}`);
      expect(text).toContain('zmap.nii.gz');
    },
    180_000,
  );

  it('exports a sagittal lightbox chosen in the dialog, each slice labelled with its x', async () => {
    await page.getByRole('button', { name: 'Export figure', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export figure' });
    await dialog.getByRole('combobox', { name: 'Layout' }).selectOption({ label: 'Lightbox (a grid of slices)' });
    await dialog.getByRole('combobox', { name: 'Slice orientation' }).selectOption({ label: 'Sagittal' });
    await dialog.getByRole('spinbutton', { name: 'Slices' }).fill('4');
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'SVG' });
    await dialog.getByRole('spinbutton', { name: 'Width' }).fill('1200');
    await dialog.getByRole('spinbutton', { name: 'Height' }).fill('800');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      dialog.getByRole('button', { name: 'Save' }).click(),
    ]);
    const svg = readFileSync(await download.path()).toString('utf8');
    await dialog.waitFor({ state: 'hidden' });
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const xs = texts.filter((t) => /^x = -?\d+$/.test(t)).map((t) => Number(t.slice(4)));
    expect(xs).toHaveLength(4);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // Both hemispheres: AAL3 spans x -71..+71 mm.
    expect(xs[0]).toBeLessThan(-20);
    expect(xs[3]).toBeGreaterThan(20);
    expect(svg.match(/<image /g)).toHaveLength(4);
    // The colour bar is shared with the lightbox.
    expect(texts).toContain(`threshold ${threshold}`);
    // Back to one view for the scene test below.
    await page.getByRole('button', { name: 'Export figure', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Layout' }).selectOption({ label: 'The current view' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 180_000);

  it('saves the scene, and a fresh window that opens it shows the same picture', async () => {
    const sceneBytes = await save(page, 'Save scene');
    const scene = parseSceneText(sceneBytes.toString('utf8'));
    expect(scene.atlases.map((a) => [a.id, a.variant])).toEqual([['aal3', '2mm']]);
    expect(scene.maps.map((m) => [m.path, m.posThreshold])).toEqual([['zmap.nii.gz', Number(threshold)]]);
    // The map's outline, threshold link and cluster report options are kept too (the window's defaults here).
    const { outline, linked, minSize, connectivity } = scene.maps[0];
    expect({ outline, linked, minSize, connectivity }).toEqual({
      outline: false,
      linked: true,
      minSize: 0,
      connectivity: 26,
    });
    const sceneFile = join(dir, 'view.brainscene.json');
    writeFileSync(sceneFile, sceneBytes);
    const before = await canvasShot(page);

    const fresh = await openWindow();
    await fresh.getByLabel('Open scene', { exact: true }).setInputFiles([sceneFile, mapFile]);
    await expect
      .poll(
        () =>
          fresh
            .getByRole('list', { name: /Overlay layers/ })
            .getByRole('listitem')
            .count(),
        { timeout: 60_000 },
      )
      .toBe(1);
    await drawn(fresh, 60_000);
    expect(await fresh.getByRole('spinbutton', { name: 'Threshold', exact: true }).inputValue()).toBe(threshold);
    expect(await fresh.getByRole('combobox', { name: 'Atlas', exact: true }).inputValue()).toBe('aal3');
    // The Resolution picker says what the scene draws (AAL3 at 2 mm), not "Finest available".
    expect(await fresh.getByRole('combobox', { name: 'Resolution' }).inputValue()).toBe('2');
    const after = await canvasShot(fresh);
    // The same picture to within a pixel's place: a view of fractional height (252.8 px) is drawn half a pixel apart
    // in two windows whose layouts came about differently (1.4 % of pixels differ, all on edges).
    expect(differingBeyondNeighbours(before, after)).toBeLessThan(0.002);
  }, 240_000);

  it('puts back a scene File > Open scene… sends from the main process, naming its problems', async () => {
    // What the Electron preload dispatches after the main process read the scene and opened its maps.
    const scene = parseSceneText(readFileSync(join(dir, 'view.brainscene.json'), 'utf8'));
    scene.maps[0].posThreshold = 3;
    scene.maps[0].negThreshold = 3;
    scene.maps[0].minSize = 4;
    scene.figure.layout = 'slices';
    const detail = JSON.stringify({ sceneText: JSON.stringify(scene), problems: ['map other.nii.gz is missing'] });
    await page.evaluate((d) => window.dispatchEvent(new CustomEvent('brain-atlas:open-scene', { detail: d })), detail);
    await expect
      .poll(() => page.getByRole('spinbutton', { name: 'Threshold', exact: true }).inputValue(), { timeout: 60_000 })
      .toBe('3');
    expect(await page.getByRole('spinbutton', { name: 'Minimum cluster size', exact: true }).inputValue()).toBe('4');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'other.nii.gz' }).count(), { timeout: 60_000 })
      .toBe(1);
    await page.getByRole('button', { name: 'Export figure', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export figure' });
    expect(await dialog.getByRole('combobox', { name: 'Layout' }).inputValue()).toBe('slices');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 180_000);

  it('labels the isolated regions when "Label regions" is checked', async () => {
    const scene = defaultScene();
    scene.atlases = [{ slot: 0, id: 'aal3', variant: '2mm', sha256: null, opacity: 1 }];
    scene.view.isolated = ['aal3:1', 'aal3:69']; // Precentral_L, Angular_L
    scene.figure = { ...scene.figure, layout: 'current', labels: [] };
    scene.camera = { view: 'left-lateral', position: null, target: null, up: null };
    const detail = JSON.stringify({ sceneText: JSON.stringify(scene), problems: [] });
    await page.evaluate((d) => window.dispatchEvent(new CustomEvent('brain-atlas:open-scene', { detail: d })), detail);
    await drawn(page, 60_000);
    await page.getByRole('button', { name: 'Export figure', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export figure' });
    const label = dialog.getByRole('checkbox', { name: 'Label regions' });
    // The hint names how many regions it would label: the two isolated.
    await expect
      .poll(() => dialog.getByText(/Labels the isolated regions/).innerText(), { timeout: 60_000 })
      .toContain(': 2 now');
    expect(await label.isChecked()).toBe(false);
    await label.check();
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: 'SVG' });
    await dialog.getByRole('spinbutton', { name: 'Width' }).fill('1600');
    await dialog.getByRole('spinbutton', { name: 'Height' }).fill('1000');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      dialog.getByRole('button', { name: 'Save' }).click(),
    ]);
    const svg = readFileSync(await download.path()).toString('utf8');
    await dialog.waitFor({ state: 'hidden' });
    const names = [...svg.matchAll(/<g class="region-label">.*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(['Angular_L', 'Precentral_L']);
  }, 180_000);
});
