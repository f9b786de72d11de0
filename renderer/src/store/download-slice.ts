/**
 * Downloading an atlas from the window: which atlas, how far it got (FetchEvents from the engine's event stream),
 * and how it ended. Choosing an atlas that is not on this computer starts here; when the download is done the atlas
 * opens in the slot it was chosen for. A failure keeps its one-sentence message for the Retry alert.
 */
import type { StateCreator } from 'zustand';
import type { FetchEvent } from '../../../core/api/app-api';
import { api } from '../api';
import type { Store } from './index';

export interface DownloadState {
  atlasId: string;
  name: string;
  /** The atlas slot to open it in when done; null: only download (the atlas list's button). */
  slot: number | null;
  /** Voxel size of the variant to fetch; undefined: the finest. */
  res: number | undefined;
  status: 'running' | 'failed' | 'cancelled';
  received: number;
  total: number;
  message: string | null;
}

export interface DownloadSlice {
  download: DownloadState | null;
  startDownload(atlasId: string, slot: number | null): Promise<void>;
  cancelDownload(): Promise<void>;
  retryDownload(): Promise<void>;
  dismissDownload(): void;
  onFetchEvent(e: FetchEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const createDownloadSlice: StateCreator<Store, [], [], DownloadSlice> = (set, get) => {
  const setPending = (slot: number | null, id: string | null) => {
    if (slot !== null) set((s) => ({ pending: s.pending.map((p, i) => (i === slot ? id : p)) }));
  };
  const run = async (d: DownloadState) => {
    set({ download: d, error: null });
    setPending(d.slot, d.atlasId);
    try {
      const listing = await api.fetchAtlas({ id: d.atlasId, res: d.res });
      set((s) => ({ listings: (s.listings ?? []).map((l) => (l.id === d.atlasId ? listing : l)) }));
      if (get().download?.atlasId === d.atlasId) set({ download: null });
      setPending(d.slot, null);
      if (d.slot !== null) await get().chooseAtlas(d.slot, d.atlasId, d.res);
    } catch (e) {
      setPending(d.slot, null);
      if (get().download?.atlasId !== d.atlasId) return;
      const cancelled = e instanceof Error && e.name === 'cancelled';
      set((s) => ({
        download: s.download && {
          ...s.download,
          status: cancelled ? 'cancelled' : 'failed',
          message: cancelled ? null : message(e),
        },
      }));
    }
  };
  return {
    download: null,
    async startDownload(atlasId, slot) {
      if (get().download?.status === 'running') return;
      const listing = get().listings?.find((l) => l.id === atlasId);
      const pref = get().preferredRes;
      const variants = listing?.variants ?? [];
      const res = pref !== null && variants.some((v) => v.resolutionMm === pref) ? pref : undefined;
      const variant = res === undefined ? variants[0] : variants.find((v) => v.resolutionMm === res);
      await run({
        atlasId,
        name: listing?.name ?? atlasId,
        slot,
        // Only the chosen variant is fetched from the chooser; the atlas list's button fetches every variant.
        res: slot === null ? undefined : (res ?? variant?.resolutionMm),
        status: 'running',
        received: 0,
        total: slot === null ? 0 : (variant?.bytes ?? 0),
        message: null,
      });
    },
    async cancelDownload() {
      const d = get().download;
      if (d?.status === 'running') await api.cancelFetch({ id: d.atlasId }).catch(() => {});
    },
    async retryDownload() {
      const d = get().download;
      if (d && d.status !== 'running') await run({ ...d, status: 'running', received: 0, message: null });
    },
    dismissDownload() {
      if (get().download?.status !== 'running') set({ download: null });
    },
    onFetchEvent(e) {
      const d = get().download;
      if (!d || d.atlasId !== e.atlasId || d.status !== 'running' || e.phase !== 'progress') return;
      set({ download: { ...d, received: e.receivedBytes, total: e.totalBytes } });
    },
  };
};
