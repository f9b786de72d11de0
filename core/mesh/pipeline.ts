/**
 * The meshing pipeline: one-voxel label noise folded at fine detail (label-noise.ts) → surface net (surface-nets.ts)
 * → smoothing with small regions' volumes given back (smooth.ts, small-regions.ts) → per-region meshes
 * (assemble.ts). A volume copied from a coarser grid is meshed on that grid and subdivided back to the file's density
 * (native-grid.ts, subdivide.ts); fine detail subdivides once more. It sits above the stages, which never import it;
 * the two-thread version of the same steps is main/workers/mesh-threads.ts.
 */
import type { LabelVolume } from '../atlas/label-volume';
import { assembleRegions, planRegions, RegionStream, toWorldRange } from './assemble';
import { foldLabelNoise, type NoiseScan, ownLabels } from './label-noise';
import { findNativeGrid, nativeVolume, voxelCounts } from './native-grid';
import { correctSmallRegionVolumes } from './small-regions';
import { smoothSurfaceNet } from './smooth';
import { placeSubdividedVertices, planSubdivision, type SubdivisionPlan } from './subdivide';
import { type ArrayAlloc, copyLabels, plainArrays } from './arrays';
import { surfaceNet } from './surface-nets';
import {
  type AssembledMeshSet,
  DEFAULT_MESH_SETTINGS,
  type MeshSettings,
  type RegionMeshSet,
  type SurfaceNet,
} from './types';

/**
 * Where buildRegionMeshes is: after the surface net, after smoothing (with the net it will assemble: the subdivided
 * one on a native grid), after assembly. For timing each stage (bench:mesh).
 */
export type MeshStageMark = (stage: 'net' | 'smoothed' | 'assembled', net: SurfaceNet) => void;

/** Meshes every region of a label volume: surface net, smoothing, per-region vertices and normals, in MNI mm. */
export function buildRegionMeshes(
  vol: LabelVolume,
  settings: MeshSettings = DEFAULT_MESH_SETTINGS,
  mark: MeshStageMark = () => {},
): AssembledMeshSet {
  const { base, net, fileVoxels } = smoothedNet(vol, settings, mark);
  const set = assembleRegions(base, net);
  mark('assembled', net);
  return fileVoxels ? withFileVoxels(set, fileVoxels) : set;
}

/**
 * The same regions as buildRegionMeshes, for writing a file region by region: each assembled only as it is asked for
 * (assemble.ts's RegionStream), so the whole mesh set is never made.
 */
export function streamRegionMeshes(vol: LabelVolume, settings: MeshSettings = DEFAULT_MESH_SETTINGS): RegionStream {
  const { base, net } = smoothedNet(vol, settings);
  const plan = planRegions(base, net, plainArrays);
  toWorldRange(plan, 0, plan.nNet);
  return new RegionStream(plan, plainArrays);
}

/**
 * The net the assembly reads, in voxel coordinates of `base` (the volume, its native grid, either with its label
 * noise folded): surface net, smoothing, subdivision (netBeforeCorrection), then small regions' volumes given back;
 * and the file's voxel counts, where they are not those of `base`.
 */
export function smoothedNet(
  vol: LabelVolume,
  settings: MeshSettings,
  mark: MeshStageMark = () => {},
): { base: LabelVolume; net: SurfaceNet; fileVoxels: Uint32Array | null } {
  const meshed = netBeforeCorrection(vol, settings, mark);
  // Part of smoothing: the raw surface (0 iterations) stays exactly the surface net.
  if (settings.smoothIterations > 0) correctSmallRegionVolumes(meshed.net);
  mark('smoothed', meshed.net);
  return meshed;
}

/** smoothedNet's steps before the small regions' volumes are given back, with each region's volume to aim at. */
export function netBeforeCorrection(
  vol: LabelVolume,
  settings: MeshSettings,
  mark: MeshStageMark = () => {},
): { base: LabelVolume; net: SurfaceNet; fileVoxels: Uint32Array | null } {
  const grid = meshingGrid(vol, settings);
  const base = grid?.volume ?? vol;
  const native = grid?.native ?? false;
  const steps = subdivisionSteps(native, settings);
  const coarse = surfaceNet(base);
  mark('net', coarse);
  // The subdivision's topology is read before smoothing rewrites the coarse links.
  const plan = steps > 0 ? planSubdivision(coarse, plainArrays, steps === 1) : null;
  const before = smoothingBeforeSubdivision(native, settings);
  smoothSurfaceNet(coarse, before.settings, before.slack, base);
  const net = plan ? subdivideNet(plan, coarse.positions, steps - 1, settings.smoothIterations > 0) : coarse;
  return { base, net, fileVoxels: grid ? aimAtFileVoxels(grid, net) : null };
}

