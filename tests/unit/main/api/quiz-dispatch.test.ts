import { beforeEach, describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../../../core/api';
import { AtlasError } from '../../../../core/errors';
import { dispatch } from '../../../../main/api/api-dispatch';

const calls: unknown[] = [];
const api = {
  makeQuiz: async (arg: unknown) => {
    calls.push(arg);
    return { questions: [] };
  },
} as unknown as AtlasApi;

beforeEach(() => {
  calls.length = 0;
});

async function refused(arg: unknown, message: string): Promise<void> {
  const error = await dispatch(api, 'makeQuiz', arg).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, JSON.stringify(arg)).toBeInstanceOf(AtlasError);
  expect((error as AtlasError).code).toBe('invalid-argument');
  expect((error as AtlasError).message).toBe(message);
  expect(calls).toEqual([]);
}

describe('makeQuiz arguments', () => {
  it('passes a valid request on, cleaned', async () => {
    await dispatch(api, 'makeQuiz', { id: 'aal3', variant: '2mm', pool: 'network:Default', count: 10, seed: 0 });
    expect(calls).toStrictEqual([
      { id: 'aal3', res: undefined, variant: '2mm', pool: 'network:Default', count: 10, seed: 0 },
    ]);
  });

  it('refuses a bad pool, count or seed, and keys it does not know', async () => {
    const ok = { id: 'aal3', pool: 'all', count: 5, seed: 1 };
    const pool = 'pool must be "all", "left", "right", "network:NAME", "lobe:LOBE" or "tour:ID"';
    await refused({ ...ok, pool: 'lobe' }, pool);
    await refused({ ...ok, pool: 'network:' }, pool);
    await refused({ ...ok, pool: 3 }, pool);
    const count = 'count must be a whole number of questions, 1 to 200';
    for (const c of [0, 201, 2.5, '5', null]) await refused({ ...ok, count: c }, count);
    const seed = 'seed must be a whole number from 0 to 4294967295';
    for (const s of [-1, 2 ** 32, 1.5, '1', undefined]) await refused({ ...ok, seed: s }, seed);
    await refused({ ...ok, id: '../x' }, 'id must be an atlas id such as "aal3"');
    await refused({ ...ok, answers: [] }, 'makeQuiz does not take "answers"');
  });
});
