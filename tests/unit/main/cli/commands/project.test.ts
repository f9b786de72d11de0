/**
 * `brain-atlas project` on a four-vertex left hemisphere: a map that reaches no vertex is refused (nothing printed
 * or written), one that reaches few is projected with a warning, and a label volume is projected with a warning that
 * averaging labels means nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../core/catalog/types';
import { surfaceGii } from '../../../../helpers/gifti-surface';
import { writeNifti } from '../../../../helpers/nifti-writer';
import { captureCli } from '../../../../helpers/run-cli';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';

/** White vertices in MNI mm; pial 2 mm above each. Only the first lies in a 10-voxel grid of 2 mm from 0 (0 … 18). */
const WHITE = [2, 2, 2, 30, 2, 2, 2, 30, 2, 100, 100, 100];
const PIAL = WHITE.map((v, i) => (i % 3 === 2 ? v + 2 : v));
const TRIANGLES = [0, 1, 2, 1, 3, 2];

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
  // The synthetic catalog with an fsaverage5 of four left vertices.
  mkdirSync(join(s.dir, 'fsaverage'), { recursive: true });
  const files = [
    ['fsaverage5_white_left.gii.gz', surfaceGii(WHITE, TRIANGLES)],
    ['fsaverage5_pial_left.gii.gz', surfaceGii(PIAL, TRIANGLES)],
  ] as const;
  for (const [name, bytes] of files) writeFileSync(join(s.dir, 'fsaverage', name), bytes);
  const catalog: Catalog = JSON.parse(readFileSync(s.catalogPath, 'utf8'));
  catalog.atlases.push({
    ...catalog.atlases[0],
    id: 'fsaverage5',
    name: 'fsaverage5',
    kind: 'surface',
    space: 'fsaverage5',
    variants: [
      {
        id: 'fsaverage5',
        resolutionMm: 0,
        files: files.map(([name, bytes]) => ({
          name,
          folder: 'fsaverage',
          role: 'surface',
          bytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          url: null,
        })),
      },
    ],
  } as Catalog['atlases'][number]);
  writeFileSync(s.catalogPath, JSON.stringify(catalog));
});

/** A float32 map of 2 mm voxels in MNI space, its origin at `origin`, written beside the atlas; returns its path. */
function map(name: string, data: number[], o: { dims?: number[]; origin?: number[] } = {}): string {
  const [x, y, z] = o.origin ?? [0, 0, 0];
  const path = join(s.root, name);
  const bytes = writeNifti({
    dims: o.dims ?? [10, 10, 10],
    data,
    dtype: 'float32',
    affine: [2, 0, 0, x, 0, 2, 0, y, 0, 0, 2, z],
    sformCode: 4,
  });
  writeFileSync(path, bytes);
  return path;
}

const project = (path: string, ...more: string[]) => captureCli(s.env, ['project', path, '--hemi', 'left', ...more]);
const ramp = (n: number) => Array.from({ length: n }, (_, i) => (i % 7) + 0.5);

