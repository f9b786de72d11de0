/**
 * The binary message of getMapDisplay: a map resampled onto a display grid. Layout (little-endian): "BAMD",
 * uint32 length of a JSON header { dims, affine, frame, mapId }, the header, padding to 8 bytes, then
 * dims[0]*dims[1]*dims[2] float32 values (x fastest, NaN = no value).
 */
import type { Vec3 } from '../types';
import { AtlasError } from '../errors';

export interface MapDisplay {
  mapId: string;
  /** The frame of the map these values come from. */
  frame: number;
  dims: Vec3;
  /** Voxel (i, j, k) -> MNI mm, row-major 4x4. */
  affine: number[];
  values: Float32Array;
}

const MAGIC = 0x444d4142; // "BAMD" read little-endian

const align8 = (n: number) => Math.ceil(n / 8) * 8;

export function encodeMapDisplay(d: MapDisplay): ArrayBuffer {
  const n = d.dims[0] * d.dims[1] * d.dims[2];
  if (d.values.length !== n) throw new RangeError(`the display holds ${d.values.length} values, its grid needs ${n}`);
  const header = new TextEncoder().encode(
    JSON.stringify({ mapId: d.mapId, frame: d.frame, dims: d.dims, affine: Array.from(d.affine) }),
  );
  const start = align8(8 + header.length);
  const buf = new ArrayBuffer(start + n * 4);
  const dv = new DataView(buf);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, header.length, true);
  new Uint8Array(buf, 8, header.length).set(header);
  new Float32Array(buf, start, n).set(d.values);
  return buf;
}

export function decodeMapDisplay(buf: ArrayBuffer): MapDisplay {
  const dv = new DataView(buf);
  if (buf.byteLength < 8 || dv.getUint32(0, true) !== MAGIC)
    throw new AtlasError('corrupt', 'not a map display message');
  const len = dv.getUint32(4, true);
  if (8 + len > buf.byteLength) throw new AtlasError('truncated', 'map display message ends inside its header');
  const meta = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, len))) as Omit<MapDisplay, 'values'>;
  const n = meta.dims[0] * meta.dims[1] * meta.dims[2];
  const start = align8(8 + len);
  if (start + n * 4 > buf.byteLength) throw new AtlasError('truncated', 'map display message ends inside its values');
  return {
    mapId: meta.mapId,
    frame: meta.frame,
    dims: meta.dims,
    affine: meta.affine,
    values: new Float32Array(buf, start, n),
  };
}
