/** Validation of the quiz call (core/api/quiz-api.ts) arriving from the renderer over IPC or HTTP. */
import type { AtlasApi } from '../../core/api';
import { MAX_QUIZ_QUESTIONS, isQuizPool } from '../../core/quiz/quiz';
import { atlasId, fail, onlyKeys, record, res, variantId } from './argument-checks';

export async function validateQuizCall(api: AtlasApi, method: 'makeQuiz', arg: unknown): Promise<unknown> {
  const o = record(arg, method);
  onlyKeys(o, ['id', 'res', 'variant', 'pool', 'count', 'seed'], method);
  if (typeof o.pool !== 'string' || o.pool.length > 200 || !isQuizPool(o.pool))
    fail('pool must be "all", "left", "right", "network:NAME", "lobe:LOBE" or "tour:ID"');
  if (typeof o.count !== 'number' || !Number.isInteger(o.count) || o.count < 1 || o.count > MAX_QUIZ_QUESTIONS)
    fail(`count must be a whole number of questions, 1 to ${MAX_QUIZ_QUESTIONS}`);
  if (typeof o.seed !== 'number' || !Number.isInteger(o.seed) || o.seed < 0 || o.seed > 2 ** 32 - 1)
    fail('seed must be a whole number from 0 to 4294967295');
  return api.makeQuiz({
    id: atlasId(o.id),
    res: res(o.res),
    variant: variantId(o.variant),
    pool: o.pool,
    count: o.count,
    seed: o.seed,
  });
}
