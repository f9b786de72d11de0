import { useMemo } from 'react';
import type { AtlasListing, AtlasStatus } from '../../../core/api';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { useAtlasKind, useAtlasName } from '../i18n/names';

const STATUS_KEY: Record<AtlasStatus, MessageKey> = {
  present: 'statusPresent',
  downloadable: 'statusDownloadable',
  missing: 'statusMissing',
};

export function AtlasList() {
  const t = useT();
  const listings = useStore((s) => s.listings);
  const filter = useStore((s) => s.atlasFilter);
  const setFilter = useStore((s) => s.setAtlasFilter);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    // Either name finds an atlas, whichever language the app speaks.
    const hit = (l: AtlasListing) =>
      l.id.includes(q) || l.name.toLowerCase().includes(q) || !!l.nameZh?.includes(filter.trim());
    return (listings ?? []).filter((l) => !q || hit(l));
  }, [listings, filter]);

  if (listings === null) return <p role="status">{t('loadingAtlases')}</p>;
  const count = (s: AtlasStatus) => listings.filter((l) => l.status === s).length;
  return (
    <section className="atlas-list" aria-labelledby="atlas-list-title">
      <h2 id="atlas-list-title">{t('atlases')}</h2>
      <input
        type="search"
        aria-label={t('filterAtlases')}
        placeholder={t('filterAtlases')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <p className="muted">
        {t('summaryCounts', {
          present: count('present'),
          downloadable: count('downloadable'),
          missing: count('missing'),
        })}
      </p>
      <ul aria-label={t('atlases')}>
        {shown.map((l) => (
          <AtlasRow key={l.id} listing={l} statusLabel={t(STATUS_KEY[l.status])} />
        ))}
      </ul>
    </section>
  );
}

function AtlasRow({ listing, statusLabel }: { listing: AtlasListing; statusLabel: string }) {
  const t = useT();
  const busy = useStore((s) => (s.busy?.id === listing.id ? s.busy.action : null));
  const anyBusy = useStore((s) => s.busy !== null);
  const isOpen = useStore((s) => s.opened?.id === listing.id);
  const nameOf = useAtlasName();
  const kindOf = useAtlasKind();
  const name = nameOf(listing.id);
  const openAtlas = useStore((s) => s.openAtlas);
  const downloadAtlas = useStore((s) => s.downloadAtlas);
  // Each voxel size once: a second 1 mm variant on another grid (Brodmann's Colin27 copy) is listed in the details.
  const res = [...new Set(listing.variants.map((v) => v.resolutionMm).filter((r) => r > 0))]
    .map((r) => `${r} mm`)
    .join(', ');
  return (
    <li className={isOpen ? 'atlas-row open' : 'atlas-row'} data-atlas-id={listing.id}>
      <div className="atlas-row-text">
        <span className="atlas-name">{name}</span>
        <span className="muted">
          {listing.id} · {kindOf(listing.kind)}
          {res ? ` · ${res}` : ''}
        </span>
      </div>
      <span className={`status status-${listing.status}`} aria-label={`${listing.id}: ${statusLabel}`}>
        {statusLabel}
      </span>
      {listing.status === 'present' && (
        <button
          type="button"
          disabled={anyBusy}
          aria-label={`${t('open')} ${name}`}
          onClick={() => void openAtlas(listing.id)}
        >
          {busy === 'opening' ? t('opening') : t('open')}
        </button>
      )}
      {listing.status === 'downloadable' && (
        <button
          type="button"
          disabled={anyBusy}
          aria-label={`${t('download')} ${name}`}
          onClick={() => void downloadAtlas(listing.id)}
        >
          {busy === 'downloading' ? t('downloading') : t('download')}
        </button>
      )}
    </li>
  );
}
