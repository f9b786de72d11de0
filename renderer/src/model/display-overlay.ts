/**
 * A statistical map ready to draw: the contract between the overlay layers (which decode, resample and colour maps)
 * and the views that draw them (the slice views and the 3D view). The store's `displayOverlays` lists the visible
 * ones bottom to top; each is immutable: a change of data or settings makes a new object.
 */
import type { Mat4 } from '../../../core/affine';
import type { Vec3 } from '../../../core/api';

export interface DisplayOverlay {
  /** Identifies `values` (map, frame and grid): views re-upload the volume only when this changes. */
  dataKey: string;
  /** The grid `values` lie on: voxel counts and voxel -> MNI mm (row-major 4x4). */
  dims: Vec3;
  affine: Mat4;
  /** One value per voxel, x fastest; NaN where the map has no value. Sampled trilinearly by the views. */
  values: Float32Array;
  /** 256 RGBA entries each: colours for values at or above `posThreshold` (from the threshold up to `posMax`) and
   *  at or below `-negThreshold` (down to `-negMax`); null hides that sign. */
  posLut: Uint8Array | null;
  negLut: Uint8Array | null;
  /** Absolute values: a voxel is drawn when v >= posThreshold or v <= -negThreshold. */
  posThreshold: number;
  posMax: number;
  negThreshold: number;
  negMax: number;
  /** 0..1 */
  opacity: number;
  /** Draw the outline of the suprathreshold area as well as its fill. */
  outline: boolean;
}
