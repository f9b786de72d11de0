/**
 * Where the slice views should draw things, computed independently of the renderer (the template's world box and
 * the fit-to-view rule), and the crosshair read back from screenshots; plus timing slice redraws in the page.
 * Used by tests/e2e/slices.test.ts.
 */
import type { Page } from 'playwright-core';
import type { Vec3 } from '../../core/api';
import type { TemplateImage } from '../../core/atlas/template-image';
import type { Image } from './png';

export type Plane = 'Axial' | 'Coronal' | 'Sagittal';
/** World axes shown right (h) and up (v) in each view: neurological, sagittal with anterior to the right. */
export const AXES: Record<Plane, { h: number; v: number; n: number }> = {
  Axial: { h: 0, v: 1, n: 2 },
  Coronal: { h: 0, v: 2, n: 1 },
  Sagittal: { h: 1, v: 2, n: 0 },
};
export const CROSSHAIR: [number, number, number] = [0x00, 0xe6, 0x76];

/** The template grid's world box over voxel corners, computed here from the engine's dims and affine. */
export function worldBox(t: TemplateImage): { min: number[]; max: number[] } {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const i of [-0.5, t.dims[0] - 0.5])
    for (const j of [-0.5, t.dims[1] - 0.5])
      for (const k of [-0.5, t.dims[2] - 0.5]) {
        for (let a = 0; a < 3; a++) {
          const w = t.affine[a * 4] * i + t.affine[a * 4 + 1] * j + t.affine[a * 4 + 2] * k + t.affine[a * 4 + 3];
          min[a] = Math.min(min[a], w);
          max[a] = Math.max(max[a], w);
        }
      }
  return { min, max };
}

/** At zoom 1 a view fits the template box and centres it: the pixel (continuous, CSS px) of a world point. */
export function expectedPixel(
  t: TemplateImage,
  plane: Plane,
  width: number,
  height: number,
  p: Vec3,
): [number, number] {
  const { min, max } = worldBox(t);
  const { h, v } = AXES[plane];
  const mm = Math.max((max[h] - min[h]) / width, (max[v] - min[v]) / height);
  return [width / 2 + (p[h] - (min[h] + max[h]) / 2) / mm, height / 2 - (p[v] - (min[v] + max[v]) / 2) / mm];
}

/** The world point at the centre of pixel (x, y) of a view at zoom 1 on slice `slice`. */
export function worldOfPixel(
  t: TemplateImage,
  plane: Plane,
  width: number,
  height: number,
  x: number,
  y: number,
  slice: number,
): Vec3 {
  const { min, max } = worldBox(t);
  const { h, v, n } = AXES[plane];
  const mm = Math.max((max[h] - min[h]) / width, (max[v] - min[v]) / height);
  const p: Vec3 = [0, 0, 0];
  p[h] = (min[h] + max[h]) / 2 + (x + 0.5 - width / 2) * mm;
  p[v] = (min[v] + max[v]) / 2 + (height / 2 - y - 0.5) * mm;
  p[n] = slice;
  return p;
}

export function isCrosshair(img: Image, x: number, y: number): boolean {
  const o = (y * img.width + x) * 4;
  return CROSSHAIR.every((c, i) => Math.abs(img.data[o + i] - c) <= 12);
}

/** The column and row holding the most crosshair-coloured pixels, with how many each holds. */
export function crosshairLines(img: Image): { x: number; y: number; xCount: number; yCount: number } {
  const cols = new Array(img.width).fill(0);
  const rows = new Array(img.height).fill(0);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      if (isCrosshair(img, x, y)) {
        cols[x]++;
        rows[y]++;
      }
    }
  const x = cols.indexOf(Math.max(...cols));
  const y = rows.indexOf(Math.max(...rows));
  return { x, y, xCount: cols[x], yCount: rows[y] };
}

export const parsePoint = (s: string) => s.split(',').map((v) => Number(v.trim())) as Vec3;

/** Keys pressed in the axial view, alternately, to slices drawn, timed in the page: medians of 12, in ms. */
export async function timeRedraws(page: Page, keys: [string, string]): Promise<{ total: number; draw: number }> {
  const times = await page.evaluate(async (keys) => {
    const grid = document.querySelector<HTMLElement>('.slice-grid')!;
    const view = document.querySelector<HTMLElement>('.slice-axial')!;
    const out: { total: number; draw: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const f0 = grid.dataset.frame;
      const t0 = performance.now();
      view.dispatchEvent(new KeyboardEvent('keydown', { key: keys[i % 2], bubbles: true }));
      await new Promise<void>((r) => {
        const o = new MutationObserver(() => {
          if (grid.dataset.frame !== f0) {
            o.disconnect();
            r();
          }
        });
        o.observe(grid, { attributes: true });
      });
      // Read a pixel back: the time then includes the GPU finishing the drawing, not only its submission.
      const gl = grid.querySelector('canvas')!.getContext('webgl2')!;
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      out.push({ total: performance.now() - t0, draw: Number(grid.dataset.renderMs) });
    }
    return out;
  }, keys);
  const median = (v: number[]) => v.sort((x, y) => x - y)[Math.floor(v.length / 2)];
  return { total: median(times.map((t) => t.total)), draw: median(times.map((t) => t.draw)) };
}
