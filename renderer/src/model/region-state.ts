/**
 * Per-region appearance of a layer, derived from the store: colour, visibility (alpha), explode offset and
 * whether the midline cut applies. Pure and memoised; the shaders read it from a small float texture and the
 * picker reads the same arrays, so what is hoverable is exactly what is drawn.
 */
import type { Vec3 } from '../../../core/api';
import type { Store } from '../store';
import type { LayerData } from './layer-data';
import { networkColor } from './networks';

export const FADED_ALPHA = 0.15;

export interface VisualInputs {
  colourBy: Store['colourBy'];
  hidden: Store['hidden'];
  isolated: Store['isolated'];
  fadeOthers: boolean;
  hiddenNetworks: Store['hiddenNetworks'];
  colorOverrides: Store['colorOverrides'];
  hemispheres: Store['hemispheres'];
  explode: number;
  centre: Vec3;
}

export interface LayerVisual {
  /** rgb 0..1 per region. */
  colors: Float32Array;
  /** 1 shown, FADED_ALPHA faded, 0 hidden (before the layer's opacity). */
  alpha: Float32Array;
  /** Explode offset in mm per region. */
  offsets: Float32Array;
  /** 1 where the region spans both hemispheres (cut at the midline when a hemisphere is hidden). */
  bilateral: Uint8Array;
  maxOffset: number;
}

export function visualInputs(s: Store, centre: Vec3): VisualInputs {
  return {
    colourBy: s.colourBy,
    hidden: s.hidden,
    isolated: s.isolated,
    fadeOthers: s.fadeOthers,
    hiddenNetworks: s.hiddenNetworks,
    colorOverrides: s.colorOverrides,
    hemispheres: s.hemispheres,
    explode: s.explode,
    centre,
  };
}

export function deriveVisual(data: LayerData, v: VisualInputs): LayerVisual {
  const n = data.regions.length;
  const colors = new Float32Array(n * 3);
  const alpha = new Float32Array(n);
  const offsets = new Float32Array(n * 3);
  const bilateral = new Uint8Array(n);
  const isolated = v.isolated ? new Set(v.isolated) : null;
  let maxOffset = 0;
  data.regions.forEach((r, i) => {
    // Regions with no network (e.g. a subcortical atlas drawn with Schaefer) keep their own colour.
    const c = v.colorOverrides[r.key] ?? (v.colourBy === 'network' && r.network ? networkColor(r.network) : r.color);
    colors[i * 3] = c[0] / 255;
    colors[i * 3 + 1] = c[1] / 255;
    colors[i * 3 + 2] = c[2] / 255;
    let a = 1;
    if (v.hidden[r.key]) a = 0;
    else if (r.network && v.hiddenNetworks[r.network]) a = 0;
    else if (r.hemisphere === 'left' && !v.hemispheres.left) a = 0;
    else if (r.hemisphere === 'right' && !v.hemispheres.right) a = 0;
    else if (isolated && !isolated.has(r.key)) a = v.fadeOthers ? FADED_ALPHA : 0;
    alpha[i] = a;
    bilateral[i] = r.hemisphere === 'left' || r.hemisphere === 'right' ? 0 : 1;
    if (v.explode > 0) {
      for (let k = 0; k < 3; k++) offsets[i * 3 + k] = (r.centroid[k] - v.centre[k]) * v.explode;
      maxOffset = Math.max(maxOffset, Math.hypot(offsets[i * 3], offsets[i * 3 + 1], offsets[i * 3 + 2]));
    }
  });
  return { colors, alpha, offsets, bilateral, maxOffset };
}

const memo = new WeakMap<LayerData, { inputs: VisualInputs; visual: LayerVisual }>();

/** Whether two records of inputs hold the same values, each compared by identity. */
export function sameInputs<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((k) => a[k] === b[k]);
}

/**
 * What the cortical surface view's colours and visibility are made of (view-3d/CorticalSurface.tsx), for
 * sameInputs: the region visuals' inputs, the layers and their loading, the maps shown and the surface data arrived.
 * Hovering, the cursor, the camera and the clip planes change none of them, so they do not recolour the surface.
 */
export function surfaceColourInputs(s: Store, centre: Vec3) {
  return {
    ...visualInputs(s, centre),
    layers: s.layers,
    pending: s.pending,
    maps: s.displayOverlays,
    surfaceVersion: s.surfaceVersion,
  };
}

/** deriveVisual, recomputed only when an input changed (inputs compared by identity). */
export function layerVisual(data: LayerData, inputs: VisualInputs): LayerVisual {
  const m = memo.get(data);
  if (m && sameInputs(m.inputs, inputs)) return m.visual;
  const visual = deriveVisual(data, inputs);
  memo.set(data, { inputs, visual });
  return visual;
}

/** Texels per region in the state texture, and the texture's width in texels. */
export const TEXELS_PER_REGION = 3;
export const STATE_TEXTURE_WIDTH = 1024;

export function stateTextureSize(regions: number): { width: number; height: number } {
  const texels = Math.max(1, regions * TEXELS_PER_REGION);
  return { width: STATE_TEXTURE_WIDTH, height: Math.ceil(texels / STATE_TEXTURE_WIDTH) };
}

/**
 * How far regions' colours go toward MUTED_GREY while a map shows over them (scene-slice's mapsShownOver): a hint
 * of each region's hue stays, so neighbours still part, and the map's colours stand out. At 0.65 a hot map's red and
 * yellow are no longer matched by AAL3's or Brodmann's reds and yellows, which a user review found confusing.
 */
export const MUTED_UNDER_MAPS = 0.65;
const MUTED_GREY = 0.78;

/**
 * Writes the state texture: per region (rgb colour, alpha), (explode offset xyz, highlight flags), (bilateral).
 * Highlight flags: 1 hovered, 2 selected, 3 both. `mute` (0..1): how far the colours go toward a light grey.
 */
export function packState(
  data: LayerData,
  visual: LayerVisual,
  hovered: string | null,
  selected: string | null,
  out: Float32Array,
  mute = 0,
): void {
  const keep = 1 - mute,
    grey = MUTED_GREY * mute;
  data.regions.forEach((r, i) => {
    const o = i * TEXELS_PER_REGION * 4;
    out[o] = visual.colors[i * 3] * keep + grey;
    out[o + 1] = visual.colors[i * 3 + 1] * keep + grey;
    out[o + 2] = visual.colors[i * 3 + 2] * keep + grey;
    out[o + 3] = visual.alpha[i];
    out[o + 4] = visual.offsets[i * 3];
    out[o + 5] = visual.offsets[i * 3 + 1];
    out[o + 6] = visual.offsets[i * 3 + 2];
    out[o + 7] = (r.key === hovered ? 1 : 0) + (r.key === selected ? 2 : 0);
    out[o + 8] = visual.bilateral[i];
  });
}

/** Shown at full strength with this layer opacity: drawn in the opaque pass and hoverable. */
export function pickable(alpha: number, opacity: number): boolean {
  return alpha >= 1 && opacity > 0.05;
}
