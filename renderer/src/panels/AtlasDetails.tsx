import { Fragment, type ReactNode } from 'react';
import type { RegionRecord } from '../../../core/api';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { useAtlasName, useNetworkName } from '../i18n/names';

const fmt1 = (v: number) => v.toFixed(1);

/** A region name that may wrap after its underscores ('7Networks_LH_Vis_10'), before it wraps anywhere. */
function breakable(name: string): ReactNode {
  const parts = name.split('_');
  return parts.length === 1
    ? name
    : parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed name, in order
        <Fragment key={i}>
          {i > 0 && (
            <>
              _<wbr />
            </>
          )}
          {p}
        </Fragment>
      ));
}

export function AtlasDetails() {
  const t = useT();
  const opened = useStore((s) => s.opened);
  const nameOf = useAtlasName();
  if (!opened) return <p className="muted">{t('noAtlasOpen')}</p>;
  const grid = opened.dims[0] ? `${opened.dims.join(' × ')} · ${opened.voxelSizeMm.map(fmt1).join(' × ')} mm` : '—';
  return (
    <section className="atlas-details" aria-labelledby="atlas-details-title">
      <h2 id="atlas-details-title">{nameOf(opened.id, opened.name)}</h2>
      <dl className="facts">
        <dt>{t('kind')}</dt>
        <dd>{opened.kind}</dd>
        <dt>{t('variant')}</dt>
        <dd>{opened.variant}</dd>
        <dt>{t('grid')}</dt>
        <dd>{grid}</dd>
        <dt>{t('orientation')}</dt>
        <dd>{opened.orientation || '—'}</dd>
        <dt>{t('regions')}</dt>
        <dd data-testid="region-count">{opened.regions.length}</dd>
      </dl>
      {opened.warnings.length > 0 && (
        <details>
          <summary>{t('warnings')}</summary>
          <ul>
            {opened.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <RegionTable atlasId={opened.id} regions={opened.regions} />
    </section>
  );
}

/**
 * The atlas's regions. Four columns fit the side panel (seven did not: it scrolled sideways and cut the headers):
 * a region's hemisphere and network go under its name; its voxel count, which its volume and the grid above give
 * too, is its volume's tooltip.
 */
function RegionTable({ atlasId, regions }: { atlasId: string; regions: RegionRecord[] }) {
  const t = useT();
  const networkName = useNetworkName();
  // When this atlas is drawn in the 3D view, a region's name selects it there.
  const drawn = useStore((s) => s.layers.some((l) => l?.atlasId === atlasId));
  const showRegion = useStore((s) => s.showRegion);
  const hemi = (h: RegionRecord['hemisphere']) => (h ? t(h as MessageKey) : '');
  return (
    <div className="table-scroll">
      <table className="region-table" aria-label={t('regionTable')}>
        <thead>
          <tr>
            <th scope="col">{t('value')}</th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('volume')}</th>
            <th scope="col">{t('centroid')}</th>
          </tr>
        </thead>
        <tbody>
          {regions.map((r) => (
            <tr key={r.value}>
              <td>{r.value}</td>
              <td>
                {drawn ? (
                  <button type="button" className="link-button" onClick={() => showRegion(`${atlasId}:${r.value}`)}>
                    <span className="swatch" aria-hidden="true" style={{ background: `rgb(${r.color.join(',')})` }} />
                    <span>{breakable(r.name)}</span>
                  </button>
                ) : (
                  <>
                    <span className="swatch" aria-hidden="true" style={{ background: `rgb(${r.color.join(',')})` }} />
                    <span>{breakable(r.name)}</span>
                  </>
                )}
                {(r.hemisphere || r.network) && (
                  <div className="sub">
                    {[hemi(r.hemisphere), r.network ? networkName(r.network) : ''].filter(Boolean).join(' · ')}
                  </div>
                )}
              </td>
              <td title={t('voxelCount', { n: r.voxels })}>{fmt1(r.volumeMm3)}</td>
              <td className="centroid">{r.centroid.map(fmt1).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
