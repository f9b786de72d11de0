/**
 * Splits a (smoothed) surface net into per-region meshes with their own vertices and normals, in world mm, all in
 * one set of arrays with per-region ranges. A quad between two labels becomes two triangles in each of them,
 * facing out of each; `sourceVertex` keeps which net vertex every region vertex copies.
 */
import { det3 } from '../affine';
import type { LabelVolume } from '../atlas/label-volume';
import { plainArrays, type ArrayAlloc } from './arrays';
import type {
  AssembledMeshSet,
  QuadQuarters,
  RegionBounds,
  RegionMesh,
  RegionMeshes,
  RegionRange,
  RegionSpan,
  SurfaceNet,
} from './types';
import { kernelAvailable, wasmKernel } from './wasm-kernels';
import { quadSidesByLabel, type QuadSides } from './quad-sides';
import { piecesPerQuad, quadPieces, quadVertices } from './quad-pieces';
import { quadNormal, splitQuad } from './quad-triangles';

/** Consumes the net: its positions are turned into world coordinates in place. */
export function assembleRegions(vol: LabelVolume, net: SurfaceNet): AssembledMeshSet {
  const job = planAssembly(vol, net, plainArrays);
  toWorldRange(job, 0, job.nNet);
  writeRegionsRange(job, 0, job.regionCount, job.locals[0]);
  return finishAssembly(job, net);
}

/**
 * Assembly as loops over ranges, so two threads can share it (main/workers/mesh-threads.ts): after planAssembly,
 * toWorldRange over every net vertex, then writeRegionsRange over every region (each region's vertex and index
 * ranges are known up front, so regions write to disjoint parts of the outputs), then finishAssembly. Each region is
 * written by one thread exactly as the single-threaded loop writes it, so any split gives bit for bit the same result.
 * Or, to write a file region by region: planRegions, toWorldRange, then a RegionStream.
 */
export interface AssemblyPlan {
  q: Uint32Array;
  quadCount: number;
  /** The net's quarters (quad-pieces.ts), where each quad stands for four: a side is then four sides, 24 indices. */
  quarters: QuadQuarters | null;
  /** Label values go up to labelCount − 1. */
  labelCount: number;
  sides: Uint32Array;
  /** The net's positions, turned into world mm in place. */
  world: Float32Array;
  nNet: number;
  /** Row-major 4x4 voxel -> world. */
  affine: Float64Array;
  flip: boolean;
  regionCount: number;
  /** Per region (in label order): value, first quad side, end of its sides, first output vertex, vertex count. */
  plan: Uint32Array;
}

export interface AssemblyJob extends AssemblyPlan {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
  sourceVertex: Uint32Array;
  /** Per region, written by writeRegionsRange: 6 × enclosed volume, centre x, y, z, end of the vertices written. */
  results: Float64Array;
  /** Each thread's `local` scratch for writeRegionsRange (two: one per thread), zeroed. */
  locals: [Uint32Array, Uint32Array];
  /** The WebAssembly memory holding every array above, where regions are written as WebAssembly. */
  memory: WebAssembly.Memory | null;
}

const PLAN = 5;
const RESULT = 5;

/**
 * Each region's quad sides, and where its vertices and indices go in the mesh set. `into`: quadSidesByLabel's, to
 * bucket the sides into arrays another thread already has.
 */
