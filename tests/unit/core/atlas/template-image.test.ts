/**
 * The template image for slice views: the robust window, the byte mapping, the binary message, and the service
 * method (scaling applied, cached, clear errors), all against small images made here with known answers.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogFile } from '../../../../core/catalog/types';
import { decodeTemplateImage, encodeTemplateImage } from '../../../../core/mesh/codec';
import { robustWindow, toTemplateImage } from '../../../../core/atlas/template-image';
import { dispatch } from '../../../../main/api/api-dispatch';
import { createAtlasService } from '../../../../main/services/create-service';
import { writeNifti } from '../../../helpers/nifti-writer';
import { makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

describe('robust window', () => {
  it('takes the 0.5 and 99.5 percentiles of the non-zero finite values', () => {
    // 1000 values 1..1000 among zeros and missing values: ranks round(0.005 * 999) = 5 and round(0.995 * 999) = 994.
    const values = [0, 0, NaN, Infinity, ...Array.from({ length: 1000 }, (_, i) => 1000 - i), 0];
    expect(robustWindow(values)).toEqual([6, 995]);
    expect(robustWindow([0, 0, NaN])).toEqual([0, 0]);
    expect(robustWindow([-5, 3, 0], [0, 100])).toEqual([-5, 3]);
  });
});

describe('template bytes', () => {
  it('maps the window to 0..255, clamps outside it, keeps background and missing values at 0', () => {
    const img = toTemplateImage(
      [3, 2, 1],
      [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
      [0, 10, 20, 15, 5, NaN],
      [10, 20],
    );
    expect(Array.from(img.intensities)).toEqual([0, 0, 255, 128, 0, 0]);
    expect(img.window).toEqual([10, 20]);
    expect(() => toTemplateImage([2, 2, 2], new Array(16).fill(0), [1, 2])).toThrow(/8/);
  });

  it('travels as a binary message and back unchanged', () => {
    const img = toTemplateImage(
      [4, 3, 2],
      [-2, 0, 0, 3, 0, 2, 0, -1, 0, 0, 2, 5, 0, 0, 0, 1],
      Array.from({ length: 24 }, (_, i) => i * 7),
    );
    const back = decodeTemplateImage(encodeTemplateImage(img));
    expect(back.dims).toEqual(img.dims);
    expect(back.affine).toEqual(img.affine);
    expect(back.window).toEqual(img.window);
    expect(Array.from(back.intensities)).toEqual(Array.from(img.intensities));
    const buf = encodeTemplateImage(img);
    expect(() => decodeTemplateImage(buf.slice(0, buf.byteLength - 16))).toThrow(/ends inside/);
    expect(() => decodeTemplateImage(new ArrayBuffer(16))).toThrow(/not a Brain Atlas Studio binary message/);
  });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A 10x12x8 int16 template with scl_slope 2 (stored 0..) and a catalog naming it, beside the synthetic atlas. */
function templateCatalog() {
  const synth = makeSyntheticAtlas();
  const dims: [number, number, number] = [10, 12, 8];
  const n = dims[0] * dims[1] * dims[2];
  const stored = Array.from({ length: n }, (_, v) => (v % 5 === 0 ? 0 : v % 97));
  const affine = [-2, 0, 0, 9, 0, 2, 0, -11, 0, 0, 2, -7];
  const bytes = writeNifti({ dims, data: stored, dtype: 'int16', affine, slope: 2, gzip: true, sformCode: 4 });
  mkdirSync(join(synth.dir, 'tpl'), { recursive: true });
  writeFileSync(join(synth.dir, 'tpl', 'tpl.nii.gz'), bytes);
  const file: CatalogFile = {
    name: 'tpl.nii.gz',
    folder: 'tpl',
    role: 'template',
    bytes: bytes.length,
    sha256: sha(bytes),
    url: null,
  };
  const catalog: Catalog = {
    ...synth.catalog,
    atlases: [
      ...synth.catalog.atlases,
      {
        id: 'tpl',
        name: 'Test template',
        family: 'tpl',
        year: 2024,
        citation: 'Synthetic.',
        doi: null,
        license: 'CC0',
        space: 'MNI152NLin6Asym',
        description: 'A test template.',
        kind: 'template',
        variants: [{ id: '2mm', resolutionMm: 2, dims, files: [file] }],
      },
    ],
  };
  const catalogPath = join(mkdtempSync(join(tmpdir(), 'bas-tpl-')), 'catalog.json');
  writeFileSync(catalogPath, JSON.stringify(catalog));
  return { env: { ...synth.env, BRAIN_ATLAS_CATALOG: catalogPath }, dims, affine, values: stored.map((v) => v * 2) };
}

describe('getTemplateImage through the service', () => {
  it('serves the scaled, windowed template with its grid, once per variant', async () => {
    const t = templateCatalog();
    const service = await createAtlasService(t.env);
    const buf = await service.getTemplateImage({ id: 'tpl' });
    const img = decodeTemplateImage(buf);
    expect(img.dims).toEqual(t.dims);
    expect(img.affine).toEqual([...t.affine, 0, 0, 0, 1]);
    // Independent answer: sorted non-zero scaled values, nearest rank at 0.5 % and 99.5 %.
    const nz = t.values.filter((v) => v !== 0).sort((a, b) => a - b);
    const lo = nz[Math.round(0.005 * (nz.length - 1))];
    const hi = nz[Math.round(0.995 * (nz.length - 1))];
    expect(img.window).toEqual([lo, hi]);
    const expected = t.values.map((v) =>
      v === 0 ? 0 : Math.min(255, Math.max(0, Math.round(((v - lo) * 255) / (hi - lo)))),
    );
    expect(Array.from(img.intensities)).toEqual(expected);
    expect(await service.getTemplateImage({ id: 'tpl' })).toBe(buf);
  });

  it('says which atlases have no template image, and validates its arguments', async () => {
    const t = templateCatalog();
    const service = await createAtlasService(t.env);
    await expect(service.getTemplateImage({ id: 'synth' })).rejects.toThrow(/'synth' \(labels\) has no template image/);
    await expect(dispatch(service, 'getTemplateImage', { id: 'Not an id' })).rejects.toThrow(/atlas id/);
    await expect(dispatch(service, 'getTemplateImage', { id: 'tpl', res: -1 })).rejects.toThrow(/voxel size/);
    await expect(dispatch(service, 'getTemplateImage', { id: 'tpl', frame: 2 })).rejects.toThrow(
      /does not take "frame"/,
    );
    const viaDispatch = decodeTemplateImage(
      (await dispatch(service, 'getTemplateImage', { id: 'tpl', res: 2 })) as ArrayBuffer,
    );
    expect(viaDispatch.dims).toEqual(t.dims);
  });
});

describe('robust window against a full sort', () => {
  it('gives the nearest-rank percentiles of random values with ties, negatives and missing values', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 20000 }, (_, i) =>
      i % 7 === 0 ? 0 : i % 11 === 0 ? NaN : Math.round(rand() * 500 - 100) / 4,
    );
    const sorted = values.filter((v) => v !== 0 && Number.isFinite(v)).sort((a, b) => a - b);
    const rank = (p: number) => sorted[Math.round((p / 100) * (sorted.length - 1))];
    for (const ps of [
      [0.5, 99.5],
      [0, 100],
      [10, 90],
      [50, 50],
    ] as [number, number][]) {
      expect(robustWindow(values, ps)).toEqual([rank(ps[0]), rank(ps[1])]);
    }
    expect(robustWindow([3, 3, 0, 3])).toEqual([3, 3]);
  });
});
