/**
 * The engine against the real atlases: every labels atlas of the catalog whose files are here, its region
 * records and point lookups checked against an independent path (nifti-reader-js decoding, a generic matrix
 * inverse, plain counting) rather than the engine's own code.
 */
import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogAtlas } from '../../core/catalog/types';
import { validateCatalog } from '../../core/catalog/validate';
import { AtlasService } from '../../main/services/atlas-service';
import { inverse4, type Reference, reference } from '../helpers/reference-nifti';
import { SHARED } from '../helpers/shared-atlases';

const catalog: Catalog = validateCatalog(
  JSON.parse(readFileSync(join(__dirname, '../../atlases/catalog.json'), 'utf8')),
);

function service(): AtlasService {
  return new AtlasService({
    catalog,
    locations: { cacheDir: mkdtempSync(join(tmpdir(), 'bas-cache-')), searchPaths: [SHARED as string], mirror: null },
    cacheSize: 4,
  });
}

const labelAtlases = catalog.atlases.filter((a) => a.kind === 'labels');

/**
 * The reference label grid of a variant. An atlas stored as one file per hemisphere (Julich-Brain) is merged here
 * by the catalog's rule, independently of core: each file's nonzero values plus its offset, the first file listed
 * winning where both label a voxel.
 */
function labelsReference(a: CatalogAtlas, variant = a.variants[0]): Reference {
  const files = variant.files.filter((x) => x.role === 'labels');
  if (files.length === 0) throw new Error(`${a.id} has no labels file`);
  const refs = files.map((f) => reference(join(SHARED as string, f.folder, f.name)));
  if (files.length === 1) return refs[0];
  const values = new Float64Array(refs[0].values.length);
  refs.forEach((r, n) => {
    expect(r.dims).toEqual(refs[0].dims);
    const offset = files[n].valueOffset ?? 0;
    for (let i = 0; i < values.length; i++) if (r.values[i] && !values[i]) values[i] = r.values[i] + offset;
  });
  return { ...refs[0], values };
}

