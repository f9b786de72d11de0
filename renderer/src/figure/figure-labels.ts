/**
 * Region labels of a figure's 3D panels: which regions the figure labels (figure.labels, region keys) with their
 * names in the app's language, each region's visible point in a panel (its centroid projected with the panel's
 * camera when the region is what is seen there, else the seen sample of its voxels nearest to that projection;
 * none when the region is hidden in that view), the brain's silhouette from the panel's render, and the labels
 * placed outside it (core/figure/label-placement.ts), in figure pixels.
 */
import { Vector3, type Camera } from 'three';
import type { Vec3 } from '../../../core/api';
import { type Rect } from '../../../core/figure/figure-layout';
import type { FigureRegionLabel } from '../../../core/figure/figure-overlays';
import { type LabelRequest, type Silhouette, placeLabels } from '../../../core/figure/label-placement';
import { textWidth } from '../../../core/figure/svg-text';
import { type LayerData, type LayerRegion, MNI_BRAIN_CENTRE, layerData } from '../model/layer-data';
import { regionNameIn } from '../model/region-names';
import { layerVisual, visualInputs } from '../model/region-state';
import { type Store, useStore } from '../store';
import { pickAt } from '../view-3d/Picker';
import type { FigureTarget } from './figure-bridge';

/** Most voxels of a region tried when its centroid is hidden. */
const MAX_SAMPLES = 400;

export interface LabelledRegion {
  key: string;
  text: string;
  data: LayerData;
  index: number;
}

/** The regions `keys` names that are drawn now, with their names in `lang`. */
export function labelledRegions(s: Store, keys: readonly string[], lang: 'en' | 'zh'): LabelledRegion[] {
  const out: LabelledRegion[] = [];
  for (const key of keys) {
    for (const l of s.layers) {
      const data = layerData.get(l?.key);
      const index = data ? data.regions.findIndex((r) => r.key === key) : -1;
      if (!data || index < 0) continue;
      out.push({ key, text: regionNameIn(s.regionInfo, data.atlasId, data.regions[index], lang), data, index });
      break;
    }
  }
  return out;
}

/** World points of a region to try: its voxels (every n-th), or for a sphere its centre. */
function samples(data: LayerData, r: LayerRegion): Vec3[] {
  if (data.kind !== 'labels') return [r.centroid];
  const g = data.grid;
  const [nx, ny] = g.dims;
  const m = g.inverse;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const x of [r.bbox.min[0], r.bbox.max[0]])
    for (const y of [r.bbox.min[1], r.bbox.max[1]])
      for (const z of [r.bbox.min[2], r.bbox.max[2]])
        for (let a = 0; a < 3; a++) {
          const v = m[a * 4] * x + m[a * 4 + 1] * y + m[a * 4 + 2] * z + m[a * 4 + 3];
          lo[a] = Math.min(lo[a], Math.max(0, Math.floor(v)));
          hi[a] = Math.max(hi[a], Math.min(g.dims[a] - 1, Math.ceil(v)));
        }
  const stride = Math.max(1, Math.floor(r.voxels / MAX_SAMPLES));
  const A = g.affine;
  const out: Vec3[] = [];
  let seen = 0;
  for (let k = lo[2]; k <= hi[2]; k++)
    for (let j = lo[1]; j <= hi[1]; j++)
      for (let i = lo[0]; i <= hi[0]; i++) {
        if (g.labels[i + nx * (j + ny * k)] !== r.value || seen++ % stride !== 0) continue;
        out.push([0, 1, 2].map((a) => A[a * 4] * i + A[a * 4 + 1] * j + A[a * 4 + 2] * k + A[a * 4 + 3]) as Vec3);
      }
  return out;
}

