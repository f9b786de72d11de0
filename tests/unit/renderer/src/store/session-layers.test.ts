/**
 * Putting a saved session or scene back (session-sync's applySession) with the four atlas slots, against a fake
 * engine (the API and the layer loader mocked): a three-atlas session (a brain system's atlases) comes back in
 * three slots and is saved the same way, and a two-slot session from before opens over it with its two atlases
 * only (the third slot emptied).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AtlasListing } from '../../../../../core/api';
import { sceneFromSession, sessionOfScene } from '../../../../../core/scene/scene-session';
import { EMPTY_SESSION } from '../../../../helpers/sessions';

/** The mesh detail of each layer load, in order; and of each layer meshed again at another detail. */
const loads: [string, string][] = [];
const remeshes: [string, string][] = [];
/** While set, meshing again waits for it. */
let remeshGate: Promise<void> | null = null;

vi.mock('../../../../../renderer/src/model/load', () => ({
  loadLayer: async (atlasId: string, _kind: string, _res: number, detail: string) => {
    loads.push([atlasId, detail]);
    return { kind: 'labels', key: `${atlasId}@2mm+${detail}`, atlasId, name: atlasId, summary: { variant: '2mm' } };
  },
  withMeshDetail: async (data: { atlasId: string }, detail: string) => {
    remeshes.push([data.atlasId, detail]);
    await remeshGate;
    return { ...data, key: `${data.atlasId}@2mm+${detail}` };
  },
  loadTemplate: async () => {
    throw new Error('no template here');
  },
}));

vi.mock('../../../../../renderer/src/api', () => ({ api: {} }));

function listing(id: string): AtlasListing {
  return {
    id,
    name: id.toUpperCase(),
    kind: 'labels',
    status: 'present',
    origin: 'catalog',
    variants: [{ id: '2mm', resolutionMm: 2, bytes: 1000, status: 'present' }],
  } as unknown as AtlasListing;
}

const { useStore } = await import('../../../../../renderer/src/store');
const { applySession, snapshot } = await import('../../../../../renderer/src/store/session-sync');
const { MAX_LAYERS } = await import('../../../../../renderer/src/store/scene-slice');
const drawnIds = () => useStore.getState().layers.map((l) => l?.atlasId ?? null);
const layer = (atlasId: string, opacity = 1) => ({ atlasId, variant: '2mm', opacity });

