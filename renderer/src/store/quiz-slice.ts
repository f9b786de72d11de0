/**
 * The region quiz: its setup (atlas, pool, number of questions, seed, mode), the questions (api.makeQuiz, the same as
 * `brain-atlas quiz --json` for the atlas variant drawn), the answers given, score, streak and time. "Name it" shows
 * the region asked alone, the others faded, and takes a choice or a typed name; "Find it" names the region and takes
 * a click on it. The questions are asked on the atlas drawn in the first slot, which starting a quiz chooses.
 */
import type { StateCreator } from 'zustand';
import type { QuizResult } from '../../../core/api/quiz-api';
import { type QuizPool, answerIsRight } from '../../../core/quiz/quiz';
import { infoForRegion, searchTerms } from '../../../core/atlas/region-info';
import { api } from '../api';
import { findRegion, regionKey } from '../model/layer-data';
import type { Store } from './index';

export type QuizMode = 'name' | 'find';

export interface QuizSetup {
  atlasId: string;
  pool: QuizPool;
  count: number;
  seed: number;
  mode: QuizMode;
}

export interface QuizAnswer {
  value: number;
  name: string;
  /** What was chosen, typed or clicked (a region's name), '' when skipped. */
  given: string;
  right: boolean;
  ms: number;
}

export interface QuizRun {
  result: QuizResult;
  mode: QuizMode;
  index: number;
  answers: QuizAnswer[];
  streak: number;
  bestStreak: number;
  startedAt: number;
  questionAt: number;
  /** The last answer's verdict, shown until the next question. */
  feedback: QuizAnswer | null;
  finishedAt: number | null;
}

export interface QuizSlice {
  quizSetup: QuizSetup;
  quiz: QuizRun | null;
  quizBusy: boolean;
  quizError: string | null;
  setQuizSetup(patch: Partial<QuizSetup>): void;
  startQuiz(): Promise<void>;
  /** Answers the current question with a choice, a typed name, or (Find it) the name of the region clicked. */
  answerQuiz(given: string): void;
  nextQuestion(): void;
  endQuiz(): void;
}

/** While a "Name it" question waits for its answer, region names stay off the screen (tooltip, status line). */
export function quizHidesNames(s: Pick<QuizSlice, 'quiz'>): boolean {
  const q = s.quiz;
  return !!q && q.mode === 'name' && q.finishedAt === null && !q.feedback;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A seed from the page address (`?seed=`), else from the clock: a class shares one by saying it. */
function initialSeed(): number {
  const fromUrl = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('seed');
  const n = fromUrl === null ? Number.NaN : Number(fromUrl);
  return Number.isInteger(n) && n >= 0 && n <= 2 ** 32 - 1 ? n : Date.now() % 100_000;
}

/** The names a typed answer may give for a region: its own and its region cards' names and aliases. */
function namesOf(s: Store, atlasId: string, name: string): string[] {
  const cards = infoForRegion(s.regionInfo ?? [], atlasId, name);
  return [name, ...cards.flatMap(searchTerms)];
}

export const createQuizSlice: StateCreator<Store, [], [], QuizSlice> = (set, get) => {
  /**
   * Shows the current question's region. Name it: that region alone (in the glass brain when it is shown), the
   * slices through its centre. Find it: every region.
   */
  const show = (run: QuizRun) => {
    const q = run.result.questions[run.index];
    if (!q) return;
    const s = get();
    s.select(null);
    if (run.mode === 'name') {
      const key = regionKey(run.result.atlasId, q.region.value);
      s.setFadeOthers(false);
      s.showOnly([key]);
      const found = findRegion(s.layers, key);
      if (found) s.setCursor(found.region.centroid);
    } else s.showOnly(null);
  };
  return {
    quizSetup: { atlasId: 'aal3', pool: 'all', count: 10, seed: initialSeed(), mode: 'name' },
    quiz: null,
    quizBusy: false,
    quizError: null,
    setQuizSetup(patch) {
      set((s) => ({ quizSetup: { ...s.quizSetup, ...patch } }));
    },
    async startQuiz() {
      const setup = get().quizSetup;
      set({ quizBusy: true, quizError: null, quiz: null });
      try {
        if (get().layers[0]?.atlasId !== setup.atlasId) await get().chooseAtlas(0, setup.atlasId);
        const layer = get().layers[0];
        // chooseAtlas says why in the app's alert when it fails.
        if (layer?.atlasId !== setup.atlasId) throw new Error(get().error ?? `${setup.atlasId} could not be drawn`);
        void get().loadRegionInfo();
        const result = await api.makeQuiz({
          id: setup.atlasId,
          variant: layer.variant,
          pool: setup.pool,
          count: setup.count,
          seed: setup.seed,
        });
        const now = performance.now();
        const run: QuizRun = {
          result,
          mode: setup.mode,
          index: 0,
          answers: [],
          streak: 0,
          bestStreak: 0,
          startedAt: now,
          questionAt: now,
          feedback: null,
          finishedAt: result.questions.length === 0 ? now : null,
        };
        set({ quiz: run });
        show(run);
      } catch (e) {
        set({ quizError: message(e) });
      } finally {
        set({ quizBusy: false });
      }
    },
    answerQuiz(given) {
      const run = get().quiz;
      const q = run?.result.questions[run.index];
      if (!run || !q || run.feedback || run.finishedAt !== null) return;
      const s = get();
      const others = run.result.regions.filter((r) => r.value !== q.region.value).map((r) => r.name);
      const right =
        given === q.region.name || answerIsRight(given, namesOf(s, run.result.atlasId, q.region.name), others);
      const answer: QuizAnswer = {
        value: q.region.value,
        name: q.region.name,
        given,
        right,
        ms: Math.round(performance.now() - run.questionAt),
      };
      const streak = right ? run.streak + 1 : 0;
      set({
        quiz: {
          ...run,
          answers: [...run.answers, answer],
          streak,
          bestStreak: Math.max(run.bestStreak, streak),
          feedback: answer,
        },
      });
      // Find it: the region asked is shown selected, so that a miss shows where it was.
      if (run.mode === 'find') s.select(regionKey(run.result.atlasId, q.region.value));
    },
    nextQuestion() {
      const run = get().quiz;
      if (!run?.feedback) return;
      const index = run.index + 1;
      const done = index >= run.result.questions.length;
      const next: QuizRun = {
        ...run,
        index,
        feedback: null,
        questionAt: performance.now(),
        finishedAt: done ? performance.now() : null,
      };
      set({ quiz: next });
      if (done) {
        get().select(null);
        get().showOnly(null);
      } else show(next);
    },
    endQuiz() {
      set({ quiz: null });
      get().select(null);
      get().showOnly(null);
    },
  };
};
