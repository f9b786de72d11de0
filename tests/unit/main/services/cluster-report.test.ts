/**
 * Cluster reports through the atlas service and the command line (brain-atlas clusters and sample), on a map over
 * the synthetic atlas whose clusters are known exactly.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatClusterTable } from '../../../../core/maps/cluster-report';
import { clusterReport, readStatMap } from '../../../../main/services/cluster-report';
import { createAtlasService } from '../../../../main/services/create-service';
import { ballVoxels, writeClusterMap } from '../../../helpers/cluster-map';
import { surfaceGii } from '../../../helpers/gifti-surface';
import { captureCli } from '../../../helpers/run-cli';
import { writeNifti } from '../../../helpers/nifti-writer';
import { DIMS, type SyntheticAtlas, makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

describe('cluster reports on a map over the synthetic atlas', () => {
  let s: SyntheticAtlas;
  let mapPath: string;
  beforeAll(() => {
    s = makeSyntheticAtlas();
    mapPath = writeClusterMap(s);
  });

  it('through the atlas service, by default against every present labels atlas', async () => {
    const service = await createAtlasService(s.env);
    const map = await readStatMap(mapPath);
    const report = await clusterReport(service, map, { threshold: 0 });
    expect(report.atlasIds).toEqual(['synth']);
    expect(report.atlases.synth[0].peak).toEqual({ value: 1, name: '7Networks_LH_Vis_1' });
    const csv = formatClusterTable(report, 'csv').split('\n');
    expect(csv[0]).toBe(
      'cluster,voxels,volume_mm3,peak_value,peak_x,peak_y,peak_z,com_x,com_y,com_z,subpeaks,synth_peak_value,synth_peak_region,synth_nearest,synth_composition',
    );
    expect(csv[1]).toMatch(
      /^1,729,5832,12,-10,0,0,-10,0,0,,1,7Networks_LH_Vis_1,,\d+\.?\d*% 7Networks_LH_Vis_1; [\d.]+% outside$/,
    );
    expect(csv[2]).toBe('2,1,8,3,-10,0,12,-10,0,12,,0,,7Networks_LH_Vis_1 (6 mm),100% outside');
    expect(formatClusterTable(report, 'markdown').split('\n')[1]).toMatch(/^\| --- \|/);
  });

  describe('brain-atlas clusters and sample', () => {
    const cli = (...argv: string[]) => captureCli(s.env, argv);

    it('prints the report as JSON, largest cluster first', async () => {
      const r = await cli('clusters', mapPath, '--atlas', 'synth', '--json');
      expect(r.code).toBe(0);
      const rows = JSON.parse(r.out);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toEqual({
        id: 1,
        voxels: 729,
        volume_mm3: 5832,
        peak: { value: 12, xyz: [-10, 0, 0] },
        center_of_mass: [-10, 0, 0],
        subpeaks: [],
        atlases: {
          synth: {
            peak: { value: 1, name: '7Networks_LH_Vis_1' },
            composition: [
              { value: 1, name: '7Networks_LH_Vis_1', percent: Math.floor((10000 * ballVoxels(s)) / 729) / 100 },
            ],
            nearest: null,
          },
        },
      });
      expect(rows[1].atlases.synth.nearest).toEqual({ value: 1, name: '7Networks_LH_Vis_1', distance_mm: 6 });
      const min = JSON.parse((await cli('clusters', mapPath, '--atlas', 'synth', '--json', '--min-voxels', '2')).out);
      expect(min).toHaveLength(1);
      const mm3 = JSON.parse((await cli('clusters', mapPath, '--json', '--min-mm3', '9', '--threshold', '2.9')).out);
      expect(mm3.map((c: { voxels: number }) => c.voxels)).toEqual([729]);
    });

    it('prints a text table and CSV; says "no clusters" for an all-zero map', async () => {
      const text = await cli('clusters', mapPath, '--threshold', '1');
      expect(text.code).toBe(0);
      expect(text.out).toMatch(/2 clusters/);
      expect(text.out).toMatch(/^1\s+729\s+5832\s+12\s+-10\s+0\s+0\s.*7Networks_LH_Vis_1$/m);
      expect(text.out).toMatch(/~7Networks_LH_Vis_1 \(6 mm\)/);
      const csv = await cli('clusters', mapPath, '--csv');
      expect(csv.out.split('\n')).toHaveLength(3);
      const zero = join(s.root, 'zero.nii');
      writeFileSync(zero, writeNifti({ dims: [4, 4, 4], data: new Array(64).fill(0), sformCode: 4 }));
      const z = await cli('clusters', zero, '--json', '--two-sided');
      expect(z.code).toBe(0);
      expect(JSON.parse(z.out)).toEqual([]);
      expect(z.err).toMatch(/no clusters/);
    });

    it('opens a label volume as a map, and reads the chosen frame of a 4D file', async () => {
      const labels = await cli(
        'clusters',
        join(s.dir, 'synth', 'synth_2mm.nii.gz'),
        '--json',
        '--atlas',
        'synth',
        '--connectivity',
        '6',
      );
      expect(labels.code).toBe(0);
      const rows = JSON.parse(labels.out);
      expect(rows.map((c: { voxels: number }) => c.voxels)).toEqual([
        s.labels.filter((v) => v === 1).length,
        s.labels.filter((v) => v === 2).length,
      ]);
      expect(rows[1].atlases.synth.composition).toEqual([
        { value: 2, name: '7Networks_RH_Default_PFC_1', percent: 100 },
      ]);
      const four = join(s.root, 'four.nii');
      const data = new Array(4 * 4 * 4 * 2).fill(0);
      data[64 + 21] = -7;
      writeFileSync(four, writeNifti({ dims: [4, 4, 4, 2], data, dtype: 'float32', sformCode: 4 }));
      expect(JSON.parse((await cli('clusters', four, '--json', '--two-sided', '--atlas', 'synth')).out)).toEqual([]);
      const f1 = JSON.parse(
        (await cli('clusters', four, '--json', '--sign', 'negative', '--frame', '1', '--atlas', 'synth')).out,
      );
      expect(f1.map((c: { peak: unknown }) => c.peak)).toEqual([{ value: -7, xyz: [1, 1, 1] }]);
    });

    it('errors: bad files exit 1 with one line, bad arguments exit 2', async () => {
      const junk = join(s.root, 'junk.nii');
      writeFileSync(junk, 'not a nifti file at all'.repeat(30));
      const bad = await cli('clusters', junk);
      expect(bad.code).toBe(1);
      expect(bad.err.split('\n')).toHaveLength(1);
      const cut = join(s.root, 'cut.nii.gz');
      const whole = writeNifti({ dims: DIMS, data: new Array(DIMS[0] * DIMS[1] * DIMS[2]).fill(1), gzip: true });
      writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
      const truncated = await cli('clusters', cut);
      expect(truncated.code).toBe(1);
      expect(truncated.err).toMatch(/truncated/);
      expect(truncated.err.split('\n')).toHaveLength(1);
      expect((await cli('clusters', join(s.root, 'missing.nii'))).code).toBe(1);
      const frame = await cli('clusters', mapPath, '--frame', '3');
      expect([frame.code, frame.err]).toEqual([
        1,
        `brain-atlas: ${basename(mapPath)}: frame 3 does not exist; the file has 1 frame (frame 0 only)`,
      ]);
      // A GIFTI file of per-vertex values (as project --out writes) is named for what it is.
      const gii = join(s.root, 'lh.func.gii');
      writeFileSync(gii, surfaceGii([0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 2]));
      for (const command of ['clusters', 'sample'] as const) {
        const r = await cli(command, gii, ...(command === 'sample' ? ['0', '0', '0'] : []));
        expect([r.code, r.err]).toEqual([
          1,
          'brain-atlas: lh.func.gii: this is a GIFTI surface file; a statistical map opens as a NIfTI volume ' +
            '(.nii, .nii.gz) in MNI space',
        ]);
      }
      for (const argv of [
        ['clusters'],
        ['clusters', mapPath, '--connectivity', '8'],
        ['clusters', mapPath, '--threshold', 'x'],
        ['clusters', mapPath, '--threshold', '-2'],
        ['clusters', mapPath, '--min-voxels', '3', '--min-mm3', '8'],
        ['clusters', mapPath, '--sign', 'up'],
        ['clusters', mapPath, '--json', '--csv'],
        ['sample', mapPath],
        ['sample', mapPath, '--coords', 'x.csv', '--interp', 'cubic'],
        ['clusters', mapPath, '--res', '2'],
      ]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(2);
      }
      expect((await cli('clusters', mapPath, '--atlas', 'synth-points')).code).toBe(1);
    });

    it('sample prints the map value at points', async () => {
      const pts = join(s.root, 'sample.csv');
      writeFileSync(pts, 'x,y,z\n-10,0,0\n-10,0,12\n500,0,0\n-9,0,0\n');
      const r = await cli('sample', mapPath, '--coords', pts, '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toEqual([
        { x: -10, y: 0, z: 0, value: 12 },
        { x: -10, y: 0, z: 12, value: 3 },
        { x: 500, y: 0, z: 0, value: null },
        { x: -9, y: 0, z: 0, value: 9 },
      ]);
      const lin = JSON.parse((await cli('sample', mapPath, '--coords', pts, '--json', '--interp', 'linear')).out);
      expect(lin[3].value).toBeCloseTo(10.5, 5);
      const one = await cli('sample', mapPath, '-10', '0', '0');
      expect(one.out).toMatch(/-10\s+0\s+0\s+12/);
    });
  });
});
