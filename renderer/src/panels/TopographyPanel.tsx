import { useEffect, useRef, useState } from 'react';
import type { TopographyMap, TopographyMapId } from '../../../core/api';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { topographyAtlases } from '../store/topography-slice';
import { CollapsiblePanel } from './CollapsiblePanel';
import { Select } from './Select';
import { Homunculus, VisualFieldDiagram, hierarchyLine } from './topography-diagrams';
import { atlasName } from '../i18n/names';

const MAPS: TopographyMapId[] = ['retinotopy', 'somatotopy', 'tonotopy'];

/** Legend items: retinotopy's areas one by one (V1v, V1d, …); the other maps' groups (body parts; core, belt, parabelt). */
function legendItems(map: TopographyMap, atlas: string | null) {
  if (map.map === 'retinotopy') return map.entries.map((e) => ({ id: e.id, label: e.label, color: e.color }));
  const used = new Set(
    map.entries
      .filter((e) => e.regions.some((r) => r.atlas === atlas))
      .flatMap((e) => [e.group, ...(e.bodyParts ?? [])]),
  );
  return map.groups.filter((g) => used.has(g.id));
}

/** Retinotopy, somatotopy and tonotopy drawn on their atlases, with a legend in the map's order. */
export function TopographyPanel() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const mapId = useStore((s) => s.topoMap);
  const map = useStore((s) => s.topography);
  const atlas = useStore((s) => s.topoAtlas);
  const only = useStore((s) => s.topoOnly);
  const busy = useStore((s) => s.probabilityBusy);
  const listings = useStore((s) => s.listings);
  const choose = useStore((s) => s.chooseTopography);
  const setAtlas = useStore((s) => s.setTopoAtlas);
  const setOnly = useStore((s) => s.setTopoOnly);
  const atlases = map ? topographyAtlases(map) : [];
  const items = map ? legendItems(map, atlas) : [];
  return (
    <CollapsiblePanel id="topography-title" title={t('topography')}>
      <div className="field">
        <label htmlFor="topographic-map">{t('topographicMap')}</label>
        <Select
          id="topographic-map"
          value={mapId ?? ''}
          onChange={(e) => void choose((e.target.value || null) as TopographyMapId | null)}
        >
          <option value="">{t('none')}</option>
          {MAPS.map((m) => (
            <option key={m} value={m}>
              {t(m)}
            </option>
          ))}
        </Select>
      </div>
      {map && (
        <>
          <p className="muted">{map.description[lang]}</p>
          {atlases.length > 1 && (
            <div className="field">
              <label htmlFor="topography-atlas">{t('drawnFrom')}</label>
              <Select id="topography-atlas" value={atlas ?? ''} onChange={(e) => void setAtlas(e.target.value)}>
                {atlases.map((a) => (
                  <option key={a} value={a}>
                    {atlasName(listings, a, lang)}
                  </option>
                ))}
              </Select>
            </div>
          )}
          {map.map === 'retinotopy' && <ProbabilitySlider />}
          {busy && (
            <p className="muted" role="status">
              {t('meshing')}
            </p>
          )}
          {map.map === 'retinotopy' && (
            <p className="hierarchy">
              {t('hierarchy')}: {hierarchyLine(map)}
            </p>
          )}
          {map.map === 'somatotopy' && <p className="muted">{t('medialToLateral')}</p>}
          <div className="topo-legend">
            <ul aria-label={t('legend')} className="legend-list">
              {items.map((it) => (
                <li key={it.id}>
                  <button
                    type="button"
                    className="legend-item"
                    aria-pressed={only === it.id}
                    title={t('showOnlyItem', { name: it.label[lang] })}
                    onClick={() => setOnly(only === it.id ? null : it.id)}
                  >
                    <span className="swatch" aria-hidden="true" style={{ background: `rgb(${it.color.join(',')})` }} />
                    {it.label[lang]}
                  </button>
                </li>
              ))}
            </ul>
            {map.map === 'retinotopy' && <VisualFieldDiagram map={map} />}
            {map.map === 'somatotopy' && atlas === 'brainnetome-246' && <Homunculus map={map} />}
          </div>
          {only && (
            <button type="button" onClick={() => setOnly(null)}>
              {t('wholeMap')}
            </button>
          )}
          {map.map === 'tonotopy' && <p className="muted">{t('noGradient')}</p>}
          <p className="muted citation">
            {t('citation')}: {map.citation}
          </p>
        </>
      )}
    </CollapsiblePanel>
  );
}

/**
 * "Minimum probability", 0-100 %: moved, it redraws the probability maps once the thumb rests a moment; meshing
 * runs in a worker, so the thumb keeps moving meanwhile and a newer value supersedes the one being drawn.
 */
function ProbabilitySlider() {
  const t = useT();
  const committed = useStore((s) => s.minProbability);
  const setMinProbability = useStore((s) => s.setMinProbability);
  const busy = useStore((s) => s.probabilityBusy);
  const [value, setValue] = useState(committed);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => setValue(committed), [committed]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <div className="probability-field" aria-busy={busy}>
      <label htmlFor="min-probability">{t('minProbability')}</label>
      <output htmlFor="min-probability"> {value} %</output>
      <input
        id="min-probability"
        aria-label={t('minProbability')}
        type="range"
        min={0}
        max={100}
        step={5}
        value={value}
        onChange={(e) => {
          const v = Number(e.target.value);
          setValue(v);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void setMinProbability(v), 300);
        }}
      />
      <p className="muted">{t('probabilityHint')}</p>
    </div>
  );
}
