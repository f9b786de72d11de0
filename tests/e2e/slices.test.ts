/**
 * The three linked slice views end to end (browser build, Debian's Chromium, software WebGL, real atlases): found
 * by role and name; a typed coordinate puts the crosshair where an independent computation (the view's size and
 * the template grid's world box from the engine) says it belongs; a click moves the cursor; arrows and the wheel
 * step one template voxel; AAL3 is drawn in its own colours in Filled mode and only as outlines in Outline mode;
 * the pointer over a slice feeds What's here; the region under the pointer in the 3D view lights up in the slices.
 * 2 mm data keeps software GL fast.
 */
import { type Browser, type Locator, type Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invertAffine, mat4 } from '../../core/affine';
import type { AtlasApi, AtlasSummary, Vec3 } from '../../core/api';
import { decodeTemplateImage } from '../../core/mesh/codec';
import type { TemplateImage } from '../../core/atlas/template-image';
import type { WebServer } from '../../main/web/web-server';
import { browserReady, canvas3d, chooseAtlasAt2mm, drawn, openApp, realAtlasService, shot3d } from '../helpers/browser';
import { blobZMap } from '../helpers/blob-map';
import { type Rgb, pointInside } from '../helpers/pixels';
import { type Image, decodePng } from '../helpers/png';
import {
  AXES,
  type Plane,
  crosshairLines,
  expectedPixel,
  isCrosshair,
  parsePoint,
  timeRedraws,
  worldOfPixel,
} from '../helpers/slice-geometry';
import { SHARED } from '../helpers/shared-atlases';

const ready = browserReady('slice views');
if (!SHARED)
  console.warn('slice views e2e tests skipped: no atlas folder (set BRAIN_ATLAS_PATH to a copy of ../shared/atlases)');

