import { useLayoutEffect, useRef } from 'react';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { findRegion } from '../model/layer-data';
import { quizHidesNames } from '../store/quiz-slice';
import { hemisphereText } from '../panels/region-text';
import { useAtlasName, useNetworkName, useRegionName } from '../i18n/names';
import { formatMapValue } from '../model/point-map-values';
import { mapValueLines, tooltipPlacement } from './tooltip-model';

/**
 * Names the region under the pointer (in the app's language where its card has a Chinese name) and gives each shown
 * map's value there (at the vertex on the cortical surface, at the point on a region in the volume); next to the
 * pointer, inside the 3D view.
 */
export function HoverTooltip() {
  const t = useT();
  const networkName = useNetworkName();
  const nameOf = useAtlasName();
  const hovered = useStore((s) => s.hovered);
  const layers = useStore((s) => s.layers);
  const found = findRegion(layers, hovered?.key);
  const hidden = useStore(quizHidesNames);
  const regionName = useRegionName();
  const overlays = useStore((s) => s.overlays);
  const ref = useRef<HTMLDivElement>(null);
  // Placed after every render, before it is painted, from its own size: below and right of the pointer, or above
  // (left of) it where the view has no room. Measured at the view's top left first, where its width does not
  // depend on the pointer (a box placed near the right side would wrap its text). React sets no left/top itself.
  useLayoutEffect(() => {
    const el = ref.current;
    const view = el?.parentElement;
    if (!el || !view || !hovered) return;
    el.style.left = '0px';
    el.style.top = '0px';
    const { left, top } = tooltipPlacement(
      hovered,
      { width: el.offsetWidth, height: el.offsetHeight },
      { width: view.clientWidth, height: view.clientHeight },
    );
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
  });
  if (!hovered || !found || hidden) return null;
  const { data, region } = found;
  // In Chinese, the region card's name where there is one; the atlas's own name (a code such as Precentral_L) below.
  const shownName = regionName(data.atlasId, region);
  const maps = mapValueLines(hovered.mapValues ?? [], overlays);
  const valueText = (v: number | null) => (v === null ? t('noValue') : formatMapValue(v));
  return (
    <div role="tooltip" className="tooltip" ref={ref}>
      <div className="tooltip-atlas">{nameOf(data.atlasId, data.name)}</div>
      <div className="tooltip-name">{shownName}</div>
      {shownName !== region.name && <div className="tooltip-atlas">{region.name}</div>}
      <div>
        {t('hemisphere')}: {hemisphereText(t, region.hemisphere)}
      </div>
      {maps.heading && <div className="tooltip-atlas">{t('mapValueAtVertex')}</div>}
      {maps.lines.map(({ dataKey, name, value }) =>
        name === null ? (
          <div key={dataKey}>
            {t('mapValueAtVertex')}: {valueText(value)}
          </div>
        ) : (
          <div key={dataKey}>
            <span className="tooltip-map-name">{name}</span>: {valueText(value)}
          </div>
        ),
      )}
      {region.network && (
        <div>
          {t('network')}: {networkName(region.network)}
        </div>
      )}
    </div>
  );
}
