import { useMemo } from 'react';
import type { AtlasListing } from '../../../core/api';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { MAX_LAYERS, explorable } from '../store/scene-slice';
import { sizeText } from './size-text';
import { Select } from './Select';
import { useAtlasName } from '../i18n/names';

/** Bytes of the variant a download from the chooser fetches: the preferred resolution's, else the finest. */
function downloadBytes(l: AtlasListing, preferredRes: number | null): number {
  const v = l.variants.find((x) => x.resolutionMm === preferredRes) ?? l.variants[0];
  return v?.bytes ?? 0;
}

const SLOT_LABELS = ['atlas', 'secondAtlas', 'thirdAtlas', 'fourthAtlas'] as const;

/**
 * How many slot choosers to show: the first two always, then one more after the last slot in use (a brain system
 * with three atlases fills the third), at most MAX_LAYERS.
 */
export function shownSlots(used: readonly boolean[]): number {
  const last = used.lastIndexOf(true);
  return Math.min(MAX_LAYERS, Math.max(2, last + 2));
}

/**
 * Which atlases are drawn (a main one and optionally up to three more, e.g. cortex + subcortex) and at what
 * resolution. Choosing in one slot the atlas drawn in another moves it. Atlases on this computer come first; the others
 * that can be downloaded follow with their size, and choosing one downloads it (download-slice.ts).
 */
export function AtlasPicker() {
  const t = useT();
  const listings = useStore((s) => s.listings);
  const layers = useStore((s) => s.layers);
  const pending = useStore((s) => s.pending);
  const preferredRes = useStore((s) => s.preferredRes);
  const chooseAtlas = useStore((s) => s.chooseAtlas);
  const setPreferredRes = useStore((s) => s.setPreferredRes);
  const choices = useMemo(
    () => (listings ?? []).filter((l) => l.status === 'present' && explorable(l.kind)),
    [listings],
  );
  const downloads = useMemo(
    () => (listings ?? []).filter((l) => l.status === 'downloadable' && l.origin === 'catalog' && explorable(l.kind)),
    [listings],
  );
  const nameOf = useAtlasName();
  const size = (l: AtlasListing) => sizeText(downloadBytes(l, preferredRes));
  const resolutions = useMemo(
    () =>
      [...new Set(choices.flatMap((l) => l.variants.map((v) => v.resolutionMm)).filter((r) => r > 0))].sort(
        (a, b) => a - b,
      ),
    [choices],
  );
  const current = (slot: number) => pending[slot] ?? layers[slot]?.atlasId ?? '';
  const slots = shownSlots(Array.from({ length: MAX_LAYERS }, (_, slot) => current(slot) !== ''));

  return (
    <div className="atlas-picker">
      {Array.from({ length: slots }, (_, slot) => {
        const id = `atlas-picker-${slot}`;
        return (
          <div className="field" key={slot}>
            <label htmlFor={id}>{t(SLOT_LABELS[slot])}</label>
            <Select id={id} value={current(slot)} onChange={(e) => void chooseAtlas(slot, e.target.value || null)}>
              <option value="">{slot === 0 ? t('chooseAtlasPrompt') : t('none')}</option>
              <optgroup label={t('onThisComputer')}>
                {choices.map((l) => (
                  <option key={l.id} value={l.id}>
                    {nameOf(l.id)}
                  </option>
                ))}
              </optgroup>
              {downloads.length > 0 && (
                <optgroup label={t('downloadGroup')}>
                  {downloads.map((l) => (
                    <option key={l.id} value={l.id}>
                      {t('atlasWithSize', { name: nameOf(l.id), size: size(l) })}
                    </option>
                  ))}
                </optgroup>
              )}
            </Select>
          </div>
        );
      })}
      <div className="field">
        <label htmlFor="resolution-picker">{t('resolution')}</label>
        <Select
          id="resolution-picker"
          value={preferredRes === null ? '' : String(preferredRes)}
          onChange={(e) => setPreferredRes(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">{t('finest')}</option>
          {resolutions.map((r) => (
            <option key={r} value={String(r)}>
              {t('mm', { n: r })}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
