import { inLanguage } from '../../../core/lecture/tour';
import { useT } from '../i18n/index';
import { CollapsiblePanel } from '../panels/CollapsiblePanel';
import { FileButton } from '../panels/FileButton';
import { Select } from '../panels/Select';
import { useStore } from '../store';
import { openPresenterView } from './presenter-link';
import { addCurrentViewAsStep, chooseTour, goToStep, openTourFile, stepBy } from './tour-player';

/**
 * Lecture mode in the sidebar: choose a tour (shipped or one's own), step through it, present it, and make tours:
 * add the current view as a step, write its captions and notes, reorder, delete, save and open tour files.
 */
export function LecturePanel() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const tours = useStore((s) => s.tours);
  const tourId = useStore((s) => s.tourId);
  const stepIndex = useStore((s) => s.tourStep);
  const missing = useStore((s) => s.tourMissing);
  const error = useStore((s) => s.tourError);
  const dirty = useStore((s) => s.tourDirty);
  const loadTours = useStore((s) => s.loadTours);
  const setPresenting = useStore((s) => s.setPresenting);
  const downloadAtlas = useStore((s) => s.downloadAtlas);
  const tour = tours.find((x) => x.id === tourId) ?? null;
  const step = tour?.steps[stepIndex] ?? null;
  const mine = !!tour && tour.id.startsWith('my-tour');
  return (
    <CollapsiblePanel id="lecture-title" title={t('lecture')} onOpen={() => void loadTours()}>
      <div className="field">
        <label htmlFor="tour-choice">{t('tour')}</label>
        <Select id="tour-choice" value={tourId ?? ''} onChange={(e) => void chooseTour(e.target.value || null)}>
          <option value="">{t('tourNone')}</option>
          {tours.map((x) => (
            <option key={x.id} value={x.id}>
              {inLanguage(x.title, lang)}
            </option>
          ))}
        </Select>
      </div>
      {tour && step && (
        <>
          <p className="muted">{t('tourStepOf', { n: stepIndex + 1, total: tour.steps.length })}</p>
          <p lang={lang === 'zh' ? 'zh-CN' : 'en'} className="tour-caption-preview">
            {inLanguage(step.caption, lang) || t('tourNoCaption')}
          </p>
          {!mine && inLanguage(step.notes, lang) && (
            <p className="muted small" data-field="notes">
              {t('tourNotes')}: {inLanguage(step.notes, lang)}
            </p>
          )}
          <div className="button-row">
            <button type="button" disabled={stepIndex === 0} onClick={() => void stepBy(-1)}>
              {t('tourPrevious')}
            </button>
            <button type="button" disabled={stepIndex + 1 >= tour.steps.length} onClick={() => void stepBy(1)}>
              {t('tourNext')}
            </button>
            <button type="button" onClick={() => setPresenting(true)}>
              {t('present')}
            </button>
            <button type="button" onClick={openPresenterView}>
              {t('presenterView')}
            </button>
          </div>
        </>
      )}
      {missing && (
        <div role="alert" className="tour-missing">
          {t('tourNeedsAtlases', { atlases: missing.message })}{' '}
          {missing.atlases.map((id) => (
            <button key={id} type="button" onClick={() => void downloadAtlas(id).then(() => goToStep(stepIndex))}>
              {t('downloadAtlas', { atlas: id })}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <TourEditor mine={mine} />
      <div className="button-row">
        <button type="button" onClick={addCurrentViewAsStep}>
          {t('tourAddStep')}
        </button>
        <FileButton
          label={t('tourOpen')}
          accept=".json,.braintour.json"
          onFiles={([file]) => void openTourFile(file)}
        />
        {mine && (
          <button type="button" onClick={() => useStore.getState().saveTour()}>
            {dirty ? t('tourSaveChanged') : t('tourSave')}
          </button>
        )}
      </div>
    </CollapsiblePanel>
  );
}

/** Captions, notes and order of the step shown, for a tour of one's own (shipped tours are read-only). */
function TourEditor({ mine }: { mine: boolean }) {
  const t = useT();
  const tours = useStore((s) => s.tours);
  const tourId = useStore((s) => s.tourId);
  const index = useStore((s) => s.tourStep);
  const update = useStore((s) => s.updateStep);
  const move = useStore((s) => s.moveStep);
  const remove = useStore((s) => s.deleteStep);
  const tour = tours.find((x) => x.id === tourId);
  const step = tour?.steps[index];
  if (!mine || !tour || !step) return null;
  const field = (part: 'caption' | 'notes', lang: 'en' | 'zh', label: string) => (
    <label className="tour-field">
      <span>{label}</span>
      <textarea
        rows={part === 'caption' ? 2 : 3}
        value={step[part][lang]}
        onChange={(e) => update(index, { [part]: { ...step[part], [lang]: e.target.value } })}
      />
    </label>
  );
  return (
    <fieldset className="tour-editor">
      <legend>{t('tourEditStep', { n: index + 1 })}</legend>
      {field('caption', 'en', t('tourCaptionEn'))}
      {field('caption', 'zh', t('tourCaptionZh'))}
      {field('notes', 'en', t('tourNotesEn'))}
      {field('notes', 'zh', t('tourNotesZh'))}
      <div className="button-row">
        <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>
          {t('tourMoveUp')}
        </button>
        <button type="button" disabled={index + 1 >= tour.steps.length} onClick={() => move(index, 1)}>
          {t('tourMoveDown')}
        </button>
        <button type="button" onClick={() => remove(index)}>
          {t('tourDeleteStep')}
        </button>
      </div>
    </fieldset>
  );
}
