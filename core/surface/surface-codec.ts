/** Binary transport of surfaces and per-vertex values between the processes (core/mesh/codec.ts's packing). */
import { AtlasError } from '../errors';
import { packBinary, unpackBinary } from '../mesh/codec';
import type { SurfaceLabelSource } from '../api/surface-api';

export interface SurfaceData {
  vertexCount: number;
  /** x, y, z per vertex of the surface asked for (pial, white or inflated). */
  positions: Float32Array;
  /** x, y, z per vertex halfway between white and pial: where a vertex is in the brain, whatever the view. */
  mid: Float32Array;
  triangles: Uint32Array;
  /** Sulcal depth per vertex (FreeSurfer sulc: positive in sulci). */
  sulc: Float32Array;
  /** The surface's licence and citation, as the catalog gives them: shown beside the view. */
  license: string;
  citation: string;
}

export function encodeSurface(s: SurfaceData): ArrayBuffer {
  return packBinary(
    { vertexCount: s.vertexCount, license: s.license, citation: s.citation },
    { positions: s.positions, mid: s.mid, triangles: s.triangles, sulc: s.sulc },
  );
}

export function decodeSurface(buf: ArrayBuffer): SurfaceData {
  const { meta, arrays } = unpackBinary(buf);
  const { vertexCount: n, license, citation } = meta as { vertexCount: number; license: string; citation: string };
  const s = {
    vertexCount: n,
    license,
    citation,
    positions: arrays.positions as Float32Array,
    mid: arrays.mid as Float32Array,
    triangles: arrays.triangles as Uint32Array,
    sulc: arrays.sulc as Float32Array,
  };
  if (s.positions?.length !== 3 * n || s.mid?.length !== 3 * n || s.sulc?.length !== n || !s.triangles) {
    throw new AtlasError('corrupt', 'surface message: arrays do not match the vertex count');
  }
  return s;
}

export function encodeVertexValues(values: Float32Array): ArrayBuffer {
  return packBinary({ vertexCount: values.length }, { values });
}

export function decodeVertexValues(buf: ArrayBuffer): Float32Array {
  const { arrays } = unpackBinary(buf);
  if (!(arrays.values instanceof Float32Array)) throw new AtlasError('corrupt', 'vertex values message has no values');
  return arrays.values;
}

export interface VertexLabels {
  labels: Int32Array;
  source: SurfaceLabelSource;
}

export function encodeVertexLabels(v: VertexLabels): ArrayBuffer {
  return packBinary({ source: v.source }, { labels: v.labels });
}

export function decodeVertexLabels(buf: ArrayBuffer): VertexLabels {
  const { meta, arrays } = unpackBinary(buf);
  if (!(arrays.labels instanceof Int32Array)) throw new AtlasError('corrupt', 'vertex labels message has no labels');
  return { labels: arrays.labels, source: (meta as { source: SurfaceLabelSource }).source };
}
