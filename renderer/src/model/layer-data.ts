/**
 * The heavy data behind each drawn layer (decoded meshes, label grids, region tables), kept outside the zustand
 * store: the store holds only which layer is drawn (by key) and how; components and the picker look the data up
 * here by that key. Everything here is immutable once registered.
 */
import type { AtlasSummary, RegionRecord, Vec3 } from '../../../core/api';
import type { Mat4 } from '../../../core/affine';
import type { LabelGrid, PackedMeshSet } from '../../../core/mesh/types';
import type { Hemisphere, Rgb } from '../../../core/io/labels/types';

/** One region of a layer, in the layer's index order (the index the shaders and state textures use). */
export interface LayerRegion {
  /** `atlasId:value`, the key used for selection, hiding and isolation. */
  key: string;
  value: number;
  name: string;
  hemisphere: Hemisphere | null;
  network: string | null;
  color: Rgb;
  volumeMm3: number;
  voxels: number;
  centroid: Vec3;
  bbox: { min: Vec3; max: Vec3 };
  /** Where a point marker goes when the region is too small to see (mesh centre, else centroid). */
  center: Vec3;
  /** Drawn with a point marker as well as (or instead of) its surface. */
  small: boolean;
  /** Sphere radius in mm (coordinate atlases). */
  radius: number;
  /** The region record as the engine gave it (absent for values the table does not name). */
  record: RegionRecord | null;
}

/** A label grid ready for picking: world mm -> voxel index through `inverse`. */
export interface PickGrid extends LabelGrid {
  inverse: Mat4;
  /** Smallest voxel edge in mm (the marching step is half of it). */
  voxelMm: number;
  /** World-space box of the grid (voxel corners). */
  min: Vec3;
  max: Vec3;
}

interface LayerBase {
  /** `atlasId@variant` */
  key: string;
  atlasId: string;
  name: string;
  summary: AtlasSummary;
  regions: LayerRegion[];
  /** value -> index into regions, -1 where none. */
  indexOfValue: Int32Array;
}

export interface LabelsLayerData extends LayerBase {
  kind: 'labels';
  meshes: PackedMeshSet;
  grid: PickGrid;
}

export interface CoordinatesLayerData extends LayerBase {
  kind: 'coordinates';
}

export type LayerData = LabelsLayerData | CoordinatesLayerData;

export interface TemplateData {
  key: string;
  /** The template and resolution (the key without the mesh detail): data of the same variant share the grid. */
  variant: string;
  meshes: PackedMeshSet;
  grid: PickGrid;
  /** Centre of the brain surface's bounding box: where the camera looks and what explode pushes away from. */
  centre: Vec3;
  radius: number;
}

/** Immutable heavy data by key, outside the store: the store names what is drawn by these keys. */
export function keyedRegistry<T>(keyOf: (v: T) => string) {
  const items = new Map<string, T>();
  return {
    get: (key: string | null | undefined): T | undefined => (key ? items.get(key) : undefined),
    put: (v: T) => void items.set(keyOf(v), v),
    /** Drops every item whose key is not in `keep` (called when what is drawn is replaced). */
    prune(keep: Iterable<string>) {
      const k = new Set(keep);
      for (const key of [...items.keys()]) if (!k.has(key)) items.delete(key);
    },
  };
}

const templates = new Map<string, TemplateData>();

export const layerData = keyedRegistry<LayerData>((d) => d.key);

export const templateData = {
  get: (key: string | null | undefined): TemplateData | undefined => (key ? templates.get(key) : undefined),
  put(d: TemplateData) {
    templates.clear();
    templates.set(d.key, d);
  },
};

/** Keys of layers (and `template:<key>`) whose objects are in the scene graph: the 3D view is ready when every
 *  drawn layer is mounted and a frame has been rendered since. */
export const mountedKeys = new Set<string>();

/** Fallback centre of the MNI152 brain (mm) when no template is loaded. */
export const MNI_BRAIN_CENTRE: Vec3 = [0, -18, 8];
export const MNI_BRAIN_RADIUS = 100;

export function regionKey(atlasId: string, value: number): string {
  return `${atlasId}:${value}`;
}

/** The layer and region a key names, among the drawn layers. */
export function findRegion(
  layers: readonly ({ key: string } | null)[],
  key: string | null | undefined,
): { data: LayerData; region: LayerRegion } | null {
  if (!key) return null;
  const sep = key.lastIndexOf(':');
  const atlasId = key.slice(0, sep);
  const value = Number(key.slice(sep + 1));
  for (const l of layers) {
    const data = layerData.get(l?.key);
    if (!data || data.atlasId !== atlasId) continue;
    const idx = value < data.indexOfValue.length ? data.indexOfValue[value] : -1;
    if (idx >= 0) return { data, region: data.regions[idx] };
  }
  return null;
}