describe('sessions and scenes over four atlas slots', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    useStore.setState({ listings: ['aal3', 'brodmann', 'julich-brain', 'yeo-7'].map(listing) });
  });

  it('starts with four empty slots', () => {
    expect(MAX_LAYERS).toBe(4);
    expect(useStore.getState().layers).toEqual([null, null, null, null]);
  });

  it('puts a three-atlas session back in three slots, and saves it the same way', async () => {
    const session = {
      ...EMPTY_SESSION,
      layers: [layer('aal3'), layer('brodmann', 0.5), layer('julich-brain', 0.8)],
    };
    await applySession(session);
    expect(drawnIds()).toEqual(['aal3', 'brodmann', 'julich-brain', null]);
    expect(useStore.getState().layers[1]?.opacity).toBe(0.5);
    const saved = snapshot(useStore.getState());
    expect(saved.layers).toEqual([...session.layers, null]);
    expect(sceneFromSession(saved).atlases.map((a) => [a.slot, a.id, a.opacity])).toEqual([
      [0, 'aal3', 1],
      [1, 'brodmann', 0.5],
      [2, 'julich-brain', 0.8],
    ]);
  });

  it('opens a two-slot session (or scene) over three atlases with its two atlases only', async () => {
    await applySession({ ...EMPTY_SESSION, layers: [layer('aal3'), layer('brodmann'), layer('julich-brain')] });
    const scene = sceneFromSession({ ...EMPTY_SESSION, layers: [layer('yeo-7'), null] });
    await applySession(sessionOfScene(scene));
    expect(drawnIds()).toEqual(['yeo-7', null, null, null]);
  });

  it('draws an atlas chosen at fine detail at standard first, pending until its fine meshes replace those', async () => {
    await applySession({ ...EMPTY_SESSION, meshDetail: 'fine', layers: [null, null] });
    loads.length = 0;
    remeshes.length = 0;
    let open = () => {};
    remeshGate = new Promise((resolve) => {
      open = resolve;
    });
    const choosing = useStore.getState().chooseAtlas(0, 'aal3');
    await choosing;
    // Drawn at standard detail, still pending: what waits for a finished scene (figures) waits on.
    expect(useStore.getState().layers[0]?.key).toBe('aal3@2mm+standard');
    expect(useStore.getState().pending[0]).toBe('aal3');
    expect(loads).toEqual([['aal3', 'standard']]);
    await vi.waitFor(() => expect(remeshes).toEqual([['aal3', 'fine']]));
    open();
    remeshGate = null;
    await vi.waitFor(() => expect(useStore.getState().layers[0]?.key).toBe('aal3@2mm+fine'));
    expect(useStore.getState().pending[0]).toBeNull();
    expect(snapshot(useStore.getState()).meshDetail).toBe('fine');
  });

  it('meshes at fine detail straight away where only the finished scene is shown (the render page)', async () => {
    await applySession({ ...EMPTY_SESSION, meshDetail: 'fine', layers: [null, null] });
    loads.length = 0;
    remeshes.length = 0;
    useStore.setState({ standardFirst: false });
    try {
      await useStore.getState().chooseAtlas(0, 'brodmann');
      expect(loads).toEqual([['brodmann', 'fine']]);
      expect(remeshes).toEqual([]);
      expect(useStore.getState().layers[0]?.key).toBe('brodmann@2mm+fine');
      expect(useStore.getState().pending[0]).toBeNull();
    } finally {
      useStore.setState({ standardFirst: true });
    }
  });

  it('a choice made while an atlas is being meshed finer wins over its fine meshes', async () => {
    await applySession({ ...EMPTY_SESSION, meshDetail: 'fine', layers: [null, null] });
    let open = () => {};
    remeshGate = new Promise((resolve) => {
      open = resolve;
    });
    await useStore.getState().chooseAtlas(0, 'aal3');
    expect(useStore.getState().pending[0]).toBe('aal3');
    remeshGate = null;
    await useStore.getState().chooseAtlas(0, 'brodmann');
    await vi.waitFor(() => expect(useStore.getState().layers[0]?.key).toBe('brodmann@2mm+fine'));
    open();
    await new Promise((r) => setTimeout(r, 10));
    expect(useStore.getState().layers[0]?.key).toBe('brodmann@2mm+fine');
    expect(useStore.getState().pending[0]).toBeNull();
  });

  it('loads a session’s layers, meshes them at its detail, and meshes every layer again when it changes', async () => {
    loads.length = 0;
    remeshes.length = 0;
    await applySession({ ...EMPTY_SESSION, meshDetail: 'fine', layers: [layer('aal3'), layer('brodmann')] });
    await vi.waitFor(() => expect(useStore.getState().pending).toEqual([null, null, null, null]));
    // Standard first, then each layer's meshes at fine detail (only the meshes: facts and grids are kept).
    expect(loads).toEqual([
      ['aal3', 'standard'],
      ['brodmann', 'standard'],
    ]);
    expect(remeshes.sort()).toEqual([
      ['aal3', 'fine'],
      ['brodmann', 'fine'],
    ]);
    expect(snapshot(useStore.getState()).meshDetail).toBe('fine');
    loads.length = 0;
    remeshes.length = 0;
    useStore.getState().setMeshDetail('standard');
    await vi.waitFor(() => expect(useStore.getState().layers[1]?.key).toBe('brodmann@2mm+standard'));
    expect(remeshes.sort()).toEqual([
      ['aal3', 'standard'],
      ['brodmann', 'standard'],
    ]);
    expect(loads).toEqual([]);
    expect(useStore.getState().layers.map((l) => l?.key ?? null)).toEqual([
      'aal3@2mm+standard',
      'brodmann@2mm+standard',
      null,
      null,
    ]);
    expect(useStore.getState().pending).toEqual([null, null, null, null]);
    expect(snapshot(useStore.getState()).meshDetail).toBe('standard');
  });

  it('a slot still loading another atlas when the detail changes ends with that atlas, at the new detail', async () => {
    await applySession({ ...EMPTY_SESSION, meshDetail: 'standard', layers: [layer('aal3'), null] });
    loads.length = 0;
    remeshes.length = 0;
    const choosing = useStore.getState().chooseAtlas(0, 'yeo-7');
    expect(useStore.getState().pending[0]).toBe('yeo-7');
    useStore.getState().setMeshDetail('fine');
    await choosing;
    await vi.waitFor(() => expect(useStore.getState().layers[0]?.key).toBe('yeo-7@2mm+fine'));
    expect(loads).toContainEqual(['yeo-7', 'standard']);
    expect(remeshes).toEqual([['yeo-7', 'fine']]);
    expect(useStore.getState().pending[0]).toBeNull();
  });
});
