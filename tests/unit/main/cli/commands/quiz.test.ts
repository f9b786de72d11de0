import { beforeAll, describe, expect, it } from 'vitest';
import { makeQuiz } from '../../../../../core/quiz/quiz';
import { captureCli } from '../../../../helpers/run-cli';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas quiz', () => {
  it('prints the seeded questions as JSON: each region once, its name among the choices', async () => {
    const a = await cli('quiz', '--atlas', 'synth', '--seed', '3', '--count', '5', '--json');
    expect(a.code).toBe(0);
    const questions = JSON.parse(a.out) as { region: { value: number; name: string }; choices: string[] }[];
    // Two regions: two questions whatever the count asked.
    expect(questions.map((q) => q.region.value).sort()).toEqual([1, 2]);
    const names = { 1: '7Networks_LH_Vis_1', 2: '7Networks_RH_Default_PFC_1' } as Record<number, string>;
    for (const q of questions) {
      expect(q.region.name).toBe(names[q.region.value]);
      expect([...q.choices].sort()).toEqual(Object.values(names).sort());
    }
    // The order the core's seeded quiz gives for the atlas's regions.
    const regions = [1, 2].map((value) => ({ value, name: names[value] }));
    expect(questions).toEqual(makeQuiz(regions, 5, 3));
    expect((await cli('quiz', '--atlas', 'synth', '--seed', '3', '--count', '5', '--json')).out).toBe(a.out);
    const text = await cli('quiz', '--atlas', 'synth', '--seed', '3');
    expect(text.out).toMatch(/^synth \(\w+\), pool all, seed 3: 2 questions/);
    expect(text.out).toMatch(/1\. A\) \S+ {3}B\) \S+ {3}answer: [AB]/);
  });

  it('refuses a pool too small, and says what is missing from its arguments', async () => {
    const small = await cli('quiz', '--atlas', 'synth', '--seed', '1', '--pool', 'network:Visual');
    expect(small.code).toBe(1);
    expect(small.err).toContain('the pool "network:Visual" holds 1 region(s)');
    expect((await cli('quiz', '--atlas', 'synth')).err).toContain('quiz needs --seed S');
    expect((await cli('quiz', '--seed', '1')).err).toContain('quiz needs one atlas');
    expect((await cli('quiz', '--atlas', 'synth', '--seed', '-1')).err).toContain('--seed needs a whole number');
    expect((await cli('quiz', '--atlas', 'synth', '--seed', '1', '--pool', 'lobe')).err).toContain('--pool must be');
  });
});
