import { useCallback, useEffect, useState } from 'react';
import type { ClusterSign } from '../../../core/maps/clusters';
import { COLORMAPS, type ColormapName } from '../../../core/maps/colormaps';
import { onMapsChanged } from '../api';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';
import { mapWarningText, spaceWarningText } from '../i18n/engine-text';
import { useStore } from '../store';
import type { Overlay3dMode } from '../../../core/scene/session';
import type { OverlayState } from '../store/overlay-slice';
import { FileButton } from './FileButton';
import { NumberField } from './NumberField';
import { Select } from './Select';
import { Colorbar } from './Colorbar';
import { isSceneFile, openSceneFromFiles } from '../figure/SceneButtons';

const COLORMAP_KEY: Record<ColormapName, MessageKey> = {
  'red-yellow': 'cmapRedYellow',
  hot: 'cmapHot',
  RdBu_r: 'cmapRdBu',
  viridis: 'cmapViridis',
  inferno: 'cmapInferno',
  gray: 'cmapGray',
};
const MODE_KEY: Record<Overlay3dMode, MessageKey> = {
  both: 'overlay3dBoth',
  surface: 'overlay3dSurface',
  blobs: 'overlay3dBlobs',
  off: 'overlay3dOff',
};

/** NIfTI files by name: .nii and .nii.gz (the engine reads the bytes and says what is wrong with anything else). */
const ACCEPT = '.nii,.nii.gz,.gz,application/gzip';

/**
 * The layers panel of statistical-map overlays: open a map (file input or drop a file anywhere on the window),
 * the open maps top first with visibility, order and removal, and the settings of the active one (frame, colours,
 * maximum, opacity, outline, a separate negative threshold) with its colour bar and any space warning.
 */
export function OverlayPanel() {
  const t = useT();
  const overlays = useStore((s) => s.overlays);
  const opening = useStore((s) => s.openingMap);
  const openMapFile = useStore((s) => s.openMapFile);
  const syncOpenMaps = useStore((s) => s.syncOpenMaps);
  const mode = useStore((s) => s.overlay3d);
  const setMode = useStore((s) => s.setOverlay3d);
  const onDrop = useCallback(
    (files: File[]) => {
      // A scene file dropped (with or without its maps) opens as a scene; other files open as maps.
      if (files.some(isSceneFile)) void openSceneFromFiles(files, t);
      else for (const f of files) void openMapFile(f);
    },
    [openMapFile, t],
  );
  const dragging = useFileDrop(onDrop);

  useEffect(() => {
    // Maps the main process opened (npm start -- FILE, File > Open map…) are listed there: pick them up now and
    // whenever it says the list changed.
    void syncOpenMaps();
    return onMapsChanged(() => void syncOpenMaps());
  }, [syncOpenMaps]);

  return (
    <section className="overlay-panel" aria-labelledby="overlays-title">
      <h2 id="overlays-title">{t('overlays')}</h2>
      <FileButton label={t('openMap')} accept={ACCEPT} onFiles={([file]) => void openMapFile(file)} />
      <p className="muted">{dragging ? t('dropNow') : t('dropHint')}</p>
      {opening && (
        <p className="muted" role="status">
          {t('openingMap', { name: opening })}
        </p>
      )}
      {overlays.length > 0 && (
        <>
          <ul className="overlay-list" aria-label={t('overlayLayers')}>
            {[...overlays].reverse().map((o, i) => (
              <OverlayRow key={o.mapId} overlay={o} first={i === 0} last={i === overlays.length - 1} />
            ))}
          </ul>
          <div className="field">
            <label htmlFor="overlay-3d">{t('overlay3d')}</label>
            <Select id="overlay-3d" value={mode} onChange={(e) => setMode(e.target.value as Overlay3dMode)}>
              {(Object.keys(MODE_KEY) as Overlay3dMode[]).map((m) => (
                <option key={m} value={m}>
                  {t(MODE_KEY[m])}
                </option>
              ))}
            </Select>
          </div>
          <ActiveSettings />
        </>
      )}
    </section>
  );
}

