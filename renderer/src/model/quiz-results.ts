/** A finished quiz as table rows (header first): what "Save results (CSV)" writes. Pure, so it is unit-tested. */
import type { QuizAnswer } from '../store/quiz-slice';

export function quizResultRows(atlasId: string, seed: number, answers: readonly QuizAnswer[]): string[][] {
  return [
    ['question', 'atlas', 'seed', 'value', 'region', 'answer', 'right', 'seconds'],
    ...answers.map((a, i) => [
      String(i + 1),
      atlasId,
      String(seed),
      String(a.value),
      a.name,
      a.given,
      a.right ? 'yes' : 'no',
      (a.ms / 1000).toFixed(1),
    ]),
  ];
}
