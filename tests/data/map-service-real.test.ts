/**
 * Statistical maps through the app's map service against the real atlases and template: a blob in left
 * precentral gyrus stored as int16 (scaled) LAS 2 mm, float64 RAS 1 mm and float32 3 mm; the cluster report equals
 * `brain-atlas clusters --json` and its table the CLI's --csv; the display lands on the template's own grid (the
 * one getTemplateImage serves) with the peak where it belongs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatTableRows } from '../../core/maps/cluster-report';
import { decodeMapDisplay } from '../../core/maps/map-display';
import { decodeTemplateImage } from '../../core/mesh/codec';
import type { AppService } from '../../main/services/app-service';
import { createAtlasService } from '../../main/services/create-service';
import { writeNifti } from '../helpers/nifti-writer';
import { captureCli } from '../helpers/run-cli';
import { SHARED } from '../helpers/shared-atlases';

const PEAK: [number, number, number] = [-38, -20, 56];
const GRIDS = {
  'las2_int16.nii.gz': {
    dims: [91, 109, 91],
    affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72],
    dtype: 'int16' as const,
    slope: 0.001,
  },
  'ras1_f64.nii.gz': {
    dims: [181, 217, 181],
    affine: [1, 0, 0, -90, 0, 1, 0, -126, 0, 0, 1, -72],
    dtype: 'float64' as const,
    slope: 1,
  },
  'grid3_f32.nii': {
    dims: [61, 73, 61],
    affine: [-3, 0, 0, 91, 0, 3, 0, -125, 0, 0, 3, -73],
    dtype: 'float32' as const,
    slope: 1,
  },
};

function blob(dims: number[], a: number[], slope: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++) {
        const x = a[0] * i + a[3],
          y = a[5] * j + a[7],
          z = a[10] * k + a[11];
        const v =
          6 * Math.exp(-((x - PEAK[0]) ** 2 + (y - PEAK[1]) ** 2 + (z - PEAK[2]) ** 2) / 50) -
          4 * Math.exp(-((x - 24) ** 2 + (y + 70) ** 2 + (z + 40) ** 2) / 32);
        out.push(slope === 1 ? v : Math.round(v / slope));
      }
  return out;
}

describe.skipIf(!SHARED)('map service on real atlases', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let service: AppService;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bas-maps-'));
    env = { BRAIN_ATLAS_PATH: SHARED as string, BRAIN_ATLAS_CACHE: join(root, 'cache'), BRAIN_ATLAS_NO_INSTALLED: '1' };
    for (const [name, g] of Object.entries(GRIDS)) {
      writeFileSync(
        join(root, name),
        writeNifti({
          dims: g.dims,
          data: blob(g.dims, g.affine, g.slope),
          dtype: g.dtype,
          slope: g.slope,
          affine: g.affine,
          sformCode: 4,
          qformCode: 4,
          gzip: name.endsWith('.gz'),
        }),
      );
    }
    service = await createAtlasService(env);
  });

  it('reports exactly what `brain-atlas clusters --json` / --csv print, for each storage', async () => {
    const atlases = ['aal3', 'brodmann', 'harvard-oxford-cortical'];
    for (const name of Object.keys(GRIDS)) {
      const info = await service.maps.openMapFile(join(root, name));
      const report = await service.mapClusters({
        mapId: info.mapId,
        threshold: 2.3,
        sign: 'both',
        minVoxels: 5,
        atlases,
      });
      const args = [
        'clusters',
        join(root, name),
        '--threshold',
        '2.3',
        '--two-sided',
        '--min-voxels',
        '5',
        '--atlas',
        atlases.join(','),
      ];
      const json = await captureCli(env, [...args, '--json']);
      expect(report.clusters).toEqual(JSON.parse(json.out));
      expect(formatTableRows(report.table, 'csv')).toBe((await captureCli(env, [...args, '--csv'])).out);
      expect(report.clusters).toHaveLength(2);
      expect(report.clusters[0].atlases.aal3.peak.name).toBe('Precentral_L');
      expect(report.clusters[1].atlases.aal3.peak.name).toMatch(/^Cerebellum_.*_R$/);
    }
  });

  it('shows the map on the template grid getTemplateImage serves, the peak at its MNI voxel', async () => {
    const template = decodeTemplateImage(await service.getTemplateImage({}));
    for (const name of Object.keys(GRIDS)) {
      const info =
        (await service.listMaps()).find((m) => m.name === name) ?? (await service.maps.openMapFile(join(root, name)));
      const d = decodeMapDisplay(await service.getMapDisplay({ mapId: info.mapId }));
      expect(d.dims).toEqual(template.dims);
      expect(d.affine).toEqual(Array.from(template.affine));
      const a = d.affine;
      const [i, j, k] = [(PEAK[0] - a[3]) / a[0], (PEAK[1] - a[7]) / a[5], (PEAK[2] - a[11]) / a[10]];
      const v = d.values[i + d.dims[0] * (j + d.dims[1] * k)];
      // On the 1 and 2 mm grids the peak is a voxel centre (6); the 3 mm grid's nearest centres are 1 mm away.
      expect(v).toBeGreaterThan(name.startsWith('grid3') ? 5.4 : 5.99);
      expect(v).toBeLessThanOrEqual(6.0001);
    }
  });

  it('opens the real MNI152 2 mm template as a map (it is just numbers)', async () => {
    const info = await service.maps.openMapFile(join(SHARED as string, 'mni152', 'MNI152_T1_2mm.nii.gz'));
    expect(info).toMatchObject({ dims: [91, 109, 91], orientation: 'LAS', voxelSizeMm: [2, 2, 2], frames: 1 });
    expect(info.range.max).toBeGreaterThan(info.range.robustMax);
  });
});
