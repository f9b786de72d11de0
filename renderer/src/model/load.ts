/** Fetching and decoding what a layer needs from the engine, and turning it into LayerData. */
import { invertAffine, mat4 } from '../../../core/affine';
import type { AtlasSummary, RegionRecord, Vec3 } from '../../../core/api';
import { decodeLabelGrid, decodeMeshSet } from '../../../core/mesh/codec';
import type { LabelGrid, MeshDetail, PackedMeshSet } from '../../../core/mesh/types';
import { labelColor } from '../../../core/atlas/palette';
import { api } from '../api';
import { networkColor } from './networks';
import {
  type CoordinatesLayerData,
  type LabelsLayerData,
  type LayerData,
  type LayerRegion,
  type PickGrid,
  type TemplateData,
  regionKey,
} from './layer-data';

/** A region smaller than this (mm³) gets a point marker: its surface is a few pixels at best. */
export const SMALL_REGION_MM3 = 60;
const DEFAULT_ROI_RADIUS = 5;

export function pickGrid(grid: LabelGrid): PickGrid {
  const m = mat4(grid.affine);
  const [nx, ny, nz] = grid.dims;
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const i of [-0.5, nx - 0.5])
    for (const j of [-0.5, ny - 0.5])
      for (const k of [-0.5, nz - 0.5]) {
        for (let a = 0; a < 3; a++) {
          const v = m[a * 4] * i + m[a * 4 + 1] * j + m[a * 4 + 2] * k + m[a * 4 + 3];
          min[a] = Math.min(min[a], v);
          max[a] = Math.max(max[a], v);
        }
      }
  const voxelMm = Math.min(Math.hypot(m[0], m[4], m[8]), Math.hypot(m[1], m[5], m[9]), Math.hypot(m[2], m[6], m[10]));
  return { ...grid, inverse: invertAffine(m), voxelMm, min, max };
}

function fromRecord(atlasId: string, r: RegionRecord, coordinates: boolean): LayerRegion {
  const grey = r.color[0] === 160 && r.color[1] === 160 && r.color[2] === 160;
  return {
    key: regionKey(atlasId, r.value),
    value: r.value,
    name: r.name,
    hemisphere: r.hemisphere,
    network: r.network,
    // Coordinate tables carry no colours (the engine gives flat grey): ROIs take their network's colour, else
    // one of their own.
    color: coordinates && grey ? (r.network ? networkColor(r.network) : labelColor(r.value)) : r.color,
    volumeMm3: r.volumeMm3,
    voxels: r.voxels,
    centroid: r.centroid,
    bbox: r.bbox,
    center: r.centroid,
    small: false,
    radius: coordinates ? Math.max(1, (r.bbox.max[0] - r.bbox.min[0]) / 2) || DEFAULT_ROI_RADIUS : 0,
    record: r,
  };
}

function indexByValue(regions: LayerRegion[]): Int32Array {
  const maxValue = regions.reduce((m, r) => Math.max(m, r.value), 0);
  const out = new Int32Array(maxValue + 1).fill(-1);
  regions.forEach((r, i) => (out[r.value] = i));
  return out;
}

/** Regions of a labels layer: the engine's records, plus any value the mesh has but the table does not name. */
export function labelsRegions(
  atlasId: string,
  summary: AtlasSummary,
  meshes: PackedMeshSet,
  voxelMm3: number,
): LayerRegion[] {
  const regions = summary.regions.map((r) => fromRecord(atlasId, r, false));
  const byValue = new Map(regions.map((r) => [r.value, r]));
  for (const range of meshes.regions) {
    let r = byValue.get(range.value);
    if (!r) {
      r = {
        key: regionKey(atlasId, range.value),
        value: range.value,
        name: `${range.value}`,
        hemisphere: null,
        network: null,
        color: labelColor(range.value),
        volumeMm3: range.voxels * voxelMm3,
        voxels: range.voxels,
        centroid: range.center,
        bbox: { min: range.center, max: range.center },
        center: range.center,
        small: false,
        radius: 0,
        record: null,
      };
      regions.push(r);
      byValue.set(r.value, r);
    }
    r.center = range.center;
    r.small = range.vertexCount === 0 || range.voxels * voxelMm3 < SMALL_REGION_MM3;
  }
  const meshed = new Set(meshes.regions.map((m) => m.value));
  for (const r of regions) if (!meshed.has(r.value) && r.voxels > 0) r.small = true;
  return regions;
}

