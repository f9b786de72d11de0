/**
 * Volume correction for small regions. Surface nets cut every corner of the voxel surface (a vertex sits at the
 * mean of its cell's changing edges), which costs a region a share of its volume that grows as the region gets
 * thinner: a 2×2×2 block loses about 40%. For each small region, largest first, the vertices of its surface that
 * faces the background, or a neighbour at least LARGER_NEIGHBOUR times its size, are pushed along the outward normals
 * of that surface by the distance (found by regula falsi, at most one voxel) that gives back the missing volume, each
 * vertex kept inside its own cell. A larger neighbour gives up a share of its volume that many times smaller, so a
 * small nucleus among larger ones (AAL3's thalamus) is corrected too. Faces shared with a neighbour of about its size
 * stay where they are (moving them would take from the neighbour what it gives), and the net's vertices move once for
 * every region that uses them, so neighbouring regions keep sharing their boundary exactly. Large regions lose a
 * negligible share and are left alone. The volume aimed at is the region's voxels, or the net's targetVolume where it
 * has one (a volume meshed on its native grid aims at the file's voxels, which the grid's blocks only approximate).
 */
import { plainArrays, type ArrayAlloc } from './arrays';
import { quadSidesByLabel, type QuadSides } from './quad-sides';
import { piecesPerQuad, quadPieces, quadVertices } from './quad-pieces';
import { quadNormal } from './quad-triangles';
import type { SurfaceNet } from './types';
import { wasmKernel } from './wasm-kernels';

/** Regions up to this many voxels are corrected. */
export const SMALL_REGION_VOXELS = 1000;
/** Regions whose volume is off by less than this share are left as they are. */
export const SMALL_REGION_TOLERANCE = 0.05;
/** A small region also moves the faces it shares with a neighbour this many times its voxels or more. */
export const LARGER_NEIGHBOUR = 4;

/**
 * The quads are cut into this many chunks whose volumes are summed apart, then added in chunk order: two threads
 * sharing the chunks find the volumes bit for bit as one thread does.
 */
export const VOLUME_CHUNKS = 16;

/** A correction in steps (correctSmallRegionVolumes does them all), so two threads can share the volumes. */
export interface SmallRegionJob {
  net: SurfaceNet;
  /** Per label, its place among the small regions + 1; 0 for the others. */
  place: Int32Array;
  /** How many regions are small. */
  count: number;
  /**
   * Per chunk of quads, 6 × each small region's enclosed volume: VOLUME_CHUNKS rows of count + 1 (a row's first
   * number takes what other regions would get, and is never read).
   */
  partials: Float64Array;
  /**
   * The correction's per-vertex scratch, zeros (correctSmallRegions' `slot` and `atWall`), made with the job: from a
   * meshing arena they are memory it has touched before, where new arrays cost the helper thread fresh pages (about
   * 35 ms for AAL3 at fine detail here).
   */
  slot: Int32Array;
  atWall: Uint8Array | null;
  /** The memory holding the net's positions and quads, `place` and `partials`, where the volumes run as WebAssembly. */
  memory: WebAssembly.Memory | null;
}

/**
 * Corrects the small regions' volumes (above). `found`, when given, is told which labels will be corrected (1 per
 * label; null when none will) before any vertex moves.
 */
export function correctSmallRegionVolumes(net: SurfaceNet, found?: (off: Uint8Array | null) => void): void {
  const job = smallRegions(net);
  if (!job) {
    found?.(null);
    return;
  }
  for (let chunk = 0; chunk < VOLUME_CHUNKS; chunk++) smallVolumesChunk(job, chunk);
  correctSmallRegions(job, found);
}

/** The net's small regions, with room for their volumes; null when it has none. */
export function smallRegions(net: SurfaceNet, alloc: ArrayAlloc = plainArrays): SmallRegionJob | null {
  const { voxels } = net;
  const place = alloc.i32(voxels.length);
  let count = 0;
  for (let label = 1; label < voxels.length; label++)
    if (voxels[label] > 0 && voxels[label] <= SMALL_REGION_VOXELS) place[label] = ++count;
  if (count === 0) return null;
  const n = net.positions.length / 3;
  const partials = alloc.f64(VOLUME_CHUNKS * (count + 1));
  const read = [net.positions, net.quads, ...(net.quarters ? [net.quarters.middles] : []), place, partials];
  return {
    net,
    place,
    count,
    partials,
    slot: alloc.i32(n),
    atWall: net.cells ? null : alloc.u8(n),
    memory: alloc.memoryOf?.(read) ?? null,
  };
}

