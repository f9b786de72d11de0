import { useEffect, useState } from 'react';
import type { PointQueryResult, Vec3 } from '../../../core/api';
import { parseCoordinateText } from '../../../core/io/coordinate-text';
import { api } from '../api';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { quizHidesNames } from '../store/quiz-slice';
import { VoxelIndices } from '../slice-views/VoxelIndices';
import { lookupAtlases } from './browser-atlases';
import { fmtXyz } from './cluster-text';
import { useAtlasName, useRegionName } from '../i18n/names';
import { findRegion, regionKey } from '../model/layer-data';
import { formatMapValue, mapValuesAtPoint } from '../model/point-map-values';

/**
 * The MNI point "What's here" describes: the point under the pointer while it is over a view, else the cursor; typed
 * coordinates in any common form move the cursor (Enter). While the box shows the pointer's point rather than the
 * cursor it says so; when the pointer leaves the views it shows the cursor again.
 */
export function CoordinateBox() {
  const t = useT();
  const cursor = useStore((s) => s.cursor);
  const pointer = useStore((s) => s.pointerMni);
  const setCursor = useStore((s) => s.setCursor);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The same point as the list below (WhatsHere): the box and the names never disagree.
  const shownPoint = pointer ?? cursor;
  const value = editing ?? (shownPoint ? fmtXyz(shownPoint) : '');
  const fromPointer = editing === null && pointer !== null && (!cursor || fmtXyz(pointer) !== fmtXyz(cursor));
  const commit = () => {
    if (value.trim() === '') {
      // An empty box lets the cursor follow the pointer again.
      setError(null);
      setEditing(null);
      setCursor(null);
      return;
    }
    const parsed = parseCoordinateText(value);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setEditing(null);
    setCursor(parsed.point);
  };
  return (
    <div className="coordinate-box">
      <label>
        {t('mniCoordinate')}{' '}
        <input
          type="text"
          aria-label={t('mniCoordinate')}
          placeholder="-44, 14, 8"
          title={t('coordinateHint')}
          value={value}
          data-source={fromPointer ? 'pointer' : 'cursor'}
          style={fromPointer ? { fontStyle: 'italic' } : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'coordinate-error' : undefined}
          onChange={(e) => {
            setEditing(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') {
              setEditing(null);
              setError(null);
            }
          }}
          onBlur={() => {
            if (!error) setEditing(null);
          }}
        />
      </label>
      {fromPointer && (
        <>
          {' '}
          <span className="muted" data-field="point-source">
            {t('pointerStatus')}
          </span>
        </>
      )}
      <VoxelIndices point={shownPoint} />
      {error && (
        <p id="coordinate-error" className="field-error" aria-live="polite">
          {t('coordinateError')}: {error}
        </p>
      )}
    </div>
  );
}

/**
 * The region under the pointer (while it is over a view, else at the cursor) in every open atlas and a few common
 * ones, via api.query; and each shown map's value there (MapValuesHere).
 */
export function WhatsHere() {
  const t = useT();
  const cursor = useStore((s) => s.cursor);
  const pointer = useStore((s) => s.pointerMni);
  const layers = useStore((s) => s.layers);
  const listings = useStore((s) => s.listings);
  const nameOf = useAtlasName();
  const regionName = useRegionName();
  const hidden = useStore(quizHidesNames);
  const point = pointer ?? cursor;
  const atlases = lookupAtlases(layers, listings);
  const atlasKey = atlases.join(',');
  const pointKey = point ? point.join(',') : '';
  const key = `${pointKey}|${atlasKey}`;
  const [state, setState] = useState<{ key: string; result: PointQueryResult | null; error: string | null } | null>(
    null,
  );

  useEffect(() => {
    if (!pointKey || !atlasKey) return;
    let live = true;
    // The pointer moves often: ask once it rests a moment (the cursor asks at once).
    const timer = setTimeout(
      () => {
        api.query({ points: [pointKey.split(',').map(Number) as Vec3], atlases: atlasKey.split(',') }).then(
          (r) => live && setState({ key, result: r[0] ?? null, error: null }),
          (e: unknown) => live && setState({ key, result: null, error: e instanceof Error ? e.message : String(e) }),
        );
      },
      pointer ? 120 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pointKey, atlasKey, key, pointer]);

  // Only an answer for this very point and these atlases is shown: never stale names.
  const current = state?.key === key ? state : null;
  const hits = current?.result ? atlases.map((id) => [id, current.result!.atlases[id]] as const) : [];
  const outside = hits.length > 0 && hits.every(([, h]) => !h || h.value === 0);

  return (
    <section className="whats-here" aria-label={t('whatsHere')}>
      <h2>{t('whatsHere')}</h2>
      <CoordinateBox />
      {!point || !atlasKey ? (
        <p className="muted">{t('whatsHereNone')}</p>
      ) : (
        <>
          <p className="muted" data-field="point">
            {t('atPoint', { xyz: fmtXyz(point) })}
          </p>
          {hidden ? (
            <p className="muted">{t('quizNamesHidden')}</p>
          ) : current?.error ? (
            <p className="muted">{current.error}</p>
          ) : !current ? (
            <p className="muted">…</p>
          ) : outside ? (
            <p data-field="outside">{t('outsideAll')}</p>
          ) : (
            <dl className="facts">
              {hits.map(([id, h]) => (
                <div key={id} data-atlas={id} data-value={h?.value ?? 0}>
                  <dt>{nameOf(id)}</dt>
                  <dd data-field="hit">
                    {h && h.value !== 0
                      ? h.name
                        ? regionName(id, {
                            name: h.name,
                            hemisphere: findRegion(layers, regionKey(id, h.value))?.region.hemisphere,
                          })
                        : String(h.value)
                      : t('background')}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </>
      )}
      {point && <MapValuesHere point={point} />}
    </section>
  );
}

/** Each shown map's value at `point`, top map first, named by its map (mapValuesAtPoint); nothing without maps. */
function MapValuesHere({ point }: { point: Vec3 }) {
  const t = useT();
  const shown = useStore((s) => s.displayOverlays);
  const overlays = useStore((s) => s.overlays);
  if (shown.length === 0) return null;
  return (
    <>
      <h3 className="facts-heading">{t('mapValuesHere')}</h3>
      <dl className="facts" data-field="map-values">
        {mapValuesAtPoint(shown, point).map(({ dataKey, value }) => (
          <div key={dataKey}>
            <dt>{overlays.find((o) => o.dataKey === dataKey)?.info.name ?? dataKey}</dt>
            <dd data-field="map-value">{value === null ? t('noValue') : formatMapValue(value)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
