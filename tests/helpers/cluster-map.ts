/**
 * A statistical map over the synthetic atlas whose clusters are known exactly, written next to the atlas: shared by
 * the cluster tests of core (atlas lookup) and of the service and CLI.
 *
 * The synthetic atlas: 2 mm LAS, ball of label 1 (radius 3 voxels) at atlas voxel (14, 12, 11) = (-10, 0, 0).
 * The map: the same world grid stored RAS (so every lookup goes through world coordinates), a 9×9×9 cube of
 * atlas voxels around that ball, peaking at its centre, and one voxel 3 voxels (6 mm) above the ball's top.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNifti } from './nifti-writer';
import { DIMS, type SyntheticAtlas } from './synthetic-atlas';

const RAS = [2, 0, 0, -20, 0, 2, 0, -24, 0, 0, 2, -22];
const rasIndex = (i: number) => DIMS[0] - 1 - i; // atlas (LAS) i -> map (RAS) i

/** Writes the map as map.nii.gz in the atlas's root folder; returns its path. */
export function writeClusterMap(s: SyntheticAtlas): string {
  const [nx, ny, nz] = DIMS;
  const data = new Array(nx * ny * nz).fill(0);
  // Values fall off in shells from the centre (8, then 6, 5, 4, 3): one local maximum.
  for (let k = 7; k <= 15; k++)
    for (let j = 8; j <= 16; j++)
      for (let i = 10; i <= 18; i++) {
        data[rasIndex(i) + nx * (j + ny * k)] = 7 - Math.max(Math.abs(i - 14), Math.abs(j - 12), Math.abs(k - 11));
      }
  data[rasIndex(14) + nx * (12 + ny * 11)] = 8;
  data[rasIndex(14) + nx * (12 + ny * 17)] = 2;
  const mapPath = join(s.root, 'map.nii.gz');
  writeFileSync(
    mapPath,
    writeNifti({ dims: DIMS, data, dtype: 'int16', affine: RAS, sformCode: 4, gzip: true, slope: 1.5 }),
  );
  return mapPath;
}

/** Voxels of the atlas's label-1 ball. */
export const ballVoxels = (s: SyntheticAtlas) => s.labels.filter((v) => v === 1).length;
