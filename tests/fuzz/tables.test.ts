/**
 * Property: a mutated label table of any supported format either parses into entries an atlas can use, or stops
 * with one clear AtlasError naming the file (pipeline.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLabelVolume } from '../../core/atlas/label-volume';
import { decodeNifti } from '../../core/io/nifti/decode';
import { FUZZ_SEED, runsFor } from './config';
import { applyTable, tableRecipe } from './mutate-table';
import { type Outcome, runTableCase } from './pipeline';
import { type TableSeed, realSeeds, syntheticNiftiSeeds, syntheticTableSeeds } from './seeds';

const synthetic = syntheticTableSeeds();
const real = realSeeds().tables;
const byName = new Map([...synthetic, ...real].map((s) => [s.name, s]));
const volumeSeed = syntheticNiftiSeeds()[0];
const volume = toLabelVolume(decodeNifti(volumeSeed.raw, { fileName: volumeSeed.fileName }));

function fuzz(label: string, seeds: TableSeed[], runs: number): void {
  const outcomes: Outcome[] = [];
  fc.assert(
    fc.property(tableRecipe(seeds.map((s) => s.name)), (recipe) => {
      const seed = byName.get(recipe.seed) as TableSeed;
      outcomes.push(runTableCase(applyTable(seed, recipe.mutations), seed.fileName, volume));
    }),
    { seed: FUZZ_SEED, numRuns: runs },
  );
  if (process.env.FUZZ_RUNS) {
    const ok = outcomes.filter((o) => o.ok).length;
    const codes = new Map<string, number>();
    for (const o of outcomes) if (!o.ok) codes.set(o.code, (codes.get(o.code) ?? 0) + 1);
    console.log(
      `${label}: ${outcomes.length} cases: parsed ${ok}, ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`,
    );
  }
}

describe('fuzzed label tables', () => {
  it('covers every supported format, and every seed parses unmutated', () => {
    expect(new Set(synthetic.map((s) => s.format)).size).toBe(14);
    for (const seed of [...synthetic, ...real]) {
      expect(runTableCase(seed.bytes, seed.fileName, volume).ok, seed.name).toBe(true);
    }
  });

  it('mutated tables of every format: entries an atlas can use, or one clear error', () => {
    fuzz('synthetic tables', synthetic, runsFor(220));
  });

  it.skipIf(real.length === 0)('mutated real tables (BRAIN_ATLAS_PATH): entries, or one clear error', () => {
    fuzz('real tables', real, runsFor(60));
  });
});
