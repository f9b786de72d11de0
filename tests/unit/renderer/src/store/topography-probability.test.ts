/**
 * The Topography slice's "Minimum probability" against a fake engine whose thresholded grids arrive when the test
 * says (meshing runs for real, on the page: Node has no Worker): thresholds asked for in quick succession draw the
 * newest only, whatever order their grids arrive in; the busy flag lasts until the newest is drawn; going back to
 * 0 % drops a threshold still being drawn.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AtlasSummary } from '../../../../../core/api';
import { encodeLabelGrid } from '../../../../../core/mesh/codec';
import type { LabelsLayerData } from '../../../../../renderer/src/model/layer-data';

const fake = vi.hoisted(() => ({
  /** Grid requests waiting for the test to answer them, by threshold. */
  grids: new Map<number, (buf: ArrayBuffer) => void>(),
}));

vi.mock('../../../../../renderer/src/api', () => ({
  api: {
    getProbabilityGrid: (req: { threshold: number }) =>
      new Promise<ArrayBuffer>((resolve) => fake.grids.set(req.threshold, resolve)),
  },
}));

const { useStore } = await import('../../../../../renderer/src/store');
const { layerData } = await import('../../../../../renderer/src/model/layer-data');

const N = 16;
/** A cube of label 1 whose half-width grows as the threshold falls (fewer voxels reach a higher probability). */
function gridAt(threshold: number): ArrayBuffer {
  const labels = new Uint16Array(N ** 3);
  const r = threshold >= 50 ? 2 : 5;
  for (let k = 8 - r; k <= 8 + r; k++)
    for (let j = 8 - r; j <= 8 + r; j++) for (let i = 8 - r; i <= 8 + r; i++) labels[i + N * (j + N * k)] = 1;
  return encodeLabelGrid({ dims: [N, N, N], affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], labels });
}

const BASE = {
  kind: 'labels',
  key: 'wang2015@1mm',
  atlasId: 'wang2015',
  name: 'Wang 2015',
  summary: { regions: [] } as unknown as AtlasSummary,
  regions: [{ key: 'wang2015:1', value: 1, name: 'V1v', color: [200, 40, 40] }],
  indexOfValue: Int32Array.from([-1, 0]),
} as unknown as LabelsLayerData;

const drawnKey = () => useStore.getState().layers[0]?.key;
const voxelsDrawn = () => layerData.get(drawnKey())?.regions[0].voxels;
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));

describe('minimum probability', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    fake.grids.clear();
    layerData.put(BASE);
    useStore.setState({
      topoMap: 'retinotopy',
      topoAtlas: 'wang2015',
      minProbability: 0,
      probabilityBusy: false,
      layers: [
        { atlasId: 'wang2015', name: 'Wang 2015', kind: 'labels', key: BASE.key, variant: '1mm', opacity: 1 },
        null,
        null,
        null,
      ],
    });
  });

  it('draws the newest threshold only, whatever order the grids arrive in', async () => {
    const older = useStore.getState().setMinProbability(20);
    const newer = useStore.getState().setMinProbability(60);
    expect(useStore.getState().probabilityBusy).toBe(true);
    await until(() => fake.grids.size === 2);
    fake.grids.get(60)?.(gridAt(60));
    await newer;
    expect(drawnKey()).toBe('wang2015@1mm#p60');
    expect(voxelsDrawn()).toBe(5 ** 3);
    expect(useStore.getState().probabilityBusy).toBe(false);
    // The older threshold's grid arriving late changes nothing.
    fake.grids.get(20)?.(gridAt(20));
    await older;
    expect(drawnKey()).toBe('wang2015@1mm#p60');
    expect(voxelsDrawn()).toBe(5 ** 3);
  });

  it('keeps busy while the newest is drawn, even when an older one lands first', async () => {
    const older = useStore.getState().setMinProbability(20);
    await until(() => fake.grids.has(20));
    const newer = useStore.getState().setMinProbability(60);
    fake.grids.get(20)?.(gridAt(20));
    await older;
    expect(drawnKey()).toBe(BASE.key);
    expect(useStore.getState().probabilityBusy).toBe(true);
    await until(() => fake.grids.has(60));
    fake.grids.get(60)?.(gridAt(60));
    await newer;
    expect(drawnKey()).toBe('wang2015@1mm#p60');
    expect(useStore.getState().probabilityBusy).toBe(false);
  });

  it('drops a threshold still being drawn when the slider goes back to 0 %', async () => {
    const pending = useStore.getState().setMinProbability(20);
    await until(() => fake.grids.has(20));
    await useStore.getState().setMinProbability(0);
    expect(useStore.getState().probabilityBusy).toBe(false);
    fake.grids.get(20)?.(gridAt(20));
    await pending;
    expect(drawnKey()).toBe(BASE.key);
  });
});
