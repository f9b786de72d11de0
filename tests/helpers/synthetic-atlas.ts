/** A small synthetic atlas on disk with its own catalog: every answer about it is known exactly. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog, CatalogFile } from '../../core/catalog/types';
import { ball, writeNifti } from './nifti-writer';

export const DIMS: [number, number, number] = [20, 24, 22];
/** 2 mm voxels, LAS like FSL's MNI files: x = -2 i + 18, y = 2 j - 24, z = 2 k - 22. */
export const AFFINE = [-2, 0, 0, 18, 0, 2, 0, -24, 0, 0, 2, -22];
export const worldOf = (i: number, j: number, k: number): [number, number, number] => [
  -2 * i + 18,
  2 * j - 24,
  2 * k - 22,
];

export interface SyntheticAtlas {
  root: string;
  dir: string;
  cache: string;
  catalogPath: string;
  catalog: Catalog;
  labels: number[];
  env: NodeJS.ProcessEnv;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function makeSyntheticAtlas(): SyntheticAtlas {
  const root = mkdtempSync(join(tmpdir(), 'bas-synth-'));
  const dir = join(root, 'atlases');
  const cache = join(root, 'cache');
  mkdirSync(join(dir, 'synth'), { recursive: true });
  // Left ball (value 1) centred at voxel (14, 12, 11) = world (-10, 0, 0); right ball (value 2) at (4, 10, 9).
  const labels = ball(DIMS, [14, 12, 11], 3, 1);
  ball(DIMS, [4, 10, 9], 2, 2, labels);
  const volume = writeNifti({
    dims: DIMS,
    data: labels,
    dtype: 'float32',
    affine: AFFINE,
    gzip: true,
    sformCode: 4,
    qformCode: 4,
  });
  const table = new TextEncoder().encode(
    '1\t7Networks_LH_Vis_1\t120\t18\t134\t0\n2\t7Networks_RH_Default_PFC_1\t205\t62\t78\t0\n3\t7Networks_RH_Cont_Par_1\t230\t148\t34\t0\n',
  );
  const coords = new TextEncoder().encode('ROI,X,Y,Z\n1,-10,0,0\n2,30,30,30\n');
  writeFileSync(join(dir, 'synth', 'synth_2mm.nii.gz'), volume);
  writeFileSync(join(dir, 'synth', 'synth.txt'), table);
  writeFileSync(join(dir, 'synth', 'points.csv'), coords);
  const file = (name: string, role: CatalogFile['role'], bytes: Uint8Array): CatalogFile => ({
    name,
    folder: 'synth',
    role,
    bytes: bytes.length,
    sha256: sha(bytes),
    url: null,
  });
  const base = {
    family: 'synth',
    year: 2024,
    citation: 'Synthetic test atlas.',
    doi: null,
    license: 'CC0',
    space: 'MNI152NLin6Asym',
    description: 'A test atlas.',
  };
  const catalog: Catalog = {
    version: 1,
    atlases: [
      {
        ...base,
        id: 'synth',
        name: 'Synthetic two balls',
        kind: 'labels',
        parcels: 3,
        networks: 7,
        variants: [
          {
            id: '2mm',
            resolutionMm: 2,
            dims: DIMS,
            files: [file('synth_2mm.nii.gz', 'labels', volume), file('synth.txt', 'labeltable', table)],
          },
        ],
      },
      {
        ...base,
        id: 'synth-points',
        name: 'Synthetic points',
        kind: 'coordinates',
        parcels: 2,
        variants: [{ id: 'points', resolutionMm: 0, files: [file('points.csv', 'coordinates', coords)] }],
      },
      {
        ...base,
        id: 'synth-remote',
        name: 'Synthetic remote',
        kind: 'labels',
        variants: [
          {
            id: '1mm',
            resolutionMm: 1,
            files: [{ ...file('remote.nii.gz', 'labels', volume), url: 'https://example.invalid/remote.nii.gz' }],
          },
        ],
      },
    ],
  };
  const catalogPath = join(root, 'catalog.json');
  writeFileSync(catalogPath, JSON.stringify(catalog));
  return {
    root,
    dir,
    cache,
    catalogPath,
    catalog,
    labels,
    env: {
      BRAIN_ATLAS_CATALOG: catalogPath,
      BRAIN_ATLAS_PATH: dir,
      BRAIN_ATLAS_CACHE: cache,
      // Settings and the saved session of its own, never the user's.
      BRAIN_ATLAS_CONFIG: join(root, 'config'),
      BRAIN_ATLAS_NO_INSTALLED: '1',
    },
  };
}

/**
 * A small statistical map beside the synthetic atlas, for scene files that name one: 4×4×4 float32 voxels of
 * -20..43 in `<root>/stats/zstat1.nii`. Returns its bytes.
 */
export function writeStatsMap(root: string): Uint8Array {
  const bytes = writeNifti({ dims: [4, 4, 4], data: Array.from({ length: 64 }, (_, i) => i - 20), dtype: 'float32' });
  mkdirSync(join(root, 'stats'), { recursive: true });
  writeFileSync(join(root, 'stats', 'zstat1.nii'), bytes);
  return bytes;
}
