/** The regression corpus: every fuzz case that ever failed (corpus.ts), each a plain test with its outcome. */
import { describe, expect, it } from 'vitest';
import { toLabelVolume } from '../../core/atlas/label-volume';
import { decodeNifti } from '../../core/io/nifti/decode';
import { NIFTI_CORPUS, TABLE_CORPUS } from './corpus';
import { applyNifti } from './mutate-nifti';
import { applyTable } from './mutate-table';
import { runNiftiCase, runTableCase } from './pipeline';
import { syntheticNiftiSeeds, syntheticTableSeeds } from './seeds';

const niftiSeeds = new Map(syntheticNiftiSeeds().map((s) => [s.name, s]));
const tableSeeds = new Map(syntheticTableSeeds().map((s) => [s.name, s]));
const volumeSeed = syntheticNiftiSeeds()[0];
const volume = toLabelVolume(decodeNifti(volumeSeed.raw, { fileName: volumeSeed.fileName }));

describe('fuzz regression corpus: NIfTI files', () => {
  it.each(NIFTI_CORPUS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const seed = niftiSeeds.get(c.nifti.seed);
    if (!seed) throw new Error(`no seed ${c.nifti.seed}`);
    const outcome = runNiftiCase(applyNifti(seed, c.nifti), {
      fileName: seed.fileName,
      table: seed.table,
      inflater: c.inflater,
      maxBytes: c.maxBytes,
    });
    if (c.expect === 'ok') expect(outcome.ok, c.was).toBe(true);
    else expect(outcome.ok ? 'ok' : outcome.code.replace(/^mesh /, ''), c.was).toBe(c.expect);
  });
});

describe('fuzz regression corpus: label tables', () => {
  it.each(TABLE_CORPUS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const seed = tableSeeds.get(c.table.seed);
    if (!seed) throw new Error(`no seed ${c.table.seed}`);
    const outcome = runTableCase(applyTable(seed, c.table.mutations), seed.fileName, volume);
    expect(outcome.ok ? 'ok' : outcome.code, c.was).toBe(c.expect);
  });
});
