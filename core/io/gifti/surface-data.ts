/**
 * Typed, validated views of a read GIFTI file: the surface mesh (POINTSET + TRIANGLE), a per-vertex map, and the
 * per-vertex label keys with their label table. Every problem is an AtlasError naming the file.
 */
import { AtlasError, formatCount } from '../../errors';
import type { GiftiArray, GiftiFile, GiftiLabel } from './gifti';

export interface SurfaceMesh {
  /** x, y, z of each vertex (the POINTSET array's own data, not a copy). */
  positions: Float32Array;
  /** Three vertex indices per triangle. */
  triangles: Uint32Array;
  vertexCount: number;
}

const POINTSET = 'NIFTI_INTENT_POINTSET';
const TRIANGLE = 'NIFTI_INTENT_TRIANGLE';
const LABEL = 'NIFTI_INTENT_LABEL';

function intents(file: GiftiFile): string {
  if (file.arrays.length === 0) return 'no data arrays';
  const n = file.arrays.length;
  return `${n} array${n === 1 ? '' : 's'}: ${file.arrays.map((a) => a.intent).join(', ')}`;
}

function dimsOf(a: GiftiArray): string {
  return a.dims.join('×');
}

/** The surface: the first POINTSET (N×3 float) and the first TRIANGLE (M×3 integer) array, indices checked. */
export function giftiSurface(file: GiftiFile, fileName: string): SurfaceMesh {
  const points = file.arrays.find((a) => a.intent === POINTSET);
  const tris = file.arrays.find((a) => a.intent === TRIANGLE);
  if (!points || !tris) {
    throw new AtlasError(
      'invalid-argument',
      `this GIFTI file is not a surface: it has no ${points ? TRIANGLE : POINTSET} array ` +
        `(it holds ${intents(file)}); ` +
        'open a .surf.gii file (pial, white, inflated…) as the surface and this file as a map on it',
      fileName,
    );
  }
  if (points.dims.length !== 2 || points.dims[1] !== 3 || points.dims[0] === 0) {
    throw new AtlasError(
      'corrupt',
      `the ${POINTSET} array is ${dimsOf(points)}; a surface needs N×3 vertex coordinates with N > 0`,
      fileName,
    );
  }
  if (points.dataType !== 'NIFTI_TYPE_FLOAT32') {
    throw new AtlasError(
      'unsupported',
      `the ${POINTSET} array is ${points.dataType}; vertex coordinates must be NIFTI_TYPE_FLOAT32`,
      fileName,
    );
  }
  if (tris.dims.length !== 2 || tris.dims[1] !== 3 || tris.dims[0] === 0) {
    throw new AtlasError(
      'corrupt',
      `the ${TRIANGLE} array is ${dimsOf(tris)}; a surface needs M×3 vertex indices with M > 0`,
      fileName,
    );
  }
  if (tris.dataType === 'NIFTI_TYPE_FLOAT32') {
    throw new AtlasError(
      'unsupported',
      `the ${TRIANGLE} array is ${tris.dataType}; triangle indices must be integers (NIFTI_TYPE_INT32)`,
      fileName,
    );
  }
  const positions = points.data as Float32Array;
  const vertexCount = points.dims[0];
  for (let i = 0; i < positions.length; i++) {
    if (!Number.isFinite(positions[i])) {
      throw new AtlasError(
        'corrupt',
        `vertex ${formatCount(Math.floor(i / 3))} has a coordinate that is not a finite number (${positions[i]})`,
        fileName,
      );
    }
  }
  const src = tris.data;
  const triangles = new Uint32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (v < 0 || v >= vertexCount) {
      throw new AtlasError(
        'corrupt',
        `triangle ${formatCount(Math.floor(i / 3))} uses vertex ${formatCount(v)}, but the surface has ` +
          `${formatCount(vertexCount)} vertices (0–${formatCount(vertexCount - 1)}); the file is damaged`,
        fileName,
      );
    }
    triangles[i] = v;
  }
  return { positions, triangles, vertexCount };
}

/** A one-value-per-vertex array: dims [N] or [N, 1]. */
function perVertex(a: GiftiArray): boolean {
  return a.dims.length === 1 || (a.dims.length === 2 && a.dims[1] === 1);
}

/**
 * The index-th array that is neither POINTSET nor TRIANGLE (default the first), as float32 values, one per vertex
 * (a copy). Label arrays count too.
 */
export function giftiValues(file: GiftiFile, fileName: string, index = 0): Float32Array {
  const maps = file.arrays.filter((a) => a.intent !== POINTSET && a.intent !== TRIANGLE);
  if (maps.length === 0) {
    throw new AtlasError(
      'invalid-argument',
      `this GIFTI file holds no per-vertex values (it holds ${intents(file)}); is it a surface rather than a map?`,
      fileName,
    );
  }
  if (!Number.isInteger(index) || index < 0 || index >= maps.length) {
    throw new AtlasError(
      'invalid-argument',
      `map ${index} does not exist; the file has ${maps.length} map${maps.length === 1 ? '' : 's'} ` +
        `(0–${maps.length - 1})`,
      fileName,
    );
  }
  const a = maps[index];
  if (!perVertex(a)) {
    throw new AtlasError(
      'unsupported',
      `map ${index} (${a.intent}) is ${dimsOf(a)}; a per-vertex map needs one value per vertex (N or N×1)`,
      fileName,
    );
  }
  return new Float32Array(a.data);
}

/** The NIFTI_INTENT_LABEL array as integer keys (one per vertex) and the file's label table. */
export function giftiLabelValues(file: GiftiFile, fileName: string): { keys: Int32Array; labels: GiftiLabel[] } {
  const a = file.arrays.find((x) => x.intent === LABEL);
  if (!a) {
    throw new AtlasError(
      'invalid-labels',
      `this GIFTI file has no ${LABEL} array (it holds ${intents(file)}); open a .label.gii file as a parcellation`,
      fileName,
    );
  }
  if (!perVertex(a)) {
    throw new AtlasError(
      'invalid-labels',
      `the ${LABEL} array is ${dimsOf(a)}; labels need one key per vertex (N or N×1)`,
      fileName,
    );
  }
  let keys: Int32Array;
  if (a.data instanceof Int32Array) keys = new Int32Array(a.data);
  else if (a.data instanceof Uint8Array) keys = Int32Array.from(a.data);
  else {
    const f = a.data;
    keys = new Int32Array(f.length);
    for (let i = 0; i < f.length; i++) {
      const v = f[i];
      if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) {
        throw new AtlasError(
          'invalid-labels',
          `the ${LABEL} array holds ${v} at vertex ${formatCount(i)}; label keys must be whole numbers`,
          fileName,
        );
      }
      keys[i] = v;
    }
  }
  return { keys, labels: file.labels };
}