describe('brain-atlas project', () => {
  it('refuses a map that reaches no vertex, saying where its grid is, and prints and writes nothing', async () => {
    const off = map('off.nii', ramp(1000), { origin: [9000, 0, 0] });
    const why =
      "off.nii: no vertex of the left hemisphere has a value: the map covers none of fsaverage5's left hemisphere " +
      '(is its affine in MNI mm? its grid is 10×10×10 voxels, its bounds x 9000 … 9018, y 0 … 18, z 0 … 18 mm)';
    const summary = await project(off);
    expect(summary.code).toBe(1);
    expect(summary.out).toBe('');
    expect(summary.err).toBe(`brain-atlas: ${why}`);
    const json = await project(off, '--json');
    expect([json.code, json.out]).toEqual([1, '']);
    const gii = join(s.root, 'off.gii');
    const written = await project(off, '--out', gii);
    expect(written.code).toBe(1);
    expect(written.err).toBe(`brain-atlas: ${why}`);
    expect(existsSync(gii)).toBe(false);
  });

  it('checks the folder of --out before the work, and names it', async () => {
    // A map the projection would refuse: the folder's error comes first, so nothing was projected.
    const off = map('off-out.nii', ramp(1000), { origin: [9000, 0, 0] });
    const gii = join(s.root, 'no-such-folder', 'x.gii');
    expect(await project(off, '--out', gii)).toEqual({
      code: 1,
      out: '',
      err: `brain-atlas: cannot write ${gii}: the folder ${join(s.root, 'no-such-folder')} does not exist`,
    });
    const file = join(s.root, 'a-file');
    writeFileSync(file, 'not a folder');
    expect((await project(off, '--out', join(file, 'x.gii'))).err).toBe(
      `brain-atlas: cannot write ${join(file, 'x.gii')}: ${file} is a file, not a folder`,
    );
  });

  it('takes FreeSurfer’s lh and rh for --hemi, and echoes a value it does not know', async () => {
    const all = map('all-lh.nii', new Array(60 ** 3).fill(3), { dims: [60, 60, 60] });
    const lh = await captureCli(s.env, ['project', all, '--hemi', 'lh', '--json']);
    expect([lh.code, lh.out]).toEqual([0, '[3,3,3,3]']);
    const bad = await captureCli(s.env, ['project', all, '--hemi', 'l']);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe('brain-atlas: --hemi must be left or right (or lh, rh), got "l"');
    const none = await captureCli(s.env, ['project', all]);
    expect(none.err.split('\n')[0]).toBe('brain-atlas: project needs --hemi left or --hemi right');
  });

  it('says why no vertex has a value: a map of NaN, NaN voxels around every sample, a one-voxel-thick grid', async () => {
    const nan = await project(map('nan.nii', new Array(1000).fill(Number.NaN)));
    expect(nan.code).toBe(1);
    expect(nan.err).toMatch(/nan\.nii: no vertex of the left hemisphere has a value: every voxel of the map is NaN/);
    // Every other x plane NaN: the first vertex lies in the grid, but each trilinear sample meets a NaN voxel.
    const stripes = ramp(1000).map((v, i) => (i % 2 ? Number.NaN : v));
    const striped = await project(map('striped.nii', stripes));
    expect(striped.code).toBe(1);
    expect(striped.err).toMatch(
      /1 of its vertices lie in the map's grid, but its NaN or infinite voxels \(500 of 1 000\) spoil every sample/,
    );
    const flat = await project(map('flat.nii', ramp(100), { dims: [10, 10, 1] }));
    expect(flat.code).toBe(1);
    expect(flat.err).toMatch(/its grid is 10×10×1 voxels \(a plane, which the samples all but miss\)/);
  });

  it('projects a map that reaches few vertices, warning on stderr so that --json stays JSON', async () => {
    const few = await project(map('few.nii', new Array(1000).fill(3)), '--json');
    expect(few.code).toBe(0);
    expect(JSON.parse(few.out)).toEqual([3, null, null, null]);
    expect(few.err).toBe(
      "warning: only 25 % of the left hemisphere's vertices (1 of 4) have a value: the map covers little of " +
        'fsaverage5 (its grid is 10×10×10 voxels, its bounds x 0 … 18, y 0 … 18, z 0 … 18 mm)',
    );
    // A grid over all four vertices: no warning.
    const all = await project(map('all.nii', new Array(60 ** 3).fill(3), { dims: [60, 60, 60] }), '--json');
    expect([all.code, all.err]).toEqual([0, '']);
    expect(JSON.parse(all.out)).toEqual([3, 3, 3, 3]);
  });

  it('warns that a label volume’s ids are averaged, and still projects it', async () => {
    const big = { dims: [60, 60, 60] };
    // Patches of one label, as in an atlas: runs of 6 voxels along x.
    const labels = Array.from({ length: 60 ** 3 }, (_, i) => Math.floor(i / 6) % 13);
    const r = await project(map('labels.nii', labels, big));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^warning: labels\.nii looks like a label volume \(12 distinct whole numbers from 1 to 12\): the mean of samples mixes neighbouring labels' ids, which means nothing; open it as an atlas instead/,
    );
    expect(r.err).toMatch(/mid-thickness point; brain-atlas regions --file .*labels\.nii lists its regions\)$/);
    expect(r.out).toMatch(/WITH VALUE/);
    // Not labels: a mask, a few whole numbers, a fractional map, or negative values.
    for (const [name, data] of [
      ['mask.nii', labels.map((v) => (v > 6 ? 1 : 0))],
      ['few-ints.nii', labels.map((v) => v % 5)],
      ['fractional.nii', labels.map((v) => v + 0.5)],
      ['negative.nii', labels.map((v) => v - 6)],
      // A scan stored as whole numbers (MNI152_T1_2mm): many values, but no patches.
      ['scan.nii', labels.map((_, i) => 1 + (i % 997))],
    ] as const) {
      const q = await project(map(name, [...data], big));
      expect([name, q.code, q.err]).toEqual([name, 0, '']);
    }
  });
});
