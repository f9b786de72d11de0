/**
 * The GIFTI reader against the real fsaverage5 files in the shared atlas folder (BRAIN_ATLAS_PATH, else
 * ../shared/atlases): surfaces, sulcal depth, the Schaefer 400 and Yeo 7-network parcellations. Values were checked
 * against the files. Skips, with a message, without the folder or a file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGifti } from '../../core/io/gifti/gifti';
import { giftiLabelValues, giftiSurface, giftiValues } from '../../core/io/gifti/surface-data';
import { writeGifti } from '../../core/io/gifti/write';
import { SHARED } from '../helpers/shared-atlases';

if (!SHARED) console.warn('gifti real-data tests skipped: no atlas folder (set BRAIN_ATLAS_PATH).');

const path = (rel: string) => join(SHARED ?? '', rel);
const has = (rel: string): boolean => {
  const ok = SHARED !== null && existsSync(path(rel));
  if (SHARED && !ok) console.warn(`gifti real-data test skipped: ${rel} is not in ${SHARED}`);
  return ok;
};
const load = (rel: string) => readGifti(readFileSync(path(rel)), rel);

const PIAL_GZ = 'fsaverage/fsaverage5_pial_left.gii.gz';
const PIAL = 'fsaverage/fsaverage5_lh_pial.surf.gii';
const SULC = 'fsaverage/fsaverage5_lh_sulc.sulc.gii';
const SULC_GZ = 'fsaverage/fsaverage5_sulc_left.gii.gz';
const SCHAEFER = 'fsaverage/fsaverage5_lh_Schaefer2018_400Parcels_7Networks_order.label.gii';
const YEO7 = 'yeo2011/fsaverage5_lh_Yeo2011_7Networks_N1000.label.gii';

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe.skipIf(!SHARED)('GIFTI: real fsaverage5 files', () => {
  it.skipIf(!has(PIAL_GZ))('reads the gzipped left pial surface: 10 242 vertices, 20 480 triangles', () => {
    const g = load(PIAL_GZ);
    expect(g.meta['gifticlib-version']).toBe('gifti library version 1.09, 28 June, 2010');
    expect(g.arrays.map((a) => [a.intent, a.dataType, a.dims])).toEqual([
      ['NIFTI_INTENT_POINTSET', 'NIFTI_TYPE_FLOAT32', [10242, 3]],
      ['NIFTI_INTENT_TRIANGLE', 'NIFTI_TYPE_INT32', [20480, 3]],
    ]);
    expect(g.arrays[0].meta.AnatomicalStructurePrimary).toBe('CortexLeft');
    expect(g.arrays[0].meta.AnatomicalStructureSecondary).toBe('Pial');
    expect(g.arrays[1].meta.TopologicalType).toBe('Closed');
    const mesh = giftiSurface(g, PIAL_GZ);
    expect(mesh.vertexCount).toBe(10242);
    expect(mesh.triangles.length).toBe(20480 * 3);
    const v = (i: number) => Array.from(mesh.positions.subarray(3 * i, 3 * i + 3));
    expect(v(0)).toEqual([-38.735958099365234, -19.343364715576172, 67.22013854980469].map(Math.fround));
    expect(v(3)).toEqual([-24.019428253173828, 43.114871978759766, 23.92621421813965].map(Math.fround));
    expect(Array.from(mesh.triangles.subarray(0, 6))).toEqual([0, 2564, 2562, 0, 2562, 2565]);
    // A left hemisphere in MNI-like space: x mostly negative, within a head.
    let minX = Infinity;
    let maxX = -Infinity;
    for (let i = 0; i < mesh.positions.length; i += 3) {
      minX = Math.min(minX, mesh.positions[i]);
      maxX = Math.max(maxX, mesh.positions[i]);
    }
    expect(minX).toBeGreaterThan(-80);
    expect(maxX).toBeLessThan(5);
    // A closed triangle mesh of genus 0: V − E + F = 2, every vertex used, every edge shared by two triangles.
    const edges = new Map<number, number>();
    const used = new Uint8Array(mesh.vertexCount);
    for (let t = 0; t < mesh.triangles.length; t += 3) {
      for (let k = 0; k < 3; k++) {
        const a = mesh.triangles[t + k];
        const b = mesh.triangles[t + ((k + 1) % 3)];
        used[a] = 1;
        const key = Math.min(a, b) * 16384 + Math.max(a, b);
        edges.set(key, (edges.get(key) ?? 0) + 1);
      }
    }
    expect(used.every((u) => u === 1)).toBe(true);
    expect([...edges.values()].every((n) => n === 2)).toBe(true);
    expect(mesh.vertexCount - edges.size + mesh.triangles.length / 3).toBe(2);
  });

  it.skipIf(!has(PIAL_GZ) || !has(PIAL))('the plain .surf.gii pial holds the same mesh bit for bit', () => {
    const a = giftiSurface(load(PIAL_GZ), PIAL_GZ);
    const b = giftiSurface(load(PIAL), PIAL);
    expect(Buffer.from(bytesOf(b.positions)).equals(Buffer.from(bytesOf(a.positions)))).toBe(true);
    expect(Buffer.from(bytesOf(b.triangles)).equals(Buffer.from(bytesOf(a.triangles)))).toBe(true);
    expect(load(PIAL).arrays[0].meta.Name).toBe('lh.pial');
  });

  it.skipIf(!has(SULC))('reads sulcal depth: one float per vertex, about −1.5 to 1.8', () => {
    const g = load(SULC);
    expect(g.labels).toEqual([]);
    expect(g.arrays).toHaveLength(1);
    expect(g.arrays[0].intent).toBe('NIFTI_INTENT_NONE');
    expect(g.arrays[0].dims).toEqual([10242]);
    const sulc = giftiValues(g, SULC);
    expect(sulc.length).toBe(10242);
    expect(Array.from(sulc.subarray(0, 3))).toEqual([-0.781268835067749, -0.8170627355575562, 0.5143870115280151]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of sulc) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    expect(lo).toBeCloseTo(-1.49372, 4);
    expect(hi).toBeCloseTo(1.80691, 4);
  });

  it.skipIf(!has(SULC) || !has(SULC_GZ))('the gzipped sulc (NIFTI_INTENT_SHAPE) holds the same values', () => {
    const gz = load(SULC_GZ);
    expect(gz.arrays[0].intent).toBe('NIFTI_INTENT_SHAPE');
    expect(gz.arrays[0].meta.ShapeDataType).toBe('SulcalDepth');
    expect(Array.from(giftiValues(gz, SULC_GZ))).toEqual(Array.from(giftiValues(load(SULC), SULC)));
  });

  it.skipIf(!has(SCHAEFER))('reads the Schaefer 400 left labels: 201 entries, background key 0 included', () => {
    const { keys, labels } = giftiLabelValues(load(SCHAEFER), SCHAEFER);
    expect(keys.length).toBe(10242);
    expect(labels).toHaveLength(201);
    expect(labels.map((l) => l.key)).toEqual(Array.from({ length: 201 }, (_, i) => i));
    expect(labels[0]).toEqual({
      key: 0,
      name: 'Background+FreeSurfer_Defined_Medial_Wall',
      rgba: [0.00392157, 0.00392157, 0.00392157, 1],
    });
    expect(labels[1]).toEqual({ key: 1, name: '7Networks_LH_Vis_1', rgba: [0.470588, 0.0666667, 0.501961, 1] });
    expect(labels[200]).toEqual({
      key: 200,
      name: '7Networks_LH_Default_PCC_11',
      rgba: [0.803922, 0.258824, 0.321569, 1],
    });
    expect(Array.from(keys.subarray(0, 6))).toEqual([57, 81, 49, 180, 40, 132]);
    const counts = new Map<number, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect(counts.size).toBe(201);
    expect(counts.get(0)).toBe(870);
  });

  it.skipIf(!has(YEO7))('reads the Yeo 2011 7-network left labels', () => {
    const { keys, labels } = giftiLabelValues(load(YEO7), YEO7);
    expect(labels.map((l) => l.name)).toEqual([
      'FreeSurfer_Defined_Medial_Wall',
      ...Array.from({ length: 7 }, (_, i) => `7Networks_${i + 1}`),
    ]);
    expect(labels[2].rgba).toEqual([0.27451, 0.509804, 0.705882, 1]);
    expect(labels[7].rgba).toEqual([0.803922, 0.243137, 0.305882, 1]);
    expect(Array.from(keys.subarray(0, 6))).toEqual([2, 3, 2, 6, 4, 6]);
    const counts = new Array<number>(8).fill(0);
    for (const k of keys) counts[k]++;
    expect(counts[0]).toBe(888);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10242);
  });

  it.skipIf(!has(PIAL_GZ) || !has(SCHAEFER))('round-trips real files through writeGifti bit for bit', () => {
    for (const rel of [PIAL_GZ, SCHAEFER]) {
      const g = load(rel);
      const back = readGifti(writeGifti(g), `${rel} (rewritten)`);
      expect(back.meta).toEqual(g.meta);
      expect(back.labels).toEqual(g.labels);
      expect(back.arrays.length).toBe(g.arrays.length);
      back.arrays.forEach((a, i) => {
        expect([a.intent, a.dataType, a.dims, a.meta]).toEqual([
          g.arrays[i].intent,
          g.arrays[i].dataType,
          g.arrays[i].dims,
          g.arrays[i].meta,
        ]);
        expect(Buffer.from(bytesOf(a.data)).equals(Buffer.from(bytesOf(g.arrays[i].data)))).toBe(true);
      });
    }
  });

  it('reads every GIFTI file in fsaverage/ and yeo2011/ as a surface, a map or a parcellation of fsaverage5', () => {
    const files = ['fsaverage', 'yeo2011'].flatMap((dir) =>
      existsSync(path(dir))
        ? readdirSync(path(dir))
            .filter((f) => /\.gii(\.gz)?$/.test(f))
            .map((f) => `${dir}/${f}`)
        : [],
    );
    if (files.length === 0) console.warn('gifti real-data test: no .gii files in fsaverage/ or yeo2011/');
    for (const rel of files) {
      const g = load(rel);
      if (g.arrays.some((a) => a.intent === 'NIFTI_INTENT_POINTSET')) {
        const mesh = giftiSurface(g, rel);
        expect([rel, mesh.vertexCount, mesh.triangles.length]).toEqual([rel, 10242, 61440]);
      } else if (g.arrays.some((a) => a.intent === 'NIFTI_INTENT_LABEL')) {
        const { keys, labels } = giftiLabelValues(g, rel);
        const known = new Set(labels.map((l) => l.key));
        expect([rel, keys.length, keys.every((k) => known.has(k))]).toEqual([rel, 10242, true]);
      } else {
        const values = giftiValues(g, rel);
        expect([rel, values.length, values.every(Number.isFinite)]).toEqual([rel, 10242, true]);
      }
    }
  });
});
