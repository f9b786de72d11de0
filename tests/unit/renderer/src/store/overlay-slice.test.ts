/**
 * The overlay store slice against a fake engine (the API module mocked): opening maps (the newest on top and
 * active, its display grid fetched and drawn), a refused file (one error, nothing else changes), order and
 * visibility reaching displayOverlays, a newer frame's grid winning over a late older one, closing.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapInfo } from '../../../../../core/api/map-api';
import { encodeMapDisplay } from '../../../../../core/maps/map-display';
import { mapInfo } from '../../../../helpers/map-info';

const fake = vi.hoisted(() => ({
  infos: new Map<string, MapInfo>(),
  /** Delays per getMapDisplay call (ms), in call order; 0 when absent. */
  delays: [] as number[],
  closed: [] as string[],
}));

function info(mapId: string, frame = 0, frames = 1): MapInfo {
  return mapInfo({ mapId, frames, frame });
}

vi.mock('../../../../../renderer/src/api', () => ({
  api: {
    async listAtlases() {
      return [];
    },
    async listMaps() {
      return [...fake.infos.values()];
    },
    async openMap(req: { name: string; bytes: ArrayBuffer }) {
      if (new Uint8Array(req.bytes)[0] !== 0x5c)
        throw new Error(`${req.name}: not a NIfTI file (no NIfTI-1 or NIfTI-2 header)`);
      const i = info(req.name.replace(/\.nii\.gz$/, ''), 0, 2);
      fake.infos.set(i.mapId, i);
      return i;
    },
    async setMapFrame(req: { mapId: string; frame: number }) {
      const i = { ...fake.infos.get(req.mapId)!, frame: req.frame };
      fake.infos.set(req.mapId, i);
      return i;
    },
    async closeMap(req: { mapId: string }) {
      fake.closed.push(req.mapId);
      fake.infos.delete(req.mapId);
    },
    async getMapDisplay(req: { mapId: string }) {
      const frame = fake.infos.get(req.mapId)!.frame;
      const delay = fake.delays.shift() ?? 0;
      await new Promise((r) => setTimeout(r, delay));
      return encodeMapDisplay({
        mapId: req.mapId,
        frame,
        dims: [1, 1, 2],
        affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
        values: new Float32Array([frame, -frame]),
      });
    },
  },
}));

const { useStore } = await import('../../../../../renderer/src/store');
const nifti = (name: string) => ({ name, arrayBuffer: async () => new Uint8Array([0x5c, 1, 0, 0]).buffer });
const garbage = (name: string) => ({
  name,
  arrayBuffer: async () => new TextEncoder().encode('hello').buffer as ArrayBuffer,
});
const settle = () => vi.waitFor(() => expect(useStore.getState().overlays.every((o) => !o.loading)).toBe(true));

describe('overlay slice', () => {
  beforeEach(() => {
    fake.delays = [];
  });

  it('opens maps: the newest is on top and active, and is drawn once its grid arrives', async () => {
    const s = useStore.getState();
    await s.openMapFile(nifti('a.nii.gz'));
    await s.openMapFile(nifti('b.nii.gz'));
    await settle();
    const st = useStore.getState();
    expect(st.overlays.map((o) => o.mapId)).toEqual(['a', 'b']);
    expect(st.activeOverlay).toBe('b');
    expect(st.displayOverlays.map((d) => d.dataKey)).toEqual(['a#0', 'b#0']);
    expect(st.overlays[0].settings.posThreshold).toBe(2);
    expect(st.error).toBeNull();
  });

  it('refuses a file that is not a map with one error and changes nothing else', async () => {
    const before = useStore.getState().overlays;
    const version = useStore.getState().displayOverlays;
    await useStore.getState().openMapFile(garbage('notes.nii.gz'));
    const st = useStore.getState();
    expect(st.error).toBe('notes.nii.gz: not a NIfTI file (no NIfTI-1 or NIfTI-2 header)');
    expect(st.overlays).toBe(before);
    expect(st.displayOverlays).toBe(version);
    expect(st.openingMap).toBeNull();
    useStore.getState().dismissError();
  });

  it('follows order, visibility and settings in displayOverlays', () => {
    const s = useStore.getState();
    s.moveOverlay('b', -1);
    expect(useStore.getState().displayOverlays.map((d) => d.dataKey)).toEqual(['b#0', 'a#0']);
    s.moveOverlay('b', -1); // already at the bottom
    expect(useStore.getState().overlays.map((o) => o.mapId)).toEqual(['b', 'a']);
    const a = useStore.getState().displayOverlays[1];
    s.setOverlaySettings('b', { visible: false });
    expect(useStore.getState().displayOverlays).toEqual([a]);
    expect(useStore.getState().displayOverlays[0]).toBe(a); // unchanged overlays keep their object
    s.setOverlaySettings('a', { posThreshold: 3.5, colormap: 'hot' });
    const d = useStore.getState().displayOverlays[0];
    expect(d).not.toBe(a);
    expect([d.posThreshold, d.negThreshold]).toEqual([3.5, 3.5]);
    s.setOverlaySettings('b', { visible: true });
  });

  it('keeps the grid of the newest frame when an older request answers late', async () => {
    fake.delays = [150, 0]; // frame 2's grid is slow; frame 1's, asked after it, comes at once
    const s = useStore.getState();
    const slow = s.setOverlayFrame('a', 1);
    await vi.waitFor(() => expect(useStore.getState().overlays.find((o) => o.mapId === 'a')!.info.frame).toBe(1));
    await s.setOverlayFrame('a', 0);
    await slow;
    await settle();
    const a = useStore.getState().overlays.find((o) => o.mapId === 'a')!;
    expect(a.info.frame).toBe(0);
    expect(a.dataKey).toBe('a#0');
    expect(useStore.getState().displayOverlays.map((d) => d.dataKey)).toEqual(['b#0', 'a#0']);
    // Now frame 2 for real.
    await s.setOverlayFrame('a', 1);
    await settle();
    expect(Array.from(useStore.getState().displayOverlays.find((d) => d.dataKey === 'a#1')!.values)).toEqual([1, -1]);
  });

  it('closes a map: gone from the list, the engine and the drawing; the report moves to the top one', async () => {
    useStore.getState().setActiveOverlay('b');
    await useStore.getState().closeOverlay('b');
    const st = useStore.getState();
    expect(st.overlays.map((o) => o.mapId)).toEqual(['a']);
    expect(st.activeOverlay).toBe('a');
    expect(fake.closed).toEqual(['b']);
    expect(st.displayOverlays.map((d) => d.dataKey)).toEqual(['a#1']);
    // Maps the main process opened are picked up once, without duplicates.
    fake.infos.set('cli', info('cli'));
    await st.syncOpenMaps();
    await st.syncOpenMaps();
    await settle();
    expect(useStore.getState().overlays.map((o) => o.mapId)).toEqual(['a', 'cli']);
    // One closed by the main process goes from the list and the drawing.
    fake.infos.delete('a');
    await useStore.getState().syncOpenMaps();
    expect(useStore.getState().overlays.map((o) => o.mapId)).toEqual(['cli']);
    expect(useStore.getState().displayOverlays.map((d) => d.dataKey)).toEqual(['cli#0']);
    expect(useStore.getState().activeOverlay).toBe('cli');
  });
});
