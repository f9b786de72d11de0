/**
 * The cortical surface view end to end (browser build, Chromium, software WebGL, real fsaverage5 and atlases):
 * with Schaefer 400x7 drawn and a synthetic z-map open, "Surface: Inflated" draws both hemispheres with the
 * Schaefer colours and the map's red-yellow where it passes the threshold (and none above the map's peak), its
 * colour scale laid over the view;
 * hovering the surface names a Schaefer region and gives the map's value at the vertex (with a second map, each
 * map's, named, on both hemispheres), the tooltip inside the view near its sides; a click puts the yellow 3D
 * cursor on the clicked point of the inflated surface (not at its MNI place), and What's here's box shows the point
 * its list describes (the pointer's while hovering, the cursor's after); Off brings the volume back, and there
 * the map is painted on Schaefer's regions where it passes the threshold, and its blob inside them shows through.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../core/api';
import type { WebServer } from '../../main/web/web-server';
import { blobZMap, mni2mmMap } from '../helpers/blob-map';
import {
  brainUnderScales,
  browserReady,
  canvas3d,
  chooseAtlasAt2mm,
  drawn,
  openApp,
  realAtlasService,
  shot3d,
  shotsWithAndWithoutMap,
} from '../helpers/browser';
import { SHARED } from '../helpers/shared-atlases';
import type { Image } from '../helpers/png';
import { changedPixels, fromBackground, isWarm, warmAdded } from '../helpers/pixels';

const ready = browserReady('surface');
if (!SHARED) console.warn('surface e2e tests skipped: no atlas folder (set BRAIN_ATLAS_PATH)');

/** A blob on the left precentral gyrus, big enough to reach the cortex at threshold 2. */
const BLOB = { peak: 6, at: [-38, -22, 56] as [number, number, number], sigma: 7 };

/** 1.5 on the left half of the 2 mm MNI152 grid (x < 0), NaN (no value) on the right. */
const leftHalfMap = () => mni2mmMap((x) => (x < 0 ? 1.5 : Number.NaN));

/** The centre of the pixels warmAdded counts, in the picture's pixels. */
function warmAddedCentre(withMap: Image, without: Image): [number, number] {
  let [sx, sy] = [0, 0];
  const n = changedPixels(withMap, without, (o) => {
    if (!isWarm(withMap, o)) return false;
    sx += (o / 4) % withMap.width;
    sy += Math.floor(o / 4 / withMap.width);
    return true;
  });
  return [sx / n, sy / n];
}

/** Whether the pixel at byte offset `o` is not the 3D view's background (#161a22): something is drawn there. */
const isDrawn = (img: Image, o: number) => fromBackground(img, o) > 30;

/** The mean saturation (max − min of r, g, b, 0..255) of the drawn pixels: how colourful what is drawn is. */
function meanSaturation(img: Image): number {
  let [sum, n] = [0, 0];
  const d = img.data;
  for (let o = 0; o < d.length; o += 4) {
    if (!isDrawn(img, o)) continue;
    sum += Math.max(d[o], d[o + 1], d[o + 2]) - Math.min(d[o], d[o + 1], d[o + 2]);
    n++;
  }
  return sum / Math.max(n, 1);
}

/** Pixels that are drawn. */
function drawnPixels(img: Image): number {
  let n = 0;
  for (let o = 0; o < img.data.length; o += 4) if (isDrawn(img, o)) n++;
  return n;
}

/**
 * The smallest gap between what is drawn and the picture's sides, in pixels (0: the view cuts it off). The last row
 * is left out: the element's screenshot ends in a row the fractional-height canvas only partly covers.
 */
function marginOfDrawn(img: Image): number {
  let [x0, y0, x1, y1] = [img.width, img.height, -1, -1];
  for (let y = 0; y < img.height - 1; y++)
    for (let x = 0; x < img.width; x++)
      if (isDrawn(img, (y * img.width + x) * 4))
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  return Math.min(x0, y0, img.width - 1 - x1, img.height - 2 - y1);
}

