import { describe, expect, it } from 'vitest';
import {
  answerIsRight,
  editDistance,
  isQuizPool,
  makeQuiz,
  normaliseAnswer,
  type QuizRegion,
  quizPool,
  seededRandom,
} from '../../../../core/quiz/quiz';

const REGIONS: QuizRegion[] = Array.from({ length: 12 }, (_, i) => ({
  value: i + 1,
  name: `Region_${i + 1}_${i % 2 ? 'R' : 'L'}`,
  hemisphere: i % 2 ? 'right' : 'left',
  network: i < 4 ? 'Visual' : 'Default',
}));

describe('seededRandom', () => {
  it('is mulberry32: the same numbers for a seed, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // mulberry32's first output for seed 1, computed by hand from its definition
    let t = (1 + 0x6d2b79f5) >>> 0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    expect(seededRandom(1)()).toBe(((t ^ (t >>> 14)) >>> 0) / 4294967296);
  });
});

describe('makeQuiz', () => {
  it('asks each region of the pool at most once, with 4 distinct choices holding the answer', () => {
    const quiz = makeQuiz(REGIONS, 12, 7);
    expect(quiz).toHaveLength(12);
    expect(new Set(quiz.map((q) => q.region.value)).size).toBe(12);
    for (const q of quiz) {
      expect(q.choices).toHaveLength(4);
      expect(new Set(q.choices).size).toBe(4);
      expect(q.choices).toContain(q.region.name);
      expect(q.region.name).toBe(`Region_${q.region.value}_${q.region.value % 2 ? 'L' : 'R'}`);
    }
  });

  it('gives the same quiz for a seed whatever the order of the regions, and another for another seed', () => {
    const a = makeQuiz(REGIONS, 5, 123);
    expect(makeQuiz([...REGIONS].reverse(), 5, 123)).toEqual(a);
    expect(makeQuiz(REGIONS, 5, 124)).not.toEqual(a);
    // The answer is not always the first choice: over 12 questions it takes several places.
    const places = new Set(makeQuiz(REGIONS, 12, 5).map((q) => q.choices.indexOf(q.region.name)));
    expect(places.size).toBeGreaterThan(1);
  });

  it('asks no more questions than the pool has regions, with fewer choices in a small pool', () => {
    const small = REGIONS.slice(0, 3);
    const quiz = makeQuiz(small, 10, 1);
    expect(quiz).toHaveLength(3);
    expect(quiz.every((q) => q.choices.length === 3)).toBe(true);
    expect(makeQuiz(REGIONS, 0, 1)).toEqual([]);
  });
});

describe('quizPool', () => {
  it('keeps a hemisphere or a network (any case), sorted by value', () => {
    expect(quizPool(REGIONS, 'left').map((r) => r.value)).toEqual([1, 3, 5, 7, 9, 11]);
    expect(quizPool(REGIONS, 'network:visual').map((r) => r.value)).toEqual([1, 2, 3, 4]);
    expect(quizPool([...REGIONS].reverse(), 'all').map((r) => r.value)).toEqual(REGIONS.map((r) => r.value));
    expect(isQuizPool('network:Default')).toBe(true);
    expect(isQuizPool('network:')).toBe(false);
    expect(isQuizPool('lobe')).toBe(false);
  });
});

describe('answers', () => {
  it('normalises case, underscores and spaces', () => {
    expect(normaliseAnswer('  Frontal_Inf_Oper_L ')).toBe('frontal inf oper l');
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });

  it('takes a name, an alias or a Chinese name, forgives small typos, and never another region', () => {
    const names = ['Precentral_L', 'Primary motor cortex', '中央前回'];
    const others = ['Precentral_R', 'Postcentral_L', 'Postcentral_R'];
    expect(answerIsRight('precentral l', names, others)).toBe(true);
    expect(answerIsRight('primary motor cortx', names, others)).toBe(true);
    expect(answerIsRight('中央前回', names, others)).toBe(true);
    expect(answerIsRight('Precentral_R', names, others)).toBe(false);
    expect(answerIsRight('postcentral l', names, others)).toBe(false);
    expect(answerIsRight('motor', names, others)).toBe(false);
    expect(answerIsRight('', names, others)).toBe(false);
    // Short names forgive nothing: "V2" is not "V1".
    expect(answerIsRight('V2', ['V1'], [])).toBe(false);
  });
});
