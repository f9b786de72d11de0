import { useEffect, useState } from 'react';
import { formatTableRows } from '../../../core/maps/cluster-report';
import { infoForRegion } from '../../../core/atlas/region-info';
import { networkName } from '../../../core/atlas/network-atlases';
import { inLanguage } from '../../../core/lecture/tour';
import { LOBES, type Lobe } from '../../../core/quiz/lobes';
import { MAX_QUIZ_QUESTIONS, type QuizPool } from '../../../core/quiz/quiz';
import type { MessageKey } from '../i18n/en';
import { saveBytes } from '../figure/save-file';
import { useT } from '../i18n/index';
import { layerData } from '../model/layer-data';
import { quizResultRows } from '../model/quiz-results';
import { useStore } from '../store';
import type { QuizMode, QuizRun } from '../store/quiz-slice';
import { CollapsiblePanel } from './CollapsiblePanel';
import { Select } from './Select';
import { atlasName } from '../i18n/names';

const LOBE_KEY: Record<Lobe, MessageKey> = {
  frontal: 'lobeFrontal',
  parietal: 'lobeParietal',
  temporal: 'lobeTemporal',
  occipital: 'lobeOccipital',
  insula: 'lobeInsula',
  limbic: 'lobeLimbic',
  subcortical: 'lobeSubcortical',
  cerebellum: 'lobeCerebellum',
};

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Region quizzes: set one up, answer it (choices, typing, or a click in Find it), and review the misses. */
export function QuizPanel() {
  const t = useT();
  const quiz = useStore((s) => s.quiz);
  const loadTours = useStore((s) => s.loadTours);
  return (
    // The tours' pools appear once the tours are known (they need the brain systems, read when first asked).
    <CollapsiblePanel id="quiz-title" title={t('quiz')} onOpen={() => void loadTours()}>
      {(!quiz || quiz.finishedAt !== null) && <QuizSetupForm />}
      {quiz && <QuizScore run={quiz} />}
      {quiz && quiz.finishedAt === null && <QuizQuestionView key={quiz.index} run={quiz} />}
      {quiz && quiz.finishedAt !== null && <QuizReview run={quiz} />}
    </CollapsiblePanel>
  );
}

function QuizSetupForm() {
  const t = useT();
  const setup = useStore((s) => s.quizSetup);
  const setSetup = useStore((s) => s.setQuizSetup);
  const start = useStore((s) => s.startQuiz);
  const busy = useStore((s) => s.quizBusy);
  const error = useStore((s) => s.quizError);
  const listings = useStore((s) => s.listings);
  const atlases = (listings ?? []).filter((l) => l.kind === 'labels' && l.status === 'present');
  // The quiz atlas's networks, when it is drawn (its regions are known here then).
  const layers = useStore((s) => s.layers);
  const tours = useStore((s) => s.tours);
  const lang = useStore((s) => s.lang);
  const drawn = layers.map((l) => layerData.get(l?.key)).find((d) => d?.atlasId === setup.atlasId);
  const networks = [...new Set(drawn?.regions.flatMap((r) => (r.network ? [r.network] : [])) ?? [])].sort();
  const pools: { value: QuizPool; label: string }[] = [
    { value: 'all', label: t('quizPoolAll') },
    { value: 'left', label: t('leftHemisphere') },
    { value: 'right', label: t('rightHemisphere') },
    ...networks.map((n) => ({
      value: `network:${n}` as QuizPool,
      label: t('quizPoolNetwork', { network: networkName(n, lang) }),
    })),
    ...LOBES.map((l) => ({ value: `lobe:${l}` as QuizPool, label: t('quizPoolLobe', { lobe: t(LOBE_KEY[l]) }) })),
    // The shipped tours that show regions of the quiz atlas (listed once the tours are loaded).
    ...tours
      .filter(
        (x) =>
          !x.id.startsWith('my-tour') &&
          x.steps.some((st) => st.view.kind === 'regions' && st.view.regions.some((r) => r.atlas === setup.atlasId)),
      )
      .map((x) => ({
        value: `tour:${x.id}` as QuizPool,
        label: t('quizPoolTour', { tour: inLanguage(x.title, lang) }),
      })),
  ];
  return (
    <form
      className="quiz-setup"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <div className="field">
        <label htmlFor="quiz-atlas">{t('quizAtlas')}</label>
        <Select id="quiz-atlas" value={setup.atlasId} onChange={(e) => setSetup({ atlasId: e.target.value })}>
          {atlases.map((a) => (
            <option key={a.id} value={a.id}>
              {atlasName(listings, a.id, lang)}
            </option>
          ))}
        </Select>
      </div>
      <div className="field">
        <label htmlFor="quiz-pool">{t('quizPool')}</label>
        <Select id="quiz-pool" value={setup.pool} onChange={(e) => setSetup({ pool: e.target.value as QuizPool })}>
          {pools.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="field">
        <label htmlFor="quiz-mode">{t('quizMode')}</label>
        <Select id="quiz-mode" value={setup.mode} onChange={(e) => setSetup({ mode: e.target.value as QuizMode })}>
          <option value="name">{t('quizModeName')}</option>
          <option value="find">{t('quizModeFind')}</option>
        </Select>
      </div>
      <div className="field">
        <label htmlFor="quiz-count">{t('quizQuestions')}</label>
        <input
          id="quiz-count"
          type="number"
          min={1}
          max={MAX_QUIZ_QUESTIONS}
          step={1}
          value={setup.count}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= MAX_QUIZ_QUESTIONS) setSetup({ count: n });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="quiz-seed">{t('quizSeed')}</label>
        <input
          id="quiz-seed"
          type="number"
          min={0}
          max={2 ** 32 - 1}
          step={1}
          value={setup.seed}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 0 && n <= 2 ** 32 - 1) setSetup({ seed: n });
          }}
        />
      </div>
      <button type="submit" disabled={busy || atlases.length === 0}>
        {t('startQuiz')}
      </button>
      {busy && <p className="muted">{t('quizPreparing')}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

function QuizScore({ run }: { run: QuizRun }) {
  const t = useT();
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (run.finishedAt !== null) return;
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, [run.finishedAt]);
  const right = run.answers.filter((a) => a.right).length;
  const elapsed = (run.finishedAt ?? now) - run.startedAt;
  return (
    <div role="status" aria-label={t('quizScore')} className="quiz-score">
      {t('quizScoreText', {
        right,
        asked: run.answers.length,
        total: run.result.questions.length,
        streak: run.streak,
        time: clock(Math.max(0, elapsed)),
      })}
    </div>
  );
}