export function planRegions(vol: LabelVolume, net: SurfaceNet, alloc: ArrayAlloc, into?: QuadSides): AssemblyPlan {
  const q = net.quads;
  const nq = net.quadCount;
  const size = vol.maxLabel + 1;
  const { list, first } = quadSidesByLabel(q, nq, size, null, alloc, into);
  const sides = list.subarray(0, first[size]);
  let regionCount = 0;
  for (let v = 1; v < size; v++) if (first[v + 1] !== first[v]) regionCount++;
  const plan = alloc.u32(regionCount * PLAN, true);
  let totalVertices = 0;
  for (let v = 1, p = 0; v < size; v++) {
    if (first[v + 1] === first[v]) continue;
    plan[p] = v;
    plan[p + 1] = first[v];
    plan[p + 2] = first[v + 1];
    plan[p + 3] = totalVertices;
    plan[p + 4] = net.vertexUses[v];
    p += PLAN;
    totalVertices += net.vertexUses[v];
  }
  const affine = alloc.f64(16);
  affine.set(vol.affine);
  return {
    q,
    quadCount: nq,
    quarters: net.quarters ?? null,
    labelCount: size,
    sides,
    world: net.positions,
    nNet: net.positions.length / 3,
    affine,
    flip: det3(vol.affine) < 0, // a mirrored grid turns counter-clockwise into clockwise
    regionCount,
    plan,
  };
}

/** planRegions, and the arrays of the whole mesh set. */
export function planAssembly(vol: LabelVolume, net: SurfaceNet, alloc: ArrayAlloc, into?: QuadSides): AssemblyJob {
  const regions = planRegions(vol, net, alloc, into);
  const last = (regions.regionCount - 1) * PLAN;
  const totalVertices = regions.regionCount > 0 ? regions.plan[last + 3] + regions.plan[last + 4] : 0;
  const arrays = {
    q: regions.q,
    sides: regions.sides,
    world: regions.world,
    positions: alloc.f32(totalVertices * 3, true),
    normals: alloc.f32(totalVertices * 3, true), // each vertex's sum zeroed when it is written
    indices: alloc.u32(regions.sides.length * sideIndices(regions), true),
    sourceVertex: alloc.u32(totalVertices, true),
    results: alloc.f64(regions.regionCount * RESULT, true),
  };
  const locals: [Uint32Array, Uint32Array] = [alloc.u32(regions.nNet), alloc.u32(regions.nNet)];
  return {
    ...regions,
    ...arrays,
    locals,
    memory: alloc.memoryOf?.([...Object.values(arrays), ...quarterArrays(regions), ...locals]) ?? null,
  };
}

/** The plan's quarters' array, where it has quarters (the assembly kernel reads it too). */
function quarterArrays(job: AssemblyPlan): Uint32Array[] {
  return job.quarters ? [job.quarters.middles] : [];
}

/** Indices of a quad side's triangles: 6, or 24 where each quad stands for its four quarters. */
export function sideIndices(job: Pick<AssemblyPlan, 'quarters'>): number {
  return 6 * piecesPerQuad(job);
}

/**
 * Net vertices [from, to) from voxel coordinates to world mm, in place; with `marks` (one per net vertex), only those
 * whose mark is `mark`.
 */
export function toWorldRange(
  job: AssemblyPlan,
  from: number,
  to: number,
  marks: Uint8Array | null = null,
  mark = 0,
): void {
  const m = job.affine;
  const world = job.world;
  for (let v = from; v < to; v++) {
    if (marks && marks[v] !== mark) continue;
    const o = v * 3;
    const x = world[o],
      y = world[o + 1],
      z = world[o + 2];
    world[o] = m[0] * x + m[1] * y + m[2] * z + m[3];
    world[o + 1] = m[4] * x + m[5] * y + m[6] * z + m[7];
    world[o + 2] = m[8] * x + m[9] * y + m[10] * z + m[11];
  }
}

/**
 * Per label, the lowest and highest x, y, z of its vertices (6 numbers from label × 6: min xyz, max xyz), to be
 * found by quadBoundsRange: infinities until then.
 */
export function emptyBounds(job: AssemblyPlan, alloc: ArrayAlloc): Float64Array {
  const bounds = alloc.f64(job.labelCount * 6, true);
  for (let o = 0; o < bounds.length; o += 6) {
    bounds.fill(Infinity, o, o + 3);
    bounds.fill(-Infinity, o + 3, o + 6);
  }
  return bounds;
}

