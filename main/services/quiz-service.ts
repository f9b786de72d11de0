/** Region quizzes on an atlas variant (core/quiz/quiz.ts): what the window's Quiz and `brain-atlas quiz` ask. */
import { AtlasError } from '../../core/errors';
import type { QuizRequest, QuizResult } from '../../core/api/quiz-api';
import type { Tour } from '../../core/lecture/tour';
import { makeQuiz, quizPool } from '../../core/quiz/quiz';
import type { AtlasService } from './atlas-service';

/** The names of `atlasId`'s regions that a shipped tour shows (a "tour:ID" pool). */
async function tourRegionNames(shipped: () => Promise<Tour[]>, tourId: string, atlasId: string): Promise<Set<string>> {
  const tours = await shipped();
  const tour = tours.find((t) => t.id === tourId);
  if (!tour) {
    throw new AtlasError('invalid-argument', `no tour "${tourId}"; the tours are ${tours.map((t) => t.id).join(', ')}`);
  }
  const names = new Set<string>();
  for (const step of tour.steps)
    if (step.view.kind === 'regions') for (const r of step.view.regions) if (r.atlas === atlasId) names.add(r.name);
  return names;
}

/** The quiz of a request; `shipped` gives the shipped tours (core/lecture/shipped-tours.ts) for "tour:ID" pools. */
export async function quizOf(
  service: AtlasService,
  req: QuizRequest,
  shipped: () => Promise<Tour[]>,
): Promise<QuizResult> {
  const { atlas, variant, loaded } = await service.load(req.id, req.res, req.variant);
  if (loaded.type !== 'labels') {
    throw new AtlasError(
      'invalid-argument',
      `${atlas.name} has no labelled regions to ask about (it is a ${atlas.kind} atlas)`,
    );
  }
  const regions = loaded.atlas.regions;
  const named = req.pool.startsWith('tour:')
    ? await tourRegionNames(shipped, req.pool.slice('tour:'.length), atlas.id)
    : undefined;
  const pool = quizPool(regions, req.pool, named);
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
