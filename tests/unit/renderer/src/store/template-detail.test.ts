/**
 * The glass brain is smoothed as the atlases are: the template's surface is fetched at the scene's mesh detail
 * (the real loader, against a fake engine that meshes a voxel ball for real), and meshed again when the detail
 * changes (its label grid kept); an answer for a detail since left behind does not replace the newer one.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AtlasListing, MeshRequest } from '../../../../../core/api';
import { toLabelVolume } from '../../../../../core/atlas/label-volume';
import { decodeNifti } from '../../../../../core/io/nifti/decode';
import { encodeLabelGrid, encodeMeshSet } from '../../../../../core/mesh/codec';
import { buildRegionMeshes } from '../../../../../core/mesh/pipeline';
import { DEFAULT_MESH_SETTINGS } from '../../../../../core/mesh/types';
import { ball, writeNifti } from '../../../../helpers/nifti-writer';

const DIMS: [number, number, number] = [24, 24, 24];
const brain = toLabelVolume(
  decodeNifti(
    writeNifti({ dims: DIMS, data: ball(DIMS, [12, 12, 12], 8, 1), affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] }),
  ),
);
const meshesAt = (detail: 'standard' | 'fine') => buildRegionMeshes(brain, { ...DEFAULT_MESH_SETTINGS, detail });

const fake = vi.hoisted(() => ({
  /** The template mesh requests, in order: their detail. */
  asked: [] as string[],
  /** While set, a fine request waits for it. */
  fineGate: null as Promise<void> | null,
  /** Label grid requests. */
  grids: 0,
}));

vi.mock('../../../../../renderer/src/api', () => ({
  api: {
    async getAtlasMeshes(req: MeshRequest) {
      fake.asked.push(req.detail ?? 'standard');
      if (req.detail === 'fine') await fake.fineGate;
      return encodeMeshSet(meshesAt(req.detail ?? 'standard'));
    },
    async getLabelGrid() {
      fake.grids++;
      return encodeLabelGrid({ dims: brain.dims, affine: [...brain.affine], labels: brain.labels });
    },
  },
}));

const { useStore } = await import('../../../../../renderer/src/store');
const { TEMPLATE_ID } = await import('../../../../../renderer/src/store/scene-slice');
const { templateData } = await import('../../../../../renderer/src/model/layer-data');

const mni152 = {
  id: TEMPLATE_ID,
  name: 'MNI152',
  kind: 'template',
  status: 'present',
  origin: 'catalog',
  variants: [{ id: '1mm', resolutionMm: 1, bytes: 1000, status: 'present' }],
} as unknown as AtlasListing;

const shown = () => templateData.get(useStore.getState().template.key);
const trianglesShown = () => (shown()?.meshes.indices.length ?? 0) / 3;
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));

describe('the glass brain at the mesh detail', () => {
  beforeEach(() => {
    fake.asked.length = 0;
    fake.fineGate = null;
    fake.grids = 0;
    useStore.setState({ listings: [mni152], preferredRes: null, meshDetail: 'fine' });
  });

  it('is meshed at the scene detail, and again when the detail changes', async () => {
    const fine = meshesAt('fine').indices.length / 3;
    const standard = meshesAt('standard').indices.length / 3;
    // Four times the triangles, less where fine detail folds the ball's one-voxel poles (label-noise.ts): told apart.
    expect(fine).toBeGreaterThan(3.5 * standard);
    expect(fine).toBeLessThanOrEqual(4 * standard);

    await useStore.getState().loadTemplate();
    expect(fake.asked).toEqual(['fine']);
    expect(useStore.getState().template.status).toBe('ready');
    expect(trianglesShown()).toBe(fine);

    useStore.getState().setMeshDetail('standard');
    await until(() => useStore.getState().template.status === 'ready' && trianglesShown() === standard);
    expect(fake.asked).toEqual(['fine', 'standard']);
    // Only the meshes: the label grid for picking stays.
    expect(fake.grids).toBe(1);
    expect(shown()?.grid).toBeDefined();
    // Asked again at the detail it has: nothing fetched.
    await useStore.getState().loadTemplate();
    expect(fake.asked).toEqual(['fine', 'standard']);
  });

  it('keeps the newer detail when an older answer comes last', async () => {
    useStore.setState({ meshDetail: 'standard' });
    await useStore.getState().loadTemplate();
    let open = () => {};
    fake.fineGate = new Promise((resolve) => (open = resolve));
    useStore.getState().setMeshDetail('fine');
    await until(() => fake.asked.at(-1) === 'fine');
    useStore.getState().setMeshDetail('standard');
    await until(() => useStore.getState().template.status === 'ready');
    open();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(useStore.getState().meshDetail).toBe('standard');
    expect(trianglesShown()).toBe(meshesAt('standard').indices.length / 3);
  });
});
