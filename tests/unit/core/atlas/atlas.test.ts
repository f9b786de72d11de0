import { describe, expect, it } from 'vitest';
import { applyAffine, invertAffine, mat4, orientationCodes, roundHalfEven } from '../../../../core/affine';
import { buildAtlas, namesByOverlap, regionAt } from '../../../../core/atlas/atlas';
import { AtlasError } from '../../../../core/errors';
import { hemisphereFromName, hemisphereFromVoxels } from '../../../../core/atlas/hemisphere';
import { labelAt, toLabelVolume } from '../../../../core/atlas/label-volume';
import { schaeferNetwork, yeoNetwork } from '../../../../core/atlas/networks';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { buildProbabilitySet, probabilitiesAt } from '../../../../core/atlas/probability';
import { computeLabelStats } from '../../../../core/atlas/region-stats';
import { type Dtype, ball, writeNifti } from '../../../helpers/nifti-writer';

const DIMS: [number, number, number] = [20, 24, 22];
const RAS_2MM = [2, 0, 0, -20, 0, 2, 0, -24, 0, 0, 2, -22];
// The same world grid stored with the x axis flipped (LAS), as FSL's MNI files are.
const LAS_2MM = [-2, 0, 0, 18, 0, 2, 0, -24, 0, 0, 2, -22];

function flipX(data: number[]): number[] {
  const [nx, ny, nz] = DIMS;
  const out = new Array(data.length);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) out[nx - 1 - i + nx * (j + ny * k)] = data[i + nx * (j + ny * k)];
  return out;
}

function twoBalls(): number[] {
  const data = ball(DIMS, [5, 12, 11], 3, 7);
  return ball(DIMS, [14, 10, 9], 2, 300, data);
}

function load(
  data: number[],
  affine: number[],
  dtype: Dtype = 'uint16',
  extra: Partial<Parameters<typeof writeNifti>[0]> = {},
) {
  return toLabelVolume(decodeNifti(writeNifti({ dims: DIMS, data, dtype, affine, ...extra })));
}

describe('region statistics', () => {
  it('counts voxels exactly and finds the centroid and box in world mm, for RAS and LAS storage alike', () => {
    const data = twoBalls();
    const ras = computeLabelStats(load(data, RAS_2MM));
    const las = computeLabelStats(load(flipX(data), LAS_2MM));
    const expectedCount = (v: number) => data.filter((x) => x === v).length;
    for (const stats of [ras, las]) {
      expect(stats.map((s) => s.value)).toEqual([7, 300]);
      const [a, b] = stats;
      expect(a.voxels).toBe(expectedCount(7));
      expect(b.voxels).toBe(expectedCount(300));
      expect(a.volumeMm3).toBe(expectedCount(7) * 8);
      // The ball is symmetric about its centre voxel (5, 12, 11): world (-10, 0, 0) in the RAS grid.
      a.centroid.forEach((c, i) => expect(c).toBeCloseTo([-10, 0, 0][i], 9));
      b.centroid.forEach((c, i) => expect(c).toBeCloseTo([8, -4, -4][i], 9));
      expect(a.bbox.min).toEqual([-16, -6, -6]);
      expect(a.bbox.max).toEqual([-4, 6, 6]);
      expect(a.leftVoxels).toBe(a.voxels);
      expect(b.rightVoxels).toBe(b.voxels);
    }
  });

  it('handles sparse huge label values by renumbering', () => {
    const data = new Array(DIMS[0] * DIMS[1] * DIMS[2]).fill(0);
    data[0] = 2_000_000_000;
    data[5] = 2_000_000_000;
    data[9] = 3;
    const stats = computeLabelStats(load(data, RAS_2MM, 'uint32'));
    expect(stats.map((s) => [s.value, s.voxels])).toEqual([
      [3, 1],
      [2_000_000_000, 2],
    ]);
  });
});