describe.skipIf(!SHARED)('real atlases: query and regions against an independent reference', () => {
  for (const atlas of labelAtlases) {
    for (const variant of atlas.variants) {
      it(`${atlas.id} ${variant.id}`, async () => {
        const svc = service();
        const ref = labelsReference(atlas, variant);
        // Where the catalog corrects a wrong header, the correction is a catalog fact the reference uses too.
        if (variant.affine)
          ref.affine = [0, 1, 2].map((r) => variant.affine!.slice(r * 4, r * 4 + 4)).concat([[0, 0, 0, 1]]);
        const inv = inverse4(ref.affine);
        const [nx, ny, nz] = ref.dims;
        // Random points over the grid's world box, plus margin outside it.
        const corners = [0, nx - 1].flatMap((i) => [0, ny - 1].flatMap((j) => [0, nz - 1].map((k) => [i, j, k])));
        const world = corners.map(([i, j, k]) =>
          [0, 1, 2].map((r) => ref.affine[r][0] * i + ref.affine[r][1] * j + ref.affine[r][2] * k + ref.affine[r][3]),
        );
        const lo = [0, 1, 2].map((a) => Math.min(...world.map((p) => p[a])) - 5);
        const hi = [0, 1, 2].map((a) => Math.max(...world.map((p) => p[a])) + 5);
        let seed = 42;
        const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
        // Half the points anywhere in (and around) the grid, half within half a voxel of labelled voxels.
        const labelled: number[] = [];
        for (let i = 0; i < ref.values.length; i++) if (ref.values[i]) labelled.push(i);
        const points: [number, number, number][] = Array.from({ length: 3000 }, (_, n) => {
          if (n % 2 === 0 || labelled.length === 0)
            return [0, 1, 2].map((a) => lo[a] + rand() * (hi[a] - lo[a])) as [number, number, number];
          const idx = labelled[Math.floor(rand() * labelled.length)];
          const ijk = [idx % nx, Math.floor(idx / nx) % ny, Math.floor(idx / (nx * ny))].map(
            (c) => c + (rand() - 0.5) * 0.98,
          );
          return [0, 1, 2].map(
            (r) => ref.affine[r][0] * ijk[0] + ref.affine[r][1] * ijk[1] + ref.affine[r][2] * ijk[2] + ref.affine[r][3],
          ) as [number, number, number];
        });
        const results = await svc.query({ points, atlases: [atlas.id], variant: variant.id });
        let inside = 0;
        points.forEach((p, n) => {
          const v = [0, 1, 2].map((r) =>
            Math.round(inv[r][0] * p[0] + inv[r][1] * p[1] + inv[r][2] * p[2] + inv[r][3]),
          );
          const ok = v.every((c, a) => c >= 0 && c < ref.dims[a]);
          const expected = ok ? ref.values[v[0] + nx * (v[1] + ny * v[2])] : 0;
          if (expected) inside++;
          expect(results[n].atlases[atlas.id].value, `point ${p.join(',')}`).toBe(expected);
          if (expected === 0) expect(results[n].atlases[atlas.id].name).toBeNull();
        });
        expect(inside).toBeGreaterThan(1000);

        // Regions: exact voxel counts and centroids within 0.01 mm, computed here by plain counting.
        const summary = await svc.openAtlas({ id: atlas.id, variant: variant.id });
        const count = new Map<number, number>();
        const sum = new Map<number, number[]>();
        for (let k = 0, idx = 0; k < nz; k++)
          for (let j = 0; j < ny; j++)
            for (let i = 0; i < nx; i++, idx++) {
              const v = ref.values[idx];
              if (!v) continue;
              count.set(v, (count.get(v) ?? 0) + 1);
              const s = sum.get(v) ?? [0, 0, 0];
              s[0] += i;
              s[1] += j;
              s[2] += k;
              sum.set(v, s);
            }
        expect(summary.regions.map((r) => r.value)).toEqual([...count.keys()].sort((a, b) => a - b));
        for (const r of summary.regions) {
          expect(r.voxels).toBe(count.get(r.value));
          const s = (sum.get(r.value) as number[]).map((x) => x / r.voxels);
          const c = [0, 1, 2].map(
            (row) =>
              ref.affine[row][0] * s[0] + ref.affine[row][1] * s[1] + ref.affine[row][2] * s[2] + ref.affine[row][3],
          );
          for (let a = 0; a < 3; a++) expect(Math.abs(r.centroid[a] - c[a])).toBeLessThan(0.01);
        }
      });
    }
  }
});

describe.skipIf(!SHARED)('real atlases: names agree with where the regions are', () => {
  // A region named left must lie left of the midline (x < 0 in MNI space), and right ones right: this catches
  // mirrored headers and left/right-swapped tables (both occur in the published copies).
  for (const atlas of labelAtlases) {
    it(`${atlas.id}: lateralised names lie on their side`, async () => {
      const { hemisphereFromName } = await import('../../core/atlas/hemisphere');
      const summary = await service().openAtlas({ id: atlas.id });
      const wrong = summary.regions.filter((r) => {
        const h = hemisphereFromName(r.name);
        return (h === 'left' && r.centroid[0] >= 0) || (h === 'right' && r.centroid[0] <= 0);
      });
      expect(wrong.map((r) => `${r.name} at x=${r.centroid[0].toFixed(1)}`)).toEqual([]);
    });
  }
});

describe.skipIf(!SHARED)('real atlases: Yeo networks agree with the Schaefer parcels over them', () => {
  // Each Yeo 17 network value must mostly lie under Schaefer 17-network parcels of the same network.
  it('yeo-17 values carry the network of the Schaefer 400x17 parcels they overlap most', async () => {
    const svc = service();
    const yeo = await svc.openAtlas({ id: 'yeo-17', res: 2 });
    for (const region of yeo.regions) {
      const overlap = await svc.regionOverlap({
        id: 'yeo-17',
        res: 2,
        value: region.value,
        against: ['schaefer-400-17'],
      });
      const top = overlap.atlases[0].shares[0];
      const schaeferNet = (await svc.openAtlas({ id: 'schaefer-400-17' })).regions.find(
        (r) => r.value === top.value,
      )?.network;
      // Votes by network over all shares, not just the top parcel.
      const votes = new Map<string, number>();
      const regions = new Map(
        (await svc.openAtlas({ id: 'schaefer-400-17' })).regions.map((r) => [r.value, r.network]),
      );
      for (const s of overlap.atlases[0].shares)
        votes.set(regions.get(s.value) ?? '', (votes.get(regions.get(s.value) ?? '') ?? 0) + s.percent);
      const winner = [...votes].sort((a, b) => b[1] - a[1])[0][0];
      expect(region.network, `yeo-17 value ${region.value} (top parcel network ${schaeferNet})`).toBe(winner);
    }
  });
});

