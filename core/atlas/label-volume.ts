/** A 3D integer label grid with its affine: the shape every labels atlas takes once decoded. */
import type { Vec3 } from '../types';
import { type Mat4, det3, invertAffine, roundHalfEven } from '../affine';
import { AtlasError, formatCount } from '../errors';
import type { NiftiImage, NumericArray } from '../io/nifti/decode';

export type LabelArray = Uint8Array | Uint16Array | Uint32Array;

export interface LabelVolume {
  dims: Vec3;
  affine: Mat4;
  inverse: Mat4;
  labels: LabelArray;
  maxLabel: number;
  /** mm³ of one voxel. */
  voxelVolume: number;
}

/** Labels larger than this are refused: they would make per-label tables absurdly large. */
export const MAX_LABEL_VALUE = 2 ** 31 - 1;

/**
 * Turns a decoded image into a label volume. Float-stored labels are accepted when every value is integral;
 * NaN, infinities, fractions and negative values are refused with the voxel where they occur.
 */
export function toLabelVolume(img: NiftiImage, fileName?: string, frame = 0): LabelVolume {
  const [nx, ny, nz] = img.dims;
  const n = nx * ny * nz;
  if (frame >= img.frames) {
    throw new AtlasError('invalid-argument', `frame ${frame} does not exist (the image has ${img.frames})`, fileName);
  }
  const src =
    frame === 0 && img.frames === 1 ? img.data : (img.data.subarray(frame * n, (frame + 1) * n) as NumericArray);
  const slope = img.header.sclSlope;
  const inter = img.header.sclInter;
  const scaled = slope !== 1 || inter !== 0;

  let max = 0;
  // Fast path: unsigned integers without scaling can be used (or narrowed) directly.
  if (!scaled && (src instanceof Uint8Array || src instanceof Uint16Array)) {
    for (let i = 0; i < n; i++) if (src[i] > max) max = src[i];
    return finish(img, src, max);
  }
  // Signed 8 or 16 bits with no negative value (labels as many tools write them): the same bytes read as unsigned,
  // with no copy (a copy would cost the first touch of its memory too).
  if (!scaled && (src instanceof Int16Array || src instanceof Int8Array)) {
    let i = 0;
    for (; i < n && src[i] >= 0; i++) if (src[i] > max) max = src[i];
    if (i === n) {
      const { buffer, byteOffset } = src;
      return finish(
        img,
        src instanceof Int16Array ? new Uint16Array(buffer, byteOffset, n) : new Uint8Array(buffer, byteOffset, n),
        max,
      );
    }
    max = 0; // a negative value: refused below, with where it is
  }

  const where = (i: number) => {
    const x = i % nx,
      y = Math.floor(i / nx) % ny,
      z = Math.floor(i / (nx * ny));
    return `voxel (${x}, ${y}, ${z})`;
  };
  if (scaled) checkValue(inter, -1); // a stored 0 becomes `inter`: checked once here rather than per voxel
  // One pass that checks every value and writes it, into 16 bits (what nearly every atlas needs); values past
  // 65535 fall back to 32 bits. Most voxels are background, so zeros are skipped first.
  let out: LabelArray = new Uint16Array(n);
  let min = 0;
  for (let i = 0; i < n; i++) {
    const raw = src[i];
    if (raw === 0 && inter === 0) continue;
    const v = scaled ? raw * slope + inter : raw;
    const r = Math.round(v);
    // NaN fails every comparison, so it is caught here too.
    if (!(Math.abs(v - r) <= 1e-4)) checkValue(v, i);
    if (r > max) {
      max = r;
      if (max > 0xffff && out instanceof Uint16Array) {
        if (max > MAX_LABEL_VALUE) break;
        out = Uint32Array.from(out);
      }
    } else if (r < min) {
      min = r;
      break;
    }
    out[i] = r;
  }
  if (min < 0) {
    throw new AtlasError(
      'invalid-labels',
      `label volume holds the negative value ${min}; labels must be 0 or more`,
      fileName,
    );
  }
  if (max > MAX_LABEL_VALUE) {
    throw new AtlasError('invalid-labels', `label value ${formatCount(max)} is too large for a label volume`, fileName);
  }
  return finish(img, out, max);

  function checkValue(v: number, i: number): void {
    const at = i < 0 ? 'where the stored value is 0' : `at ${where(i)}`;
    if (v !== v || v === Infinity || v === -Infinity) {
      throw new AtlasError(
        'invalid-labels',
        `label volume holds ${v} ${at}; a label volume must hold whole numbers (is this a statistical map?)`,
        fileName,
      );
    }
    if (Math.abs(v - Math.round(v)) > 1e-4) {
      throw new AtlasError(
        'invalid-labels',
        `label volume holds the fractional value ${v} ${at}; a label volume must hold whole numbers (is this a probability or statistical map?)`,
        fileName,
      );
    }
  }
}

function finish(img: NiftiImage, labels: LabelArray, maxLabel: number): LabelVolume {
  const affine = img.header.affine;
  return {
    dims: img.dims,
    affine,
    inverse: invertAffine(affine),
    labels,
    maxLabel,
    voxelVolume: Math.abs(det3(affine)),
  };
}

/** Index of the voxel nearest to a world point (the rounded inverse-affine image), or -1 outside the grid. */
export function voxelIndexAt(vol: Pick<LabelVolume, 'dims' | 'inverse'>, x: number, y: number, z: number): number {
  const m = vol.inverse;
  const i = roundHalfEven(m[0] * x + m[1] * y + m[2] * z + m[3]);
  const j = roundHalfEven(m[4] * x + m[5] * y + m[6] * z + m[7]);
  const k = roundHalfEven(m[8] * x + m[9] * y + m[10] * z + m[11]);
  const [nx, ny, nz] = vol.dims;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return -1;
  return i + nx * (j + ny * k);
}

/** The label at a world point in mm; 0 for background or outside the grid. */
export function labelAt(vol: LabelVolume, x: number, y: number, z: number): number {
  const idx = voxelIndexAt(vol, x, y, z);
  return idx < 0 ? 0 : vol.labels[idx];
}