describe.skipIf(!ready || !SHARED)('slice views', () => {
  let api: AtlasApi;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let template: TemplateImage;
  let aal3: AtlasSummary;
  const views = (): Record<Plane, Locator> => ({
    Axial: page.getByRole('application', { name: 'Axial' }),
    Coronal: page.getByRole('application', { name: 'Coronal' }),
    Sagittal: page.getByRole('application', { name: 'Sagittal' }),
  });
  const box = () => page.getByRole('textbox', { name: 'MNI coordinate' });
  const size = (l: Locator) => l.evaluate((e) => [e.clientWidth, e.clientHeight] as [number, number]);
  const voxel = () => Math.abs(template.affine[0]);

  /** Waits until the slices are drawn with every layer, and (when given) showing the cursor at `cursor`. */
  async function slicesDrawn(cursor?: Vec3): Promise<void> {
    await page.waitForFunction(
      (want) => {
        const grid = document.querySelector<HTMLElement>('.slice-grid');
        if (!grid || grid.dataset.ready !== 'true') return false;
        if (!want) return true;
        return [...document.querySelectorAll<HTMLElement>('.slice-view')].every((v) => v.dataset.cursor === want);
      },
      cursor ? cursor.join(',') : null,
      { timeout: 30_000, polling: 50 },
    );
  }

  async function typeCoordinate(p: Vec3): Promise<void> {
    await box().fill(p.join(', '));
    await box().press('Enter');
    await slicesDrawn(p);
  }

  async function reportTiming(what: string): Promise<void> {
    // A cursor move redraws the 3D view too (its cursor marker); a zoom step redraws the slices alone.
    const move = await timeRedraws(page, ['ArrowRight', 'ArrowLeft']);
    const zoom = await timeRedraws(page, ['+', '-']);
    const [w, h] = await size(views().Axial);
    console.info(
      `slice views, 3 x ${w}x${h} px, ${what} (medians of 12, software GL): cursor move to slices on screen ${move.total.toFixed(0)} ms ` +
        `(submitting the draw ${move.draw.toFixed(0)} ms); slices alone (zoom step) ${zoom.total.toFixed(0)} ms (submitting ${zoom.draw.toFixed(0)} ms)`,
    );
  }

  beforeAll(async () => {
    api = await realAtlasService();
    template = decodeTemplateImage(await api.getTemplateImage({ id: 'mni152', res: 2 }));
    aal3 = await api.openAtlas({ id: 'aal3', res: 2 });
    ({ server, browser, page, errors } = await openApp(api, { shaderErrors: true }));
    await chooseAtlasAt2mm(page, 'aal3');
    await slicesDrawn();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has three focusable views named Axial, Coronal and Sagittal', async () => {
    for (const v of Object.values(views())) {
      expect(await v.count()).toBe(1);
      expect(await v.getAttribute('tabindex')).toBe('0');
      const [w, h] = await size(v);
      expect(w).toBeGreaterThan(100);
      expect(h).toBeGreaterThan(100);
    }
    expect(await page.getByRole('combobox', { name: 'Atlas display' }).count()).toBe(1);
  });

  it('draws the crosshair where a typed coordinate is, in every view', async () => {
    const p: Vec3 = [-44, 14, 8];
    await typeCoordinate(p);
    for (const [plane, v] of Object.entries(views()) as [Plane, Locator][]) {
      const [w, h] = await size(v);
      const img = decodePng(await v.screenshot());
      const [ex, ey] = expectedPixel(template, plane, w, h, p);
      const found = crosshairLines(img);
      // Two full lines across the view, crossing on the pixel the point falls in.
      expect(found.xCount, `${plane} vertical line`).toBeGreaterThan(img.height * 0.6);
      expect(found.yCount, `${plane} horizontal line`).toBeGreaterThan(img.width * 0.6);
      expect(Math.abs(found.x - Math.floor(ex)), `${plane} x: found ${found.x}, expected ${ex}`).toBeLessThanOrEqual(1);
      expect(Math.abs(found.y - Math.floor(ey)), `${plane} y: found ${found.y}, expected ${ey}`).toBeLessThanOrEqual(1);
    }
    // The voxel indices of the template grid, beside the coordinate.
    const inv = invertAffine(mat4(template.affine));
    const ijk = [0, 1, 2].map((a) =>
      Math.round(inv[a * 4] * p[0] + inv[a * 4 + 1] * p[1] + inv[a * 4 + 2] * p[2] + inv[a * 4 + 3]),
    );
    expect(await page.locator('[data-field="voxel"]').innerText()).toBe(ijk.join(', '));
  });

  it('moves the cursor to a clicked point (a voxel centre) and steps one voxel with the arrow keys and wheel', async () => {
    await typeCoordinate([-44, 14, 8]);
    const axial = views().Axial;
    const [w, h] = await size(axial);
    const x = Math.round(w * 0.62);
    const y = Math.round(h * 0.35);
    await axial.click({ position: { x, y } });
    // Independent answer: the world point under that pixel, snapped in-plane to the nearest template voxel centre.
    const raw = worldOfPixel(template, 'Axial', w, h, x, y, 8);
    const inv = invertAffine(mat4(template.affine));
    const A = template.affine;
    const ijk = [0, 1, 2].map((a) =>
      Math.round(inv[a * 4] * raw[0] + inv[a * 4 + 1] * raw[1] + inv[a * 4 + 2] * raw[2] + inv[a * 4 + 3]),
    );
    const snapped = [0, 1].map((a) => A[a * 4] * ijk[0] + A[a * 4 + 1] * ijk[1] + A[a * 4 + 2] * ijk[2] + A[a * 4 + 3]);
    await expect.poll(async () => parsePoint(await box().inputValue())[2]).toBe(8);
    const clicked = parsePoint(await box().inputValue());
    expect(clicked[0]).toBeCloseTo(snapped[0], 1);
    expect(clicked[1]).toBeCloseTo(snapped[1], 1);
    await slicesDrawn(clicked);

    // The axial view has focus after the click: ArrowRight steps x by one template voxel.
    await axial.press('ArrowRight');
    await expect.poll(async () => parsePoint(await box().inputValue())[0]).toBeCloseTo(clicked[0] + voxel(), 5);
    await axial.press('ArrowUp');
    await expect.poll(async () => parsePoint(await box().inputValue())[1]).toBeCloseTo(clicked[1] + voxel(), 5);
    await axial.press('PageUp');
    await expect.poll(async () => parsePoint(await box().inputValue())[2]).toBeCloseTo(8 + voxel(), 5);
    // The wheel over the coronal view moves its slice (y) by one voxel.
    const coronal = views().Coronal;
    await coronal.hover();
    await page.mouse.wheel(0, 100);
    await expect.poll(async () => parsePoint(await box().inputValue())[1]).toBeCloseTo(clicked[1], 5);
    const now = parsePoint(await box().inputValue());
    await slicesDrawn(now);
    expect(await views().Coronal.getAttribute('data-slice')).toBe(String(now[1]));
  });

  it('draws AAL3 in its region colours when Filled, and only outlines when Outline', async () => {
    await typeCoordinate([-44, 14, 8]);
    await page.getByRole('slider', { name: 'Atlas fill opacity' }).fill('1');
    const axial = views().Axial;
    const [w, h] = await size(axial);
    const [cx, cy] = expectedPixel(template, 'Axial', w, h, [-44, 14, 8]);
    // Candidate pixels a few pixels off the crosshair; keep one whose pixel and four neighbours are one region.
    const candidates: [number, number][] = [];
    for (const dx of [-6, -4, 4, 6])
      for (const dy of [-6, -4, 4, 6]) candidates.push([Math.floor(cx) + dx, Math.floor(cy) + dy]);
    const points = candidates.flatMap(([x, y]) =>
      [
        [0, 0],
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ].map(([a, b]) => worldOfPixel(template, 'Axial', w, h, x + a, y + b, 8)),
    );
    const answers = await api.query({ points, atlases: ['aal3'], res: 2 });
    const at = candidates.findIndex((_, i) => {
      const vals = answers.slice(i * 5, i * 5 + 5).map((r) => r.atlases.aal3.value);
      return vals[0] !== 0 && vals.every((v) => v === vals[0]);
    });
    expect(at).toBeGreaterThanOrEqual(0);
    const value = answers[at * 5].atlases.aal3.value;
    const colour = aal3.regions.find((r) => r.value === value)!.color;
    const [px, py] = candidates[at];
    // Nothing is selected or hovered here: the region is drawn plainly.
    await page.getByRole('heading', { level: 1 }).hover();
    await slicesDrawn();
    const pixel = (img: Image) =>
      Array.from(img.data.subarray((py * img.width + px) * 4, (py * img.width + px) * 4 + 3));
    const filled = decodePng(await axial.screenshot());
    const got = pixel(filled);
    got.forEach((c, i) =>
      expect(Math.abs(c - colour[i]), `pixel ${got} vs region ${value} colour ${colour}`).toBeLessThanOrEqual(3),
    );

    await page.getByRole('combobox', { name: 'Atlas display' }).selectOption('outline');
    await slicesDrawn();
    const outlined = decodePng(await axial.screenshot());
    // Inside the region now shows the template (grey), not the region's colour...
    const inside = pixel(outlined);
    expect(Math.max(...inside) - Math.min(...inside)).toBeLessThanOrEqual(2);
    // ...and its boundary is drawn: pixels of the region's colour remain in the view.
    let edge = 0;
    for (let o = 0; o < outlined.data.length; o += 4) {
      if (colour.every((c, i) => Math.abs(outlined.data[o + i] - c) <= 3)) edge++;
    }
    expect(edge).toBeGreaterThan(5);
    await page.getByRole('combobox', { name: 'Atlas display' }).selectOption('filled');
  });

  it('lights up, in the slices, the region the pointer is on in the 3D view', async () => {
    await typeCoordinate([-44, 14, 8]);
    const [hit] = await api.query({ points: [[-44, 14, 8]], atlases: ['aal3'], res: 2 });
    const region = aal3.regions.find((r) => r.value === hit.atlases.aal3.value)!;
    // Lighter as in the 3D view: 35% of the way to white.
    const lit = region.color.map((c) => Math.round(c + (255 - c) * 0.35)) as Rgb;
    const countLit = async () => {
      const img = decodePng(await views().Axial.screenshot());
      let n = 0;
      for (let o = 0; o < img.data.length; o += 4) if (lit.every((c, i) => Math.abs(img.data[o + i] - c) <= 3)) n++;
      return n;
    };
    await page.getByRole('heading', { level: 1 }).hover();
    await slicesDrawn();
    expect(await countLit()).toBeLessThan(20);
    // The region faces the camera in the left lateral view: point at it there.
    await page.getByRole('button', { name: 'Left lateral' }).click();
    await drawn(page);
    const at = pointInside(await shot3d(page), region.color);
    expect(at, region.name).not.toBeNull();
    const b = (await canvas3d(page).boundingBox())!;
    await page.mouse.move(b.x + at![0], b.y + at![1]);
    await expect
      .poll(() =>
        page
          .getByRole('tooltip')
          .innerText()
          .catch(() => ''),
      )
      .toContain(region.name);
    await slicesDrawn();
    expect(await countLit()).toBeGreaterThan(100);
    // Outlined, the hovered region is still filled (lightly) so it can be found.
    await page.getByRole('combobox', { name: 'Atlas display' }).selectOption('outline');
    await slicesDrawn();
    const outlined = decodePng(await views().Axial.screenshot());
    const [w, h] = await size(views().Axial);
    const [cx, cy] = expectedPixel(template, 'Axial', w, h, [-44, 14, 8]);
    const o = (Math.floor(cy) * outlined.width + Math.floor(cx) + 3) * 4;
    const near = Array.from(outlined.data.subarray(o, o + 3));
    expect(Math.max(...near) - Math.min(...near), `pixel ${near} inside the hovered region is tinted`).toBeGreaterThan(
      10,
    );
    await page.getByRole('combobox', { name: 'Atlas display' }).selectOption('filled');
    await page.getByRole('heading', { level: 1 }).hover();
    await slicesDrawn();
    expect(await countLit()).toBeLessThan(20);
    await page.getByRole('button', { name: 'Reset view' }).click();
    await drawn(page);
  });

  it('zooms about the cursor and keeps it under the crosshair; Reset zoom restores the fit', async () => {
    const p: Vec3 = [-44, 14, 8];
    await typeCoordinate(p);
    const axial = views().Axial;
    const before = Number(await axial.getAttribute('data-mm-per-px'));
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await slicesDrawn();
    expect(Number(await axial.getAttribute('data-mm-per-px'))).toBeCloseTo(before / 1.25, 6);
    const [w, h] = await size(axial);
    const [ex, ey] = expectedPixel(template, 'Axial', w, h, p);
    const found = crosshairLines(decodePng(await axial.screenshot()));
    // Zooming about the cursor leaves it where it was on screen.
    expect(Math.abs(found.x - Math.floor(ex))).toBeLessThanOrEqual(1);
    expect(Math.abs(found.y - Math.floor(ey))).toBeLessThanOrEqual(1);
    // Zoomed in further, a typed point outside the view brings the view to it: the crosshair is at its centre.
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    await typeCoordinate([50, -90, 30]);
    const far = crosshairLines(decodePng(await axial.screenshot()));
    expect(Math.abs(far.x - Math.floor(w / 2))).toBeLessThanOrEqual(1);
    expect(Math.abs(far.y - Math.floor(h / 2))).toBeLessThanOrEqual(1);
    expect(far.xCount).toBeGreaterThan(h * 0.6);
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await slicesDrawn();
    expect(Number(await axial.getAttribute('data-mm-per-px'))).toBeCloseTo(before, 6);
  });

  it('times the slices redrawn after a cursor move (reported, not a pass mark)', async () => {
    await typeCoordinate([-44, 14, 8]);
    await reportTiming('2 mm template + AAL3');
  });

  it('draws a statistical map over the slices where its suprathreshold blob is', async () => {
    // A Gaussian blob (peak 6, sigma 4 mm) at (-44, 14, 8) on the 2 mm MNI grid; threshold 2.5: on the axial slice
    // through the peak it covers a disc of radius 4 * sqrt(2 ln(6 / 2.5)) = 5.29 mm.
    const file = join(mkdtempSync(join(tmpdir(), 'bas-slices-')), 'blob.nii.gz');
    writeFileSync(file, blobZMap([{ peak: 6, at: [-44, 14, 8], sigma: 4 }]));
    await typeCoordinate([-44, 14, 8]);
    await page.getByRole('combobox', { name: 'Atlas display' }).selectOption('outline');
    await page.getByRole('heading', { level: 1 }).hover();
    await slicesDrawn();
    await page.getByLabel('Open map', { exact: true }).setInputFiles(file);
    await page.getByRole('spinbutton', { name: 'Threshold', exact: true }).fill('2.5');
    await page.getByRole('combobox', { name: 'Sign', exact: true }).selectOption('positive');
    const overlaysDrawn = (want: string) =>
      page.waitForFunction((w) => document.querySelector<HTMLElement>('.slice-grid')?.dataset.overlays === w, want, {
        timeout: 30_000,
      });
    await overlaysDrawn('2.5/-');
    await page.getByRole('heading', { level: 1 }).hover();
    await slicesDrawn();
    const axial = views().Axial;
    const after = decodePng(await axial.screenshot());
    // The same view with the map hidden: the difference is what the map draws.
    const show = page.getByRole('checkbox', { name: 'Show blob.nii.gz' });
    await show.uncheck();
    await overlaysDrawn('');
    await slicesDrawn();
    const before = decodePng(await axial.screenshot());
    await show.check();
    await overlaysDrawn('2.5/-');
    const [w, h] = await size(axial);
    const [cx, cy] = expectedPixel(template, 'Axial', w, h, [-44, 14, 8]);
    const mm = Number(await axial.getAttribute('data-mm-per-px'));
    const radiusPx = (4 * Math.sqrt(2 * Math.log(6 / 2.5))) / mm;
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < after.height; y++)
      for (let x = 0; x < after.width; x++) {
        const o = (y * after.width + x) * 4;
        if (
          after.data[o] === before.data[o] &&
          after.data[o + 1] === before.data[o + 1] &&
          after.data[o + 2] === before.data[o + 2]
        )
          continue;
        if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= radiusPx + 1.5) inside++;
        else outside++;
      }
    // The changed pixels are the disc (its area within 40 %), and nothing changed elsewhere.
    const area = Math.PI * radiusPx ** 2;
    expect(inside).toBeGreaterThan(area * 0.6);
    expect(inside).toBeLessThan(area * 1.4);
    expect(outside).toBe(0);
    expect([before.width, before.height]).toEqual([after.width, after.height]);
    await page.getByRole('combobox', { name: 'Atlas display' }).selectOption('filled');
    await reportTiming('2 mm template + AAL3 + one map (1 mm grid)');
  });

  it("reports the point under the pointer to What's here when no cursor is set", async () => {
    await box().fill('');
    await box().press('Enter');
    const axial = views().Axial;
    const [w, h] = await size(axial);
    const here = page.getByRole('region', { name: "What's here" });
    // A point in an AAL3 region: where the slice is drawn depends on the view's size (the panels around it), so a few
    // places in the left hemisphere's cortex and deep grey matter are tried until one is in a region.
    let inRegion = false;
    for (const [fx, fy] of [
      [0.4, 0.5],
      [0.3, 0.5],
      [0.36, 0.32],
      [0.42, 0.62],
      [0.27, 0.4],
    ]) {
      await axial.hover({ position: { x: Math.round(w * fx), y: Math.round(h * fy) } });
      inRegion = await here
        .locator('[data-atlas="aal3"]')
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (inRegion) break;
    }
    expect(inRegion).toBe(true);
    const shown = await box().inputValue();
    const [engine] = await api.query({ points: [parsePoint(shown)], atlases: ['aal3'], res: 2 });
    expect(await here.locator('[data-atlas="aal3"]').getAttribute('data-value')).toBe(
      String(engine.atlases.aal3.value),
    );
    // The point is written as the box writes it: a tenth of a millimetre, not the pointer's raw floats.
    expect(await here.locator('[data-field="point"]').innerText()).toBe(`At MNI ${shown}`);
    expect(errors).toEqual([]);
  });

  it('draws the ROI spheres of a coordinate atlas the slice cuts, as circles where they are', async () => {
    const power = await api.openAtlas({ id: 'power-264' });
    await page.getByRole('combobox', { name: 'Second atlas' }).selectOption('power-264');
    await drawn(page, 60_000);
    const roi = power.regions[0];
    // 2 mm above the ROI's centre: a 5 mm sphere is cut in a circle of radius sqrt(25 - 4) mm.
    const p: Vec3 = [roi.centroid[0], roi.centroid[1], roi.centroid[2] + 2];
    await typeCoordinate(p);
    const axial = views().Axial;
    const circle = axial.locator(`circle[data-key="power-264:${roi.value}"]`);
    expect(await circle.count()).toBe(1);
    const [w, h] = await size(axial);
    const [ex, ey] = expectedPixel(template, 'Axial', w, h, p);
    const mm = Number(await axial.getAttribute('data-mm-per-px'));
    expect(Number(await circle.getAttribute('cx'))).toBeCloseTo(ex, 1);
    expect(Number(await circle.getAttribute('cy'))).toBeCloseTo(ey, 1);
    expect(Number(await circle.getAttribute('r'))).toBeCloseTo(Math.sqrt(21) / mm, 1);
    // Far from every ROI's sphere, no circle at all in the sagittal view through x = 89 (beside the brain).
    await typeCoordinate([89, p[1], p[2]]);
    expect(await views().Sagittal.locator('circle').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Second atlas' }).selectOption('');
    await drawn(page, 60_000);
  });

  it('speaks Chinese', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    for (const name of ['轴状面', '冠状面', '矢状面'])
      expect(await page.getByRole('application', { name }).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: '图谱显示' }).count()).toBe(1);
    expect(await page.locator('.slice-axial .orient-left').innerText()).toBe('左');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  });
});
