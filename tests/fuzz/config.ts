/**
 * How many cases the fuzz tests run and from which seed. `npm test` runs a few hundred from a fixed seed (the
 * same cases on every machine); `npm run fuzz` sets FUZZ_RUNS (thousands) and FUZZ_SEED=random, and prints the
 * seed so a failure can be replayed with FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx vitest run tests/fuzz.
 */
const runs = Number(process.env.FUZZ_RUNS);
/** Scale for the case counts: 1 in `npm test`, FUZZ_RUNS / 300 under `npm run fuzz`. */
export const FUZZ_SCALE = Number.isFinite(runs) && runs > 0 ? runs / 300 : 1;

const seedEnv = process.env.FUZZ_SEED;
export const FUZZ_SEED =
  seedEnv === 'random' ? (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) >>> 0 : Number(seedEnv ?? 20261202) >>> 0;
if (seedEnv !== undefined) console.log(`fuzz seed ${FUZZ_SEED} (replay: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${runs})`);

/** The number of cases for a property whose share of the default few hundred is `base`. */
export const runsFor = (base: number) => Math.max(1, Math.round(base * FUZZ_SCALE));
