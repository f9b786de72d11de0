/**
 * How one statistical-map overlay is shown and reported: its settings, sensible defaults from the map's value
 * range, the DisplayOverlay the views draw, and the cluster-report request. Pure (no store, no DOM), so the rules
 * are unit-tested in Node.
 */
import type { Vec3 } from '../../../core/api';
import type { Mat4 } from '../../../core/affine';
import { type ColormapName, splitLuts } from '../../../core/maps/colormaps';
import type { MapClustersRequest, MapInfo } from '../../../core/api/map-api';
import type { SavedMapSettings } from '../../../core/scene/session';
import type { DisplayOverlay } from './display-overlay';

/** How one overlay is shown and reported: the settings a saved session keeps for it (core/scene/session.ts). */
export type OverlaySettings = SavedMapSettings;
export type SizeUnit = OverlaySettings['sizeUnit'];

/** A grid of display values (the map resampled onto the template grid), kept outside the store. */
export interface OverlayGrid {
  /** `mapId#frame`: the identity of `values`. */
  dataKey: string;
  dims: Vec3;
  affine: Mat4;
  values: Float32Array;
}

/** 2 significant digits: a threshold a person would type. */
export function niceNumber(v: number): number {
  if (!Number.isFinite(v) || v === 0) return 0;
  const p = 10 ** (Math.floor(Math.log10(Math.abs(v))) - 1);
  return Math.round(v / p) * p;
}

/** Largest |value| of the map's finite values (0 when it has none). */
export function maxAbs(info: MapInfo): number {
  return Math.max(Math.abs(info.range.min), Math.abs(info.range.max));
}

/** The threshold a z or t map opens at: |z| 3.1 is p < 0.001 one-sided, the usual cluster-forming threshold. */
export const STATISTIC_THRESHOLD = 3.1;

/**
 * Defaults from the value range: the threshold at 3.1 for a z or t map (MapInfo.statistic) that reaches it, else at
 * half the robust maximum |value| (the 99th percentile of the non-zero values, so a few hot voxels do not set it);
 * the colour scale up to the largest |value|, every sign the map has drawn, red-yellow/blue-lightblue; the report of
 * the signs drawn (26-connectivity, no minimum size).
 */
export function defaultSettings(info: MapInfo): OverlaySettings {
  const top = maxAbs(info);
  const robust = Math.max(Math.abs(info.range.robustMin), Math.abs(info.range.robustMax)) || top;
  const threshold = info.statistic && top > STATISTIC_THRESHOLD ? STATISTIC_THRESHOLD : niceNumber(robust / 2);
  const show = info.range.min < 0 && info.range.max > 0 ? 'both' : info.range.min < 0 ? 'negative' : 'positive';
  return {
    visible: true,
    colormap: 'red-yellow',
    posThreshold: threshold,
    negThreshold: threshold,
    linked: true,
    max: top > threshold ? top : threshold + 1,
    opacity: 1,
    outline: false,
    show,
    // The report lists the clusters of the signs drawn: a blob in view is in its table.
    sign: show,
    minSize: 0,
    sizeUnit: 'voxels',
    connectivity: 26,
  };
}

/** Applies a change to settings, keeping linked thresholds together and the maximum above the thresholds. */
export function patchSettings(s: OverlaySettings, patch: Partial<OverlaySettings>): OverlaySettings {
  const next = { ...s, ...patch };
  if (next.linked && patch.posThreshold !== undefined) next.negThreshold = next.posThreshold;
  if (next.linked && patch.negThreshold !== undefined && patch.posThreshold === undefined)
    next.posThreshold = next.negThreshold;
  if (patch.linked === true) next.negThreshold = next.posThreshold;
  for (const k of ['posThreshold', 'negThreshold', 'max', 'minSize'] as const) {
    if (!Number.isFinite(next[k]) || next[k] < 0) next[k] = s[k];
  }
  next.opacity = Math.min(1, Math.max(0, Number.isFinite(next.opacity) ? next.opacity : s.opacity));
  return next;
}

/** The threshold the cluster report uses: the positive one (also for both signs), the negative one for negative. */
export function reportThreshold(s: OverlaySettings): number {
  return s.sign === 'negative' ? s.negThreshold : s.posThreshold;
}

/** The cluster-report request for these settings: what `brain-atlas clusters` would be asked. */
export function clustersRequest(mapId: string, s: OverlaySettings, atlases: string[]): MapClustersRequest {
  const req: MapClustersRequest = {
    mapId,
    threshold: reportThreshold(s),
    sign: s.sign,
    connectivity: s.connectivity,
    atlases,
  };
  if (s.minSize > 0) {
    if (s.sizeUnit === 'voxels') req.minVoxels = Math.round(s.minSize);
    else req.minMm3 = s.minSize;
  }
  return req;
}

/** The CLI options that give the same report (shown beside the export, and used by the e2e test). */
export function cliArguments(s: OverlaySettings, atlases: string[]): string[] {
  const req = clustersRequest('', s, atlases);
  const args = ['--threshold', String(req.threshold), '--sign', s.sign, '--connectivity', String(s.connectivity)];
  if (req.minVoxels !== undefined) args.push('--min-voxels', String(req.minVoxels));
  if (req.minMm3 !== undefined) args.push('--min-mm3', String(req.minMm3));
  if (atlases.length > 0) args.push('--atlas', atlases.join(','));
  return args;
}

/** What the views draw for one overlay (a new object: DisplayOverlay values are immutable). */
export function toDisplayOverlay(s: OverlaySettings, grid: OverlayGrid): DisplayOverlay {
  const luts = splitLuts(s.colormap, s.show !== 'negative', s.show !== 'positive');
  const top = (t: number) => (s.max > t ? s.max : t + Math.max(1e-6, Math.abs(t) * 1e-6));
  return {
    dataKey: grid.dataKey,
    dims: grid.dims,
    affine: grid.affine,
    values: grid.values,
    posLut: luts.pos,
    negLut: luts.neg,
    posThreshold: s.posThreshold,
    posMax: top(s.posThreshold),
    negThreshold: s.negThreshold,
    negMax: top(s.negThreshold),
    opacity: s.opacity,
    outline: s.outline,
  };
}
