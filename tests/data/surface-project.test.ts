/**
 * `brain-atlas project` on real data against an independent computation of its rule: the fsaverage5 white and
 * pial surfaces read here with node:zlib and a regular expression (not core/io/gifti), the map decoded by
 * nifti-reader-js (not core/io/nifti), 10 samples per vertex from white to pial, trilinear, missing when any of
 * the 8 voxels is NaN or off the grid, the mean of the rest.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeNifti } from '../helpers/nifti-writer';
import { inverse4, type Reference, reference } from '../helpers/reference-nifti';
import { captureCli } from '../helpers/run-cli';
import { SHARED } from '../helpers/shared-atlases';

if (!SHARED) console.warn('surface projection real-data tests skipped: no atlas folder (set BRAIN_ATLAS_PATH).');

/** The POINTSET array of a GIFTI surface: float32 x, y, z per vertex (zlib, base64, little endian). */
function pointSet(path: string): Float64Array {
  let text = readFileSync(path);
  if (text[0] === 0x1f && text[1] === 0x8b) text = gunzipSync(text);
  const xml = text.toString('utf8');
  const m = /<DataArray[^>]*Intent="NIFTI_INTENT_POINTSET"[^>]*>[\s\S]*?<Data>([^<]*)<\/Data>/.exec(xml);
  if (!m) throw new Error(`${path}: no POINTSET array`);
  const raw = inflateSync(Buffer.from(m[1].trim(), 'base64'));
  const f = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  return Float64Array.from(f);
}

function expected(map: Reference, white: Float64Array, pial: Float64Array): (number | null)[] {
  const inv = inverse4(map.affine);
  const [nx, ny, nz] = map.dims;
  const at = (i: number, j: number, k: number) => map.values[i + nx * (j + ny * k)];
  const sample = (p: number[]): number | null => {
    const f = [0, 1, 2].map((r) => inv[r][0] * p[0] + inv[r][1] * p[1] + inv[r][2] * p[2] + inv[r][3]);
    const lo = f.map(Math.floor);
    if (lo[0] < 0 || lo[1] < 0 || lo[2] < 0 || lo[0] + 1 >= nx || lo[1] + 1 >= ny || lo[2] + 1 >= nz) return null;
    let sum = 0;
    for (const di of [0, 1])
      for (const dj of [0, 1])
        for (const dk of [0, 1]) {
          const v = at(lo[0] + di, lo[1] + dj, lo[2] + dk);
          if (Number.isNaN(v)) return null;
          const w =
            (di ? f[0] - lo[0] : 1 - (f[0] - lo[0])) *
            (dj ? f[1] - lo[1] : 1 - (f[1] - lo[1])) *
            (dk ? f[2] - lo[2] : 1 - (f[2] - lo[2]));
          sum += w * v;
        }
    return sum;
  };
  const out: (number | null)[] = [];
  for (let v = 0; v < white.length / 3; v++) {
    const got: number[] = [];
    for (let s = 0; s < 10; s++) {
      const t = s / 9;
      const p = [0, 1, 2].map((c) => white[3 * v + c] + t * (pial[3 * v + c] - white[3 * v + c]));
      const x = sample(p);
      if (x !== null) got.push(x);
    }
    out.push(got.length ? got.reduce((a, b) => a + b, 0) / got.length : null);
  }
  return out;
}

function compare(got: (number | null)[], want: (number | null)[]) {
  expect(got.length).toBe(want.length);
  let worst = 0;
  let nulls = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    if (w === null) {
      nulls++;
      expect(got[i], `vertex ${i}`).toBeNull();
      continue;
    }
    const g = got[i];
    expect(g, `vertex ${i}`).not.toBeNull();
    worst = Math.max(worst, Math.abs((g as number) - w) / Math.max(Math.abs(w), 1e-6));
  }
  expect(worst).toBeLessThan(1e-4);
  return { nulls };
}