/**
 * The small regions' enclosed volumes over chunk `chunk` of the quads (of the quads they stand for: quad-pieces.ts):
 * a quad adds to its low label, takes from its high one. With the job's arrays in its WebAssembly memory, as
 * WebAssembly (wasm/small-volumes.wat), with the same result.
 */
export function smallVolumesChunk(job: SmallRegionJob, chunk: number): void {
  const { positions, quads, quarters, quadCount } = job.net;
  const row = job.partials.subarray(chunk * (job.count + 1), (chunk + 1) * (job.count + 1));
  const total = quadCount * piecesPerQuad(job.net);
  const from = Math.floor((chunk * total) / VOLUME_CHUNKS),
    end = Math.floor(((chunk + 1) * total) / VOLUME_CHUNKS);
  const kernel = job.memory && wasmKernel('smallVolumes', job.memory);
  if (kernel) kernel({ positions, quads, quarters: quarters ?? null, place: job.place, row, from, end });
  else smallVolumesJs(job.net, job.place, row, from, end);
}

/** smallVolumesChunk's pieces [from, end) in JavaScript: wasm/small-volumes.wat's twin. */
function smallVolumesJs(net: SurfaceNet, place: Int32Array, row: Float64Array, from: number, end: number): void {
  const { positions: p, quads, quarters } = net;
  const corners = CORNERS;
  const pieces = piecesPerQuad(net);
  // Piece i is piece i - t × pieces of quad t: its corners are the quad's own (quads from t × 6), or its quarter's.
  const ids = quarters ? corners : quads;
  for (let i = from; i < end; ) {
    const t = quarters ? i >>> 2 : i;
    const stop = Math.min(end, (t + 1) * pieces);
    const low = place[quads[t * 6 + 4]],
      high = place[quads[t * 6 + 5]];
    if ((low | high) === 0) {
      i = stop;
      continue;
    }
    if (quarters) quadPieces(quads, quarters, t, corners);
    for (; i < stop; i++) {
      const v = pieceNormal(p, ids, quarters ? (i & 3) * 4 : t * 6);
      row[low] += v;
      row[high] -= v;
    }
  }
}

/**
 * The correction, once every chunk's volumes are found (smallVolumesChunk). `sides`: every label's quad sides
 * (quad-sides.ts; the assembly plans them too), else those of the labels it corrects are found here.
 */
export function correctSmallRegions(
  job: SmallRegionJob,
  found?: (off: Uint8Array | null) => void,
  sides?: QuadSides,
): void {
  const { net, place, partials } = job;
  const { quads, quadCount, voxels } = net;
  const target = net.targetVolume ?? voxels;
  const size = voxels.length;
  const row = job.count + 1;
  // Those that are off, with their quad sides (quad * 2 + 1 on the high label's side).
  const off = new Uint8Array(size);
  let anyOff = false;
  for (let label = 1; label < size; label++) {
    if (place[label] === 0) continue;
    let volume6 = 0;
    for (let o = place[label]; o < partials.length; o += row) volume6 += partials[o];
    if (Math.abs(volume6 / 6 - target[label]) > SMALL_REGION_TOLERANCE * target[label]) {
      off[label] = 1;
      anyOff = true;
    }
  }
  if (!anyOff) {
    found?.(null);
    return;
  }
  // From here on, only the corners of these labels' quads are read or moved (correctionReach).
  found?.(off);
  const { list, first } = sides ?? quadSidesByLabel(quads, quadCount, size, off, plainArrays);
  // Largest first: a smaller one corrected later moves a larger one's vertices (where they meet, or the faces it
  // takes from it) by a share of that larger region's volume, not of its own.
  const order: number[] = [];
  for (let label = 1; label < size; label++) if (off[label] === 1 && first[label + 1] > first[label]) order.push(label);
  order.sort((a, b) => voxels[b] - voxels[a] || a - b);
  // Per net vertex, its place among the moved ones of the region at hand, plus one (0: not one of them).
  const slot = job.slot;
  // A subdivided net has no cells (types.ts): a vertex's is the one its position was in before the correction moved
  // it. A moved coordinate stays within that cell, so its floor is still the cell's, except on the cell's upper wall:
  // per net vertex, one bit per axis marks a coordinate the correction left there.
  const atWall = job.atWall;
  // exposedNormals' lists, long enough for any of the regions (each side has four corners).
  let most = 0;
  for (const label of order) most = Math.max(most, first[label + 1] - first[label]);
  const corners = most * 4 * piecesPerQuad(net); // four a quad a side stands for: enough for every vertex
  const exposed = { ids: new Int32Array(corners), normals: new Float64Array(corners * 3) };
  const at: Correction = { net, slot, atWall, exposed, faces: new Uint32Array(corners) };
  for (const label of order) correctRegion(at, list.subarray(first[label], first[label + 1]), target[label], label);
}