/**
 * Quads [from, to) widen their labels' bounds (emptyBounds) to their corners, in world mm (after toWorldRange): a
 * region's vertices are its quads' corners. Two threads each widen their own, then mergeBounds.
 */
export function quadBoundsRange(job: AssemblyPlan, from: number, to: number, bounds: Float64Array): void {
  const { q, world } = job;
  const corners = new Uint32Array(9);
  for (let t = from, o = from * 6; t < to; t++, o += 6) {
    const count = quadVertices(q, job.quarters, t, corners);
    for (let side = 4; side < 6; side++) {
      const label = q[o + side];
      if (label === 0) continue;
      const b = label * 6;
      for (let e = 0; e < count; e++) {
        const v = corners[e] * 3;
        const x = world[v],
          y = world[v + 1],
          z = world[v + 2];
        if (x < bounds[b]) bounds[b] = x;
        if (y < bounds[b + 1]) bounds[b + 1] = y;
        if (z < bounds[b + 2]) bounds[b + 2] = z;
        if (x > bounds[b + 3]) bounds[b + 3] = x;
        if (y > bounds[b + 4]) bounds[b + 4] = y;
        if (z > bounds[b + 5]) bounds[b + 5] = z;
      }
    }
  }
}

/** `other`'s bounds taken into `into`'s. */
export function mergeBounds(into: Float64Array, other: Float64Array): void {
  for (let o = 0; o < into.length; o += 6) {
    for (let a = 0; a < 3; a++) {
      if (other[o + a] < into[o + a]) into[o + a] = other[o + a];
      if (other[o + 3 + a] > into[o + 3 + a]) into[o + 3 + a] = other[o + 3 + a];
    }
  }
}

/**
 * Regions [from, to) (ordinals in label order), written in increasing order. `local` is one thread's own (nNet
 * long, zeros or left by earlier regions of this thread): local[v] = the output vertex + 1 of net vertex v's latest
 * copy; it belongs to the current region when it is past the region's first vertex. With one of the job's own
 * locals in its WebAssembly memory, regions are written as WebAssembly (wasm/write-region.wat), with the same result.
 */
export function writeRegionsRange(job: AssemblyJob, from: number, to: number, local: Uint32Array): void {
  const { plan, results } = job;
  const kernel = job.memory && job.locals.includes(local) ? wasmKernel('writeRegion', job.memory) : null;
  for (let r = from; r < to; r++) {
    const p = r * PLAN;
    const vBase = plan[p + 3];
    const written = kernel
      ? kernel({
          q: job.q,
          quarters: job.quarters,
          sides: job.sides,
          world: job.world,
          positions: job.positions,
          normals: job.normals,
          indices: job.indices,
          sourceVertex: job.sourceVertex,
          local,
          results,
          region: r,
          sidesFrom: plan[p + 1],
          sidesTo: plan[p + 2],
          vertexBase: vBase,
          flip: job.flip,
          finish: true,
          clearLocal: false,
        })
      : writeRegion(job, local, r, plan[p + 1], plan[p + 2], vBase, plan[p + 1] * sideIndices(job));
    if (kernel) continue; // finished by the kernel
    const center = finishNormals(job.positions, job.normals, vBase, written);
    const o = r * RESULT;
    results[o + 1] = center[0];
    results[o + 2] = center[1];
    results[o + 3] = center[2];
    results[o + 4] = written;
  }
}

