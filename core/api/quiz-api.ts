/**
 * The part of the API (core/api/index.ts) about region quizzes: the questions of a seeded quiz on an atlas, the same as
 * `brain-atlas quiz --json` prints. Implemented by main/services/quiz-service.ts with core/quiz/quiz.ts.
 */
import type { QuizPool, QuizQuestion } from '../quiz/quiz';
import type { AtlasRequest } from './systems-api';

export type { QuizPool, QuizQuestion } from '../quiz/quiz';

export interface QuizRequest extends AtlasRequest {
  pool: QuizPool;
  count: number;
  /** A whole number 0 … 2³² − 1: the same seed, atlas variant and pool give the same questions. */
  seed: number;
}

export interface QuizResult {
  atlasId: string;
  /** The atlas variant the regions come from. */
  variant: string;
  pool: QuizPool;
  seed: number;
  questions: QuizQuestion[];
  /** Every region of the atlas (value and name): what a typed answer must not be nearer to. */
  regions: { value: number; name: string }[];
}

export interface QuizApi {
  makeQuiz(req: QuizRequest): Promise<QuizResult>;
}

export const QUIZ_API_METHODS = ['makeQuiz'] as const satisfies readonly (keyof QuizApi)[];