/**
 * What every region's correction shares: the net, exposedNormals' `slot` and lists, and the marks of coordinates
 * left on their cells' upper walls (null where the net has cells).
 */
interface Correction {
  net: SurfaceNet;
  slot: Int32Array;
  atWall: Uint8Array | null;
  exposed: { ids: Int32Array; normals: Float64Array };
  /** regionFaces' list, long enough for any of the regions. */
  faces: Uint32Array;
}

/**
 * One region's correction: its exposed vertices pushed along their normals by the shift that encloses `goal` (in
 * cells). Each step of the correction is a function of its own, hot loops in small ones: a fresh process compiles
 * each when it gets hot, not one large function with all of them inlined (which took 70–100 ms to compile, on the
 * helper, while the command's thread waited for the correction).
 */
function correctRegion(at: Correction, list: Uint32Array, goal: number, label: number): void {
  const { net, slot, atWall, exposed } = at;
  const { positions: p, voxels } = net;
  const faces = regionFaces(net, list, at.faces);
  const before = facesVolume(p, faces);
  // Outward normals (area-weighted), at its vertices, of the surface that faces the background or a much larger
  // neighbour.
  const n = exposedNormals(net, list, faces, LARGER_NEIGHBOUR * voxels[label], slot, exposed);
  if (n === 0) return;
  const { ids } = exposed;
  const move: Move = {
    p,
    ids,
    n,
    from: new Float32Array(n * 3),
    dir: new Float32Array(n * 3),
    lows: new Int16Array(n * 3),
  };
  startMove(move, exposed.normals, net.cells, atWall, slot);
  // The volume grows with the shift: find the shift (at most a voxel either way) that encloses the voxel volume.
  const lo = before < goal ? 0 : -1;
  placeMoved(
    move,
    findShift(lo, lo + 1, goal, (shift) => (placeMoved(move, shift), facesVolume(p, faces))),
  );
  if (atWall) markWalls(move, atWall);
}

/** A region's moved vertices: their ids, start positions, unit directions and cells (their low corners). */
interface Move {
  p: Float32Array;
  ids: Int32Array;
  n: number;
  from: Float32Array;
  dir: Float32Array;
  lows: Int16Array;
}

/** Each moved vertex's start, direction and cell; `slot` put back to zeros for them. */
function startMove(
  move: Move,
  normals: Float64Array,
  cells: Int16Array | null,
  atWall: Uint8Array | null,
  slot: Int32Array,
): void {
  const { p, ids, n, from, dir, lows } = move;
  for (let i = 0; i < n; i++) {
    const v = ids[i];
    const nx = normals[i * 3],
      ny = normals[i * 3 + 1],
      nz = normals[i * 3 + 2];
    const len = Math.sqrt(nx * nx + ny * ny + nz * nz) || 1;
    const wall = atWall ? atWall[v] : 0;
    for (let a = 0; a < 3; a++) {
      from[i * 3 + a] = p[v * 3 + a];
      dir[i * 3 + a] = normals[i * 3 + a] / len;
      lows[i * 3 + a] = cells ? cells[v * 3 + a] : Math.floor(p[v * 3 + a]) - ((wall >> a) & 1);
    }
    slot[v] = 0;
  }
}