describe.skipIf(!SHARED)('brain-atlas project on fsaverage5', () => {
  const root = SHARED as string;
  const env = () => ({
    BRAIN_ATLAS_PATH: root,
    BRAIN_ATLAS_CACHE: mkdtempSync(join(tmpdir(), 'bas-project-')),
    BRAIN_ATLAS_NO_INSTALLED: '1',
  });
  const surfaces = (hemi: string) => ({
    white: pointSet(join(root, 'fsaverage', `fsaverage5_white_${hemi}.gii.gz`)),
    pial: pointSet(join(root, 'fsaverage', `fsaverage5_pial_${hemi}.gii.gz`)),
  });

  it.each(['left', 'right'])(
    'the MNI152 T1 on the %s hemisphere equals the rule computed independently',
    async (hemi) => {
      const file = join(root, 'mni152', 'MNI152_T1_2mm.nii.gz');
      const { code, out, err } = await captureCli(env(), ['project', file, '--hemi', hemi, '--json']);
      expect(err).toBe('');
      expect(code).toBe(0);
      const { white, pial } = surfaces(hemi);
      const { nulls } = compare(JSON.parse(out), expected(reference(file, false), white, pial));
      expect(nulls).toBe(0);
    },
  );

  it('leaves out NaN voxels, and gives null where every sample is missing', async () => {
    // The 2 mm T1 with NaN above z = 40 mm and a grid that stops at z = 60 mm: vertices there lose samples or all.
    const t1 = reference(join(root, 'mni152', 'MNI152_T1_2mm.nii.gz'), false);
    const [nx, ny] = t1.dims;
    const nz = 67; // voxel k = 66 is z = 60 mm on this grid (origin -72)
    const values = new Float32Array(nx * ny * nz);
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const z = t1.affine[2][2] * k + t1.affine[2][3];
          values[i + nx * (j + ny * k)] = z > 40 && i % 2 === 0 ? Number.NaN : t1.values[i + nx * (j + ny * k)];
        }
    const dir = mkdtempSync(join(tmpdir(), 'bas-project-map-'));
    const file = join(dir, 'holes.nii');
    writeFileSync(
      file,
      writeNifti({
        dims: [nx, ny, nz],
        data: values,
        dtype: 'float32',
        affine: t1.affine.slice(0, 3).flat(),
        sformCode: 4,
      }),
    );
    const { code, out } = await captureCli(env(), ['project', file, '--hemi', 'left', '--json']);
    expect(code).toBe(0);
    const { white, pial } = surfaces('left');
    const { nulls } = compare(JSON.parse(out), expected(reference(file, false), white, pial));
    expect(nulls).toBeGreaterThan(100);
  });

  it('writes a GIFTI file whose values are those it prints', async () => {
    const file = join(root, 'mni152', 'MNI152_T1_2mm.nii.gz');
    const out = join(mkdtempSync(join(tmpdir(), 'bas-project-out-')), 'lh.func.gii');
    const e = env();
    const written = await captureCli(e, ['project', file, '--hemi', 'left', '--out', out]);
    expect(written.code).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('CortexLeft');
    const m = /<Data>([^<]*)<\/Data>/.exec(xml) as RegExpExecArray;
    const raw = inflateSync(Buffer.from(m[1].trim(), 'base64'));
    const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const printed = JSON.parse((await captureCli(e, ['project', file, '--hemi', 'left', '--json'])).out) as number[];
    expect(values.length).toBe(10242);
    expect(Array.from(values)).toEqual(printed);
  });

  it('says what is wrong with its arguments', async () => {
    const file = join(root, 'mni152', 'MNI152_T1_2mm.nii.gz');
    const noHemi = await captureCli(env(), ['project', file]);
    expect(noHemi.code).not.toBe(0);
    expect(noHemi.err).toContain('--hemi left or --hemi right');
    const other = await captureCli(env(), ['project', file, '--hemi', 'left', '--surface', 'fsaverage7']);
    expect(other.err).toContain('--surface must be fsaverage5');
  });
});
