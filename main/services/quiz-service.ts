/** Region quizzes on an atlas variant (core/quiz/quiz.ts): what the window's Quiz and `brain-atlas quiz` ask. */
import { AtlasError } from '../../core/errors';
import type { QuizRequest, QuizResult } from '../../core/api/quiz-api';
import { makeQuiz, quizPool } from '../../core/quiz/quiz';
import type { AtlasService } from './atlas-service';

export async function quizOf(service: AtlasService, req: QuizRequest): Promise<QuizResult> {
  const { atlas, variant, loaded } = await service.load(req.id, req.res, req.variant);
  if (loaded.type !== 'labels') {
    throw new AtlasError(
      'invalid-argument',
      `${atlas.name} has no labelled regions to ask about (it is a ${atlas.kind} atlas)`,
    );
  }
  const regions = loaded.atlas.regions;
  const pool = quizPool(regions, req.pool);
  if (pool.length < 2) {
    throw new AtlasError(
      'invalid-argument',
      `the pool "${req.pool}" holds ${pool.length} region(s) of ${atlas.name}: a quiz needs at least 2`,
    );
  }
  return {
    atlasId: atlas.id,
    variant: variant.id,
    pool: req.pool,
    seed: req.seed,
    questions: makeQuiz(pool, req.count, req.seed),
    regions: regions.map((r) => ({ value: r.value, name: r.name })),
  };
}