describe.skipIf(!SHARED)('real atlases: Julich-Brain hemispheres and Gordon communities', () => {
  it('julich-brain: every area once per side, named from Julich.json with its side, values right = left + 1000', async () => {
    const json = JSON.parse(readFileSync(join(SHARED as string, 'julich-brain', 'Julich.json'), 'utf8')) as {
      labels: string[];
    };
    const summary = await service().openAtlas({ id: 'julich-brain' });
    expect(summary.regions.length).toBe(414);
    for (const r of summary.regions) {
      const right = r.value > 1000;
      const area = json.labels[right ? r.value - 1000 : r.value];
      expect(r.name).toBe(`${area} ${right ? 'right' : 'left'}`);
      expect(r.hemisphere).toBe(right ? 'right' : 'left');
      expect(Math.sign(r.centroid[0])).toBe(right ? 1 : -1);
    }
    expect(summary.warnings).toEqual([]);
    // Primary motor and Broca's areas are there on both sides.
    for (const name of ['Area 4a (PreCG)', 'Area 4p (PreCG)', 'Area 44 (IFG)', 'Area hOc1 (V1, 17, CalcS)']) {
      expect(summary.regions.filter((r) => r.name.startsWith(`${name} `)).length, name).toBe(2);
    }
  });

  it('gordon-333: each parcel carries the community of its line in the .1D file, named by the names file', async () => {
    const lines = (file: string) =>
      readFileSync(join(SHARED as string, 'gordon2016', file), 'utf8')
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '');
    const community = lines('gordon333CommunityAffiliation.1D').map(Number);
    const names = lines('gordon333CommunityNames.txt');
    expect(community.length).toBe(333);
    const summary = await service().openAtlas({ id: 'gordon-333' });
    expect(summary.regions.length).toBe(333);
    const display: Record<string, string> = {
      default: 'Default',
      somatomotorHand: 'Somatomotor hand',
      somatomotorMouth: 'Somatomotor mouth',
      visual: 'Visual',
      frontoparietal: 'Fronto-parietal',
      auditory: 'Auditory',
      cinguloparietal: 'Cingulo-parietal',
      retrosplenialTemporal: 'Retrosplenial temporal',
      cinguloopercular: 'Cingulo-opercular',
      ventralAttention: 'Ventral attention',
      salience: 'Salience',
      dorsalAttention: 'Dorsal attention',
      none: 'None',
    };
    for (const r of summary.regions) expect(r.network, r.name).toBe(display[names[community[r.value - 1] - 1]]);
    // Where the parcel's name carries its community (L_SMhand_2), it agrees with the .1D file.
    const code: Record<string, string> = {
      Default: 'Default',
      SMhand: 'Somatomotor hand',
      SMmouth: 'Somatomotor mouth',
      Visual: 'Visual',
      FrontoParietal: 'Fronto-parietal',
      Auditory: 'Auditory',
      CinguloParietal: 'Cingulo-parietal',
      RetrosplenialTemporal: 'Retrosplenial temporal',
      CinguloOperc: 'Cingulo-opercular',
      VentralAttn: 'Ventral attention',
      Salience: 'Salience',
      DorsalAttn: 'Dorsal attention',
      None: 'None',
    };
    const named = summary.regions.filter((r) => /^[LR]_[A-Za-z]+_\d+$/.test(r.name));
    expect(named.length).toBe(333 - 28);
    for (const r of named) expect(r.network, r.name).toBe(code[r.name.split('_')[1]]);
  });
});
