import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../../../helpers/run-cli';
import { parsePoint } from '../../../../main/cli/args';
import { ball, writeNifti } from '../../../helpers/nifti-writer';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas, worldOf } from '../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas regions', () => {
  it('prints one JSON record per region with exact counts, volumes and centroids', async () => {
    const r = await cli('regions', 'synth', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out);
    const count = (v: number) => s.labels.filter((x) => x === v).length;
    expect(rows).toEqual([
      {
        value: 1,
        name: '7Networks_LH_Vis_1',
        hemisphere: 'left',
        network: 'Visual',
        voxels: count(1),
        volume_mm3: count(1) * 8,
        centroid: worldOf(14, 12, 11),
      },
      {
        value: 2,
        name: '7Networks_RH_Default_PFC_1',
        hemisphere: 'right',
        network: 'Default',
        voxels: count(2),
        volume_mm3: count(2) * 8,
        centroid: worldOf(4, 10, 9),
      },
    ]);
    expect(r.err).toMatch(/warning: 1 label in the table has no voxels in the volume: 3/);
  });

  it('prints CSV with a header', async () => {
    const r = await cli('regions', 'synth', '--csv');
    expect(r.out.split('\n')[0]).toBe('value,name,hemisphere,network,voxels,volume_mm3,x,y,z');
    expect(r.out.split('\n')[1]).toMatch(/^1,7Networks_LH_Vis_1,left,Visual,\d+,\d+,-10,0,0$/);
  });

  it('reads any label volume with --file, finding the table beside it or taking --labels', async () => {
    const vol = join(s.root, 'mine.nii.gz');
    writeFileSync(vol, writeNifti({ dims: DIMS, data: ball(DIMS, [10, 10, 10], 2, 5), affine: AFFINE, gzip: true }));
    writeFileSync(join(s.root, 'mine.tsv'), 'index\tname\n5\tMy region\n');
    const found = JSON.parse((await cli('regions', '--file', vol, '--json')).out);
    expect(found[0]).toMatchObject({ value: 5, name: 'My region', centroid: worldOf(10, 10, 10) });
    writeFileSync(join(s.root, 'other.csv'), '5,Other name\n');
    const given = JSON.parse(
      (await cli('regions', '--file', vol, '--labels', join(s.root, 'other.csv'), '--json')).out,
    );
    expect(given[0].name).toBe('Other name');
  });
});

describe('brain-atlas query', () => {
  it('answers with the region in each atlas, background as value 0 and name null', async () => {
    const r = await cli('query', '-10', '0', '0', '--atlas', 'synth', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      x: -10,
      y: 0,
      z: 0,
      atlases: { synth: { value: 1, name: '7Networks_LH_Vis_1' } },
    });
    const bg = JSON.parse((await cli('query', '0', '0', '0', '--atlas', 'synth', '--json')).out);
    expect(bg.atlases.synth).toEqual({ value: 0, name: null });
    const outside = JSON.parse((await cli('query', '500', '0', '0', '--atlas', 'synth', '--json')).out);
    expect(outside.atlases.synth).toEqual({ value: 0, name: null });
  });

  it('uses every present labels atlas by default and reads many points with --coords', async () => {
    const file = join(s.root, 'pts.csv');
    writeFileSync(file, 'x,y,z\n-10,0,0\n10,-4,-4\n');
    const r = await cli('query', '--coords', file);
    const lines = r.out.split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { x: -10, y: 0, z: 0, atlases: { synth: { value: 1, name: '7Networks_LH_Vis_1' } } },
      { x: 10, y: -4, z: -4, atlases: { synth: { value: 2, name: '7Networks_RH_Default_PFC_1' } } },
    ]);
  });

  it('finds coordinate ROIs within their sphere', async () => {
    const r = JSON.parse((await cli('query', '-8', '1', '0', '--atlas', 'synth-points', '--json')).out);
    expect(r.atlases['synth-points']).toEqual({ value: 1, name: 'ROI 1' });
  });

  it('accepts coordinates in the common written forms', () => {
    expect(parsePoint(['-44,14,8'])).toEqual([-44, 14, 8]);
    expect(parsePoint(['(-44,', '14,', '8)'])).toEqual([-44, 14, 8]);
    expect(parsePoint(['-44', '14', '8'])).toEqual([-44, 14, 8]);
    expect(() => parsePoint(['-44', 'fourteen', '8'])).toThrowError(/three numbers/);
  });
});

describe('brain-atlas errors', () => {
  it('usage errors exit 2, data errors exit 1 with one line naming the problem', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('query', '1', '2')).code).toBe(2);
    expect((await cli('regions', 'synth', '--json', '--csv')).code).toBe(2);
    const unknown = await cli('regions', 'synthh');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^brain-atlas: .*'synthh'.*synth/);
    expect(unknown.err.split('\n')).toHaveLength(1);
    const remote = await cli('regions', 'synth-remote');
    expect(remote.code).toBe(1);
    expect(remote.err).toMatch(/remote\.nii\.gz/);
  });

  it('names the file and the problem for a corrupt volume, without a stack trace', async () => {
    const bad = join(s.root, 'bad.nii.gz');
    const good = writeNifti({ dims: DIMS, data: s.labels, affine: AFFINE, gzip: true });
    writeFileSync(bad, good.subarray(0, good.length >> 1));
    const r = await cli('regions', '--file', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^brain-atlas: bad\.nii\.gz: gzip stream ends early at byte/);
    const frac = join(s.root, 'frac.nii');
    writeFileSync(frac, writeNifti({ dims: [2, 2, 2], data: [0, 0.5, 0, 0, 0, 0, 0, 0], dtype: 'float32' }));
    expect((await cli('regions', '--file', frac)).err).toMatch(
      /frac\.nii: label volume holds the fractional value 0\.5 at voxel \(1, 0, 0\)/,
    );
    const series = join(s.root, 'series.nii.gz');
    writeFileSync(series, writeNifti({ dims: [2, 2, 2, 3], data: new Array(24).fill(1), gzip: true }));
    expect((await cli('regions', '--file', series)).err).toMatch(
      /series\.nii\.gz: the image has 3 frames, a label volume has one/,
    );
  });
});

describe('brain-atlas list and inspect', () => {
  it('lists every atlas with its status', async () => {
    const rows = JSON.parse((await cli('list', '--json')).out);
    expect(rows.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      ['synth', 'present'],
      ['synth-points', 'present'],
      ['synth-remote', 'downloadable'],
    ]);
  });

  it('describes a volume in words', async () => {
    const r = await cli('inspect', join(s.dir, 'synth', 'synth_2mm.nii.gz'));
    expect(r.out).toMatch(/NIfTI-1, gzip-compressed/);
    expect(r.out).toMatch(/20 × 24 × 22 voxels of 2 × 2 × 2 mm/);
    expect(r.out).toMatch(/orientation: LAS/);
    expect(r.out).toMatch(/a label volume with 2 labels/);
  });
});

describe('the built command', () => {
  it('runs as a separate process with exit codes and no stack traces', () => {
    const bin = join(__dirname, '../../../../bin/brain-atlas.js');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...s.env }, encoding: 'utf8' });
    const ok = run('query', '-10', '0', '0', '--atlas', 'synth', '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).atlases.synth.value).toBe(1);
    const bad = run('inspect', join(s.root, 'does-not-exist.nii'));
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(run('--bogus').status).toBe(2);
  });
});
