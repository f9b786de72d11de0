import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GiftiArray, GiftiLabel } from '../../../../../core/io/gifti/gifti';
import { writeGifti } from '../../../../../core/io/gifti/write';
import { surfaceGii } from '../../../../helpers/gifti-surface';
import { writeNifti } from '../../../../helpers/nifti-writer';
import { captureCli } from '../../../../helpers/run-cli';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';

type Rgba = GiftiLabel['rgba'];

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas inspect', () => {
  it('describes a volume in words', async () => {
    const r = await cli('inspect', join(s.dir, 'synth', 'synth_2mm.nii.gz'));
    expect(r.out).toMatch(/NIfTI-1, gzip-compressed/);
    expect(r.out).toMatch(/20 × 24 × 22 voxels of 2 × 2 × 2 mm/);
    expect(r.out).toMatch(/orientation: LAS/);
    expect(r.out).toMatch(/a label volume with 2 labels/);
  });

  it('tells a mask, a label volume and a scan stored as whole numbers apart', async () => {
    const file = (name: string, data: number[]) => {
      const path = join(s.dir, name);
      writeFileSync(path, writeNifti({ dims: [20, 20, 20], data, dtype: 'int16' }));
      return path;
    };
    const n = 20 ** 3;
    // Twelve labels in runs of five voxels along x; a mask of half of them; a T1-like scan of varying whole numbers.
    const labels = Array.from({ length: n }, (_, i) => Math.floor(i / 5) % 13);
    const looks = async (name: string, data: number[]) =>
      (await cli('inspect', file(name, data))).out.match(/looks like: +(.*)/)?.[1];
    expect(await looks('labels.nii', labels)).toBe(
      'a label volume with 12 labels (brain-atlas regions --file labels.nii)',
    );
    expect(
      await looks(
        'mask.nii',
        labels.map((v) => (v > 6 ? 1 : 0)),
      ),
    ).toBe('a binary mask');
    expect(
      await looks(
        'mask255.nii',
        labels.map((v) => (v > 6 ? 255 : 0)),
      ),
    ).toBe('a binary mask (of 255)');
    expect(
      await looks(
        'scan.nii',
        labels.map((_, i) => 200 + ((i * 7919) % 601)),
      ),
    ).toMatch(/^an image stored as whole numbers \(a scan\?\): its values vary from voxel to voxel/);
  });

  it('describes a GIFTI file: each data array, the surface’s size, the label table', async () => {
    const surface = join(s.dir, 'lh.white.surf.gii');
    writeFileSync(surface, surfaceGii([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0], [0, 1, 2, 1, 3, 2]));
    expect(await cli('inspect', surface)).toEqual({
      code: 0,
      err: '',
      out: [
        'lh.white.surf.gii: GIFTI, 2 data arrays',
        '  array 0:     NIFTI_INTENT_POINTSET, NIFTI_TYPE_FLOAT32, 4 × 3, GZipBase64Binary',
        '  array 1:     NIFTI_INTENT_TRIANGLE, NIFTI_TYPE_INT32, 2 × 3, GZipBase64Binary',
        '  surface:     4 vertices, 2 triangles',
      ].join('\n'),
    });
    // Per-vertex values as brain-atlas project --out writes them, gzip-compressed: known by the name.
    const values = join(s.dir, 'rh.func.gii.gz');
    const func: GiftiArray = {
      intent: 'NIFTI_INTENT_NONE',
      dataType: 'NIFTI_TYPE_FLOAT32',
      dims: [4],
      data: Float32Array.of(-1.5, Number.NaN, 2, 3.25),
      meta: { AnatomicalStructurePrimary: 'CortexRight' },
    };
    writeFileSync(values, gzipSync(writeGifti({ meta: {}, labels: [], arrays: [func] })));
    expect((await cli('inspect', values)).out).toBe(
      [
        'rh.func.gii.gz: GIFTI, gzip-compressed, 1 data array',
        '  structure:   CortexRight',
        '  array 0:     NIFTI_INTENT_NONE, NIFTI_TYPE_FLOAT32, 4, GZipBase64Binary; values -1.5 … 3.25, 1 NaN or infinite',
      ].join('\n'),
    );
    // A label file, under a name that does not say GIFTI: known by its bytes.
    const labels = join(s.dir, 'parcels.xml');
    const keys: GiftiArray = { ...func, intent: 'NIFTI_INTENT_LABEL', dataType: 'NIFTI_TYPE_INT32', meta: {} };
    keys.data = Int32Array.of(0, 1, 2, 4);
    const table = ['Unknown', 'V1', 'V2', 'V3', 'V4'].map((name, key) => ({ key, name, rgba: [0, 0, 0, 1] as Rgba }));
    writeFileSync(labels, writeGifti({ meta: {}, labels: table, arrays: [keys] }));
    expect((await cli('inspect', labels)).out).toBe(
      [
        'parcels.xml: GIFTI, 1 data array',
        '  array 0:     NIFTI_INTENT_LABEL, NIFTI_TYPE_INT32, 4, GZipBase64Binary; keys 0 … 4',
        '  label table: 5 labels (0 Unknown, 1 V1, 2 V2, …)',
      ].join('\n'),
    );
  });
});