/** Each moved vertex at its start + shift × its direction, kept inside its own cell. */
function placeMoved(move: Move, shift: number): void {
  const { p, ids, n, from, dir, lows } = move;
  for (let k = 0; k < n; k++) {
    for (let a = 0; a < 3; a++) {
      const o = ids[k] * 3 + a;
      const lo = lows[k * 3 + a];
      const x = from[k * 3 + a] + shift * dir[k * 3 + a];
      p[o] = x < lo ? lo : x > lo + 1 ? lo + 1 : x;
    }
  }
}

/** Marks the coordinates of the moved vertices that were left on their cells' upper walls. */
function markWalls(move: Move, atWall: Uint8Array): void {
  const { p, ids, n, lows } = move;
  for (let k = 0; k < n; k++) {
    let wall = 0;
    for (let a = 0; a < 3; a++) if (p[ids[k] * 3 + a] === lows[k * 3 + a] + 1) wall |= 1 << a;
    atWall[ids[k]] = wall;
  }
}

/**
 * What correctSmallRegionVolumes reads or moves once it has found the labels it corrects (`off`, one per label: 1 for
 * those; its `found`): every corner of their quads (marked 1 in `vertices`, one per net vertex, zeros on entry), and
 * the labels of every quad with such a corner (marked 1 in `labels`, one per label): the regions whose meshes use any
 * of those vertices. The other regions are final then, so a writer may take them while it goes on
 * (main/workers/glb-writer.ts).
 */
export function correctionReach(net: SurfaceNet, off: Uint8Array, vertices: Uint8Array, labels: Uint8Array): void {
  markCorrectedRange(net, off, vertices, 0, net.quadCount);
  reachedLabelsRange(net, vertices, labels, 0, net.quadCount);
  labels[0] = 0;
}

/**
 * correctionReach's first step over quads [from, to): the corners of the corrected labels' quads marked in
 * `vertices`. Ranges can be shared between threads (they only write 1s); the second step starts once all are done.
 */
export function markCorrectedRange(
  net: SurfaceNet,
  off: Uint8Array,
  vertices: Uint8Array,
  from: number,
  to: number,
): void {
  const { quads, quarters } = net;
  const ids = CORNERS;
  for (let t = from, o = from * 6; t < to; t++, o += 6) {
    if (off[quads[o + 4]] === 0 && off[quads[o + 5]] === 0) continue;
    const count = quadVertices(quads, quarters, t, ids);
    for (let e = 0; e < count; e++) vertices[ids[e]] = 1;
  }
}

/**
 * correctionReach's second step over quads [from, to): the labels of quads with a marked corner set to 1 in
 * `labels` (label 0 too, which correctionReach then clears). Ranges can be shared between threads, as they only write
 * 1s: a quad whose labels another thread has just set is only looked at again.
 */
export function reachedLabelsRange(
  net: SurfaceNet,
  vertices: Uint8Array,
  labels: Uint8Array,
  from: number,
  to: number,
): void {
  const { quads, quarters } = net;
  const ids = CORNERS;
  for (let t = from, o = from * 6; t < to; t++, o += 6) {
    if (labels[quads[o + 4]] === 1 && labels[quads[o + 5]] === 1) continue;
    const count = quadVertices(quads, quarters, t, ids);
    let any = 0;
    for (let e = 0; e < count; e++) any |= vertices[ids[e]];
    if (any !== 0) labels[quads[o + 4]] = labels[quads[o + 5]] = 1;
  }
}

/** Regula falsi stops when the volume is this close to its goal, as a share of the goal. */
const VOLUME_PRECISION = 1e-5;
/** And after this many steps at most (bisection from a voxel wide to 1/16 000 of one takes 14). */
const MAX_SHIFT_STEPS = 14;

/**
 * The shift in [lo, hi] at which `volume` (increasing with the shift) reaches `goal`, by regula falsi with the Illinois
 * rule: the volume is nearly linear in the shift, so a few steps find it (bisection took fourteen). An end where the
 * goal is out of reach is returned as it is.
 */
