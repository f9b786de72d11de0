/** Probabilistic atlases: one probability map per region (separate 3D files or the frames of one 4D file). */
import type { ProbabilityHit } from '../api';
import { type Mat4, invertAffine, roundHalfEven } from '../affine';
import { AtlasError } from '../errors';
import type { NiftiImage, NumericArray } from '../io/nifti/decode';
import type { Vec3 } from '../types';

export interface ProbabilityMap {
  value: number;
  name: string | null;
  data: NumericArray;
  /** Multiplies stored values into 0..1 (e.g. 1/100 for maps stored as percent). */
  scale: number;
}

export interface ProbabilitySet {
  dims: Vec3;
  affine: Mat4;
  inverse: Mat4;
  maps: ProbabilityMap[];
}

/**
 * The scale that turns a map's stored values into probabilities: maps whose largest value is above 1 are taken
 * as percent (FSL stores 0–100), else as 0..1. scl_slope/scl_inter are applied first.
 */
export function probabilityScale(img: NiftiImage): number {
  let max = 0;
  const d = img.data;
  for (let i = 0; i < d.length; i++) if (d[i] > max) max = d[i];
  const stored = max * img.header.sclSlope + img.header.sclInter;
  return img.header.sclSlope * (stored > 1.0001 ? 1 / 100 : 1);
}

export function buildProbabilitySet(
  parts: { img: NiftiImage; value: number; name: string | null; frame?: number; fileName?: string }[],
): ProbabilitySet {
  if (parts.length === 0) throw new AtlasError('invalid-argument', 'a probabilistic atlas needs at least one map');
  const first = parts[0].img;
  const maps: ProbabilityMap[] = [];
  for (const p of parts) {
    if (p.img.dims.some((d, a) => d !== first.dims[a])) {
      throw new AtlasError(
        'corrupt',
        `probability map is ${p.img.dims.join('×')} but the others are ${first.dims.join('×')}`,
        p.fileName,
      );
    }
    const n = p.img.dims[0] * p.img.dims[1] * p.img.dims[2];
    const frame = p.frame ?? 0;
    const data = (p.img.frames > 1 ? p.img.data.subarray(frame * n, (frame + 1) * n) : p.img.data) as NumericArray;
    maps.push({ value: p.value, name: p.name, data, scale: probabilityScale(p.img) });
  }
  return { dims: first.dims, affine: first.header.affine, inverse: invertAffine(first.header.affine), maps };
}

/** Every region with a non-zero probability at a world point, most probable first. */
export function probabilitiesAt(set: ProbabilitySet, x: number, y: number, z: number): ProbabilityHit[] {
  const m = set.inverse;
  const i = roundHalfEven(m[0] * x + m[1] * y + m[2] * z + m[3]);
  const j = roundHalfEven(m[4] * x + m[5] * y + m[6] * z + m[7]);
  const k = roundHalfEven(m[8] * x + m[9] * y + m[10] * z + m[11]);
  const [nx, ny, nz] = set.dims;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return [];
  const idx = i + nx * (j + ny * k);
  const hits: ProbabilityHit[] = [];
  for (const map of set.maps) {
    const p = map.data[idx] * map.scale;
    if (p > 0) hits.push({ value: map.value, name: map.name, p: Math.round(p * 10000) / 10000 });
  }
  return hits.sort((a, b) => b.p - a.p || a.value - b.value);
}
