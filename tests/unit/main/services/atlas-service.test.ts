import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toLabelVolume } from '../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { decodeLabelGrid, decodeMeshSet } from '../../../../core/mesh/codec';
import { buildRegionMeshes, meshingGrid } from '../../../../core/mesh/pipeline';
import { DEFAULT_MESH_SETTINGS } from '../../../../core/mesh/types';
import { regionQuality } from '../../../../core/mesh/quality';
import { createAtlasService } from '../../../../main/services/create-service';
import { MESH_FORMAT_VERSION } from '../../../../main/services/mesh-cache';
import { writeNifti } from '../../../helpers/nifti-writer';
import { AFFINE, DIMS, makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

describe('meshes through the atlas service', () => {
  it('meshes an atlas, caches the result on disk by content, and serves the label grid', async () => {
    const s = makeSyntheticAtlas();
    const service = await createAtlasService(s.env);
    const set = decodeMeshSet(await service.getAtlasMeshes({ id: 'synth' }));
    expect(set.regions.map((r) => r.value)).toEqual([1, 2]);
    for (const r of set.regions) expect(regionQuality(set, r, 8).boundaryEdges).toBe(0);
    // The left ball is centred at MNI (-10, 0, 0).
    set.regions[0].center.forEach((c, a) => expect(c).toBeCloseTo([-10, 0, 0][a], 0));
    await service.meshCacheWritten(); // written after the mesh is handed out
    const cached = readdirSync(join(s.cache, 'meshes'));
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatch(new RegExp(`^[0-9a-f]{64}-v${MESH_FORMAT_VERSION}-s\\d+`));
    // A new service (a new session) reads the cached file instead of meshing again.
    const again = await (await createAtlasService(s.env)).getAtlasMeshes({ id: 'synth' });
    expect(new Uint8Array(again)).toEqual(new Uint8Array(await service.getAtlasMeshes({ id: 'synth' })));

    const grid = decodeLabelGrid(await service.getLabelGrid({ id: 'synth' }));
    expect(grid.dims).toEqual([20, 24, 22]);
    expect(Array.from(grid.labels)).toEqual(s.labels);
  });

  it('meshes at fine detail when asked: four times the triangles, cached apart from the standard meshes', async () => {
    const s = makeSyntheticAtlas();
    const service = await createAtlasService(s.env);
    const standard = decodeMeshSet(await service.getAtlasMeshes({ id: 'synth' }));
    const fine = decodeMeshSet(await service.getAtlasMeshes({ id: 'synth', detail: 'fine' }));
    // Four times the triangles of the labels fine detail meshes: with their one-voxel noise (the balls' poles) folded.
    const vol = toLabelVolume(
      decodeNifti(writeNifti({ dims: DIMS, data: s.labels, affine: AFFINE, dtype: 'float32' })),
    );
    const folded = meshingGrid(vol, { ...DEFAULT_MESH_SETTINGS, detail: 'fine' });
    expect(folded?.noiseFolded).toBeGreaterThan(0);
    expect(fine.indices.length).toBe(4 * buildRegionMeshes(folded!.volume).indices.length);
    for (const r of fine.regions) expect(regionQuality(fine, r, 8).boundaryEdges).toBe(0);
    await service.meshCacheWritten();
    const cached = readdirSync(join(s.cache, 'meshes')).sort();
    expect(cached).toHaveLength(2);
    expect(cached.filter((f) => f.endsWith('-fine.bin'))).toHaveLength(1);
    const again = decodeMeshSet(await service.getAtlasMeshes({ id: 'synth', detail: 'standard' }));
    expect(again.indices.length).toBe(standard.indices.length);
  });

  it('meshes again over a damaged cache file instead of handing it out', async () => {
    const s = makeSyntheticAtlas();
    const service = await createAtlasService(s.env);
    const first = await service.getAtlasMeshes({ id: 'synth' });
    await service.meshCacheWritten();
    const dir = join(s.cache, 'meshes');
    const [file] = readdirSync(dir);
    const path = join(dir, file);
    // Cut short inside its arrays (a disk that filled up), then with its normals' length changed.
    const whole = readFileSync(path);
    const normalsLength = Buffer.from('"name":"normals","kind":"i16","length":');
    const at = whole.indexOf(normalsLength) + normalsLength.length;
    const wrongCount = Buffer.from(whole);
    wrongCount[at] = wrongCount[at] === 0x31 ? 0x32 : 0x31; // the count's first digit
    for (const damaged of [whole.subarray(0, whole.length - 100), wrongCount]) {
      writeFileSync(path, damaged);
      const fresh = await createAtlasService(s.env);
      const got = await fresh.getAtlasMeshes({ id: 'synth' });
      expect(new Uint8Array(got)).toEqual(new Uint8Array(first));
      await fresh.meshCacheWritten();
      expect(readFileSync(path).equals(Buffer.from(first))).toBe(true);
    }
  });

  it('refuses to mesh an atlas without a label volume', async () => {
    const s = makeSyntheticAtlas();
    const service = await createAtlasService(s.env);
    await expect(service.getAtlasMeshes({ id: 'synth-points' })).rejects.toThrow(/no label volume to mesh/);
  });
});