function OverlayRow({ overlay, first, last }: { overlay: OverlayState; first: boolean; last: boolean }) {
  const t = useT();
  const active = useStore((s) => s.activeOverlay === overlay.mapId);
  const setActive = useStore((s) => s.setActiveOverlay);
  const set = useStore((s) => s.setOverlaySettings);
  const move = useStore((s) => s.moveOverlay);
  const close = useStore((s) => s.closeOverlay);
  const lang = useStore((s) => s.lang);
  const name = overlay.info.name;
  return (
    <li className={`overlay-row${active ? ' active' : ''}`} data-map={overlay.mapId}>
      <input
        type="checkbox"
        aria-label={t('showOverlay', { name })}
        checked={overlay.settings.visible}
        onChange={(e) => set(overlay.mapId, { visible: e.target.checked })}
      />
      <button
        type="button"
        className="link-button overlay-name"
        aria-pressed={active}
        onClick={() => setActive(overlay.mapId)}
        title={t('chooseOverlay')}
      >
        {name}
        {overlay.loading && ' …'}
      </button>
      <button type="button" aria-label={t('moveUp', { name })} disabled={first} onClick={() => move(overlay.mapId, 1)}>
        ↑
      </button>
      <button
        type="button"
        aria-label={t('moveDown', { name })}
        disabled={last}
        onClick={() => move(overlay.mapId, -1)}
      >
        ↓
      </button>
      <button type="button" aria-label={t('removeOverlay', { name })} onClick={() => void close(overlay.mapId)}>
        ✕
      </button>
      {overlay.info.spaceWarning && (
        <p className="space-warning" role="note" data-field="space-warning">
          ⚠ {t('notStandardSpace')}: {spaceWarningText(overlay.info.spaceWarning, lang)}
        </p>
      )}
    </li>
  );
}

function ActiveSettings() {
  const t = useT();
  const overlay = useStore((s) => s.overlays.find((o) => o.mapId === s.activeOverlay) ?? null);
  const display = useStore((s) => {
    const o = s.overlays.find((x) => x.mapId === s.activeOverlay);
    return o ? (s.displayOverlays.find((d) => d.dataKey === o.dataKey) ?? null) : null;
  });
  const set = useStore((s) => s.setOverlaySettings);
  const setFrame = useStore((s) => s.setOverlayFrame);
  const lang = useStore((s) => s.lang);
  if (!overlay) return null;
  const { info, settings: s, mapId } = overlay;
  return (
    <fieldset className="overlay-settings">
      <legend>{t('settingsOf', { name: info.name })}</legend>
      <p className="muted" data-field="map-facts">
        {t('mapFacts', {
          dims: info.dims.join('×'),
          voxel: info.voxelSizeMm.map((v) => Number(v.toFixed(2))).join('×'),
          orientation: info.orientation,
          datatype: info.datatype,
          min: Number(info.range.min.toPrecision(4)),
          max: Number(info.range.max.toPrecision(4)),
        })}
      </p>
      {info.warnings.map((w) => (
        <p key={w} className="muted">
          {mapWarningText(w, lang)}
        </p>
      ))}
      {info.frames > 1 && (
        <div className="field">
          <label htmlFor="overlay-frame">{t('mapVolume')}</label>
          <Select id="overlay-frame" value={info.frame} onChange={(e) => void setFrame(mapId, Number(e.target.value))}>
            {Array.from({ length: info.frames }, (_, i) => (
              <option key={i} value={i}>
                {t('volumeN', { n: i + 1, total: info.frames })}
              </option>
            ))}
          </Select>
        </div>
      )}
      <div className="field">
        <label htmlFor="overlay-cmap">{t('colourMap')}</label>
        <Select
          id="overlay-cmap"
          value={s.colormap}
          onChange={(e) => set(mapId, { colormap: e.target.value as ColormapName })}
        >
          {COLORMAPS.map((c) => (
            <option key={c} value={c}>
              {t(COLORMAP_KEY[c])}
            </option>
          ))}
        </Select>
      </div>
      <div className="field">
        <label htmlFor="overlay-show">{t('showValues')}</label>
        <Select id="overlay-show" value={s.show} onChange={(e) => set(mapId, { show: e.target.value as ClusterSign })}>
          <option value="positive">{t('showPositive')}</option>
          <option value="negative">{t('showNegative')}</option>
          <option value="both">{t('showBoth')}</option>
        </Select>
      </div>
      <div className="field">
        <label htmlFor="overlay-max">{t('maximum')}</label>
        <NumberField label={t('maximum')} value={s.max} min={0} onValue={(v) => set(mapId, { max: v })} />
      </div>
      <label className="check">
        <input type="checkbox" checked={s.linked} onChange={(e) => set(mapId, { linked: e.target.checked })} />
        {t('linkThresholds')}
      </label>
      {!s.linked && (
        <div className="field">
          <label htmlFor="overlay-neg">{t('negThreshold')}</label>
          <NumberField
            label={t('negThreshold')}
            value={s.negThreshold}
            min={0}
            onValue={(v) => set(mapId, { negThreshold: v })}
          />
        </div>
      )}
      <label className="slider">
        {t('overlayOpacity')}
        <input
          type="range"
          aria-label={t('overlayOpacity')}
          min={0}
          max={1}
          step={0.05}
          value={s.opacity}
          onChange={(e) => set(mapId, { opacity: Number(e.target.value) })}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={s.outline} onChange={(e) => set(mapId, { outline: e.target.checked })} />
        {t('outlineClusters')}
      </label>
      {display && <Colorbar overlay={display} name={info.name} />}
    </fieldset>
  );
}

/** Files dropped anywhere on the window go to `onFiles`; returns whether a file is being dragged over it. */
function useFileDrop(onFiles: (files: File[]) => unknown): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      onFiles(Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles]);
  return dragging;
}
