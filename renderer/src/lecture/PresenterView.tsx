import { useEffect, useState } from 'react';
import { inLanguage } from '../../../core/lecture/tour';
import type { MessageKey } from '../i18n/en';
import { translate } from '../i18n/index';
import { PRESENTER_CHANNEL, type PresenterMessage, readPresenterMessage } from './presenter-channel';

type State = Extract<PresenterMessage, { type: 'state' }>;

/**
 * The presenter view, a window of its own: the step shown with its caption and notes, the next step's caption,
 * and Previous / Next (and the clicker's keys), which move the main window's tour.
 */
export function PresenterView() {
  const [state, setState] = useState<State | null>(null);
  const [channel] = useState(() => new BroadcastChannel(PRESENTER_CHANNEL));
  useEffect(() => {
    channel.onmessage = (e) => {
      const m = readPresenterMessage(e.data);
      if (m?.type === 'state') setState(m);
    };
    channel.postMessage({ type: 'hello' } satisfies PresenterMessage);
    const onKey = (e: KeyboardEvent) => {
      const delta = ['ArrowRight', 'PageDown', ' '].includes(e.key)
        ? 1
        : ['ArrowLeft', 'PageUp'].includes(e.key)
          ? -1
          : 0;
      if (!delta) return;
      e.preventDefault();
      channel.postMessage({ type: 'step', delta } satisfies PresenterMessage);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      channel.close();
    };
  }, [channel]);
  const lang = state?.lang ?? 'en';
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  useEffect(() => {
    document.title = t('presenterView');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  });
  const tour = state?.tour ?? null;
  const step = tour?.steps[state?.step ?? 0];
  const next = tour?.steps[(state?.step ?? 0) + 1];
  const move = (delta: 1 | -1) => channel.postMessage({ type: 'step', delta } satisfies PresenterMessage);
  return (
    <main className="presenter-view" aria-label={t('presenterView')}>
      {!tour || !step ? (
        <p>{t('presenterWaiting')}</p>
      ) : (
        <>
          <h1>
            {inLanguage(tour.title, lang)} · {t('tourStepOf', { n: (state?.step ?? 0) + 1, total: tour.steps.length })}
          </h1>
          <section aria-label={t('caption')}>
            <p className="presenter-caption">{inLanguage(step.caption, lang)}</p>
          </section>
          <section aria-label={t('tourNotes')}>
            <h2>{t('tourNotes')}</h2>
            <p className="presenter-notes">{inLanguage(step.notes, lang) || '—'}</p>
          </section>
          <section aria-label={t('presenterNext')}>
            <h2>{t('presenterNext')}</h2>
            <p className="muted">{next ? inLanguage(next.caption, lang) : t('presenterLast')}</p>
          </section>
          <div className="button-row">
            <button type="button" onClick={() => move(-1)}>
              {t('tourPrevious')}
            </button>
            <button type="button" onClick={() => move(1)}>
              {t('tourNext')}
            </button>
          </div>
        </>
      )}
    </main>
  );
}
