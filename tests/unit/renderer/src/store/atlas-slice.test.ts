/**
 * Open in the atlas list against a fake engine: on a surface atlas (fsaverage5, no label volume) it turns the
 * cortical surface view on as the Surface control's first view, keeps a view already on, and shows the atlas's
 * facts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AtlasListing, AtlasSummary } from '../../../../../core/api';
import { encodeSurface } from '../../../../../core/surface/surface-codec';

const fake = vi.hoisted(() => ({ surfaceRequests: [] as { hemi: string; kind: string }[] }));

vi.mock('../../../../../renderer/src/api', () => ({
  api: {
    async openAtlas(req: { id: string }): Promise<Partial<AtlasSummary>> {
      return { id: req.id, name: req.id, kind: 'surface', variant: 'fsaverage5', dims: [0, 0, 0], regions: [] };
    },
    async getSurface(req: { hemi: string; kind: string }) {
      fake.surfaceRequests.push(req);
      const n = 3;
      return encodeSurface({
        vertexCount: n,
        positions: new Float32Array(3 * n),
        mid: new Float32Array(3 * n),
        triangles: new Uint32Array([0, 1, 2]),
        sulc: new Float32Array(n),
        license: 'test',
        citation: 'test',
      });
    },
  },
}));

const { useStore } = await import('../../../../../renderer/src/store');
const { SURFACE_VIEWS } = await import('../../../../../renderer/src/store/surface-slice');

const fsaverage5 = {
  id: 'fsaverage5',
  name: 'FreeSurfer fsaverage5 surfaces',
  kind: 'surface',
  status: 'present',
  origin: 'catalog',
  variants: [{ id: 'fsaverage5', resolutionMm: 0, status: 'present' }],
} as unknown as AtlasListing;

describe('opening a surface atlas', () => {
  beforeEach(() => {
    fake.surfaceRequests.length = 0;
    useStore.setState({ listings: [fsaverage5], opened: null, busy: null, surfaceView: 'off', layers: [null, null] });
  });

  it("turns the surface view on as the Surface control's first view, and shows the atlas's facts", async () => {
    await useStore.getState().openAtlas('fsaverage5');
    const s = useStore.getState();
    expect(s.surfaceView).toBe('pial');
    expect(s.surfaceView).toBe(SURFACE_VIEWS.find((v) => v !== 'off'));
    expect(s.opened?.id).toBe('fsaverage5');
    await vi.waitFor(() => expect(useStore.getState().surfaceLoading).toBe(false));
    expect(fake.surfaceRequests.map((r) => `${r.kind} ${r.hemi}`).sort()).toEqual(['pial left', 'pial right']);
  });

  it('keeps a surface view already on', async () => {
    useStore.setState({ surfaceView: 'inflated' });
    await useStore.getState().openAtlas('fsaverage5');
    expect(useStore.getState().surfaceView).toBe('inflated');
    expect(useStore.getState().opened?.id).toBe('fsaverage5');
  });
});
