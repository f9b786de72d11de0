import { useEffect, useRef, useState } from 'react';
import type { FigureLayoutName } from '../../../core/figure/figure-layout';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { exportFigure } from './export-figure';
import { LabelRegionsField } from './LabelRegionsField';
import { LightboxFields } from './LightboxFields';
import { saveBytes } from './save-file';
import { type FigureFormat, MAX_FIGURE_SIDE, MIN_FIGURE_SIDE } from './figure-options';

type SizeUnit = 'px' | 'mm' | 'in';
const PER_INCH: Record<SizeUnit, number> = { px: 0, mm: 25.4, in: 1 };

/** A pixel count shown in `unit` at `dpi` (pixels as they are; mm to 0.1; inches to 0.01). */
function shown(px: number, unit: SizeUnit, dpi: number): number {
  if (unit === 'px') return px;
  const v = (px / dpi) * PER_INCH[unit];
  return unit === 'mm' ? Math.round(v * 10) / 10 : Math.round(v * 100) / 100;
}

function toPixels(v: number, unit: SizeUnit, dpi: number): number {
  return Math.round(unit === 'px' ? v : (v / PER_INCH[unit]) * dpi);
}

/**
 * Export figure: format, size (pixels, or mm / inches at a DPI), transparency, layout and panel letters; Save
 * renders off-screen with a progress bar and Cancel, then saves the file.
 */
export function ExportFigureDialog() {
  const t = useT();
  const open = useStore((s) => s.figureOpen);
  const setOpen = useStore((s) => s.setFigureOpen);
  const opts = useStore((s) => s.figure);
  const setOpts = useStore((s) => s.setFigureOptions);
  const ref = useRef<HTMLDialogElement>(null);
  const [unit, setUnit] = useState<SizeUnit>('px');
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      setProblem(null);
      setNotes([]);
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const sizeProblem = [opts.width, opts.height].some(
    (v) => !Number.isInteger(v) || v < MIN_FIGURE_SIDE || v > MAX_FIGURE_SIDE,
  )
    ? t('figureSizeInvalid', { min: MIN_FIGURE_SIDE, max: MAX_FIGURE_SIDE })
    : null;

  const save = async () => {
    if (sizeProblem || progress !== null) return;
    const controller = new AbortController();
    abort.current = controller;
    setProblem(null);
    setNotes([]);
    setProgress(0);
    try {
      const file = await exportFigure(opts, t, setProgress, controller.signal);
      saveBytes(file.bytes, file.mime, `brain-figure.${file.extension}`);
      // Saved, but not all as asked: say what, and leave the dialog open to read it.
      if (file.notes.length > 0) setNotes([t('figureSavedWithNotes'), ...file.notes]);
      else setOpen(false);
    } catch (e) {
      if ((e as Error).name !== 'cancelled') setProblem((e as Error).message);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const sizeField = (which: 'width' | 'height') => (
    <div className="field">
      <label htmlFor={`figure-${which}`}>{t(which === 'width' ? 'figureWidth' : 'figureHeight')}</label>
      <input
        id={`figure-${which}`}
        type="number"
        min={unit === 'px' ? MIN_FIGURE_SIDE : 1}
        step={unit === 'px' ? 1 : 0.1}
        value={shown(opts[which], unit, opts.dpi)}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) setOpts({ [which]: toPixels(v, unit, opts.dpi) });
        }}
      />
    </div>
  );

  const busy = progress !== null;
  return (
    <dialog
      ref={ref}
      className="figure-dialog"
      aria-labelledby="figure-title"
      onCancel={(e) => {
        e.preventDefault();
        if (busy) abort.current?.abort();
        else setOpen(false);
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="figure-title">{t('exportFigure')}</h2>
        <fieldset disabled={busy} className="figure-fields">
          <div className="field">
            <label htmlFor="figure-format">{t('figureFormat')}</label>
            <select
              id="figure-format"
              value={opts.format}
              onChange={(e) => setOpts({ format: e.target.value as FigureFormat })}
            >
              <option value="png">PNG</option>
              <option value="svg">SVG</option>
              <option value="pdf">PDF</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="figure-layout">{t('figureLayout')}</label>
            <select
              id="figure-layout"
              value={opts.layout}
              onChange={(e) => setOpts({ layout: e.target.value as FigureLayoutName })}
            >
              <option value="current">{t('layoutCurrent')}</option>
              <option value="four">{t('layoutFour')}</option>
              <option value="six">{t('layoutSix')}</option>
              <option value="slices">{t('layoutSlices')}</option>
              <option value="lightbox">{t('layoutLightbox')}</option>
            </select>
          </div>
          {opts.layout === 'lightbox' && <LightboxFields />}
          <div className="field">
            <label htmlFor="figure-unit">{t('figureUnits')}</label>
            <select id="figure-unit" value={unit} onChange={(e) => setUnit(e.target.value as SizeUnit)}>
              <option value="px">{t('unitPixels')}</option>
              <option value="mm">mm</option>
              <option value="in">{t('unitInches')}</option>
            </select>
          </div>
          {sizeField('width')}
          {sizeField('height')}
          <div className="field">
            <label htmlFor="figure-dpi">DPI</label>
            <input
              id="figure-dpi"
              type="number"
              min={1}
              max={10000}
              step={1}
              value={opts.dpi}
              onChange={(e) => {
                const v = Math.round(Number(e.target.value));
                if (v >= 1 && v <= 10000) setOpts({ dpi: v });
              }}
            />
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={opts.transparent}
              onChange={(e) => setOpts({ transparent: e.target.checked })}
            />
            {t('transparentBackground')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={opts.panelLetters}
              onChange={(e) => setOpts({ panelLetters: e.target.checked })}
            />
            {t('panelLetters')}
          </label>
          <LabelRegionsField />
          <p className="muted">{t('figurePixels', { width: opts.width, height: opts.height, dpi: opts.dpi })}</p>
        </fieldset>
        {busy && (
          <div
            role="progressbar"
            aria-label={t('exportingFigure')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round((progress ?? 0) * 100)}
            className="download-bar"
          >
            <div className="download-fill" style={{ width: `${Math.round((progress ?? 0) * 100)}%` }} />
          </div>
        )}
        {notes.length > 0 && (
          <p role="status" className="muted">
            {notes.join(' ')}
          </p>
        )}
        {(problem || sizeProblem) && (
          <p role="alert" className="error setting-problem">
            {problem ?? sizeProblem}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => (busy ? abort.current?.abort() : setOpen(false))}>
            {t('cancel')}
          </button>
          <button type="submit" disabled={busy || !!sizeProblem}>
            {t('save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