describe('label volumes', () => {
  const n = DIMS[0] * DIMS[1] * DIMS[2];
  it('accepts integral floats and applies scl_slope / scl_inter', () => {
    const data = twoBalls();
    const vol = load(data, RAS_2MM, 'float32');
    expect(vol.labels).toBeInstanceOf(Uint16Array);
    expect(vol.maxLabel).toBe(300);
    const scaled = load(
      data.map((v) => v / 2),
      RAS_2MM,
      'float32',
      { slope: 2, inter: 0 },
    );
    expect(Array.from(scaled.labels)).toEqual(data);
    const small = load(
      data.map((v) => (v === 300 ? 9 : v)),
      RAS_2MM,
      'uint8',
    );
    expect(small.labels).toBeInstanceOf(Uint8Array); // stored uint8 is used as it is
    const big = new Array(data.length).fill(0);
    big[7] = 70000;
    big[8] = 3;
    const wide = load(big, RAS_2MM, 'float32');
    expect(wide.labels).toBeInstanceOf(Uint32Array);
    expect([wide.labels[7], wide.labels[8], wide.maxLabel]).toEqual([70000, 3, 70000]);
  });

  it('reads signed 16-bit labels with no negative value in place, as unsigned', () => {
    const data = twoBalls();
    const img = decodeNifti(writeNifti({ dims: DIMS, data, dtype: 'int16', affine: RAS_2MM }));
    expect(img.data).toBeInstanceOf(Int16Array);
    const vol = toLabelVolume(img);
    expect(vol.labels).toBeInstanceOf(Uint16Array);
    expect(vol.labels.buffer).toBe(img.data.buffer); // no copy
    expect(Array.from(vol.labels)).toEqual(data);
    expect(vol.maxLabel).toBe(300);
    // One negative value anywhere, even after the largest: refused, naming it.
    const neg = [...data];
    neg[n - 1] = -2;
    expect(() => load(neg, RAS_2MM, 'int16')).toThrowError(/negative value -2/);
  });

  it('refuses NaN, fractional and negative labels, naming the voxel', () => {
    const nan = new Array(n).fill(0);
    nan[1 + DIMS[0] * 2] = Number.NaN;
    expect(() => load(nan, RAS_2MM, 'float32')).toThrowError(/holds NaN at voxel \(1, 2, 0\).*whole numbers/);
    const frac = new Array(n).fill(0);
    frac[3] = 2.5;
    expect(() => load(frac, RAS_2MM, 'float64')).toThrowError(/fractional value 2\.5 at voxel \(3, 0, 0\)/);
    const neg = new Array(n).fill(0);
    neg[3] = -4;
    expect(() => load(neg, RAS_2MM, 'int16')).toThrowError(AtlasError);
  });
});

describe('lookup', () => {
  it('returns the label of the rounded inverse-affine voxel, the same in RAS and LAS storage', () => {
    const data = twoBalls();
    const ras = load(data, RAS_2MM);
    const las = load(flipX(data), LAS_2MM);
    let rng = 12345;
    const rand = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 2000; t++) {
      const p: [number, number, number] = [rand() * 50 - 25, rand() * 56 - 28, rand() * 52 - 26];
      // Independent: voxel index by solving the RAS affine by hand.
      const i = Math.round((p[0] + 20) / 2),
        j = Math.round((p[1] + 24) / 2),
        k = Math.round((p[2] + 22) / 2);
      const inside = i >= 0 && j >= 0 && k >= 0 && i < DIMS[0] && j < DIMS[1] && k < DIMS[2];
      const expected = inside ? data[i + DIMS[0] * (j + DIMS[1] * k)] : 0;
      expect(labelAt(ras, ...p)).toBe(expected);
      expect(labelAt(las, ...p)).toBe(expected);
    }
    expect(labelAt(ras, 1000, 0, 0)).toBe(0);
  });

  it('rounds exact ties half to even, as numpy does', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 66.5, 2.4999999999].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 66, 2]);
  });

  it('inverts affines of any orientation', () => {
    const m = mat4([0, -1.5, 0, 10, 0, 0, 2, -3, 1.25, 0, 0, 7, 0, 0, 0, 1]);
    const inv = invertAffine(m);
    const p = applyAffine(m, 3, 4, 5);
    applyAffine(inv, ...p).forEach((v, i) => expect(v).toBeCloseTo([3, 4, 5][i], 12));
    expect(orientationCodes(m)).toBe('SLA'); // i runs up (S), j runs right-to-left (L), k runs forward (A)
  });
});

