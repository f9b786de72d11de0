/**
 * GPU textures for the slice views, made once per volume and reused: the template (bytes, linear), each labels
 * layer's label grid as stored (unsigned integers, fetched exactly) with its value -> region table, each overlay's
 * values (float, fetched by hand; also the 3D view's cut faces) and LUTs.
 */
import {
  Data3DTexture,
  DataTexture,
  FloatType,
  IntType,
  LinearFilter,
  Matrix4,
  NearestFilter,
  RedFormat,
  RedIntegerFormat,
  RGBAFormat,
  UnsignedByteType,
  UnsignedIntType,
  UnsignedShortType,
} from 'three';
import { invertAffine, mat4 } from '../../../core/affine';
import type { TemplateImage } from '../../../core/atlas/template-image';
import type { LabelsLayerData } from '../model/layer-data';

function volume(data: ArrayBufferView, dims: readonly number[], linear: boolean): Data3DTexture {
  const t = new Data3DTexture(data as Uint8Array, dims[0], dims[1], dims[2]);
  t.magFilter = linear ? LinearFilter : NearestFilter;
  t.minFilter = linear ? LinearFilter : NearestFilter;
  t.generateMipmaps = false;
  // Rows of odd-sized grids are not 4-byte aligned.
  t.unpackAlignment = 1;
  t.needsUpdate = true;
  return t;
}

export function templateTexture(img: TemplateImage): Data3DTexture {
  const t = volume(img.intensities, img.dims, true);
  t.format = RedFormat;
  t.type = UnsignedByteType;
  return t;
}

/** Width of the value -> region index table texture. */
export const INDEX_TABLE_WIDTH = 1024;

/** The layer's value -> region index table (-1 for none) laid out as rows of INDEX_TABLE_WIDTH for a 2D texture. */
export function indexTable(indexOfValue: Int32Array): { data: Int32Array; width: number; height: number } {
  const height = Math.max(1, Math.ceil(indexOfValue.length / INDEX_TABLE_WIDTH));
  const data = new Int32Array(INDEX_TABLE_WIDTH * height).fill(-1);
  data.set(indexOfValue);
  return { data, width: INDEX_TABLE_WIDTH, height };
}

/**
 * The label grid as it is (8, 16 or 32-bit unsigned integers, no conversion on the CPU), and the value -> region
 * table the shader looks each voxel's value up in.
 */
export function labelsTextures(data: LabelsLayerData): { labels: Data3DTexture; table: DataTexture; values: number } {
  const { labels: voxels, dims } = data.grid;
  const labels = volume(voxels, dims, false);
  labels.format = RedIntegerFormat;
  if (voxels instanceof Uint8Array) {
    labels.type = UnsignedByteType;
    labels.internalFormat = 'R8UI';
  } else if (voxels instanceof Uint16Array) {
    labels.type = UnsignedShortType;
    labels.internalFormat = 'R16UI';
  } else {
    labels.type = UnsignedIntType;
    labels.internalFormat = 'R32UI';
  }
  const t = indexTable(data.indexOfValue);
  const table = new DataTexture(t.data, t.width, t.height, RedIntegerFormat, IntType);
  table.internalFormat = 'R32I';
  table.magFilter = NearestFilter;
  table.minFilter = NearestFilter;
  table.needsUpdate = true;
  return { labels, table, values: data.indexOfValue.length };
}

/** A grid's world (MNI mm) -> voxel matrix, from its voxel -> world affine (row-major, 4x4 or its top 3 rows). */
export function worldToVoxel(affine: ArrayLike<number>): Matrix4 {
  const inv = invertAffine(mat4(affine.length === 12 ? [...Array.from(affine), 0, 0, 0, 1] : affine));
  return new Matrix4().fromArray(Array.from(inv)).transpose(); // row-major -> three's column-major
}

export function valuesTexture(values: Float32Array, dims: readonly number[]): Data3DTexture {
  const t = volume(values, dims, false);
  t.format = RedFormat;
  t.type = FloatType;
  t.internalFormat = 'R32F';
  return t;
}

/** 256 RGBA entries as a 256x1 texture (a 1x1 transparent one when absent). */
export function lutTexture(lut: Uint8Array | null): DataTexture {
  const t = lut ? new DataTexture(lut, 256, 1, RGBAFormat, UnsignedByteType) : new DataTexture(new Uint8Array(4), 1, 1);
  t.magFilter = LinearFilter;
  t.minFilter = LinearFilter;
  t.needsUpdate = true;
  return t;
}
