/**
 * GPU textures for the slice views, made once per volume and reused: the template (bytes, linear), each labels
 * layer's region-index volume (uint16, nearest), each overlay's values (float, fetched by hand) and LUTs.
 */
import {
  Data3DTexture, DataTexture, FloatType, LinearFilter, NearestFilter, RedFormat, RedIntegerFormat, RGBAFormat,
  UnsignedByteType, UnsignedShortType,
} from 'three';
import type { TemplateImage } from '../../../core/template-image';
import type { LabelsLayerData } from '../scene/layer-data';

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

/** (index of the voxel's region in data.regions) + 1 per voxel; 0 for background and values no region names. */
export function regionIndexVolume(data: LabelsLayerData): Uint16Array {
  const { labels } = data.grid;
  const lut = data.indexOfValue;
  if (data.regions.length >= 65535) throw new RangeError(`${data.name}: too many regions to draw in slices`);
  const out = new Uint16Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v !== 0 && v < lut.length) out[i] = lut[v] + 1;
  }
  return out;
}

export function labelsTexture(data: LabelsLayerData): Data3DTexture {
  const t = volume(regionIndexVolume(data), data.grid.dims, false);
  t.format = RedIntegerFormat;
  t.type = UnsignedShortType;
  t.internalFormat = 'R16UI';
  return t;
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