/**
 * How many times the surface net is subdivided (subdivide.ts): once to bring a volume meshed on its native grid back
 * to the file's density, and once more for fine detail.
 */
export function subdivisionSteps(onNativeGrid: boolean, settings: MeshSettings): number {
  return (onNativeGrid ? 1 : 0) + (settings.detail === 'fine' ? 1 : 0);
}

/** How a subdivision is planned and placed: on this thread (subdivide.ts), or shared with a helper thread. */
export interface SubdivisionSteps {
  /** `last`: SubdivisionPlan's. */
  plan(net: SurfaceNet, alloc: ArrayAlloc, last: boolean): SubdivisionPlan;
  place(plan: SubdivisionPlan, coarse: Float32Array, smooth: boolean): void;
}

const onThisThread: SubdivisionSteps = { plan: planSubdivision, place: placeSubdividedVertices };

/**
 * The subdivided net: `plan`'s vertices placed from the smoothed coarse positions, then that net subdivided `more`
 * times again, each time from its own topology and positions (placement leaves a net's links as they are). The nets
 * in between go back to `alloc` once the next one is placed.
 */
export function subdivideNet(
  plan: SubdivisionPlan,
  coarse: Float32Array,
  more: number,
  smooth: boolean,
  alloc: ArrayAlloc = plainArrays,
  steps: SubdivisionSteps = onThisThread,
): SurfaceNet {
  steps.place(plan, coarse, smooth);
  let net = plan.fine;
  for (let step = 0; step < more; step++) {
    const next = steps.plan(net, alloc, step === more - 1);
    steps.place(next, net.positions, smooth);
    alloc.free?.(netArraysLeft(net, next.fine));
    net = next.fine;
  }
  return net;
}

/** A net's large arrays (to free them). */
export function netArrays(net: SurfaceNet): ArrayBufferView[] {
  return [net.positions, net.links, net.quads, ...(net.cells ? [net.cells] : [])];
}

/** A net's large arrays that the net subdivided from it does not use (a last subdivision keeps the quads). */
export function netArraysLeft(net: SurfaceNet, subdivided: SurfaceNet): ArrayBufferView[] {
  const kept = subdivided.quads;
  return netArrays(net).filter((a) => a.buffer !== kept.buffer || a.byteOffset !== kept.byteOffset);
}

/**
 * The labels a volume is meshed from, when they are not the file's own: its native grid (native-grid.ts); or, at
 * fine detail, the file's labels with their one-voxel noise folded (label-noise.ts). A native grid's labels were
 * drawn at its coarser grid, where a voxel is a detail of the drawing (2 mm or more), not noise, and standard detail
 * is for speed, its surfaces creased by their voxel steps anyway; the raw surface is the labels as they are.
 */
export interface MeshingGrid {
  volume: LabelVolume;
  /** Whether `volume` is the native grid, meshed coarser and subdivided back to the file's density. */
  native: boolean;
  /** On a native grid: the file's voxel counts, and those counts in native cells. */
  fileVoxels: Uint32Array | null;
  targetVolume: Float64Array | null;
  /** Voxels folded as noise; per label, the voxels it gained (less than 0: gave). */
  noiseFolded: number;
  noiseGained: Int32Array | null;
}

/**
 * `vol`'s meshing grid, or null when it is meshed as it is. Where `alloc` makes arrays in a WebAssembly memory (the
 * threaded path's arena), the labels are copied there before their noise is looked for, and folded in place, so the
 * grid is read as WebAssembly (label-noise.ts); that copy is the grid even where no voxel is folded. Else they are
 * copied when a voxel is folded. `scanning` runs the
 * noise scan's chunks (label-noise.ts's NoiseScan), on this thread unless given.
 */