describe('atlas assembly', () => {
  it('names regions from the table, reports mismatches both ways, infers hemisphere and network', () => {
    const vol = load(twoBalls(), RAS_2MM);
    const atlas = buildAtlas({
      volume: vol,
      table: {
        format: 'cbig-txt',
        entries: [
          { value: 7, name: '7Networks_LH_Default_PFC_1', color: [1, 2, 3] },
          { value: 8, name: '7Networks_RH_Vis_1' },
        ],
        warnings: [],
      },
    });
    expect(atlas.regions.map((r) => r.name)).toEqual(['7Networks_LH_Default_PFC_1', 'Label 300']);
    expect(atlas.regions[0]).toMatchObject({ hemisphere: 'left', network: 'Default', color: [1, 2, 3] });
    expect(atlas.regions[1].hemisphere).toBe('right'); // from where its voxels lie
    expect(atlas.report).toEqual({ inVolumeNotInTable: [300], inTableNotInVolume: [8] });
    expect(atlas.warnings.join('\n')).toMatch(/1 label value in the volume is not in the label table: 300/);
    expect(regionAt(atlas, -10, 0, 0)).toEqual({ value: 7, name: '7Networks_LH_Default_PFC_1' });
    expect(regionAt(atlas, 0, 0, 0)).toEqual({ value: 0, name: null });
  });

  it('takes names from another grid by majority overlap', () => {
    const data = twoBalls();
    const source = buildAtlas({
      volume: load(data, RAS_2MM),
      table: {
        format: 'node-list',
        entries: [
          { value: 7, name: 'Seven' },
          { value: 300, name: 'Three hundred' },
        ],
        warnings: [],
      },
    });
    // The target uses other values for the same balls, on a flipped grid.
    const relabelled = flipX(data.map((v) => (v === 7 ? 1 : v === 300 ? 2 : 0)));
    const names = namesByOverlap(load(relabelled, LAS_2MM), source);
    expect([...names.entries()].sort()).toEqual([
      [1, 'Seven'],
      [2, 'Three hundred'],
    ]);
  });
});

describe('probabilistic maps', () => {
  it('lists every region with its probability, percent maps scaled to 0..1', () => {
    const a = ball(DIMS, [5, 12, 11], 3, 80);
    const b = ball(DIMS, [6, 12, 11], 3, 30);
    const set = buildProbabilitySet([
      { img: decodeNifti(writeNifti({ dims: DIMS, data: a, affine: RAS_2MM })), value: 1, name: 'V1' },
      { img: decodeNifti(writeNifti({ dims: DIMS, data: b, affine: RAS_2MM })), value: 2, name: 'V2' },
    ]);
    expect(probabilitiesAt(set, -10, 0, 0)).toEqual([
      { value: 1, name: 'V1', p: 0.8 },
      { value: 2, name: 'V2', p: 0.3 },
    ]);
    expect(probabilitiesAt(set, 500, 0, 0)).toEqual([]);
  });
});

describe('naming conventions', () => {
  it.each([
    ['Precentral_L', 'left'],
    ['Frontal_Inf_Oper_R', 'right'],
    ['7Networks_LH_Vis_1', 'left'],
    ['RH_Default_PFCm_2', 'right'],
    ['L_V1_ROI', 'left'],
    ['Right_V1', 'right'],
    ['Left-Hippocampus', 'left'],
    ['ctx-rh-precentral', 'right'],
    ['HIP-rh', 'right'],
    ['aHIP-lh', 'left'],
    ['A8m_L', 'left'],
    ['Right Cerebral Cortex', 'right'],
    ['lh.precentral', 'left'],
    ['Frontal Pole', null],
    ['Vermis_1_2', null],
    ['Brodmann_area_44', null],
    ['SFG_L_7_1', null],
  ])('%s -> %s', (name, hemi) => {
    expect(hemisphereFromName(name)).toBe(hemi);
  });

  it('decides from voxels when the name does not say', () => {
    expect(hemisphereFromVoxels(96, 4, 100)).toBe('left');
    expect(hemisphereFromVoxels(50, 50, 100)).toBe('bilateral');
  });

  it('reads Schaefer networks in old and new naming and Yeo values', () => {
    expect(schaeferNetwork('17Networks_LH_SalVentAttnA_FrOperIns_1')?.name).toBe('Salience / Ventral Attention A');
    expect(schaeferNetwork('7Networks_RH_Cont_PFCl_3')?.name).toBe('Frontoparietal Control');
    expect(schaeferNetwork('LH_Vis_4')?.name).toBe('Visual');
    expect(schaeferNetwork('Precentral_L')).toBeNull();
    expect(yeoNetwork(7, 7)?.name).toBe('Default');
    expect(yeoNetwork(17, 9)?.code).toBe('LimbicA');
    expect(yeoNetwork(17, 10)?.code).toBe('LimbicB');
  });
});

describe('countBelowZero', () => {
  it('counts the integers where a line is negative, as a loop would', async () => {
    const { countBelowZero } = await import('../../../../core/atlas/region-stats');
    for (const a of [-2, -1, -0.7, 0, 0.5, 1, 3]) {
      for (const b of [-7, -3.5, -1, 0, 0.25, 2, 6]) {
        for (const [lo, hi] of [
          [0, 0],
          [0, 9],
          [3, 7],
          [5, 12],
        ]) {
          let expected = 0;
          for (let t = lo; t <= hi; t++) if (a * t + b < 0) expected++;
          expect(countBelowZero(lo, hi, a, b), `a=${a} b=${b} [${lo},${hi}]`).toBe(expected);
        }
      }
    }
  });
});