function QuizQuestionView({ run }: { run: QuizRun }) {
  const t = useT();
  const answer = useStore((s) => s.answerQuiz);
  const next = useStore((s) => s.nextQuestion);
  const end = useStore((s) => s.endQuiz);
  const [typed, setTyped] = useState('');
  const q = run.result.questions[run.index];
  // Find it: a click on a region of the quiz's atlas (the picker selects it) is the answer.
  useEffect(() => {
    if (run.mode !== 'find') return;
    return useStore.subscribe((s, prev) => {
      if (!s.selected || s.selected === prev.selected || !s.quiz || s.quiz.feedback) return;
      const [atlasId, value] = [s.selected.slice(0, s.selected.lastIndexOf(':')), Number(s.selected.split(':').pop())];
      if (atlasId !== s.quiz.result.atlasId) return;
      const region = s.quiz.result.regions.find((r) => r.value === value);
      if (region) s.answerQuiz(region.name);
    });
  }, [run.mode]);
  if (!q) return null;
  const fb = run.feedback;
  return (
    <div className="quiz-question">
      <p className="quiz-prompt">
        {t('quizQuestionOf', { n: run.index + 1, total: run.result.questions.length })}{' '}
        {run.mode === 'name' ? t('quizWhichRegion') : t('quizFindRegion', { name: q.region.name })}
      </p>
      {run.mode === 'name' && (
        <>
          <fieldset aria-label={t('quizAnswers')} className="quiz-choices">
            {q.choices.map((c) => (
              <button
                key={c}
                type="button"
                disabled={!!fb}
                className={`quiz-choice${fb && c === q.region.name ? ' right' : fb && c === fb.given ? ' wrong' : ''}`}
                onClick={() => answer(c)}
              >
                {c}
              </button>
            ))}
          </fieldset>
          <form
            className="quiz-typed"
            onSubmit={(e) => {
              e.preventDefault();
              if (typed.trim()) answer(typed);
            }}
          >
            <input
              type="text"
              aria-label={t('quizYourAnswer')}
              placeholder={t('quizTypePlaceholder')}
              value={typed}
              disabled={!!fb}
              onChange={(e) => setTyped(e.target.value)}
            />
            <button type="submit" disabled={!!fb || !typed.trim()}>
              {t('quizAnswer')}
            </button>
          </form>
        </>
      )}
      {run.mode === 'find' && !fb && (
        <button type="button" onClick={() => answer('')}>
          {t('quizSkip')}
        </button>
      )}
      {fb && (
        <div className="quiz-feedback">
          <p role="alert" className={fb.right ? 'right' : 'wrong'}>
            {fb.right ? t('quizRight') : t('quizWrong', { name: fb.name })}
          </p>
          {/* biome-ignore lint/a11y/noAutofocus: the next step after an answer, for the keyboard */}
          <button type="button" autoFocus onClick={next}>
            {run.index + 1 < run.result.questions.length ? t('quizNext') : t('quizFinish')}
          </button>
        </div>
      )}
      <button type="button" className="link" onClick={end}>
        {t('quizEnd')}
      </button>
    </div>
  );
}

function QuizReview({ run }: { run: QuizRun }) {
  const t = useT();
  const lang = useStore((s) => s.lang);
  const info = useStore((s) => s.regionInfo);
  const end = useStore((s) => s.endQuiz);
  const misses = run.answers.filter((a) => !a.right);
  const right = run.answers.length - misses.length;
  const save = () => {
    const csv = formatTableRows(quizResultRows(run.result.atlasId, run.result.seed, run.answers), 'csv');
    saveBytes(new TextEncoder().encode(csv), 'text/csv', `quiz-${run.result.atlasId}-seed${run.result.seed}.csv`);
  };
  return (
    <section aria-label={t('quizReview')} className="quiz-review">
      <p>{t('quizFinal', { right, total: run.answers.length, best: run.bestStreak })}</p>
      {misses.length === 0 ? (
        <p>{t('quizNoMisses')}</p>
      ) : (
        <ul>
          {misses.map((m) => {
            const card = infoForRegion(info ?? [], run.result.atlasId, m.name)[0];
            return (
              <li key={m.value}>
                <strong>{m.name}</strong>
                {card && ` · ${card[lang].name}`}
                <div className="muted">{m.given ? t('quizYouAnswered', { given: m.given }) : t('quizSkipped')}</div>
                {card && <p lang={lang === 'zh' ? 'zh-CN' : 'en'}>{card[lang].description}</p>}
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" onClick={save}>
        {t('quizSaveCsv')}
      </button>{' '}
      <button type="button" onClick={end}>
        {t('quizClose')}
      </button>
    </section>
  );
}