/** Loads a layer; `onSummary` hears the atlas's facts as soon as they arrive (meshing may take longer). */
export async function loadLayer(
  atlasId: string,
  kind: 'labels' | 'coordinates',
  res: number | undefined,
  detail: MeshDetail = 'standard',
  onSummary: (s: AtlasSummary) => void = () => {},
): Promise<LayerData> {
  if (kind === 'coordinates') {
    const summary = await api.openAtlas({ id: atlasId });
    onSummary(summary);
    const regions = summary.regions.map((r) => fromRecord(atlasId, r, true));
    const data: CoordinatesLayerData = {
      kind: 'coordinates',
      key: `${atlasId}@${summary.variant}`,
      atlasId,
      name: summary.name,
      summary,
      regions,
      indexOfValue: indexByValue(regions),
    };
    return data;
  }
  const [summary, meshBuf, gridBuf] = await Promise.all([
    api.openAtlas({ id: atlasId, res }).then((summary) => {
      onSummary(summary);
      return summary;
    }),
    api.getAtlasMeshes({ id: atlasId, res, detail }),
    api.getLabelGrid({ id: atlasId, res }),
  ]);
  const meshes = decodeMeshSet(meshBuf);
  const grid = pickGrid(decodeLabelGrid(gridBuf));
  const voxelMm3 = summary.voxelSizeMm[0] * summary.voxelSizeMm[1] * summary.voxelSizeMm[2];
  const regions = labelsRegions(atlasId, summary, meshes, voxelMm3);
  const data: LabelsLayerData = {
    kind: 'labels',
    key: labelsLayerKey(atlasId, summary.variant, detail),
    atlasId,
    name: summary.name,
    summary,
    regions,
    indexOfValue: indexByValue(regions),
    meshes,
    grid,
  };
  return data;
}

/** A labels layer's key: meshes of another detail are another layer's data, whose geometry the 3D view builds again. */
function labelsLayerKey(atlasId: string, variant: string, detail: MeshDetail): string {
  return keyAtDetail(`${atlasId}@${variant}`, detail);
}

/** A key of data with meshes, told apart by their detail (standard keeps the plain key). */
function keyAtDetail(key: string, detail: MeshDetail): string {
  return detail === 'standard' ? key : `${key}+${detail}`;
}

/**
 * The same labels layer with its meshes at `detail`: only the meshes are fetched (of the same variant); the atlas's
 * facts and its label grid stay as they are.
 */
export async function withMeshDetail(data: LabelsLayerData, detail: MeshDetail): Promise<LabelsLayerData> {
  const { atlasId, summary } = data;
  const meshes = decodeMeshSet(await api.getAtlasMeshes({ id: atlasId, variant: summary.variant, detail }));
  const voxelMm3 = summary.voxelSizeMm[0] * summary.voxelSizeMm[1] * summary.voxelSizeMm[2];
  const regions = labelsRegions(atlasId, summary, meshes, voxelMm3);
  return {
    ...data,
    key: labelsLayerKey(atlasId, summary.variant, detail),
    regions,
    indexOfValue: indexByValue(regions),
    meshes,
  };
}

/** The template data's key: its variant and detail. */
export function templateKey(id: string, res: number | undefined, detail: MeshDetail): string {
  return keyAtDetail(templateVariant(id, res), detail);
}

function templateVariant(id: string, res: number | undefined): string {
  return `${id}@${res ?? 'finest'}`;
}

/**
 * The template brain's surface at `detail`, as smooth as the atlases' meshes (the glass brain is smoothed the same
 * way), and its label grid for picking: `shown`'s when that is the same variant (only the meshes are fetched).
 */
export async function loadTemplate(
  id: string,
  res: number | undefined,
  detail: MeshDetail,
  shown?: TemplateData,
): Promise<TemplateData> {
  const variant = templateVariant(id, res);
  const [meshBuf, grid] = await Promise.all([
    api.getAtlasMeshes({ id, res, detail }),
    shown?.variant === variant ? shown.grid : api.getLabelGrid({ id, res }).then((b) => pickGrid(decodeLabelGrid(b))),
  ]);
  const meshes = decodeMeshSet(meshBuf);
  const p = meshes.positions;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i += 3) {
    for (let a = 0; a < 3; a++) {
      if (p[i + a] < min[a]) min[a] = p[i + a];
      if (p[i + a] > max[a]) max[a] = p[i + a];
    }
  }
  const centre: Vec3 = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const radius = p.length ? Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) / 2 : 100;
  return { key: templateKey(id, res, detail), variant, meshes, grid, centre, radius };
}
