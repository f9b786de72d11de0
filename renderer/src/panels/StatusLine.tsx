import { useT } from '../i18n/index';
import { useStore } from '../store';
import { findRegion } from '../model/layer-data';
import { quizHidesNames } from '../store/quiz-slice';
import { useAtlasName, useRegionName } from '../i18n/names';

/** The MNI coordinate and region under the pointer. Not announced on every move (aria-live off). */
export function StatusLine() {
  const t = useT();
  const mni = useStore((s) => s.pointerMni);
  const hoveredKey = useStore((s) => s.hovered?.key ?? null);
  const layers = useStore((s) => s.layers);
  const found = findRegion(layers, hoveredKey);
  const hidden = useStore(quizHidesNames);
  const nameOf = useAtlasName();
  const regionName = useRegionName();
  const r = (v: number) => Math.round(v).toString();
  return (
    <div role="status" aria-live="off" aria-label={t('pointerStatus')} className="status-line">
      {mni ? (
        <>
          <span className="mono">{t('mniAt', { x: r(mni[0]), y: r(mni[1]), z: r(mni[2]) })}</span>
          {!hidden && ' · '}
          {!hidden && (
            <span>
              {found
                ? t('regionInAtlas', {
                    region: regionName(found.data.atlasId, found.region),
                    atlas: nameOf(found.data.atlasId, found.data.name),
                  })
                : t('noRegionHere')}
            </span>
          )}
        </>
      ) : (
        <span className="muted">{t('pointerNone')}</span>
      )}
    </div>
  );
}
