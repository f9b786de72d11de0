import { useT } from '../i18n/index';
import { useStore } from '../store';
import { findRegion } from '../model/layer-data';
import { regionNameIn } from '../model/region-names';
import { quizHidesNames } from '../store/quiz-slice';
import { hemisphereText } from '../panels/region-text';
import { useAtlasName, useNetworkName } from '../i18n/names';

const formatValue = (v: number) => String(Number(v.toPrecision(4)));

/** Names the region under the pointer (in the app's language where its card has a Chinese name), next to it. */
export function HoverTooltip() {
  const t = useT();
  const networkName = useNetworkName();
  const nameOf = useAtlasName();
  const hovered = useStore((s) => s.hovered);
  const layers = useStore((s) => s.layers);
  const found = findRegion(layers, hovered?.key);
  const hidden = useStore(quizHidesNames);
  const cards = useStore((s) => s.regionInfo);
  const lang = useStore((s) => s.lang);
  if (!hovered || !found || hidden) return null;
  const { data, region } = found;
  // In Chinese, the region card's name where there is one; the atlas's own name (a code such as Precentral_L) below.
  const shownName = regionNameIn(cards, data.atlasId, region, lang);
  return (
    <div role="tooltip" className="tooltip" style={{ left: hovered.x + 16, top: hovered.y + 16 }}>
      <div className="tooltip-atlas">{nameOf(data.atlasId, data.name)}</div>
      <div className="tooltip-name">{shownName}</div>
      {shownName !== region.name && <div className="tooltip-atlas">{region.name}</div>}
      <div>
        {t('hemisphere')}: {hemisphereText(t, region.hemisphere)}
      </div>
      {hovered.mapValue !== undefined && (
        <div>
          {t('mapValueAtVertex')}: {hovered.mapValue === null ? t('noValue') : formatValue(hovered.mapValue)}
        </div>
      )}
      {region.network && (
        <div>
          {t('network')}: {networkName(region.network)}
        </div>
      )}
    </div>
  );
}
