/**
 * `brain-atlas quiz`: the questions of a seeded region quiz on an atlas, in the order the window's Quiz asks them
 * (core/quiz/quiz.ts), so that a class can be given the same quiz; as JSON or a numbered list.
 */
import { MAX_QUIZ_QUESTIONS, isQuizPool } from '../../../core/quiz/quiz';
import { shippedTours } from '../../../core/lecture/shipped-tours';
import { brainSystemsPath, loadBrainSystemsFile } from '../../services/brain-systems-file';
import { quizOf } from '../../services/quiz-service';
import { UsageError, parseRes } from '../args';
import type { CliCommand } from '../command';
import { parseNumberFlag } from '../options';

export const quizCommand: CliCommand = {
  options: ['atlas', 'pool', 'count', 'seed', 'res', 'variant', 'json'],
  async run({ io, rest, args, makeService }) {
    if (rest.length > 0) throw new UsageError(`quiz takes no positional arguments (got "${rest[0]}")`);
    const id = args.values.get('atlas');
    if (!id || id.includes(',')) throw new UsageError('quiz needs one atlas: --atlas ID');
    const pool = args.values.get('pool') ?? 'all';
    if (!isQuizPool(pool))
      throw new UsageError(
        `--pool must be all, left, right, network:NAME, lobe:LOBE (frontal, parietal, temporal, occipital, insula, limbic, subcortical, cerebellum) or tour:ID, got "${pool}"`,
      );
    const whole = (lo: number, hi: number) => (n: number) => Number.isInteger(n) && n >= lo && n <= hi;
    const count =
      parseNumberFlag(
        args,
        'count',
        whole(1, MAX_QUIZ_QUESTIONS),
        `a number of questions, 1 to ${MAX_QUIZ_QUESTIONS}`,
      ) ?? 10;
    const seed = parseNumberFlag(args, 'seed', whole(0, 2 ** 32 - 1), 'a whole number from 0 to 4294967295');
    if (seed === undefined) throw new UsageError('quiz needs --seed S (a whole number): the same seed, the same quiz');
    const service = await makeService();
    const shipped = async () =>
      shippedTours(await loadBrainSystemsFile(brainSystemsPath(io.env)), await service.getRegionInfo());
    const quiz = await quizOf(
      service,
      {
        id,
        res: parseRes(args.values.get('res')),
        variant: args.values.get('variant'),
        pool,
        count,
        seed,
      },
      shipped,
    );
    if (args.flags.has('json')) {
      io.out(JSON.stringify(quiz.questions));
      return 0;
    }
    io.out(
      `${quiz.atlasId} (${quiz.variant}), pool ${quiz.pool}, seed ${quiz.seed}: ${quiz.questions.length} questions`,
    );
    quiz.questions.forEach((q, i) => {
      const letters = q.choices.map((c, k) => `${'ABCD'[k]}) ${c}`).join('   ');
      io.out(`${i + 1}. ${letters}   answer: ${'ABCD'[q.choices.indexOf(q.region.name)]}`);
    });
    return 0;
  },
};
