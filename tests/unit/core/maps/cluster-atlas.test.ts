/**
 * What clusters hit in an atlas: clusterAtlasInfo on a map over the synthetic atlas (region at the peak,
 * composition, nearest region to a peak outside), and nearestRegion, the ring search over occupied blocks, against a
 * brute-force scan of every labelled voxel: points inside, between and outside the grid, LAS and anisotropic grids,
 * ties to the lower label.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterAtlasInfo, nearestRegion } from '../../../../core/maps/cluster-atlas';
import { findClusters } from '../../../../core/maps/clusters';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { readStatMap } from '../../../../main/services/cluster-report';
import { ballVoxels, writeClusterMap } from '../../../helpers/cluster-map';
import { writeNifti } from '../../../helpers/nifti-writer';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas, worldOf } from '../../../helpers/synthetic-atlas';

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
}

function brute(vol: ReturnType<typeof toLabelVolume>, x: number, y: number, z: number, maxMm: number) {
  const [tx, ty, tz] = vol.dims;
  const a = vol.affine;
  let best = Infinity,
    bestValue = 0;
  for (let k = 0; k < tz; k++)
    for (let j = 0; j < ty; j++)
      for (let i = 0; i < tx; i++) {
        const v = vol.labels[i + tx * (j + ty * k)];
        if (v === 0) continue;
        const d = Math.hypot(
          a[0] * i + a[1] * j + a[2] * k + a[3] - x,
          a[4] * i + a[5] * j + a[6] * k + a[7] - y,
          a[8] * i + a[9] * j + a[10] * k + a[11] - z,
        );
        if (d < best - 1e-9 || (Math.abs(d - best) <= 1e-9 && v < bestValue)) {
          best = d;
          bestValue = v;
        }
      }
  return best <= maxMm + 1e-9 ? { value: bestValue, distance: best } : null;
}

describe('nearestRegion', () => {
  for (const [name, dims, affine] of [
    ['LAS 2 mm', [23, 27, 19], [-2, 0, 0, 22, 0, 2, 0, -26, 0, 0, 2, -18]],
    ['RAS anisotropic', [30, 17, 13], [1, 0, 0, -15, 0, 2.5, 0, -20, 0, 0, 3, -18]],
  ] as const) {
    it(`matches a brute-force scan (${name})`, () => {
      const rand = rng(7);
      const n = dims[0] * dims[1] * dims[2];
      const labels = new Array(n).fill(0);
      // A few sparse blobs of labels 1..6.
      for (let b = 0; b < 8; b++) {
        const ci = Math.floor(rand() * dims[0]),
          cj = Math.floor(rand() * dims[1]),
          ck = Math.floor(rand() * dims[2]);
        const value = 1 + (b % 6);
        for (let k = 0; k < dims[2]; k++)
          for (let j = 0; j < dims[1]; j++)
            for (let i = 0; i < dims[0]; i++) {
              if ((i - ci) ** 2 + (j - cj) ** 2 + (k - ck) ** 2 <= 2.2) labels[i + dims[0] * (j + dims[1] * k)] = value;
            }
      }
      const vol = toLabelVolume(decodeNifti(writeNifti({ dims: [...dims], data: labels, affine: [...affine] })));
      for (let t = 0; t < 400; t++) {
        // Points across and beyond the grid's extent (some on voxel centres, so ties happen).
        const onGrid = t % 4 === 0;
        const x = onGrid ? affine[3] + affine[0] * Math.floor(rand() * dims[0]) : -60 + 120 * rand();
        const y = onGrid ? affine[7] + affine[5] * Math.floor(rand() * dims[1]) : -70 + 140 * rand();
        const z = onGrid ? affine[11] + affine[10] * Math.floor(rand() * dims[2]) : -50 + 100 * rand();
        const within = [5, 20, 1000][t % 3];
        const got = nearestRegion(vol, x, y, z, within),
          want = brute(vol, x, y, z, within);
        const where = `${x},${y},${z} within ${within}`;
        expect(got?.value, where).toBe(want?.value);
        if (got && want) expect(got.distance, where).toBeCloseTo(want.distance, 9);
      }
    });
  }

  it('is null for an empty atlas', () => {
    const vol = toLabelVolume(decodeNifti(writeNifti({ dims: [5, 5, 5], data: new Array(125).fill(0) })));
    expect(nearestRegion(vol, 2, 2, 2, 100)).toBeNull();
  });
});

describe('clusterAtlasInfo', () => {
  let s: SyntheticAtlas;
  let mapPath: string;
  beforeAll(() => {
    s = makeSyntheticAtlas();
    mapPath = writeClusterMap(s);
  });

  it('names the region at the peak, the composition and the nearest region to a peak outside', async () => {
    const map = await readStatMap(mapPath);
    const vol = toLabelVolume(decodeNifti(writeNifti({ dims: DIMS, data: s.labels, affine: AFFINE })));
    const names = new Map([
      [1, 'One'],
      [2, 'Two'],
    ]);
    const { clusters } = findClusters(map, { threshold: 0 });
    expect(clusters.map((c) => [c.voxels, c.peak.value, c.peak.xyz])).toEqual([
      [729, 12, worldOf(14, 12, 11)],
      [1, 3, worldOf(14, 12, 17)],
    ]);
    const info = clusterAtlasInfo(map, clusters, { atlasId: 'x', volume: vol, names });
    const pct = Math.floor((10000 * ballVoxels(s)) / 729) / 100;
    expect(info[0]).toEqual({
      peak: { value: 1, name: 'One' },
      composition: [{ value: 1, name: 'One', percent: pct }],
      unlabelledPercent: Math.floor((10000 * (729 - ballVoxels(s))) / 729) / 100,
      nearest: null,
    });
    expect(info[1]).toEqual({
      peak: { value: 0, name: null },
      composition: [],
      unlabelledPercent: 100,
      nearest: { value: 1, name: 'One', distance_mm: 6 },
    });
    const far = clusterAtlasInfo(map, clusters, { atlasId: 'x', volume: vol, names }, { nearestWithinMm: 5 });
    expect(far[1].nearest).toBeNull();
  });
});
