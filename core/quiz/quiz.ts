/**
 * Region quizzes: the questions of a quiz from an atlas's regions and a seed (the same seed gives the same quiz in
 * the window and on the command line, so a class can be given one quiz), the pools a quiz draws from, and whether a
 * typed answer names a region (its name or a region card's names and aliases, in English or Chinese, with small
 * typos forgiven).
 */

import { LOBES, type Lobe, lobeOf } from './lobes';

/** A region a quiz can ask about. */
export interface QuizRegion {
  value: number;
  name: string;
  hemisphere?: 'left' | 'right' | 'bilateral' | null;
  network?: string | null;
}

export interface QuizQuestion {
  region: { value: number; name: string };
  /** Four names (fewer when the pool is smaller), the right one among them, in the order they are shown. */
  choices: string[];
}

/** Answers offered per question. */
export const QUIZ_CHOICES = 4;
export const MAX_QUIZ_QUESTIONS = 200;

/**
 * The pools: every region, one hemisphere, one functional network ("network:Default"), one lobe ("lobe:frontal",
 * lobes.ts), or the regions of the atlas that a shipped tour shows ("tour:system-motor", core/lecture/).
 */
export type QuizPool = 'all' | 'left' | 'right' | `network:${string}` | `lobe:${Lobe}` | `tour:${string}`;

const TOUR_POOL = /^tour:[a-z0-9][a-z0-9._-]{0,63}$/;

export function isQuizPool(s: string): s is QuizPool {
  return (
    s === 'all' ||
    s === 'left' ||
    s === 'right' ||
    (s.startsWith('network:') && s.length > 'network:'.length) ||
    (s.startsWith('lobe:') && (LOBES as readonly string[]).includes(s.slice('lobe:'.length))) ||
    TOUR_POOL.test(s)
  );
}

/** mulberry32: a small, fast, well-spread 32-bit generator; numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with `random`: a new array. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The regions of a pool, by label value. A tour pool takes the names of the regions its tour shows (`named`). */
export function quizPool(regions: readonly QuizRegion[], pool: QuizPool, named?: ReadonlySet<string>): QuizRegion[] {
  const network = pool.startsWith('network:') ? pool.slice('network:'.length) : null;
  return regions
    .filter((r) => {
      if (pool === 'left' || pool === 'right') return r.hemisphere === pool;
      if (network !== null) return (r.network ?? '').toLowerCase() === network.toLowerCase();
      if (pool.startsWith('tour:')) return named?.has(r.name) ?? false;
      if (pool.startsWith('lobe:')) return lobeOf(r.name) === pool.slice('lobe:'.length);
      return true;
    })
    .sort((a, b) => a.value - b.value);
}

/**
 * `count` questions (at most the pool's size), each region asked once: the pool shuffled by the seed, then for each
 * question three other regions of the pool drawn as wrong answers and the four shuffled.
 */
export function makeQuiz(pool: readonly QuizRegion[], count: number, seed: number): QuizQuestion[] {
  const random = seededRandom(seed);
  const regions = [...pool].sort((a, b) => a.value - b.value);
  const asked = shuffled(regions, random).slice(0, Math.max(0, Math.min(count, regions.length)));
  return asked.map((target) => {
    const others = shuffled(
      regions.filter((r) => r.value !== target.value),
      random,
    ).slice(0, QUIZ_CHOICES - 1);
    return {
      region: { value: target.value, name: target.name },
      choices: shuffled([target.name, ...others.map((r) => r.name)], random),
    };
  });
}

/** Lower case, underscores and dashes as spaces, spaces collapsed: "Frontal_Inf_Oper_L" → "frontal inf oper l". */
export function normaliseAnswer(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[_\-–]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length];
}

/** Typos forgiven in an answer of this many characters: none under 4, one under 9, then two. */
export function typosAllowed(length: number): number {
  return length < 4 ? 0 : length < 9 ? 1 : 2;
}

/** How far an answer is from the nearest of `names` (edit distance on normalised text), or Infinity past typos. */
function nearest(a: string, names: readonly string[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const n of names) {
    const b = normaliseAnswer(n);
    if (b === '') continue;
    const allowed = typosAllowed(b.length);
    const d = editDistance(a, b, allowed);
    if (d <= allowed) best = Math.min(best, d);
  }
  return best;
}

/**
 * Whether a typed answer names the region asked about: one of its names (its own, its cards' names and aliases)
 * within the typos allowed, and nearer to it than to any other region's names, so "Precentral_R" is not taken for
 * "Precentral_L".
 */
export function answerIsRight(answer: string, names: readonly string[], otherNames: readonly string[]): boolean {
  const a = normaliseAnswer(answer);
  if (a === '') return false;
  const mine = nearest(a, names);
  return Number.isFinite(mine) && mine < nearest(a, otherNames);
}
