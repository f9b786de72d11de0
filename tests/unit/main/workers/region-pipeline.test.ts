/**
 * Regions written one at a time by two threads for a file writer (main/workers/region-pipeline.ts), each part driven
 * here on one thread so every path is taken for sure: the writer writing every region itself, the helper's part
 * having written them all ahead, and the writer skipping regions. The file is the whole mesh set's, byte for byte.
 * (Both threads together: mesh-threads.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { WasmArena } from '../../../../core/mesh/arrays';
import {
  emptyBounds,
  planRegions,
  quadBoundsRange,
  regionLocal,
  regionSlots,
  toWorldRange,
} from '../../../../core/mesh/assemble';
import { exportGlb, glbChunks } from '../../../../core/mesh/export-gltf';
import { buildRegionMeshes, smoothedNet } from '../../../../core/mesh/pipeline';
import { DEFAULT_MESH_SETTINGS } from '../../../../core/mesh/types';
import type { Rgb } from '../../../../core/io/labels/types';
import {
  RegionPipeline,
  type RegionPipelineJob,
  regionStates,
  writeRegionsAhead,
} from '../../../../main/workers/region-pipeline';
import { randomVolume } from '../../../helpers/random-label-volume';

const make = () => randomVolume([30, 26, 22], 40, 11, 0.3);
const FINE = { ...DEFAULT_MESH_SETTINGS, detail: 'fine' as const };

/** A pipeline over make()'s regions at fine detail, with `slots` slots, in a WasmArena (regions as WebAssembly). */
function pipeline(slots: number): { job: RegionPipelineJob; writer: RegionPipeline } {
  const arena = new WasmArena();
  const { base, net } = smoothedNet(make(), FINE);
  // The net's arrays moved into the arena's memory too, as the two-thread meshing makes them.
  const positions = arena.alloc.f32(net.positions.length, true);
  positions.set(net.positions);
  const quads = arena.alloc.u32(net.quads.length, true);
  quads.set(net.quads);
  const middles = arena.alloc.u32(net.quarters!.middles.length, true);
  middles.set(net.quarters!.middles);
  Object.assign(net, { positions, quads, quarters: { ...net.quarters, middles } });
  const plan = planRegions(base, net, arena.alloc);
  toWorldRange(plan, 0, plan.nNet);
  const bounds = emptyBounds(plan, arena.alloc);
  quadBoundsRange(plan, 0, plan.quadCount, bounds);
  const locals: [Uint32Array, Uint32Array] = [regionLocal(plan, arena.alloc), regionLocal(plan, arena.alloc)];
  const job = { plan, slots: regionSlots(plan, arena.alloc, slots, locals), locals, states: regionStates(slots) };
  expect(job.slots[0].memory).toBeInstanceOf(WebAssembly.Memory);
  return { job, writer: new RegionPipeline(job, bounds) };
}

const set = buildRegionMeshes(make(), FINE);
const info = set.regions.map((r) => ({ value: r.value, name: `r${r.value}`, color: [r.value, 0, 0] as Rgb }));
const some = { regions: set.regions.filter((_, i) => i % 5 === 2).map((r) => r.value) };
// Each chunk taken as it comes, as a file writer does.
const file = (chunks: Iterable<Uint8Array>) => Buffer.concat(Array.from(chunks, (c) => c.slice()));

describe('regions written ahead for a file writer', () => {
  it('the writer writes every region itself when the helper takes none: the whole set’s file', () => {
    expect(set.regions.length).toBeGreaterThan(30);
    const { writer } = pipeline(3);
    expect(file(glbChunks(writer, info)).equals(Buffer.from(exportGlb(set, info)))).toBe(true);
    expect(writer.written).toBe(set.regions.length);
    const skipping = pipeline(3).writer;
    expect(file(glbChunks(skipping, info, some)).equals(Buffer.from(exportGlb(set, info, some)))).toBe(true);
    // Regions skipped before the helper took them are never written.
    expect(skipping.written).toBe(some.regions.length);
  });

  it('hands over the regions the helper wrote ahead, writing none itself, and lets skipped ones go', () => {
    // Room for every region: the helper's part writes them all, then returns.
    const { job, writer } = pipeline(set.regions.length);
    writeRegionsAhead(job);
    expect(file(glbChunks(writer, info, some)).equals(Buffer.from(exportGlb(set, info, some)))).toBe(true);
    expect(writer.written).toBe(0);
  });

  it('refuses regions out of order and reports a helper that failed', () => {
    const { job, writer } = pipeline(3);
    writer.mesh(writer.regions[4]);
    expect(() => writer.mesh(writer.regions[1])).toThrow(/asked for after a later one/);
    Atomics.store(job.states, 4, 1); // the failed flag, after the 3 slots and the stop flag
    expect(() => writer.mesh(writer.regions[6])).toThrow(/could not write a region/);
  });
});
