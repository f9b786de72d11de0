/** What an atlas variant is once loaded by the atlas service, what it answers at a point, and its summary. */
import { identity, orientationCodes, voxelSize } from '../../core/affine';
import type { AtlasHit, AtlasSummary, RegionRecord, Vec3 } from '../../core/api';
import { type LoadedAtlas, regionAt } from '../../core/atlas/atlas';
import { type ProbabilitySet, probabilitiesAt } from '../../core/atlas/probability';
import { type CoordinateRoi, roiAt } from '../../core/io/coordinates';

/** ROI spheres of coordinate atlases without a radius column: 5 mm, the 10 mm-diameter spheres of Power 2011. */
export const DEFAULT_ROI_RADIUS_MM = 5;

export type Loaded =
  | { type: 'labels'; atlas: LoadedAtlas; probabilities: ProbabilitySet | null }
  | { type: 'coordinates'; rois: CoordinateRoi[] }
  | { type: 'image'; dims: Vec3; affine: Float64Array; warnings: string[] };

/** The region (and, for probabilistic atlases, the probabilities) at a point in MNI mm. */
export function hitAt(loaded: Loaded, p: Vec3): AtlasHit {
  if (loaded.type === 'coordinates') {
    const roi = roiAt(loaded.rois, p, DEFAULT_ROI_RADIUS_MM);
    return roi ? { value: roi.value, name: roi.name ?? `ROI ${roi.value}` } : { value: 0, name: null };
  }
  if (loaded.type === 'image') return { value: 0, name: null };
  const hit: AtlasHit = regionAt(loaded.atlas, p[0], p[1], p[2]);
  if (loaded.probabilities) hit.probabilities = probabilitiesAt(loaded.probabilities, p[0], p[1], p[2]);
  return hit;
}

/** What openAtlas answers for a loaded variant: its grid, orientation, region records and warnings. */
export function summaryOf(base: Pick<AtlasSummary, 'id' | 'name' | 'kind' | 'variant'>, loaded: Loaded): AtlasSummary {
  const none = { inVolumeNotInTable: [], inTableNotInVolume: [] };
  if (loaded.type === 'coordinates') {
    const [dims, voxelSizeMm]: Vec3[] = [
      [0, 0, 0],
      [0, 0, 0],
    ];
    const affine = Array.from(identity());
    return {
      ...base,
      dims,
      voxelSizeMm,
      affine,
      orientation: '',
      regions: loaded.rois.map(roiRegion),
      report: none,
      warnings: [],
    };
  }
  if (loaded.type === 'image') {
    return {
      ...base,
      dims: loaded.dims,
      voxelSizeMm: voxelSize(loaded.affine),
      affine: Array.from(loaded.affine),
      orientation: orientationCodes(loaded.affine),
      regions: [],
      report: none,
      warnings: loaded.warnings,
    };
  }
  const vol = loaded.atlas.volume;
  return {
    ...base,
    dims: vol.dims,
    voxelSizeMm: voxelSize(vol.affine),
    affine: Array.from(vol.affine),
    orientation: orientationCodes(vol.affine),
    regions: loaded.atlas.regions,
    report: loaded.atlas.report,
    warnings: loaded.atlas.warnings,
  };
}

function roiRegion(r: CoordinateRoi): RegionRecord {
  const radius = r.radiusMm ?? DEFAULT_ROI_RADIUS_MM;
  return {
    value: r.value,
    name: r.name ?? `ROI ${r.value}`,
    hemisphere: r.center[0] < 0 ? 'left' : r.center[0] > 0 ? 'right' : 'bilateral',
    network: r.network,
    color: [160, 160, 160],
    voxels: 0,
    volumeMm3: (4 / 3) * Math.PI * radius ** 3,
    centroid: r.center,
    bbox: {
      min: [r.center[0] - radius, r.center[1] - radius, r.center[2] - radius],
      max: [r.center[0] + radius, r.center[1] + radius, r.center[2] + radius],
    },
  };
}