/** Where the region is seen in this view (panel pixels), or null when it is hidden. */
function visiblePoint(
  t: FigureTarget,
  camera: Camera,
  region: LabelledRegion,
  width: number,
  height: number,
): [number, number] | null {
  const s = useStore.getState();
  const r = region.data.regions[region.index];
  const visual = layerVisual(region.data, visualInputs(s, MNI_BRAIN_CENTRE));
  const offset = [0, 1, 2].map((a) => visual.offsets[region.index * 3 + a]);
  const v = new Vector3();
  const project = (p: Vec3): [number, number] | null => {
    v.set(p[0] + offset[0], p[1] + offset[1], p[2] + offset[2]).project(camera);
    if (v.z > 1 || v.z < -1) return null;
    return [((v.x + 1) / 2) * width, ((1 - v.y) / 2) * height];
  };
  const seen = (p: [number, number] | null) =>
    p !== null &&
    p[0] >= 0 &&
    p[1] >= 0 &&
    p[0] < width &&
    p[1] < height &&
    pickAt(s, camera, t.scene, p[0], p[1], width, height).region?.key === region.key;
  const centre = project(r.centroid);
  if (seen(centre)) return centre;
  const aim = centre ?? [width / 2, height / 2];
  let best: [number, number] | null = null;
  let bestDistance = Infinity;
  for (const p of samples(region.data, r).map(project)) {
    if (!p) continue;
    const d = Math.hypot(p[0] - aim[0], p[1] - aim[1]);
    if (d < bestDistance && seen(p)) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

/** Cells of the render that are not the background (or, on a transparent one, not clear). */
function silhouetteOf(canvas: HTMLCanvasElement, background: string | null, cell: number): Silhouette {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const filled = new Uint8Array(cols * rows);
  if (!ctx) return { x: 0, y: 0, cell, cols, rows, filled };
  const px = ctx.getImageData(0, 0, width, height).data;
  const bg = background ? (background.match(/[0-9a-f]{2}/gi) ?? []).map((h) => parseInt(h, 16)) : null;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const brain = bg
        ? Math.abs(px[i] - bg[0]) + Math.abs(px[i + 1] - bg[1]) + Math.abs(px[i + 2] - bg[2]) > 24
        : px[i + 3] > 16;
      if (brain) filled[Math.floor(y / cell) * cols + Math.floor(x / cell)] = 1;
    }
  return { x: 0, y: 0, cell, cols, rows, filled };
}

/**
 * The labels of one 3D panel, placed in its image area (`area`, figure pixels) around the brain in `canvas`;
 * `missing` gets the names that were not placed (hidden here, or no room).
 */
export function panelLabels(
  t: FigureTarget,
  camera: Camera,
  canvas: HTMLCanvasElement,
  area: Rect,
  regions: readonly LabelledRegion[],
  opts: { background: string | null; unit: number },
): { labels: FigureRegionLabel[]; missing: string[] } {
  if (regions.length === 0) return { labels: [], missing: [] };
  const { unit } = opts;
  const fontSize = 0.9 * unit;
  const requests: LabelRequest[] = [];
  const missing: string[] = [];
  for (const [i, region] of regions.entries()) {
    const anchor = visiblePoint(t, camera, region, area.width, area.height);
    if (!anchor) missing.push(region.text);
    else
      requests.push({
        id: String(i),
        anchor,
        width: textWidth(region.text, fontSize) + 0.4 * unit,
        height: 1.4 * fontSize,
      });
  }
  const silhouette = silhouetteOf(canvas, opts.background, Math.max(2, Math.round(unit / 3)));
  const local = { x: 0, y: 0, width: area.width, height: area.height };
  const placement = placeLabels(local, silhouette, requests, 0.4 * unit);
  for (const id of placement.unplaced) missing.push(regions[Number(id)].text);
  const labels = placement.placed.map((p) => ({
    text: regions[Number(p.id)].text,
    box: { ...p.box, x: p.box.x + area.x, y: p.box.y + area.y },
    anchor: [p.anchor[0] + area.x, p.anchor[1] + area.y] as [number, number],
    end: [p.end[0] + area.x, p.end[1] + area.y] as [number, number],
    align: p.align,
    fontSize,
  }));
  return { labels, missing };
}
