import { describe, expect, it } from 'vitest';
import { atlasesByCount, drawAtlases, placeAtlases } from '../../../../../renderer/src/store/draw-atlases';

describe('placeAtlases', () => {
  it('keeps atlases already drawn in their slot and fills free slots in order', () => {
    expect(placeAtlases(['a', 'b'], ['b', 'x'])).toEqual(['b', 'a']);
    expect(placeAtlases(['a'], ['x', 'a'])).toEqual([null, 'a']);
    expect(placeAtlases(['a', 'b'], [null, null])).toEqual(['a', 'b']);
  });
  it('draws at most two atlases, the first ones asked for', () => {
    expect(placeAtlases(['a', 'b', 'c'], ['c', null])).toEqual(['a', 'b']);
  });
  it('draws a three-atlas brain system whole in four slots, emptying the fourth', () => {
    expect(placeAtlases(['aal3', 'brodmann', 'julich-brain'], ['brodmann', null, 'yeo-7', 'tian-s1'])).toEqual([
      'brodmann',
      'aal3',
      'julich-brain',
      null,
    ]);
  });
  it('empties every slot when nothing is wanted', () => {
    expect(placeAtlases([], ['a', 'b'])).toEqual([null, null]);
  });
});

describe('atlasesByCount', () => {
  it('orders atlases by how many resolved regions they hold', () => {
    const regions = [
      { atlas: 'b', value: 1 },
      { atlas: 'a', value: 1 },
      { atlas: 'a', value: 2 },
      { atlas: 'c', value: null },
    ];
    expect(atlasesByCount(regions)).toEqual(['a', 'b']);
  });
});

describe('drawAtlases', () => {
  it('chooses only the slots that do not draw their atlas yet: one being meshed finer counts as drawn', async () => {
    const chosen: [number, string | null][] = [];
    const slots = {
      // Slot 0 draws aal3 and is meshing it finer; slot 1 draws brodmann, slot 2 is loading yeo-7 for the first time.
      layers: [{ atlasId: 'aal3' }, { atlasId: 'brodmann' }, null, null],
      pending: ['aal3', null, 'yeo-7', null],
      chooseAtlas: async (slot: number, id: string | null) => {
        chosen.push([slot, id]);
      },
    };
    await drawAtlases(() => slots, ['aal3', 'brodmann', 'julich-brain']);
    // yeo-7 is not wanted: julich-brain takes its slot.
    expect(chosen).toEqual([[2, 'julich-brain']]);
  });
});
