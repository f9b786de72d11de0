import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { infoForRegion, searchTerms } from '../../../core/atlas/region-info';
import { RegionSearchIndex, type SearchableRegion, type SearchHit } from '../../../core/atlas/search';
import { useT } from '../i18n/index';
import { layerData, type LayerData, type LayerRegion } from '../model/layer-data';
import { useStore } from '../store';
import { hemisphereText } from './region-text';
import { useAtlasName, useNetworkName, useRegionName } from '../i18n/names';

/** Rows drawn at most, in the results and in each group of the tree (the rest are counted, not drawn). */
const MAX_ROWS = 100;

/**
 * Every region of the open atlases: a search box (names, aliases, Chinese names, networks, via the region cards)
 * with a keyboard-driven listbox of matches, and below it the regions grouped atlas → hemisphere → network.
 */
export function RegionBrowser() {
  const t = useT();
  const keys = useStore(useShallow((s) => s.layers.map((l) => l?.key ?? null)));
  const info = useStore((s) => s.regionInfo);
  const loadRegionInfo = useStore((s) => s.loadRegionInfo);
  const showRegion = useStore((s) => s.showRegion);
  const selected = useStore((s) => s.selected);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  useEffect(() => void loadRegionInfo(), [loadRegionInfo]);

  const layers = useMemo(() => keys.map((k) => layerData.get(k)).filter((d): d is LayerData => !!d), [keys]);
  const index = useMemo(() => {
    const regions: SearchableRegion[] = [];
    for (const d of layers) {
      for (const r of d.regions) {
        if (!r.record) continue;
        const aliases: string[] = [];
        for (const e of infoForRegion(info ?? [], d.atlasId, r.name, r.network)) {
          for (const term of searchTerms(e)) if (!aliases.includes(term)) aliases.push(term);
        }
        regions.push({
          key: r.key,
          atlasId: d.atlasId,
          value: r.value,
          name: r.name,
          network: r.network,
          aliases,
          abbreviation: r.record.abbreviation,
        });
      }
    }
    return new RegionSearchIndex(regions);
  }, [layers, info]);

  // Typing stays responsive over thousands of regions: the list follows the box a beat behind when busy.
  const deferred = useDeferredValue(query);
  const hits: SearchHit[] = useMemo(() => index.search(deferred, Number.POSITIVE_INFINITY), [index, deferred]);
  const shown = hits.slice(0, MAX_ROWS);
  useEffect(() => setActive(0), [deferred]);
  const nameOf = useAtlasName();
  const names = new Map(layers.map((d) => [d.atlasId, nameOf(d.atlasId, d.name)]));
  const regionName = useRegionName();
  const optionId = (i: number) => `region-option-${i}`;

  const onKey = (e: React.KeyboardEvent) => {
    if (!shown.length) return;
    if (e.key === 'ArrowDown') setActive((a) => Math.min(shown.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(shown.length - 1);
    else if (e.key === 'Enter') showRegion(shown[Math.min(active, shown.length - 1)].region.key);
    else return;
    e.preventDefault();
  };
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <section className="region-browser" aria-label={t('regionBrowser')}>
      <h2>{t('regionBrowser')}</h2>
      {layers.length === 0 ? (
        <p className="muted">{t('noOpenAtlas')}</p>
      ) : (
        <>
          <input
            type="search"
            aria-label={t('searchRegions')}
            placeholder={t('searchRegions')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKey}
            role="combobox"
            aria-expanded={query.trim() !== ''}
            aria-controls="region-results"
            aria-activedescendant={shown.length ? optionId(Math.min(active, shown.length - 1)) : undefined}
            aria-autocomplete="list"
          />
          {deferred.trim() !== '' && (
            <>
              <ul id="region-results" role="listbox" aria-label={t('searchResults')} className="region-results">
                {shown.map((h, i) => (
                  <li
                    key={h.region.key}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === active}
                    aria-label={`${regionName(h.region.atlasId, h.region)} (${names.get(h.region.atlasId) ?? h.region.atlasId})`}
                    className={`region-option${i === active ? ' active' : ''}${selected === h.region.key ? ' selected' : ''}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => {
                      setActive(i);
                      showRegion(h.region.key);
                    }}
                  >
                    <span>{regionName(h.region.atlasId, h.region)}</span>{' '}
                    <span className="muted">
                      {names.get(h.region.atlasId)}
                      {h.matched !== regionName(h.region.atlasId, h.region) ? ` · ${h.matched}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
              {hits.length === 0 && <p className="muted">{t('noMatches')}</p>}
              {hits.length > shown.length && <p className="muted">{t('nMore', { n: hits.length - shown.length })}</p>}
            </>
          )}
          <RegionTree layers={layers} />
        </>
      )}
    </section>
  );
}

/** Atlas → hemisphere → network (where known) → region, as disclosure groups drawn only when opened. */
function RegionTree({ layers }: { layers: LayerData[] }) {
  const t = useT();
  const nameOf = useAtlasName();
  const networkName = useNetworkName();
  return (
    <div className="region-tree" aria-label={t('allRegions')} role="group">
      {layers.map((d) => {
        const byHemi = new Map<string, LayerRegion[]>();
        for (const r of d.regions) {
          if (!r.record) continue;
          const h = hemisphereText(t, r.hemisphere);
          byHemi.set(h, [...(byHemi.get(h) ?? []), r]);
        }
        return (
          <Group key={d.key} label={`${nameOf(d.atlasId, d.name)} (${d.regions.filter((r) => r.record).length})`}>
            {() =>
              [...byHemi].map(([h, rs]) => {
                const hasNet = rs.some((r) => r.network);
                const byNet = new Map<string, LayerRegion[]>();
                for (const r of rs) {
                  const n = hasNet ? (r.network ? networkName(r.network) : t('otherNetwork')) : '';
                  byNet.set(n, [...(byNet.get(n) ?? []), r]);
                }
                return (
                  <Group key={h} label={`${h} (${rs.length})`}>
                    {() =>
                      [...byNet].map(([n, nrs]) =>
                        n ? (
                          <Group key={n} label={`${n} (${nrs.length})`}>
                            {() => <RegionRows atlasId={d.atlasId} regions={nrs} />}
                          </Group>
                        ) : (
                          <RegionRows key="-" atlasId={d.atlasId} regions={nrs} />
                        ),
                      )
                    }
                  </Group>
                );
              })
            }
          </Group>
        );
      })}
    </div>
  );
}

function Group({ label, children }: { label: string; children: () => React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="tree-group" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{label}</summary>
      {open && <div className="tree-children">{children()}</div>}
    </details>
  );
}

function RegionRows({ atlasId, regions }: { atlasId: string; regions: LayerRegion[] }) {
  const t = useT();
  const regionName = useRegionName();
  const showRegion = useStore((s) => s.showRegion);
  const [all, setAll] = useState(false);
  const rows = all ? regions : regions.slice(0, MAX_ROWS);
  return (
    <ul className="tree-regions">
      {rows.map((r) => (
        <li key={r.key}>
          <button type="button" className="link" onClick={() => showRegion(r.key)}>
            {regionName(atlasId, r)}
          </button>
        </li>
      ))}
      {rows.length < regions.length && (
        <li>
          <button type="button" className="link" onClick={() => setAll(true)}>
            {t('showMore', { n: regions.length - rows.length })}
          </button>
        </li>
      )}
    </ul>
  );
}
