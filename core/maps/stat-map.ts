/**
 * A statistical map (t, z, beta, p… or any image of numbers) on its own grid: one 3D frame as float32 values with
 * the header's scaling applied, NaN where a value is missing. Pure: built from a decoded NiftiImage.
 */
import type { Vec3 } from '../types';
import { type Mat4, det3, invertAffine, roundHalfEven } from '../affine';
import { AtlasError } from '../errors';
import type { NiftiHeader } from '../io/nifti/header';
import { TRANSFORM_CODE_NAMES } from '../io/nifti/header';
import type { NiftiImage, NumericArray } from '../io/nifti/decode';
import { looksLikeGifti } from '../io/gifti/gifti';

/**
 * Refuses a GIFTI file (per-vertex values, as `brain-atlas project --out` writes) given as a statistical map, whose
 * NIfTI reader would only say that the bytes are not NIfTI: says what it is and what opens as a map.
 */
export function refuseSurfaceFile(bytes: Uint8Array, fileName: string): void {
  if (looksLikeGifti(bytes, fileName)) {
    throw new AtlasError(
      'unsupported',
      'this is a GIFTI surface file; a statistical map opens as a NIfTI volume (.nii, .nii.gz) in MNI space',
      fileName,
    );
  }
}

export interface StatMap {
  dims: Vec3;
  /** Voxel -> world (MNI mm when the header says so). */
  affine: Mat4;
  inverse: Mat4;
  /** One value per voxel, x fastest; NaN where the file holds NaN or ±Infinity (missing). */
  values: Float32Array;
  /** mm³ of one voxel. */
  voxelVolume: number;
  /** Frame of the file these values come from, and how many it has. */
  frame: number;
  totalFrames: number;
  /** Set when the header's transform codes say the map is not in a standard (MNI / template / aligned) space. */
  spaceWarning: string | null;
  warnings: string[];
  /** What the values are, where the header's intent or the file's name says: z or t statistics (statisticOf). */
  statistic: MapStatistic;
}

/** z or t statistics; null where neither the header nor the file name says. */
export type MapStatistic = 'z' | 't' | null;

/** NIfTI intent codes: NIFTI_INTENT_TTEST and NIFTI_INTENT_ZSCORE. */
const INTENT_STATISTIC: Record<number, MapStatistic> = { 3: 't', 5: 'z' };

/**
 * What a map's values are: z or t statistics where the header's intent code says so (3 t-test, 5 z-score), else
 * where the file's name says so, as the common tools name them: FSL (zstat1.nii.gz, tstat2.nii.gz), SPM
 * (spmT_0001.nii, spmZ_0001.nii), BIDS statistical maps (sub-01_contrast-faces_stat-z_statmap.nii.gz) and nilearn's
 * examples and users (zmap.nii.gz, faces_z_map.nii.gz, group_tmap.nii, z_score.nii.gz); null otherwise (an F, a p, a
 * beta or an unnamed map).
 */
export function statisticOf(intentCode: number, fileName = ''): MapStatistic {
  const byIntent = INTENT_STATISTIC[intentCode];
  if (byIntent) return byIntent;
  const stem = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.(?:nii|img|hdr)(?:\.gz)?$/i, '');
  const m = /^(?:([zt])stat\d*|spm([tz])_\d+)$/i.exec(stem) ?? /(?:^|_)stat-([zt])(?:_|$)/i.exec(stem);
  if (m) return (m[1] ?? m[2]).toLowerCase() as MapStatistic;
  return statisticInWords(stem.toLowerCase().split(/[_.\s-]+/));
}

/** Words of a file name that name a z or t map: zmap, tmap, zscore, or z / t followed by map or score. */
function statisticInWords(words: string[]): MapStatistic {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === 'zmap' || w === 'zscore' || w === 'zscores') return 'z';
    if (w === 'tmap') return 't';
    if ((w === 'z' || w === 't') && (words[i + 1] === 'map' || words[i + 1] === 'score')) return w;
  }
  return null;
}

/** sform/qform codes treated as a standard space: 2 aligned, 4 MNI152, 5 template. */
const STANDARD_CODES = new Set([2, 4, 5]);

/** A sentence when the header's transform codes say the map is not in a standard space, else null. */
export function headerSpaceWarning(
  header: Pick<NiftiHeader, 'sformCode' | 'qformCode' | 'affineSource'> & Partial<Pick<NiftiHeader, 'sform' | 'qform'>>,
): string | null {
  const { sformCode, qformCode, affineSource } = header;
  const named = (which: string, code: number) =>
    `${which}_code ${code} (${TRANSFORM_CODE_NAMES[code] ?? 'unknown code'})`;
  if (affineSource === 'catalog') return null;
  if (affineSource === 'pixdim' && (sformCode > 0 || qformCode > 0)) {
    // The header gives a transform, but the reader could not use it (core/io/nifti/header.ts chooseAffine).
    const broken = (which: 'sform' | 'qform', code: number, m: Mat4 | null | undefined) => {
      const why = !m
        ? 'not finite or not invertible'
        : !m.subarray(0, 12).every((v) => Number.isFinite(v))
          ? 'not finite'
          : Number.isFinite(det3(m))
            ? 'not invertible'
            : 'its voxel volume is past any number';
      return `the ${which} (code ${code}) is degenerate (${why})`;
    };
    const parts = [
      ...(sformCode > 0 ? [broken('sform', sformCode, header.sform)] : []),
      ...(qformCode > 0 ? [broken('qform', qformCode, header.qform)] : []),
    ];
    return `${parts.join(' and ')}: using the voxel sizes instead, so coordinates and region names are not MNI`;
  }
  if (affineSource === 'pixdim' || (sformCode <= 0 && qformCode <= 0)) {
    return 'the header gives no transform (sform_code and qform_code are 0): voxel sizes only, so coordinates and region names are not MNI';
  }
  const which = affineSource === 'qform' ? 'qform' : 'sform';
  const code = which === 'qform' ? qformCode : sformCode;
  if (STANDARD_CODES.has(code)) return null;
  const other = which === 'sform' && qformCode > 0 ? `; ${named('qform', qformCode)}` : '';
  const what =
    code === 3
      ? 'Talairach space, not MNI'
      : code === 1
        ? 'scanner space, not a standard space'
        : 'not a standard space';
  return `the header says ${what}: ${named(which, code)}${other}; coordinates and region names may be wrong`;
}