describe.skipIf(!ready || !SHARED)('the cortical surface view', () => {
  let api: AtlasApi;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bas-surface-'));
  const mapFile = join(dir, 'zmap_motor.nii.gz');
  const leftHalfFile = join(dir, 'lefthalf.nii.gz');
  const save = (name: string, bytes: Buffer) => {
    if (process.env.E2E_SHOTS) writeFileSync(join(process.env.E2E_SHOTS, name), bytes);
  };

  beforeAll(async () => {
    writeFileSync(mapFile, blobZMap([BLOB]));
    api = await realAtlasService();
    ({ server, browser, page, errors } = await openApp(api, {
      viewport: { width: 1280, height: 900 },
      shaderErrors: true,
    }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const surface = () => page.getByRole('combobox', { name: 'Surface', exact: true });
  let inflated: Image;

  it('draws the map on the inflated surface where it passes the threshold', async () => {
    await chooseAtlasAt2mm(page, 'schaefer-400-7');
    await page.getByLabel('Open map', { exact: true }).setInputFiles(mapFile);
    await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill('2');
    await drawn(page, 60_000);
    await surface().selectOption({ label: 'Inflated (fsaverage5)' });
    await drawn(page, 60_000);
    const img = await shot3d(page);
    inflated = img;
    save('surface-inflated.png', await page.screenshot());
    expect(drawnPixels(img)).toBeGreaterThan(img.width * img.height * 0.1);
    // The inflated hemispheres reach well past the MNI152 brain: the camera frames them whole.
    expect(marginOfDrawn(img)).toBeGreaterThan(2);
    // The view carries the map's colour scale, its threshold marked (laid over the view, left out of shot3d).
    const scales = page.getByRole('region', { name: 'Colour scales of the maps shown' });
    expect(await scales.getByRole('img').getAttribute('aria-label')).toMatch(
      /^Colour scale of zmap_motor\.nii\.gz: (-6 … -2, )?2 … 6$/,
    );
    // The picture moves aside from the scales: no part of the brain is under them, here and with the report hidden
    // (a taller view).
    for (const report of ['Hide report', 'Show report']) {
      expect(await brainUnderScales(page), report).toBe(0);
      await page.getByRole('button', { name: report, exact: true }).click();
      await drawn(page, 60_000);
    }
    // The map's colours are where the map is: at opacity 0 they go. (Its scale stays, and so does the picture, which
    // moves aside from the scales: both pictures have them.)
    const opacity = page.getByRole('slider', { name: 'Map opacity' });
    const withoutColours = async () => {
      await opacity.fill('0');
      await drawn(page, 60_000);
      const shot = await shot3d(page);
      await opacity.fill('1');
      return shot;
    };
    const without = await withoutColours();
    save('surface-no-map.png', await page.screenshot());
    expect(warmAdded(img, without)).toBeGreaterThan(100);
    // Hiding the map takes its scale away.
    const show = page.getByRole('checkbox', { name: 'Show zmap_motor.nii.gz' });
    await show.uncheck();
    await drawn(page, 60_000);
    expect(await scales.count()).toBe(0);
    await show.check();
    await drawn(page, 60_000);
    // Above the map's peak nothing passes: the surface looks as it does without the map's colours. (The cluster
    // report's height changes with the threshold, and the 3D view's with it: both pictures are taken at this threshold.)
    await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill('7');
    await drawn(page, 60_000);
    const above = await shot3d(page);
    save('surface-above-peak.png', await page.screenshot());
    expect(warmAdded(above, await withoutColours())).toBeLessThan(5);
    await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill('2');
    await drawn(page, 60_000);
    expect(errors).toEqual([]);
  }, 180_000);

  it('names the Schaefer region under the pointer and gives each map value there, inside the view', async () => {
    const canvas = page.getByRole('region', { name: '3D view' }).locator('canvas');
    let box = (await canvas.boundingBox())!;
    // The default view looks at the left hemisphere from the left: its middle is cortex.
    const tooltip = page.getByRole('tooltip');
    const hoverAt = async (fx: number, fy: number) => {
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
      return (await tooltip.isVisible().catch(() => false)) ? tooltip.innerText() : '';
    };
    let named = '';
    let at: [number, number] = [0, 0];
    for (const [fx, fy] of [
      [0.5, 0.45],
      [0.45, 0.4],
      [0.55, 0.5],
    ] as [number, number][]) {
      named = await hoverAt(fx, fy);
      at = [fx, fy];
      if (named) break;
    }
    expect(named).toMatch(/Schaefer/);
    expect(named).toMatch(/7Networks_LH_/);
    // One map: the plain line.
    expect(named).toMatch(/Map value: (-?[\d.]+(e-?\d+)?|none)/);
    save('surface-hover.png', await page.screenshot());

    // A second map on top, 1.5 on the left half of the brain and none on the right: one line per map, top first,
    // each naming its file, on both hemispheres (the top map's "none" on the right hides the other's value no more).
    writeFileSync(leftHalfFile, leftHalfMap());
    await page.getByLabel('Open map', { exact: true }).setInputFiles(leftHalfFile);
    await drawn(page, 60_000);
    // The cluster report follows the new map: the panels below may have taken some of the view's height.
    box = (await canvas.boundingBox())!;
    const number = '-?[\\d.]+(e-?\\d+)?';
    const twoMaps = (top: string) =>
      new RegExp(`Map value\\nlefthalf\\.nii\\.gz: ${top}\\nzmap_motor\\.nii\\.gz: ${number}`);
    // Moved a little each time (the same place twice makes no pointer event) until the map's values have arrived.
    let nudge = 0;
    await expect
      .poll(() => hoverAt(at[0] + (nudge++ % 2) * 0.002, at[1]), { timeout: 30_000 })
      .toMatch(twoMaps('1\\.5'));
    save('surface-hover-two-maps.png', await page.screenshot());

    // Near the bottom and the right side of the view the tooltip opens above (left of) the pointer: all of it
    // stays inside the view, off the status line and the slice views' toolbar below.
    const inside = async (fx: number, fy: number) => {
      const tip = (await tooltip.boundingBox())!;
      const [px, py] = [box.x + box.width * fx, box.y + box.height * fy];
      expect(tip.y + tip.height).toBeLessThanOrEqual(box.y + box.height);
      expect(tip.x + tip.width).toBeLessThanOrEqual(box.x + box.width);
      expect(tip.y).toBeGreaterThanOrEqual(box.y);
      expect(tip.x).toBeGreaterThanOrEqual(box.x);
      return { tip, px, py };
    };
    let low = 0;
    for (let fy = 0.97; fy > 0.5 && !low; fy -= 0.03)
      for (const fx of [0.5, 0.4, 0.6])
        if (await hoverAt(fx, fy)) {
          const { tip, py } = await inside(fx, fy);
          // Pointer + 16 px would have run past the bottom: it opened above.
          expect(py + 16 + tip.height).toBeGreaterThan(box.y + box.height);
          expect(tip.y + tip.height).toBeLessThan(py);
          low = fy;
          break;
        }
    expect(low).toBeGreaterThan(0);
    save('surface-hover-bottom.png', await page.screenshot());
    let right = 0;
    for (let fx = 0.97; fx > 0.6 && !right; fx -= 0.03)
      if (await hoverAt(fx, 0.45)) {
        const { tip, px } = await inside(fx, 0.45);
        expect(px + 16 + tip.width).toBeGreaterThan(box.x + box.width);
        expect(tip.x + tip.width).toBeLessThan(px);
        right = fx;
      }
    expect(right).toBeGreaterThan(0);
    save('surface-hover-right.png', await page.screenshot());

    // The right hemisphere: the top map has no value there, the one beneath does, and both say so.
    await page.mouse.move(1, 1);
    await page.getByRole('button', { name: 'Right lateral', exact: true }).click();
    await drawn(page, 60_000);
    let onRight = '';
    for (const [fx, fy] of [
      [0.5, 0.45],
      [0.55, 0.4],
      [0.45, 0.5],
    ] as [number, number][]) {
      onRight = await hoverAt(fx, fy);
      if (onRight) break;
    }
    expect(onRight).toMatch(/7Networks_RH_/);
    expect(onRight).toMatch(twoMaps('none'));
    save('surface-hover-right-hemisphere.png', await page.screenshot());
    await page.mouse.move(1, 1);
    await page.getByRole('button', { name: 'Remove lefthalf.nii.gz', exact: true }).click();
    await page.getByRole('button', { name: 'Left lateral', exact: true }).click();
    await drawn(page, 60_000);
    expect(errors).toEqual([]);
  }, 120_000);

  it('keeps the surface view, and the height given to the slice views, across a reload', async () => {
    // The slice views made 64 px shorter with the arrow keys on their bar.
    const slicesBar = page.getByRole('separator', { name: /Resize the slice views/ });
    const slicesHeight = () =>
      page.locator('.slice-panel').evaluate((e) => Math.round(e.getBoundingClientRect().height));
    const before = await slicesHeight();
    await slicesBar.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(slicesHeight).toBe(before - 64);
    await page.waitForTimeout(1500); // the session is saved about a second after a change
    await page.reload();
    await expect.poll(() => surface().inputValue(), { timeout: 60_000 }).toBe('inflated');
    await expect.poll(slicesHeight).toBe(before - 64);
    await drawn(page, 90_000);
    expect(drawnPixels(await shot3d(page))).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  }, 120_000);

  it('draws the 3D cursor on the clicked point of the inflated surface, and the box says what the list does', async () => {
    // Seen from the right: a point of the right hemisphere, whose inflated surface is far from its MNI place.
    await page.getByRole('button', { name: 'Right lateral', exact: true }).click();
    await drawn(page, 60_000);
    const view = (await canvas3d(page).boundingBox())!;
    const coordinate = page.getByRole('textbox', { name: 'MNI coordinate' });
    const here = page.getByRole('region', { name: "What's here" });
    await coordinate.fill('');
    await coordinate.press('Enter');
    await drawn(page, 60_000);
    const noCursor = await shot3d(page);
    // A click on a region moves the cursor (off the medial wall): the box shows it once the pointer has left.
    let clicked: [number, number] | null = null;
    for (const [fx, fy] of [
      [0.62, 0.5],
      [0.58, 0.45],
      [0.55, 0.55],
      [0.5, 0.5],
    ]) {
      const at: [number, number] = [Math.round(view.width * fx), Math.round(view.height * fy)];
      await page.mouse.click(view.x + at[0], view.y + at[1]);
      await page.mouse.move(1, 1);
      await page.waitForTimeout(300);
      if ((await coordinate.inputValue()) !== '') {
        clicked = at;
        break;
      }
    }
    expect(clicked).not.toBeNull();
    const cursor = await coordinate.inputValue();
    expect(Number(cursor.split(',')[0])).toBeGreaterThan(0);
    await drawn(page, 60_000);
    const withCursor = await shot3d(page);
    save('surface-cursor.png', await page.screenshot());
    // The marker's yellow (#ffcc00), where the picture without a cursor has none: centred on the click (within the
    // marker's size and the distance to the nearest vertex), not at the MNI point (some 50 px away).
    const d = withCursor.data;
    let [sx, sy, n] = [0, 0, 0];
    for (let i = 0; i < withCursor.width * withCursor.height; i++) {
      const o = 4 * i;
      const yellow = d[o] > 200 && d[o + 1] > 150 && d[o + 1] < 230 && d[o + 2] < 80;
      const changed =
        Math.abs(d[o] - noCursor.data[o]) +
          Math.abs(d[o + 1] - noCursor.data[o + 1]) +
          Math.abs(d[o + 2] - noCursor.data[o + 2]) >
        60;
      if (!yellow || !changed) continue;
      sx += i % withCursor.width;
      sy += Math.floor(i / withCursor.width);
      n++;
    }
    expect(n).toBeGreaterThan(10);
    const [cx, cy] = [sx / n, sy / n];
    expect(Math.hypot(cx - clicked![0], cy - clicked![1])).toBeLessThan(12);

    // Hovering another point: the box shows that point, marked as the pointer's, as the list below does; leaving
    // the view brings the cursor back.
    await page.mouse.move(view.x + view.width * 0.45, view.y + view.height * 0.4);
    await expect.poll(() => coordinate.getAttribute('data-source')).toBe('pointer');
    const hovered = await coordinate.inputValue();
    expect(hovered).not.toBe(cursor);
    await expect.poll(() => here.locator('[data-field="point"]').innerText()).toBe(`At MNI ${hovered}`);
    expect(await here.locator('[data-field="point-source"]').innerText()).toBe('Under the pointer');
    await page.mouse.move(1, 1);
    await expect.poll(() => coordinate.inputValue()).toBe(cursor);
    expect(await coordinate.getAttribute('data-source')).toBe('cursor');
    expect(await here.locator('[data-field="point"]').innerText()).toBe(`At MNI ${cursor}`);
    expect(errors).toEqual([]);
  }, 120_000);

  it('goes back to the volume when the surface is turned off', async () => {
    await page.mouse.move(1, 1);
    await surface().selectOption({ label: 'Off (regions in the volume)' });
    await drawn(page, 60_000);
    // The volume's Schaefer meshes in place of the inflated hemispheres: a different picture.
    const volume = await shot3d(page);
    expect(drawnPixels(volume)).toBeGreaterThan(volume.width * volume.height * 0.1);
    expect(changedPixels(inflated, volume)).toBeGreaterThan(volume.width * volume.height * 0.05);
  }, 60_000);

  it('zooms out as the regions are exploded, so they stay in the view', async () => {
    // From above, the unexploded brain fills most of the view's height: fully exploded it would reach past the
    // view's edges if the camera did not follow.
    await page.getByRole('button', { name: 'Superior', exact: true }).click();
    await drawn(page, 60_000);
    const still = await shot3d(page);
    const explode = page.getByRole('slider', { name: 'Explode' });
    await explode.fill('1');
    await drawn(page, 60_000);
    const exploded = await shot3d(page);
    await explode.fill('0');
    await drawn(page, 60_000);
    expect(changedPixels(still, exploded)).toBeGreaterThan(still.width * still.height * 0.05);
    const edge = (img: Image) => {
      let n = 0;
      for (let x = 0; x < img.width; x++)
        for (const y of [0, 1, img.height - 2, img.height - 1]) if (isDrawn(img, 4 * (y * img.width + x))) n++;
      for (let y = 0; y < img.height; y++)
        for (const x of [0, 1, img.width - 2, img.width - 1]) if (isDrawn(img, 4 * (y * img.width + x))) n++;
      return n;
    };
    // The cursor's lines cross the whole view: only they may reach its edges.
    expect(edge(still)).toBeLessThan(40);
    expect(edge(exploded)).toBeLessThan(40);
    // Still large: the exploded brain spans over half the view's height.
    let [top, bottom] = [exploded.height, 0];
    for (let o = 0; o < exploded.data.length; o += 4) {
      if (!isDrawn(exploded, o)) continue;
      const y = Math.floor(o / 4 / exploded.width);
      [top, bottom] = [Math.min(top, y), Math.max(bottom, y)];
    }
    expect(bottom - top).toBeGreaterThan(exploded.height / 2);
  }, 60_000);

  it("paints the map on the atlas's solid regions, and shows blobs inside them through them", async () => {
    // The template brain is hidden (chooseAtlasAt2mm): the colours can only be on the regions. From above, the
    // blob reaches the cortex at threshold 1 (13 mm from its peak).
    await page.getByRole('button', { name: 'Superior', exact: true }).click();
    const threshold = page.getByRole('spinbutton', { name: 'Threshold', exact: true });
    const withAndWithout = () => shotsWithAndWithoutMap(page);
    await threshold.fill('1');
    const atOne = await withAndWithout();
    save('regions-map.png', await page.screenshot());
    expect(warmAdded(...atOne)).toBeGreaterThan(100);
    // Hovering the painted patch names the region and gives the map's value at the point, as What's here does.
    const [cx, cy] = warmAddedCentre(...atOne);
    const box = (await page.getByRole('region', { name: '3D view' }).locator('canvas').boundingBox())!;
    const [px, py] = [box.x + (cx * box.width) / atOne[0].width, box.y + (cy * box.height) / atOne[0].height];
    const tooltip = page.getByRole('tooltip');
    let nudge = 0;
    await expect
      .poll(
        async () => {
          await page.mouse.move(px + (nudge++ % 2), py);
          return (await tooltip.isVisible().catch(() => false)) ? tooltip.innerText() : '';
        },
        { timeout: 30_000 },
      )
      .toMatch(/7Networks_LH_[\s\S]*Map value: \d+(\.\d+)?/);
    await page.mouse.move(1, 1);
    // Above the map's peak nothing is painted.
    await threshold.fill('7');
    expect(warmAdded(...(await withAndWithout()))).toBeLessThan(5);
    // As blobs only, the blob inside the regions shows faintly through them (paler, over their colours).
    await threshold.fill('2');
    const mode = page.getByRole('combobox', { name: 'Maps in 3D' });
    await mode.selectOption({ label: 'Blobs in the glass brain' });
    const [blobs, none] = await withAndWithout();
    save('regions-hidden-blob.png', await page.screenshot());
    expect(changedPixels(blobs, none)).toBeGreaterThan(100);
    // Only in the hemisphere facing the camera: the left blob shows through the left hemisphere seen from the left,
    // never through the right one seen from the right (where it would read as a right-sided cluster).
    const side = async (name: string) => {
      await page.getByRole('button', { name, exact: true }).click();
      return changedPixels(...(await withAndWithout()));
    };
    expect(await side('Left lateral')).toBeGreaterThan(100);
    expect(await side('Right lateral')).toBeLessThan(5);
    // Exploded apart, the regions leave the blobs where they were: blobs would stand in the gaps, so none is drawn.
    await page.getByRole('button', { name: 'Superior', exact: true }).click();
    const explode = page.getByRole('slider', { name: 'Explode' });
    await explode.fill('1');
    const exploded = changedPixels(...(await withAndWithout()));
    await explode.fill('0');
    expect(exploded).toBeLessThan(5);
    // Regions a map shows over are muted toward grey, so the map's colours are not taken for theirs; with no map in
    // 3D they have their own colours back.
    await mode.selectOption({ label: 'Not in 3D' });
    await drawn(page, 60_000);
    const plain = meanSaturation(await shot3d(page));
    expect(plain).toBeGreaterThan(meanSaturation(atOne[1]) * 1.8);
    expect(plain).toBeGreaterThan(meanSaturation(none) * 1.8);
    await mode.selectOption({ label: 'Surface and blobs' });
    await drawn(page, 60_000);
    expect(errors).toEqual([]);
  }, 120_000);
});
