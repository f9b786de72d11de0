import { Fragment, type ReactNode } from 'react';
import type { RegionRecord } from '../../../core/api';
import { formatCount } from '../../../core/errors';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { useAtlasKind, useAtlasName, useNetworkName } from '../i18n/names';
import { SURFACE_SIDES, surfaceData } from '../model/surface-data';
import { SURFACE_VIEWS } from '../store/surface-slice';

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
  const kindOf = useAtlasKind();
  if (!opened) return <p className="muted">{t('noAtlasOpen')}</p>;
  const surface = opened.kind === 'surface';
  const grid = opened.dims[0] ? `${opened.dims.join(' × ')} · ${opened.voxelSizeMm.map(fmt1).join(' × ')} mm` : '—';
  return (
    <section className="atlas-details" aria-labelledby="atlas-details-title">
      <h2 id="atlas-details-title">{nameOf(opened.id, opened.name)}</h2>
      <dl className="facts">
        <dt>{t('kind')}</dt>
        <dd>{kindOf(opened.kind)}</dd>
        <dt>{t('variant')}</dt>
        <dd>{opened.variant}</dd>
        {surface ? (
          <SurfaceFacts />
        ) : (
          <>
            <dt>{t('grid')}</dt>
            <dd>{grid}</dd>
            <dt>{t('orientation')}</dt>
            <dd>{opened.orientation || '—'}</dd>
            <dt>{t('regions')}</dt>
            <dd data-testid="region-count">{opened.regions.length}</dd>
          </>
        )}
      </dl>
      {surface && <p className="muted">{t('surfaceAtlasNote')}</p>}
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
      {!surface && <RegionTable atlasId={opened.id} regions={opened.regions} />}
    </section>
  );
}

/**
 * A surface atlas (fsaverage5) has no label grid: its facts are its meshes' vertices per hemisphere, known once the
 * Surface control has fetched a mesh (every mesh of fsaverage5 has the same vertices), "—" before.
 */
function SurfaceFacts() {
  const t = useT();
  const vertices = useStore((s) => {
    void s.surfaceVersion; // read again when surface data arrives
    for (const kind of SURFACE_VIEWS) {
      if (kind === 'off') continue;
      const n = SURFACE_SIDES.map((h) => surfaceData.mesh(kind, h)?.vertexCount).find((v) => v !== undefined);
      if (n !== undefined) return n;
    }
    return null;
  });
  return (
    <>
      <dt>{t('surfaceVertices')}</dt>
      <dd data-testid="surface-vertices">{vertices === null ? '—' : formatCount(vertices)}</dd>
    </>
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