/**
 * The statistical map of one frame of `img`. When `img` was decoded with a `frame` option it holds that frame
 * only; pass `fileFrame` so the map records which one it is. `frameInData` picks a frame among those decoded.
 */
export function toStatMap(
  img: NiftiImage,
  opts: { frameInData?: number; fileFrame?: number; fileName?: string } = {},
): StatMap {
  const [nx, ny, nz] = img.dims;
  const n = nx * ny * nz;
  const f = opts.frameInData ?? 0;
  if (!Number.isInteger(f) || f < 0 || f >= img.frames) {
    throw new AtlasError(
      'invalid-argument',
      `frame ${f} does not exist; the image has ${img.frames} frame${img.frames === 1 ? '' : 's'}`,
      opts.fileName,
    );
  }
  const src = (img.frames === 1 ? img.data : img.data.subarray(f * n, (f + 1) * n)) as NumericArray;
  const slope = img.header.sclSlope;
  const inter = img.header.sclInter;
  const values = new Float32Array(n);
  if (slope === 1 && inter === 0) {
    values.set(src as ArrayLike<number>);
  } else {
    for (let i = 0; i < n; i++) values[i] = src[i] * slope + inter;
  }
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // v - v is 0 for finite numbers and NaN for NaN and ±Infinity (and float32 overflow after scaling).
    if (v - v !== 0) {
      values[i] = NaN;
      missing++;
    }
  }
  const affine = img.header.affine;
  const warnings = [...img.warnings];
  if (missing > 0)
    warnings.push(`${missing} voxel${missing === 1 ? '' : 's'} hold NaN or infinity and are treated as missing`);
  const spaceWarning = headerSpaceWarning(img.header);
  return {
    dims: [nx, ny, nz],
    affine,
    inverse: invertAffine(affine),
    values,
    voxelVolume: Math.abs(det3(affine)),
    frame: opts.fileFrame ?? f,
    totalFrames: img.totalFrames,
    spaceWarning,
    warnings,
    statistic: statisticOf(img.header.intentCode, opts.fileName),
  };
}

export type Interpolation = 'nearest' | 'linear';

/**
 * The map's value at a world point in mm: the nearest voxel's (the rounded inverse-affine image, as atlas
 * lookups do), or trilinear between the eight voxels around it. Null outside the grid or where a value needed is
 * missing.
 */
export function sampleStatMap(
  map: StatMap,
  x: number,
  y: number,
  z: number,
  interp: Interpolation = 'nearest',
): number | null {
  const m = map.inverse;
  const fi = m[0] * x + m[1] * y + m[2] * z + m[3];
  const fj = m[4] * x + m[5] * y + m[6] * z + m[7];
  const fk = m[8] * x + m[9] * y + m[10] * z + m[11];
  const [nx, ny, nz] = map.dims;
  if (interp === 'nearest') {
    const i = roundHalfEven(fi),
      j = roundHalfEven(fj),
      k = roundHalfEven(fk);
    if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return null;
    const v = map.values[i + nx * (j + ny * k)];
    return v === v ? v : null;
  }
  const eps = 1e-6;
  if (fi < -eps || fj < -eps || fk < -eps || fi > nx - 1 + eps || fj > ny - 1 + eps || fk > nz - 1 + eps) return null;
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  const ci = clamp(fi, nx),
    cj = clamp(fj, ny),
    ck = clamp(fk, nz);
  const i0 = Math.min(Math.floor(ci), Math.max(nx - 2, 0)),
    j0 = Math.min(Math.floor(cj), Math.max(ny - 2, 0)),
    k0 = Math.min(Math.floor(ck), Math.max(nz - 2, 0));
  const ti = ci - i0,
    tj = cj - j0,
    tk = ck - k0;
  let sum = 0;
  for (let c = 0; c < 8; c++) {
    const di = c & 1,
      dj = (c >> 1) & 1,
      dk = (c >> 2) & 1;
    const w = (di ? ti : 1 - ti) * (dj ? tj : 1 - tj) * (dk ? tk : 1 - tk);
    if (w === 0) continue;
    const i = i0 + di,
      j = j0 + dj,
      k = k0 + dk;
    if (i >= nx || j >= ny || k >= nz) continue; // a grid one voxel thick on this axis: its weight is 0 here
    const v = map.values[i + nx * (j + ny * k)];
    if (v !== v) return null;
    sum += w * v;
  }
  return sum;
}
