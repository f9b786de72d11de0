import { useEffect, useState } from 'react';
import { MAX_LIGHTBOX_SLICES, MIN_LIGHTBOX_SLICES, type SlicePlane } from '../../../core/figure/slice-panels';
import { useT } from '../i18n/index';
import { useStore } from '../store';

/**
 * The lightbox layout's fields in the Export figure dialog: how many slices (spinbutton "Slices") and which plane
 * they cut (combobox "Slice orientation"). A count being typed is kept as typed and applied once it is valid.
 */
export function LightboxFields() {
  const t = useT();
  const lightbox = useStore((s) => s.figure.lightbox);
  const setOpts = useStore((s) => s.setFigureOptions);
  const [count, setCount] = useState(String(lightbox.count));
  useEffect(() => setCount(String(lightbox.count)), [lightbox.count]);
  return (
    <>
      <div className="field">
        <label htmlFor="figure-lightbox-plane">{t('sliceOrientation')}</label>
        <select
          id="figure-lightbox-plane"
          value={lightbox.plane}
          onChange={(e) => setOpts({ lightbox: { ...lightbox, plane: e.target.value as SlicePlane } })}
        >
          <option value="axial">{t('axial')}</option>
          <option value="coronal">{t('coronal')}</option>
          <option value="sagittal">{t('sagittal')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="figure-lightbox-count">{t('lightboxSlices')}</label>
        <input
          id="figure-lightbox-count"
          type="number"
          min={MIN_LIGHTBOX_SLICES}
          max={MAX_LIGHTBOX_SLICES}
          step={1}
          value={count}
          onChange={(e) => {
            setCount(e.target.value);
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v >= MIN_LIGHTBOX_SLICES && v <= MAX_LIGHTBOX_SLICES)
              setOpts({ lightbox: { ...lightbox, count: v } });
          }}
        />
      </div>
    </>
  );
}
