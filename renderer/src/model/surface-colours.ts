/**
 * The colour of every vertex of a cortical surface: sulcal depth as light (gyri) and dark (sulci) grey, a labels
 * atlas's region colours over it (shaded a little by depth, so folds still read), then the statistical maps,
 * bottom to top, where they pass their thresholds, with the outline of each suprathreshold patch when the map asks
 * for one. Pure: the 3D view uploads the result as a colour attribute.
 */
import type { DisplayOverlay } from './display-overlay';

export const GYRUS_GREY = 0.74;
export const SULCUS_GREY = 0.46;
/**
 * Sulcal depth (FreeSurfer sulc, positive in sulci; fsaverage5's quartiles are −0.40 and 0.44) at which the grey is
 * halfway from light to dark going in, and back out: a soft edge between gyrus and sulcus, where a switch at 0 drew
 * each fold's rim in the triangles' steps.
 */
export const SULC_SOFT_EDGE = 0.25;
/** A region's colour in the depth of a sulcus is this much of itself, so folds still read under the labels. */
const SULCUS_SHADE = 0.82;

/** 0 on a gyrus, 1 in a sulcus, smoothly between (smoothstep) for sulc within SULC_SOFT_EDGE of 0. */
export function sulcusShare(sulc: number): number {
  const u = Math.min(1, Math.max(0, (sulc + SULC_SOFT_EDGE) / (2 * SULC_SOFT_EDGE)));
  return u * u * (3 - 2 * u);
}
/** Outlines of suprathreshold patches. */
const OUTLINE_RGB = [0.05, 0.05, 0.05] as const;

export interface SurfaceLabelColours {
  /** Label value per vertex (0: none). */
  values: Int32Array;
  /** rgb 0..1 and alpha (0 hidden, 1 shown, between: faded) of a label value, or null where it has no region. */
  colourOf(value: number): { rgb: ArrayLike<number>; alpha: number } | null;
  /** 0..1: how much of the region colour covers the grey. */
  opacity: number;
}

export interface SurfaceMapColours {
  values: Float32Array;
  display: DisplayOverlay;
}

/** Index into a 256-entry table for |v| between the threshold and the maximum. */
function lutIndex(abs: number, threshold: number, max: number): number {
  const t = max > threshold ? (abs - threshold) / (max - threshold) : 1;
  return Math.max(0, Math.min(255, Math.round(t * 255)));
}

/** The colour table entry a map gives a value, or null where it is not drawn (under threshold, NaN, hidden sign). */
export function mapColour(d: DisplayOverlay, v: number): Uint8Array | null {
  if (!(v === v)) return null;
  if (v >= d.posThreshold && v > 0 && d.posLut) {
    const i = lutIndex(v, d.posThreshold, d.posMax) * 4;
    return d.posLut.subarray(i, i + 4);
  }
  if (v <= -d.negThreshold && v < 0 && d.negLut) {
    const i = lutIndex(-v, d.negThreshold, d.negMax) * 4;
    return d.negLut.subarray(i, i + 4);
  }
  return null;
}

/** rgb 0..1 per vertex. `neighbours(v, visit)` calls visit for each vertex joined to v by an edge (outlines). */
export function surfaceColours(
  sulc: Float32Array,
  labels: SurfaceLabelColours | null,
  maps: readonly SurfaceMapColours[],
  neighbours: (v: number, visit: (w: number) => void) => void,
): Float32Array {
  const n = sulc.length;
  const out = new Float32Array(n * 3);
  for (let v = 0; v < n; v++) {
    const deep = sulcusShare(sulc[v]);
    const grey = GYRUS_GREY + (SULCUS_GREY - GYRUS_GREY) * deep;
    let r = grey;
    let g = grey;
    let b = grey;
    const c = labels && labels.values[v] !== 0 ? labels.colourOf(labels.values[v]) : null;
    if (c && labels) {
      const shade = 1 + (SULCUS_SHADE - 1) * deep;
      const a = c.alpha * labels.opacity;
      r = r * (1 - a) + c.rgb[0] * shade * a;
      g = g * (1 - a) + c.rgb[1] * shade * a;
      b = b * (1 - a) + c.rgb[2] * shade * a;
    }
    out[3 * v] = r;
    out[3 * v + 1] = g;
    out[3 * v + 2] = b;
  }
  for (const m of maps) {
    const a = m.display.opacity;
    const shown = new Uint8Array(n);
    for (let v = 0; v < n; v++) {
      const lut = mapColour(m.display, m.values[v]);
      if (!lut) continue;
      shown[v] = 1;
      out[3 * v] = out[3 * v] * (1 - a) + (lut[0] / 255) * a;
      out[3 * v + 1] = out[3 * v + 1] * (1 - a) + (lut[1] / 255) * a;
      out[3 * v + 2] = out[3 * v + 2] * (1 - a) + (lut[2] / 255) * a;
    }
    if (!m.display.outline) continue;
    for (let v = 0; v < n; v++) {
      if (!shown[v]) continue;
      let edge = false;
      neighbours(v, (w) => {
        if (!shown[w]) edge = true;
      });
      if (edge) out.set(OUTLINE_RGB, 3 * v);
    }
  }
  return out;
}