/** Region records from the plan and what writeRegionsRange found. */
export function finishAssembly(job: AssemblyJob, net: SurfaceNet): AssembledMeshSet {
  const { plan, results } = job;
  const perSide = sideIndices(job);
  const regions: RegionRange[] = new Array(job.regionCount);
  for (let r = 0; r < job.regionCount; r++) {
    const p = r * PLAN,
      o = r * RESULT;
    const value = plan[p],
      sStart = plan[p + 1],
      sEnd = plan[p + 2],
      vBase = plan[p + 3],
      count = plan[p + 4];
    const written = results[o + 4];
    if (written !== vBase + count)
      throw new Error(`region ${value}: ${written - vBase} vertices written, ${count} expected`);
    regions[r] = {
      value,
      vertexStart: vBase,
      vertexCount: count,
      indexStart: sStart * perSide,
      indexCount: (sEnd - sStart) * perSide,
      voxels: net.voxels[value],
      meshVolumeMm3: results[o] / 6,
      center: [results[o + 1], results[o + 2], results[o + 3]],
    };
  }
  const { positions, normals, indices, sourceVertex } = job;
  return { positions, normals, indices, sourceVertex, regions };
}

/**
 * Arrays one region at a time is written into (writeRegionInto), sized for the largest region and reused from one
 * to the next, so the mesh set is never in memory whole (AAL3 at fine detail: 141 MB, whose first touch costs a new
 * process about 0.4 s).
 */
export interface RegionSlot {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
  sourceVertex: Uint32Array;
  results: Float64Array;
  /** The memory holding these, the plan's arrays and the writers' locals, where regions are written as WebAssembly. */
  memory: WebAssembly.Memory | null;
}

/**
 * A writer's own scratch for writeRegionInto: per net vertex, its copy + 1 in the region being written (zeros, and
 * put back to zeros after each region).
 */
export function regionLocal(job: AssemblyPlan, alloc: ArrayAlloc): Uint32Array {
  return alloc.u32(job.nNet);
}

/** `count` slots, for writers with these locals (regionLocal). */
export function regionSlots(
  job: AssemblyPlan,
  alloc: ArrayAlloc,
  count: number,
  locals: readonly Uint32Array[],
): RegionSlot[] {
  let vertices = 0,
    sides = 0;
  for (let p = 0; p < job.regionCount * PLAN; p += PLAN) {
    vertices = Math.max(vertices, job.plan[p + 4]);
    sides = Math.max(sides, job.plan[p + 2] - job.plan[p + 1]);
  }
  return Array.from({ length: count }, () => {
    const arrays = {
      positions: alloc.f32(vertices * 3, true),
      normals: alloc.f32(vertices * 3, true),
      indices: alloc.u32(sides * sideIndices(job), true),
      sourceVertex: alloc.u32(vertices, true),
      results: alloc.f64(RESULT, true),
    };
    const planArrays = [job.q, job.sides, job.world, ...quarterArrays(job)];
    const memory = alloc.memoryOf?.([...planArrays, ...Object.values(arrays), ...locals]) ?? null;
    return { ...arrays, memory };
  });
}

/** Whether writeRegionInto runs as WebAssembly with this slot. */
export function slotInWasm(slot: RegionSlot): boolean {
  return slot.memory !== null && kernelAvailable('writeRegion');
}

/**
 * Region `r` (an ordinal in label order) written into `slot` as writeRegionsRange writes it into the mesh set, bit
 * for bit, but from the slot's first vertex and index (its indices count from 0); `local` is the writer's own
 * (regionLocal, one the slot was made for). Net vertices in world mm (toWorldRange). The views returned are valid
 * until the slot is written again.
 */
export function writeRegionInto(job: AssemblyPlan, r: number, slot: RegionSlot, local: Uint32Array): RegionMesh {
  const p = r * PLAN;
  const sStart = job.plan[p + 1],
    sEnd = job.plan[p + 2],
    n = job.plan[p + 4];
  // The region's sides as the whole list, so it is written from the slot's vertex 0 and index 0.
  const out: RegionOutputs = { ...job, ...slot, sides: job.sides.subarray(sStart, sEnd) };
  const kernel = slot.memory ? wasmKernel('writeRegion', slot.memory) : null;
  const written = kernel
    ? kernel({
        ...out,
        local,
        region: 0,
        sidesFrom: 0,
        sidesTo: sEnd - sStart,
        vertexBase: 0,
        finish: true,
        clearLocal: true,
      })
    : writeRegion(out, local, 0, 0, sEnd - sStart, 0, 0);
  if (!kernel) {
    for (let v = 0; v < written; v++) local[out.sourceVertex[v]] = 0;
    finishNormals(out.positions, out.normals, 0, written);
  }
  if (written !== n) throw new Error(`region ${job.plan[p]}: ${written} vertices written, ${n} expected`);
  return regionMeshIn(slot, n, (sEnd - sStart) * sideIndices(job));
}

