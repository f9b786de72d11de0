/**
 * Property: a mutated NIfTI file (header fields at their real offsets, truncated bodies, corrupt gzip streams)
 * either goes through decoding, regions, queries, clusters and meshing with sane results, or stops with one clear
 * AtlasError; never a crash, a raw JavaScript error, a hang or memory past the ceiling (pipeline.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAtlasError } from '../../core/errors';
import { decodeNifti } from '../../core/io/nifti/decode';
import { FUZZ_SEED, runsFor } from './config';
import { applyNifti, hugeDimsRecipe, niftiRecipe } from './mutate-nifti';
import { FUZZ_MAX_BYTES, type Outcome, expectCleanError, runNiftiCase } from './pipeline';
import { type NiftiSeed, realSeeds, syntheticNiftiSeeds } from './seeds';

const synthetic = syntheticNiftiSeeds();
const real = realSeeds().nifti;
const byName = new Map([...synthetic, ...real].map((s) => [s.name, s]));
const seedOf = (name: string) => byName.get(name) as NiftiSeed;

function tally(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.ok ? o.stage : o.code;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

function fuzz(label: string, seeds: NiftiSeed[], runs: number): void {
  const outcomes: Outcome[] = [];
  fc.assert(
    fc.property(
      niftiRecipe(seeds.map((s) => s.name)),
      fc.constantFrom('node' as const, 'portable' as const),
      (recipe, inflater) => {
        const seed = seedOf(recipe.seed);
        const bytes = applyNifti(seed, recipe);
        outcomes.push(runNiftiCase(bytes, { fileName: seed.fileName, table: seed.table, inflater }));
      },
    ),
    { seed: FUZZ_SEED, numRuns: runs },
  );
  if (process.env.FUZZ_RUNS) console.log(`${label}: ${outcomes.length} cases: ${tally(outcomes)}`);
}

describe('fuzzed NIfTI files', () => {
  it('every seed goes through the whole pipeline unmutated', () => {
    for (const seed of [...synthetic, ...real]) {
      const outcome = runNiftiCase(applyNifti(seed, { header: [], body: [] }), {
        fileName: seed.fileName,
        table: seed.table,
      });
      expect(outcome.ok, seed.name).toBe(true);
    }
  });

  it('mutated synthetic files: a sane result or one clear error', () => {
    fuzz('synthetic NIfTI', synthetic, runsFor(160));
  });

  it.skipIf(real.length === 0)('mutated real atlases (BRAIN_ATLAS_PATH): a sane result or one clear error', () => {
    fuzz('real NIfTI', real, runsFor(30));
  });
  if (real.length === 0) console.warn('Fuzzing real atlases skipped: no atlas folder (set BRAIN_ATLAS_PATH).');

  it('a header claiming more than the memory ceiling is refused before anything is inflated or allocated', () => {
    fc.assert(
      fc.property(hugeDimsRecipe(synthetic.map((s) => s.name)), (recipe) => {
        const seed = seedOf(recipe.seed);
        let inflated = false;
        try {
          decodeNifti(applyNifti(seed, recipe), {
            fileName: seed.fileName,
            maxBytes: FUZZ_MAX_BYTES,
            inflate: () => {
              inflated = true;
              throw new Error('inflate called');
            },
          });
          expect.unreachable('decoded a file whose header claims more than the ceiling');
        } catch (e) {
          if (!isAtlasError(e)) throw e;
          expect(expectCleanError(e, seed.fileName).code).toBe('too-large');
        }
        expect(inflated).toBe(false);
      }),
      { seed: FUZZ_SEED, numRuns: runsFor(30) },
    );
  });
});
