/**
 * What recolours the cortical surface view (model/region-state.ts's surfaceColourInputs, compared with sameInputs):
 * changes to what the colours are made of do, hovering, the cursor, the camera and the clip planes do not, though
 * each of those bumps the store's scene version.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../../../renderer/src/api', () => ({ api: {} }));

const { useStore } = await import('../../../../../renderer/src/store');
const { sameInputs, surfaceColourInputs } = await import('../../../../../renderer/src/model/region-state');

const CENTRE: [number, number, number] = [0, -18, 18];

/** Whether `change` bumps the scene version, and whether it changes the surface's colour inputs. */
function effectOf(change: () => void): { version: boolean; recolour: boolean } {
  const before = useStore.getState();
  const inputs = surfaceColourInputs(before, CENTRE);
  change();
  const after = useStore.getState();
  return {
    version: after.sceneVersion !== before.sceneVersion,
    recolour: !sameInputs(surfaceColourInputs(after, CENTRE), inputs),
  };
}

describe('surface colour inputs', () => {
  it('stay the same when only the pointer, cursor, camera or clip planes move', () => {
    const s = () => useStore.getState();
    const region = { key: 'aal3@2mm:1', layer: 0, value: 1 } as never;
    expect(effectOf(() => s().setPointer(region, [1, 2, 3]))).toEqual({ version: true, recolour: false });
    expect(effectOf(() => s().setPointer(null, null))).toEqual({ version: true, recolour: false });
    expect(effectOf(() => s().setCursor([10, 20, 30]))).toEqual({ version: true, recolour: false });
    expect(effectOf(() => s().requestCamera('left-lateral'))).toEqual({ version: true, recolour: false });
    expect(effectOf(() => s().setClip('x', { on: true, at: 5 }))).toEqual({ version: true, recolour: false });
  });

  it('change when a region is hidden, the hemispheres or a layer change', () => {
    const s = () => useStore.getState();
    expect(effectOf(() => s().setHidden('aal3@2mm:1', true))).toEqual({ version: true, recolour: true });
    expect(effectOf(() => s().setLayerOpacity(0, 0.5))).toEqual({ version: true, recolour: true });
    expect(effectOf(() => s().setDisplayOverlays([]))).toEqual({ version: true, recolour: true });
  });
});
