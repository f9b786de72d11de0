import { useEffect } from 'react';
import { inLanguage } from '../../../core/lecture/tour';
import { useT } from '../i18n/index';
import { useStore } from '../store';
import { stepBy } from './tour-player';

/**
 * Presenting a tour: the 3D view fills the screen (styles: .app.presenting), the step's caption in large type in a
 * live region named "Caption", and the keys a presentation clicker sends: → PageDown Space next, ← PageUp back,
 * B blanks the screen, L hides or shows the region labels, Esc leaves. Full screen where the browser allows it.
 */
export function Presentation() {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const presenting = useStore((s) => s.presenting);
  const blanked = useStore((s) => s.blanked);
  const tour = useStore((s) => s.tours.find((x) => x.id === s.tourId) ?? null);
  const index = useStore((s) => s.tourStep);

  useEffect(() => {
    if (!presenting) return;
    document.documentElement.requestFullscreen?.().catch(() => {});
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const s = useStore.getState();
      const key = e.key;
      if (key === 'ArrowRight' || key === 'PageDown' || key === ' ') void stepBy(1);
      else if (key === 'ArrowLeft' || key === 'PageUp') void stepBy(-1);
      else if (key === 'b' || key === 'B') s.setBlanked(!s.blanked);
      else if (key === 'l' || key === 'L') s.setLabelsHidden(!s.labelsHidden);
      else if (key === 'Escape') s.setPresenting(false);
      else return;
      e.preventDefault();
    };
    // Leaving the browser's full screen (its own Esc) leaves presenting too.
    const onFullscreen = () => {
      if (!document.fullscreenElement) useStore.getState().setPresenting(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
      if (document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
    };
  }, [presenting]);

  if (!presenting) return null;
  const step = tour?.steps[index];
  return (
    <section className="presentation" aria-label={t('presentation')}>
      <div
        role="status"
        aria-label={t('caption')}
        className="presentation-caption"
        lang={lang === 'zh' ? 'zh-CN' : 'en'}
      >
        {step ? inLanguage(step.caption, lang) : ''}
      </div>
      {tour && (
        <div className="presentation-progress" aria-hidden="true">
          {inLanguage(tour.title, lang)} · {index + 1} / {tour.steps.length}
        </div>
      )}
      {blanked && <div className="presentation-blank" aria-label={t('screenBlanked')} role="img" />}
      <button type="button" className="presentation-leave" onClick={() => useStore.getState().setPresenting(false)}>
        {t('leavePresentation')}
      </button>
    </section>
  );
}
