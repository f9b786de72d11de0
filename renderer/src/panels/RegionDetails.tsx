import { useEffect, useState } from 'react';
import type { RegionOverlapResult } from '../../../core/api';
import { infoForRegion, regionNamesFor } from '../../../core/atlas/region-info';
import { api } from '../api';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { findRegion } from '../model/layer-data';
import { lookupAtlases } from './browser-atlases';
import { RegionNetworks } from './RegionNetworks';
import { fmt1, hemisphereText } from './region-text';
import { useAtlasName, useNetworkName, useRegionName } from '../i18n/names';

/** The selected region: its facts, and Isolate / Hide / Show all. */
export function RegionDetails() {
  const t = useT();
  const networkName = useNetworkName();
  const selected = useStore((s) => s.selected);
  const layers = useStore((s) => s.layers);
  const isolated = useStore((s) => !!selected && s.isolated?.length === 1 && s.isolated[0] === selected);
  const hidden = useStore((s) => !!selected && !!s.hidden[selected]);
  const fadeOthers = useStore((s) => s.fadeOthers);
  const toggleIsolate = useStore((s) => s.toggleIsolate);
  const setHidden = useStore((s) => s.setHidden);
  const showAll = useStore((s) => s.showAll);
  const setFadeOthers = useStore((s) => s.setFadeOthers);
  const found = findRegion(layers, selected);
  const nameOf = useAtlasName();
  const regionName = useRegionName();
  const lang = useStore((s) => s.lang);
  const info = useStore((s) => s.regionInfo);
  const cards = found ? infoForRegion(info ?? [], found.data.atlasId, found.region.name, found.region.network) : [];
  // The Chinese name comes from a card naming this very region (network cards name the network, not the region).
  const own = found ? cards.find((c) => regionNamesFor(c, found.data.atlasId).includes(found.region.name)) : undefined;

  return (
    <section className="region-details" aria-label={t('regionDetails')}>
      <h2>{t('regionDetails')}</h2>
      {found && selected ? (
        <>
          <h3 className="region-name">
            <span
              className="swatch"
              aria-hidden="true"
              style={{ background: `rgb(${found.region.color.join(',')})` }}
            />
            {regionName(found.data.atlasId, found.region)}
          </h3>
          <dl className="facts">
            {own?.zh.name && (
              <>
                <dt>{t('nameZh')}</dt>
                <dd data-field="name-zh" lang="zh-CN">
                  {own.zh.name}
                </dd>
              </>
            )}
            <dt>{t('atlas')}</dt>
            <dd>{nameOf(found.data.atlasId, found.data.name)}</dd>
            <dt>{t('value')}</dt>
            <dd data-field="value">{found.region.value}</dd>
            <dt>{t('name')}</dt>
            <dd data-field="name">{found.region.name}</dd>
            <dt>{t('hemisphere')}</dt>
            <dd data-field="hemisphere">{hemisphereText(t, found.region.hemisphere)}</dd>
            <dt>{t('network')}</dt>
            <dd data-field="network">{found.region.network ? networkName(found.region.network) : '—'}</dd>
            <dt>{t('volume')}</dt>
            <dd data-field="volume">{fmt1(found.region.volumeMm3)}</dd>
            <dt>{t('centroid')}</dt>
            <dd data-field="centroid">{found.region.centroid.map(fmt1).join(', ')}</dd>
            {found.region.record?.abbreviation && (
              <>
                <dt>{t('abbreviation')}</dt>
                <dd>{found.region.record.abbreviation}</dd>
              </>
            )}
            {found.region.record?.description && (
              <>
                <dt>{t('description')}</dt>
                <dd>{found.region.record.description}</dd>
              </>
            )}
          </dl>
          {cards.map((c) => (
            <div className="region-card" key={c.id} data-card={c.id}>
              <h4>{c[lang].name}</h4>
              <p>{c[lang].description}</p>
              {c[lang].aliases.length > 0 && (
                <p className="muted">
                  {t('otherNames')}: {c[lang].aliases.join(', ')}
                </p>
              )}
            </div>
          ))}
          {found.data.kind === 'labels' && <RegionNetworks atlasId={found.data.atlasId} value={found.region.value} />}
          <Overlap atlasId={found.data.atlasId} value={found.region.value} />
          <div className="button-row">
            <button type="button" aria-pressed={isolated} onClick={() => toggleIsolate(selected)}>
              {t('isolate')}
            </button>
            <button type="button" onClick={() => setHidden(selected, !hidden)}>
              {hidden ? t('show') : t('hide')}
            </button>
            <button type="button" onClick={showAll}>
              {t('showAll')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">{t('noRegionSelected')}</p>
          <div className="button-row">
            <button type="button" onClick={showAll}>
              {t('showAll')}
            </button>
          </div>
        </>
      )}
      <label className="check">
        <input type="checkbox" checked={fadeOthers} onChange={(e) => setFadeOthers(e.target.checked)} />
        {t('fadeOthers')}
      </label>
    </section>
  );
}

/** The crosswalk: how the region overlaps the regions of the other open atlases and a few common ones. */
function Overlap({ atlasId, value }: { atlasId: string; value: number }) {
  const t = useT();
  const layers = useStore((s) => s.layers);
  const listings = useStore((s) => s.listings);
  const nameOf = useAtlasName();
  const against = lookupAtlases(layers, listings).filter((id) => id !== atlasId);
  const againstKey = against.join(',');
  const [state, setState] = useState<{ key: string; result: RegionOverlapResult | null; error: string | null } | null>(
    null,
  );
  const key = `${atlasId}:${value}:${againstKey}`;
  useEffect(() => {
    if (!againstKey) return;
    let live = true;
    api.regionOverlap({ id: atlasId, value, against: againstKey.split(',') }).then(
      (result) => live && setState({ key, result, error: null }),
      (e: unknown) => live && setState({ key, result: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [atlasId, value, againstKey, key]);
  const current = state?.key === key ? state : null;
  return (
    <section className="overlap" aria-label={t('overlap')}>
      <h3>{t('overlap')}</h3>
      {!againstKey ? (
        <p className="muted">{t('overlapNone')}</p>
      ) : !current ? (
        <p className="muted">{t('overlapLoading')}</p>
      ) : current.error ? (
        <p className="muted">{current.error}</p>
      ) : (
        <dl className="facts">
          {current.result!.atlases.map((a) => (
            <div key={a.atlasId} data-atlas={a.atlasId}>
              <dt>{nameOf(a.atlasId)}</dt>
              <dd>
                {a.shares.length === 0 ? (
                  <span className="muted">{t('overlapNone')}</span>
                ) : (
                  <ul className="shares">
                    {a.shares.slice(0, 3).map((sh) => (
                      <li key={sh.value}>{`${Math.round(sh.percent)}% ${sh.name ?? sh.value}`}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
