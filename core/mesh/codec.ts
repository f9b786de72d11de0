/**
 * Binary transport of meshes and label grids between the processes (IPC ArrayBuffer or HTTP octet-stream):
 * a JSON header, then the typed arrays, each aligned to 8 bytes. No JSON for large arrays.
 */
import { AtlasError } from '../errors';
import type { TemplateImage } from '../atlas/template-image';
import { NORMAL_SCALE, type LabelGrid, type PackedMeshSet, type RegionMeshSet } from './types';

const MAGIC = 0x42415331; // "BAS1"

export type BinaryArrays = Record<
  string,
  Float32Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array
>;
type Arrays = BinaryArrays;
const CTORS = {
  f32: Float32Array,
  u32: Uint32Array,
  i32: Int32Array,
  u16: Uint16Array,
  i16: Int16Array,
  u8: Uint8Array,
} as const;
type Kind = keyof typeof CTORS;

function kindOf(a: Arrays[string]): Kind {
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Int16Array) return 'i16';
  return 'u8';
}

/**
 * A JSON-able `meta` and named typed arrays in one buffer (unpackBinary reads it back). Layout offsets are relative
 * to the start of the data block, which follows the JSON header (8-aligned).
 */
export function packBinary(meta: unknown, arrays: Arrays): ArrayBuffer {
  const { buf, views } = binaryWithRoom(
    meta,
    Object.entries(arrays).map(([name, a]) => ({ name, kind: kindOf(a), length: a.length })),
  );
  for (const [name, a] of Object.entries(arrays)) views[name].set(a as never);
  return buf;
}

/**
 * A binary message with its header written and room for the named arrays, which the caller fills in through
 * `views` (packBinary copies them; encodeMeshSet packs the normals as it writes them).
 */
function binaryWithRoom(
  meta: unknown,
  arrays: { name: string; kind: Kind; length: number }[],
): { buf: ArrayBuffer; views: Arrays } {
  const layout: { name: string; kind: Kind; length: number; offset: number }[] = [];
  let size = 0;
  for (const a of arrays) {
    layout.push({ ...a, offset: size });
    size = align(size + a.length * CTORS[a.kind].BYTES_PER_ELEMENT);
  }
  const header = new TextEncoder().encode(JSON.stringify({ meta, layout }));
  const dataStart = align(8 + header.length);
  const buf = new ArrayBuffer(dataStart + size);
  const dv = new DataView(buf);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, header.length, true);
  new Uint8Array(buf, 8, header.length).set(header);
  const views: Arrays = {};
  for (const l of layout) views[l.name] = new CTORS[l.kind](buf, dataStart + l.offset, l.length);
  return { buf, views };
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}

export function unpackBinary(buf: ArrayBuffer): { meta: unknown; arrays: Arrays } {
  const dv = new DataView(buf);
  if (buf.byteLength < 8 || dv.getUint32(0, true) !== MAGIC) {
    throw new AtlasError('corrupt', 'not a Brain Atlas Studio binary message');
  }
  const len = dv.getUint32(4, true);
  const { meta, layout } = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, len))) as {
    meta: unknown;
    layout: { name: string; kind: Kind; length: number; offset: number }[];
  };
  const dataStart = align(8 + len);
  const arrays: Arrays = {};
  for (const l of layout) {
    if (dataStart + l.offset + l.length * CTORS[l.kind].BYTES_PER_ELEMENT > buf.byteLength) {
      throw new AtlasError('truncated', `binary message ends inside its '${l.name}' array`);
    }
    arrays[l.name] = new CTORS[l.kind](buf, dataStart + l.offset, l.length);
  }
  return { meta, arrays };
}

/**
 * Region meshes as they are sent and cached (PackedMeshSet): positions and indices as they are, the unit normals
 * packed into 16 bits (half their bytes, an eighth of the whole, to send, keep and hand to the GPU).
 */
export function encodeMeshSet(set: RegionMeshSet | PackedMeshSet): ArrayBuffer {
  const { positions, normals, indices } = set;
  const { buf, views } = binaryWithRoom({ regions: set.regions }, [
    { name: 'positions', kind: 'f32', length: positions.length },
    { name: 'normals', kind: 'i16', length: normals.length },
    { name: 'indices', kind: 'u32', length: indices.length },
  ]);
  views.positions.set(positions);
  if (normals instanceof Int16Array) views.normals.set(normals);
  else packNormals(normals, views.normals as Int16Array);
  views.indices.set(indices);
  return buf;
}

/**
 * Unit normals into 16-bit integers: each component × NORMAL_SCALE, rounded half away from zero (the ±0.5 then the
 * Int16Array's truncation: six times quicker than Math.round here).
 */
export function packNormals(normals: Float32Array, into: Int16Array = new Int16Array(normals.length)): Int16Array {
  for (let i = 0; i < normals.length; i++) {
    const x = normals[i] * NORMAL_SCALE;
    into[i] = x + (x < 0 ? -0.5 : 0.5);
  }
  return into;
}

/** Packed normals back to unit vectors (for file writers, whose formats want floats). */
export function unpackNormals(packed: Int16Array): Float32Array {
  const out = new Float32Array(packed.length);
  for (let o = 0; o < packed.length; o += 3) {
    const x = packed[o],
      y = packed[o + 1],
      z = packed[o + 2];
    const inv = 1 / (Math.hypot(x, y, z) || 1);
    out[o] = x * inv;
    out[o + 1] = y * inv;
    out[o + 2] = z * inv;
  }
  return out;
}

/** A message of encodeMeshSet's (or of a build that sent float normals, which are packed here). */
export function decodeMeshSet(buf: ArrayBuffer): PackedMeshSet {
  const { meta, arrays } = unpackBinary(buf);
  const { positions, normals, indices } = arrays;
  if (!(positions instanceof Float32Array) || !(indices instanceof Uint32Array))
    throw new AtlasError('corrupt', 'mesh message: positions or indices missing or of the wrong type');
  if (!(normals instanceof Int16Array || normals instanceof Float32Array) || normals.length !== positions.length)
    throw new AtlasError('corrupt', 'mesh message: normals missing or not one per vertex');
  return {
    regions: (meta as { regions: RegionMeshSet['regions'] }).regions,
    positions,
    normals: normals instanceof Int16Array ? normals : packNormals(normals),
    indices,
  };
}

export function encodeLabelGrid(grid: LabelGrid): ArrayBuffer {
  return packBinary({ dims: grid.dims, affine: grid.affine }, { labels: grid.labels });
}

export function decodeLabelGrid(buf: ArrayBuffer): LabelGrid {
  const { meta, arrays } = unpackBinary(buf);
  const m = meta as { dims: [number, number, number]; affine: number[] };
  return { dims: m.dims, affine: m.affine, labels: arrays.labels as LabelGrid['labels'] };
}

export function encodeTemplateImage(img: TemplateImage): ArrayBuffer {
  return packBinary({ dims: img.dims, affine: img.affine, window: img.window }, { intensities: img.intensities });
}

export function decodeTemplateImage(buf: ArrayBuffer): TemplateImage {
  const { meta, arrays } = unpackBinary(buf);
  const m = meta as { dims: TemplateImage['dims']; affine: number[]; window: [number, number] };
  const intensities = arrays.intensities;
  if (!(intensities instanceof Uint8Array) || intensities.length !== m.dims[0] * m.dims[1] * m.dims[2]) {
    throw new AtlasError('corrupt', 'template image message: intensities do not fill its grid');
  }
  return { dims: m.dims, affine: m.affine, window: m.window, intensities };
}