/** Region views of a slot: n vertices and `indices` indices. */
export function regionMeshIn(slot: RegionSlot, n: number, indices: number): RegionMesh {
  return {
    positions: slot.positions.subarray(0, n * 3),
    normals: slot.normals.subarray(0, n * 3),
    indices: slot.indices.subarray(0, indices),
    base: 0,
  };
}

/** The label value of the plan's region `r` (its ordinal, in label order). */
export function regionValue(job: AssemblyPlan, r: number): number {
  return job.plan[r * PLAN];
}

/** Where each region would be in the mesh set, in label order (the plan's order). */
export function regionSpans(job: AssemblyPlan): RegionSpan[] {
  const spans: RegionSpan[] = [];
  const perSide = sideIndices(job);
  for (let p = 0; p < job.regionCount * PLAN; p += PLAN) {
    spans.push({
      value: job.plan[p],
      vertexStart: job.plan[p + 3],
      vertexCount: job.plan[p + 4],
      indexStart: job.plan[p + 1] * perSide,
      indexCount: (job.plan[p + 2] - job.plan[p + 1]) * perSide,
    });
  }
  return spans;
}

/** The ordinal of `region`, one of `spans` (regionSpans): what writeRegionInto takes. */
export function spanOrdinal(spans: readonly RegionSpan[], region: RegionSpan): number {
  const r = spans.indexOf(region);
  if (r < 0) throw new Error(`region ${region.value} is not one of this stream's`);
  return r;
}

/** Region `span`'s bounds, from every label's (emptyBounds, then quadBoundsRange). */
export function spanBounds(labelBounds: Float64Array, span: RegionSpan): RegionBounds {
  return boundsAt(labelBounds, span.value * 6);
}

/** The bounds kept as six numbers from b[o]: min x, y, z, max x, y, z. */
export function boundsAt(b: Float64Array, o: number): RegionBounds {
  return { min: [b[o], b[o + 1], b[o + 2]], max: [b[o + 3], b[o + 4], b[o + 5]] };
}

/**
 * The regions of a planned assembly (planRegions, then toWorldRange over every net vertex) written one at a time on
 * this thread into one slot, as a file writer asks for them (types.ts's RegionMeshes). On two threads, the helper
 * writing ahead of the writer: main/workers/region-pipeline.ts.
 */
export class RegionStream implements RegionMeshes {
  readonly regions: RegionSpan[];
  private readonly slot: RegionSlot;
  private readonly local: Uint32Array;
  private readonly labelBounds: Float64Array;

  constructor(
    private readonly job: AssemblyPlan,
    alloc: ArrayAlloc,
  ) {
    this.regions = regionSpans(job);
    this.labelBounds = emptyBounds(job, alloc);
    quadBoundsRange(job, 0, job.quadCount, this.labelBounds);
    this.local = regionLocal(job, alloc);
    [this.slot] = regionSlots(job, alloc, 1, [this.local]);
  }

  bounds(region: RegionSpan): RegionBounds {
    return spanBounds(this.labelBounds, region);
  }

  mesh(region: RegionSpan): RegionMesh {
    return writeRegionInto(this.job, spanOrdinal(this.regions, region), this.slot, this.local);
  }
}

/** What writeRegion reads and writes. */
type RegionOutputs = Pick<
  AssemblyJob,
  'q' | 'quarters' | 'sides' | 'world' | 'flip' | 'positions' | 'normals' | 'indices' | 'sourceVertex' | 'results'
>;

