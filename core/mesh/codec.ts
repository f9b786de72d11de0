/**
 * Binary transport of meshes and label grids between the processes (IPC ArrayBuffer or HTTP octet-stream):
 * a JSON header, then the typed arrays, each aligned to 8 bytes. No JSON for large arrays.
 */
import { AtlasError } from '../errors';
import type { TemplateImage } from '../atlas/template-image';
import type { LabelGrid, RegionMeshSet } from './types';

const MAGIC = 0x42415331; // "BAS1"

export type BinaryArrays = Record<string, Float32Array | Uint32Array | Int32Array | Uint16Array | Uint8Array>;
type Arrays = BinaryArrays;
const CTORS = { f32: Float32Array, u32: Uint32Array, i32: Int32Array, u16: Uint16Array, u8: Uint8Array } as const;
type Kind = keyof typeof CTORS;

function kindOf(a: Arrays[string]): Kind {
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint16Array) return 'u16';
  return 'u8';
}

/**
 * A JSON-able `meta` and named typed arrays in one buffer (unpackBinary reads it back). Layout offsets are relative
 * to the start of the data block, which follows the JSON header (8-aligned).
 */
export function packBinary(meta: unknown, arrays: Arrays): ArrayBuffer {
  const layout: { name: string; kind: Kind; length: number; offset: number }[] = [];
  let size = 0;
  for (const [name, a] of Object.entries(arrays)) {
    layout.push({ name, kind: kindOf(a), length: a.length, offset: size });
    size = align(size + a.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ meta, layout }));
  const dataStart = align(8 + header.length);
  const buf = new ArrayBuffer(dataStart + size);
  const dv = new DataView(buf);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, header.length, true);
  new Uint8Array(buf, 8, header.length).set(header);
  for (const l of layout) {
    const a = arrays[l.name];
    new Uint8Array(buf, dataStart + l.offset, a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return buf;
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

export function encodeMeshSet(set: RegionMeshSet): ArrayBuffer {
  return packBinary({ regions: set.regions }, { positions: set.positions, normals: set.normals, indices: set.indices });
}

export function decodeMeshSet(buf: ArrayBuffer): RegionMeshSet {
  const { meta, arrays } = unpackBinary(buf);
  return {
    regions: (meta as { regions: RegionMeshSet['regions'] }).regions,
    positions: arrays.positions as Float32Array,
    normals: arrays.normals as Float32Array,
    indices: arrays.indices as Uint32Array,
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