export function findShift(lo: number, hi: number, goal: number, volume: (shift: number) => number): number {
  let a = lo,
    fa = volume(a) - goal;
  if (fa >= 0) return a;
  let b = hi,
    fb = volume(b) - goal;
  if (fb <= 0) return b;
  // Kept bracketing: fa < 0 < fb.
  let side = 0;
  for (let step = 0; step < MAX_SHIFT_STEPS; step++) {
    const c = b - (fb * (b - a)) / (fb - fa);
    const fc = volume(c) - goal;
    if (Math.abs(fc) <= VOLUME_PRECISION * Math.abs(goal)) return c;
    if (fc < 0) {
      a = c;
      fa = fc;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = c;
      fb = fc;
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return b - (fb * (b - a)) / (fb - fa);
}

/**
 * The vector area of the quad whose corners are ids[o .. o + 4) (a quad of the net in its own order, a quarter from
 * quadPieces, or a face from regionFaces) into FACE, and 6 × the volume its two triangles enclose against the origin,
 * split along the shorter diagonal as assembly does (quadNormal).
 */
function pieceNormal(p: Float32Array, ids: Uint32Array, o: number): number {
  return quadNormal(p, ids[o], ids[o + 1], ids[o + 2], ids[o + 3], FACE);
}

/**
 * The quads a region's quad sides stand for, four corners each as the region sees them (the high label's side turned
 * the other way), into `out`: what facesVolume reads at every step of the correction's search, and exposedNormals
 * once.
 */
function regionFaces(net: SurfaceNet, list: Uint32Array, out: Uint32Array): Uint32Array {
  const { quads, quarters } = net;
  const corners = CORNERS;
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const side = list[i];
    const pieces = quadPieces(quads, quarters, side >>> 1, corners);
    const high = side & 1;
    for (let o = 0; o < pieces * 4; o += 4) {
      out[n++] = corners[o];
      out[n++] = high ? corners[o + 3] : corners[o + 1];
      out[n++] = corners[o + 2];
      out[n++] = high ? corners[o + 1] : corners[o + 3];
    }
  }
  return out.subarray(0, n);
}

/** The volume (in cells) that faces (regionFaces) enclose, each split along its shorter diagonal. */
function facesVolume(p: Float32Array, faces: Uint32Array): number {
  let volume6 = 0;
  for (let o = 0; o < faces.length; o += 4) volume6 += pieceNormal(p, faces, o);
  return volume6 / 6;
}

/** The corners of the quad at hand (quadPieces), and the normal of the piece at hand (pieceNormal). */
const FACE = new Float64Array(3);
const CORNERS = new Uint32Array(16);

/**
 * The area-weighted normals of a region's faces (regionFaces' of its sides `list`, as many a side) that face the
 * background or a neighbour of at least `larger` voxels, summed at their vertices: into `out`, the vertices in the order first met and their sums; returns how many. `slot`
 * (per net vertex, 0 on entry) is left marking each of them with its place + 1, for the caller to clear. The lists are
 * the caller's, long enough for four vertices a quad a side stands for, so the loop has no path it takes only now and
 * then (a fresh process optimises it once, not again when it first grows them).
 */
function exposedNormals(
  net: SurfaceNet,
  list: Uint32Array,
  faces: Uint32Array,
  larger: number,
  slot: Int32Array,
  out: { ids: Int32Array; normals: Float64Array },
): number {
  const { positions: p, quads, voxels } = net;
  const perSide = piecesPerQuad(net) * 4;
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const side = list[i];
    const other = quads[(side >>> 1) * 6 + 5 - (side & 1)]; // the label on the quad's other side
    if (other !== 0 && voxels[other] < larger) continue;
    for (let o = i * perSide; o < (i + 1) * perSide; o += 4) {
      pieceNormal(p, faces, o);
      for (let k = o; k < o + 4; k++) n = addExposed(faces[k], slot, out, n);
    }
  }
  return n;
}

/**
 * The face at hand's vector area (FACE) added at its corner v, into exposedNormals' lists, which hold `n` vertices;
 * returns how many they hold after.
 */
function addExposed(v: number, slot: Int32Array, out: { ids: Int32Array; normals: Float64Array }, n: number): number {
  const { ids, normals } = out;
  let at = slot[v] - 1;
  if (at < 0) {
    at = n++;
    slot[v] = at + 1;
    ids[at] = v;
    normals[at * 3] = FACE[0];
    normals[at * 3 + 1] = FACE[1];
    normals[at * 3 + 2] = FACE[2];
  } else {
    normals[at * 3] += FACE[0];
    normals[at * 3 + 1] += FACE[1];
    normals[at * 3 + 2] += FACE[2];
  }
  return n;
}
