import { useT } from '../i18n';
import { useStore } from '../store';
import { findRegion } from '../scene/layer-data';
import { fmt1, hemisphereText } from './region-text';

/** The selected region: its facts, and Isolate / Hide / Show all. */
export function RegionDetails() {
  const t = useT();
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

  return (
    <section className="region-details" aria-label={t('regionDetails')}>
      <h2>{t('regionDetails')}</h2>
      {found && selected ? (
        <>
          <h3 className="region-name">
            <span className="swatch" aria-hidden="true" style={{ background: `rgb(${found.region.color.join(',')})` }} />
            {found.region.name}
          </h3>
          <dl className="facts">
            <dt>{t('atlas')}</dt>
            <dd>{found.data.name}</dd>
            <dt>{t('value')}</dt>
            <dd data-field="value">{found.region.value}</dd>
            <dt>{t('name')}</dt>
            <dd data-field="name">{found.region.name}</dd>
            <dt>{t('hemisphere')}</dt>
            <dd data-field="hemisphere">{hemisphereText(t, found.region.hemisphere)}</dd>
            <dt>{t('network')}</dt>
            <dd data-field="network">{found.region.network ?? '—'}</dd>
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
