/** Pixels of e2e screenshots (decoded by png.ts): colour matching that allows for lighting. */
import type { Image } from './png';

export type Rgb = [number, number, number];

/** The pixel is the colour `c` under some lighting k (0.25..1.05): p ≈ k·c, bright enough to tell. */
function matches(d: Uint8Array, o: number, c: Rgb, tol = 5): boolean {
  const p0 = d[o],
    p1 = d[o + 1],
    p2 = d[o + 2];
  if (Math.max(p0, p1, p2) < 45) return false;
  const k = (p0 * c[0] + p1 * c[1] + p2 * c[2]) / (c[0] ** 2 + c[1] ** 2 + c[2] ** 2);
  if (k < 0.25 || k > 1.05) return false;
  return Math.abs(p0 - k * c[0]) <= tol && Math.abs(p1 - k * c[1]) <= tol && Math.abs(p2 - k * c[2]) <= tol;
}

export function countColour(img: Image, c: Rgb): number {
  let n = 0;
  for (let o = 0; o < img.data.length; o += 4) if (matches(img.data, o, c)) n++;
  return n;
}

/** Mean position of the pixels of colour `c`. */
export function colourCentre(img: Image, c: Rgb): [number, number] {
  let sx = 0,
    sy = 0,
    n = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    if (!matches(img.data, i * 4, c)) continue;
    sx += i % img.width;
    sy += Math.floor(i / img.width);
    n++;
  }
  return [sx / n, sy / n];
}

/** A pixel deep inside a patch of colour `c` (its 7×7 neighbourhood all match), nearest the patch's centre. */
export function pointInside(img: Image, c: Rgb): [number, number] | null {
  const { width: w, height: h, data } = img;
  const hit = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) hit[i] = matches(data, i * 4, c) ? 1 : 0;
  const inner: [number, number][] = [];
  for (let y = 3; y < h - 3; y++) {
    for (let x = 3; x < w - 3; x++) {
      let all = true;
      for (let dy = -3; dy <= 3 && all; dy++)
        for (let dx = -3; dx <= 3 && all; dx++) all = hit[(y + dy) * w + x + dx] === 1;
      if (all) inner.push([x, y]);
    }
  }
  if (inner.length === 0) return null;
  const mx = inner.reduce((s, p) => s + p[0], 0) / inner.length;
  const my = inner.reduce((s, p) => s + p[1], 0) / inner.length;
  return inner.reduce((best, p) =>
    Math.hypot(p[0] - mx, p[1] - my) < Math.hypot(best[0] - mx, best[1] - my) ? p : best,
  );
}

/** Two colours a test can tell apart on screen: not on one line through black. */
export function distinct(a: Rgb, b: Rgb): boolean {
  const k = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (b[0] ** 2 + b[1] ** 2 + b[2] ** 2);
  return Math.max(Math.abs(a[0] - k * b[0]), Math.abs(a[1] - k * b[1]), Math.abs(a[2] - k * b[2])) > 25;
}

/**
 * Pixels where two pictures of the same size differ clearly (summed channel difference over 60), counting only
 * those at byte offsets `o` where `also(o)` holds when it is given.
 */
export function changedPixels(a: Image, b: Image, also?: (o: number) => boolean): number {
  let n = 0;
  for (let o = 0; o < a.data.length; o += 4) {
    const d =
      Math.abs(a.data[o] - b.data[o]) +
      Math.abs(a.data[o + 1] - b.data[o + 1]) +
      Math.abs(a.data[o + 2] - b.data[o + 2]);
    if (d > 60 && (!also || also(o))) n++;
  }
  return n;
}

/** How far the pixel at byte offset `o` is from the 3D view's background (#161a22): summed channel difference. */
export function fromBackground(img: Image, o: number): number {
  return Math.abs(img.data[o] - 0x16) + Math.abs(img.data[o + 1] - 0x1a) + Math.abs(img.data[o + 2] - 0x22);
}

/** Whether the pixel at byte offset `o` has a red-yellow colour map's colour (red high, blue low). */
export function isWarm(img: Image, o: number): boolean {
  const d = img.data;
  return d[o] > 150 && d[o + 2] < 60 && d[o] > d[o + 2] + 100 && d[o + 1] > 40;
}

/** Pixels of a red-yellow colour map in `withMap` that are not so in `without`. */
export function warmAdded(withMap: Image, without: Image): number {
  return changedPixels(withMap, without, (o) => isWarm(withMap, o));
}
