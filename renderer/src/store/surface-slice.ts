/**
 * The cortical surface view: Off, or fsaverage5 as pial, white or inflated, in place of the volume's region meshes.
 * `syncSurface` fetches what the view needs and has not got (both hemispheres' meshes, the first labels layer on the
 * vertices, each shown map frame on the vertices) into model/surface-data.ts; the 3D view subscribes to
 * `surfaceVersion`. A failure is said in `surfaceError` and leaves what was shown.
 */
import type { StateCreator } from 'zustand';
import type { SurfaceKind } from '../../../core/api/surface-api';
import { decodeSurface, decodeVertexLabels, decodeVertexValues } from '../../../core/surface/surface-codec';
import { api } from '../api';
import { layerData } from '../model/layer-data';
import { SURFACE_SIDES, surfaceData } from '../model/surface-data';
import type { Store } from './index';

export type SurfaceView = 'off' | SurfaceKind;
export const SURFACE_VIEWS: readonly SurfaceView[] = ['off', 'pial', 'white', 'inflated'];
/** The view that turning the surface on shows: the Surface control's first choice after Off. */
export const FIRST_SURFACE_VIEW: SurfaceKind = 'pial';

export interface SurfaceSlice {
  surfaceView: SurfaceView;
  /** Something the surface view needs is on its way. */
  surfaceLoading: boolean;
  surfaceError: string | null;
  /** Bumped when surface data arrives. */
  surfaceVersion: number;
  setSurfaceView(view: SurfaceView): void;
  /**
   * Shows the cortical surface: the Surface control's first view (pial) when it is off, else the view already on.
   * Open on a surface atlas (fsaverage5) calls it: that atlas has no label volume to draw.
   */
  showSurface(): void;
  /** Fetches what the surface view lacks for what the store shows now (nothing when it is off). */
  syncSurface(): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const inflight = new Set<string>();

/** The labels layer whose regions colour the surface: the first labels layer drawn. */
export function surfaceLabelsLayer(s: Pick<Store, 'layers'>): { key: string; atlasId: string; variant: string } | null {
  for (const l of s.layers) {
    const data = layerData.get(l?.key);
    if (data?.kind === 'labels') return { key: data.key, atlasId: data.atlasId, variant: data.summary.variant };
  }
  return null;
}

export const createSurfaceSlice: StateCreator<Store, [], [], SurfaceSlice> = (set, get) => ({
  surfaceView: 'off',
  surfaceLoading: false,
  surfaceError: null,
  surfaceVersion: 0,
  setSurfaceView(surfaceView) {
    if (surfaceView === get().surfaceView) return;
    set((s) => ({ surfaceView, surfaceError: null, sceneVersion: s.sceneVersion + 1 }));
    void get().syncSurface();
  },
  showSurface() {
    if (get().surfaceView === 'off') get().setSurfaceView(FIRST_SURFACE_VIEW);
  },
  async syncSurface() {
    const s = get();
    const kind = s.surfaceView;
    if (kind === 'off') return;
    const jobs: { key: string; run: () => Promise<void> }[] = [];
    const layer = surfaceLabelsLayer(s);
    for (const hemi of SURFACE_SIDES) {
      if (!surfaceData.hasMesh(kind, hemi)) {
        jobs.push({
          key: `mesh:${kind}|${hemi}`,
          run: async () => surfaceData.putMesh(kind, hemi, decodeSurface(await api.getSurface({ hemi, kind }))),
        });
      }
      if (layer && !surfaceData.hasLabels(layer.key, hemi)) {
        jobs.push({
          key: `labels:${layer.key}|${hemi}`,
          run: async () => {
            const buf = await api.getSurfaceLabels({ id: layer.atlasId, variant: layer.variant, hemi });
            surfaceData.putLabels(layer.key, hemi, decodeVertexLabels(buf));
          },
        });
      }
      for (const o of s.overlays) {
        if (!o.dataKey || surfaceData.hasMapValues(o.dataKey, hemi)) continue;
        const dataKey = o.dataKey;
        jobs.push({
          key: `map:${dataKey}|${hemi}`,
          run: async () => {
            const buf = await api.getSurfaceMap({ mapId: o.mapId, hemi });
            surfaceData.putMapValues(dataKey, hemi, decodeVertexValues(buf));
          },
        });
      }
    }
    surfaceData.pruneMaps(s.overlays.flatMap((o) => (o.dataKey ? [o.dataKey] : [])));
    const todo = jobs.filter((j) => !inflight.has(j.key));
    if (todo.length === 0) return;
    for (const j of todo) inflight.add(j.key);
    set({ surfaceLoading: true });
    const failures: string[] = [];
    await Promise.all(
      todo.map((j) =>
        j.run().then(
          () => inflight.delete(j.key),
          (e) => {
            inflight.delete(j.key);
            failures.push(message(e));
          },
        ),
      ),
    );
    set((st) => ({
      surfaceLoading: inflight.size > 0,
      surfaceError: failures[0] ?? null,
      surfaceVersion: st.surfaceVersion + 1,
      sceneVersion: st.sceneVersion + 1,
    }));
  },
});