export function meshingGrid(
  vol: LabelVolume,
  settings: MeshSettings,
  alloc: ArrayAlloc = plainArrays,
  scanning?: (scan: NoiseScan) => void,
): MeshingGrid | null {
  const grid = findNativeGrid(vol);
  const fileVoxels = grid && voxelCounts(vol);
  const volume = grid && fileVoxels && nativeVolume(vol, grid, fileVoxels);
  if (grid && fileVoxels && volume) {
    const perCell = grid.factor ** 3;
    const targetVolume = Float64Array.from(fileVoxels, (n) => n / perCell);
    return { volume, native: true, fileVoxels, targetVolume, noiseFolded: 0, noiseGained: null };
  }
  if (!foldsNoise(settings)) return null;
  const inMemory = alloc.memoryOf ? copyLabels(vol.labels, alloc) : null;
  const noise = inMemory
    ? foldLabelNoise({ ...vol, labels: inMemory }, ownLabels, alloc, scanning)
    : foldLabelNoise(vol, undefined, alloc, scanning);
  if (!noise && !inMemory) return null;
  // Without noise, the copy in the memory is still what is meshed: the sweep shares it as it is, rather than copying
  // the file's labels there again.
  return {
    volume: { ...vol, labels: noise?.labels ?? inMemory! },
    native: false,
    fileVoxels: null,
    targetVolume: null,
    noiseFolded: noise?.folded ?? 0,
    noiseGained: noise?.gained ?? null,
  };
}

/** Whether meshing with `settings` folds label noise on the file's grid (MeshingGrid): smoothed, at fine detail. */
export function foldsNoise(settings: MeshSettings): boolean {
  return settings.smoothIterations > 0 && settings.detail === 'fine';
}

/**
 * Aims the small regions' volumes at the file's voxels (net.targetVolume) and returns the file's voxel counts, once
 * the net has counted those of the grid it was swept from.
 */
export function aimAtFileVoxels(grid: MeshingGrid, net: SurfaceNet): Uint32Array {
  if (grid.fileVoxels && grid.targetVolume) {
    net.targetVolume = grid.targetVolume;
    return grid.fileVoxels;
  }
  const fileVoxels = net.voxels.slice();
  const gained = grid.noiseGained;
  if (gained) for (let label = 0; label < gained.length; label++) fileVoxels[label] -= gained[label];
  net.targetVolume = Float64Array.from(fileVoxels);
  return fileVoxels;
}

/**
 * How the surface net is smoothed before it is subdivided (or assembled, when it is not): the iterations, and how far
 * past its cell a vertex may go, in cells (smooth.ts).
 * - On a native grid: four times the iterations, since its cells are twice as wide or more; within the cell (AAL3
 *   at 1 mm: 5.65 % of edges creased over 30°, median volume error 0.48 %, against 5.83 % and 0.57 % with twice).
 * - At fine detail, on the file's grid: eight times the iterations, a vertex free to go one cell past its own, and
 *   steps a quarter stronger with the same pass band (strongerSteps). The finer mesh resolves what is smaller than a
 *   voxel, so steps kept inside their cells would show as ripples along the surface; this takes them off (Glasser
 *   360 at 1 mm: median volume error 0.35 %, against 0.56 % with four times the iterations within half a cell). The
 *   stronger steps cost no time and round off more: at 1 mm, Schaefer 400 + Tian 4.93 % of edges creased over 30°
 *   against 5.09 %, Schaefer 1000 6.67 % against 6.84 %; median volume errors 0.20 % against 0.29 % and 0.41 %
 *   against 0.54 % (Glasser 360: 0.38 % against 0.34 %, its largest 5.8 % against 6.4 %). Half as many iterations
 *   more did about as well and cost a tenth more meshing time.
 * - Else the settings as they are, within the cell.
 */
export function smoothingBeforeSubdivision(
  onNativeGrid: boolean,
  settings: MeshSettings,
): { settings: MeshSettings; slack: number } {
  if (onNativeGrid) return { settings: { ...settings, smoothIterations: settings.smoothIterations * 4 }, slack: 0 };
  if (settings.detail === 'fine')
    return {
      settings: { ...strongerSteps(settings, 1.25), smoothIterations: settings.smoothIterations * 8 },
      slack: 1,
    };
  return { settings, slack: 0 };
}

/**
 * Taubin's factors with lambda `times` as large and mu moved to keep the pass band, 1/lambda + 1/mu (the frequency
 * below which the surface is kept). Each step damps the finest ripples still, |(1 − 2 lambda)(1 − 2 mu)| < 1, as
 * long as lambda stays well under 0.7.
 */
export function strongerSteps(settings: MeshSettings, times: number): MeshSettings {
  const lambda = settings.lambda * times;
  const passBand = 1 / settings.lambda + 1 / settings.mu;
  return { ...settings, lambda, mu: 1 / (passBand - 1 / lambda) };
}

/** The regions' voxel counts as the file has them (meshing on a native grid counted native voxels). */
export function withFileVoxels<S extends RegionMeshSet>(set: S, fileVoxels: Uint32Array): S {
  for (const r of set.regions) r.voxels = fileVoxels[r.value];
  return set;
}