/**
 * Writes one region's vertices (from vBase) and triangles (6 indices per quad a side stands for, from index iStart)
 * with area-weighted normals (each vertex's sum zeroed as the vertex is made, so the outputs need no zeroing
 * beforehand); returns the end of its vertices (its volume × 6 goes to the job's results). Its own function, so the
 * JIT optimises it early. wasm/write-region.wat is its twin: change both.
 */
function writeRegion(
  c: RegionOutputs,
  local: Uint32Array,
  r: number,
  sStart: number,
  sEnd: number,
  vBase: number,
  iStart: number,
): number {
  const { q, quarters, sides, world, flip, positions, normals, indices, sourceVertex } = c;
  const corners = PIECE_CORNERS;
  let next = vBase;
  let volume6 = 0;
  for (let s = sStart, iPos = iStart; s < sEnd; s++) {
    const side = sides[s];
    const pieces = quadPieces(q, quarters, side >>> 1, corners);
    for (let k = 0; k < pieces; k++, iPos += 6) {
      let a = 0,
        b = 0,
        cc = 0,
        d = 0;
      for (let e = 0; e < 4; e++) {
        const id = corners[k * 4 + e];
        let l = local[id] - 1;
        if (l < vBase) {
          l = next++;
          local[id] = next;
          positions[l * 3] = world[id * 3];
          positions[l * 3 + 1] = world[id * 3 + 1];
          positions[l * 3 + 2] = world[id * 3 + 2];
          normals[l * 3] = 0;
          normals[l * 3 + 1] = 0;
          normals[l * 3 + 2] = 0;
          sourceVertex[l] = id;
        }
        if (e === 0) a = l;
        else if (e === 1) b = l;
        else if (e === 2) cc = l;
        else d = l;
      }
      if (((side & 1) === 1) !== flip) {
        const t = b;
        b = d;
        d = t;
      }
      splitQuad(positions, a, b, cc, d, indices, iPos);
      volume6 += addQuadNormal(positions, normals, a, b, cc, d);
    }
  }
  c.results[r * RESULT] = volume6;
  return next;
}

/** The corners of the quads a side stands for (quadPieces), for writeRegion. */
const PIECE_CORNERS = new Uint32Array(16);

/** Normalises the normals of vertices [from, to); returns their mean position (the region's centre). */
function finishNormals(
  positions: Float32Array,
  normals: Float32Array,
  from: number,
  to: number,
): [number, number, number] {
  let cx = 0,
    cy = 0,
    cz = 0;
  for (let o = from * 3; o < to * 3; o += 3) {
    const nx = normals[o],
      ny = normals[o + 1],
      nz = normals[o + 2];
    const inv = 1 / (Math.sqrt(nx * nx + ny * ny + nz * nz) || 1);
    normals[o] = nx * inv;
    normals[o + 1] = ny * inv;
    normals[o + 2] = nz * inv;
    cx += positions[o];
    cy += positions[o + 1];
    cz += positions[o + 2];
  }
  const n = to - from;
  return [cx / n, cy / n, cz / n];
}

/** Adds the quad's vector area (quadNormal) to its corners in turn; returns 6 × its signed volume against the origin. */
function addQuadNormal(p: Float32Array, n: Float32Array, a: number, b: number, c: number, d: number): number {
  const volume6 = quadNormal(p, a, b, c, d, FACE);
  const nx = FACE[0],
    ny = FACE[1],
    nz = FACE[2];
  addTo(n, a, nx, ny, nz);
  addTo(n, b, nx, ny, nz);
  addTo(n, c, nx, ny, nz);
  addTo(n, d, nx, ny, nz);
  return volume6;
}

function addTo(n: Float32Array, v: number, x: number, y: number, z: number): void {
  n[v * 3] += x;
  n[v * 3 + 1] += y;
  n[v * 3 + 2] += z;
}

/** The normal of the quad at hand (addQuadNormal). */
const FACE = new Float64Array(3);
