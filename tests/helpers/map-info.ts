import type { MapInfo } from '../../core/api/map-api';

/**
 * What the engine says of an open map (MapInfo), for tests of the renderer's overlay code: a one-frame float32 map
 * of 2 mm voxels in LAS order, named after its id (its file too, unless fields name one), with the given fields in
 * place of these.
 */
export function mapInfo(fields: Partial<MapInfo> & Pick<MapInfo, 'mapId'>): MapInfo {
  const name = fields.name ?? `${fields.mapId}.nii.gz`;
  return {
    name,
    fileName: name,
    sha256: '0'.repeat(64),
    dims: [2, 2, 2],
    voxelSizeMm: [2, 2, 2],
    orientation: 'LAS',
    datatype: 'float32',
    frames: 1,
    frame: 0,
    range: { min: -3, max: 5, robustMin: -2, robustMax: 4 },
    spaceWarning: null,
    warnings: [],
    statistic: null,
    ...fields,
  };
}
