/**
 * The shown maps' values at an MNI point, for What's here: each map's display grid (the map resampled onto the
 * template grid) sampled trilinearly, as the slice views draw it; and how a map value is written, there and in the
 * 3D view's tooltip.
 */
import type { Vec3 } from '../../../core/api';
import { invertAffine } from '../../../core/affine';
import type { MapValueAt } from '../store/pick-slice';
import { sampleTrilinear } from '../view-3d/overlay-geometry';
import type { DisplayOverlay } from './display-overlay';

/**
 * The value of each shown map (`shown` bottom to top, as the store's displayOverlays) at MNI point `p`, top map first;
 * null where the map has no value there (outside its grid, or next to a missing voxel).
 */
export function mapValuesAtPoint(
  shown: readonly Pick<DisplayOverlay, 'dataKey' | 'dims' | 'affine' | 'values'>[],
  p: Vec3,
): MapValueAt[] {
  return [...shown].reverse().map((d) => {
    const v = sampleTrilinear(d, invertAffine(d.affine), p[0], p[1], p[2]);
    return { dataKey: d.dataKey, value: Number.isNaN(v) ? null : v };
  });
}

/**
 * A map value as people read it: four significant digits ("4.823", "0.0341", "-12.5"), and values under 0.001 in
 * powers of ten with three ("1.71e-7"), so that a map's near-zero tail reads as what it is rather than as a long
 * fraction or a mix of forms.
 */
export function formatMapValue(v: number): string {
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}
