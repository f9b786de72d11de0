/**
 * The WebAssembly kernels of meshing (core/mesh/wasm/): their generated modules are current, they run in the meshing
 * arena's memory, and they give exactly what their JavaScript twins give: the surface-net sweep's rows (also when a
 * slab's arrays grow outside the memory part way), the assembly's regions (of quads and of quarters), the Taubin
 * step, which moves every vertex to the same float32 position split into ranges anywhere (each range's last vertex is
 * stored lane by lane so the next range is never touched), a subdivision's links and places, the small regions'
 * volumes, and a .glb's region parts, with their bounds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArrayAlloc, plainArrays, sharedArrays, WasmArena } from '../../../../core/mesh/arrays';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import {
  assembleRegions,
  finishAssembly,
  planAssembly,
  planRegions,
  regionLocal,
  regionSlots,
  toWorldRange,
  writeRegionInto,
  writeRegionsRange,
} from '../../../../core/mesh/assemble';
import { encodeMeshSet } from '../../../../core/mesh/codec';
import { glbLayout, writeGlbPart, writeGlbPartJs } from '../../../../core/mesh/export-gltf';
import {
  curveFaces,
  curveFacesRange,
  linkDegreesRange,
  prepareSmoothing,
  smoothingSteps,
  smoothSurfaceNet,
  taubinStepRange,
} from '../../../../core/mesh/smooth';
import {
  correctSmallRegionVolumes,
  smallRegions,
  smallVolumesChunk,
  VOLUME_CHUNKS,
} from '../../../../core/mesh/small-regions';
import {
  finishEdgesRange,
  finishSubdivision,
  linkQuadsRange,
  linkVerticesRange,
  placeSubdividedVertices,
  planSubdivision,
  prepareSubdivision,
} from '../../../../core/mesh/subdivide';
import { foldLabelNoise, noiseRowJs } from '../../../../core/mesh/label-noise';
import { wasmKernel } from '../../../../core/mesh/wasm-kernels';
import { surfaceNet } from '../../../../core/mesh/surface-nets';
import { paddedLabels, slabArrays, sweepSlab } from '../../../../core/mesh/sweep';
import { DEFAULT_MESH_SETTINGS, type MeshSettings, type SurfaceNet } from '../../../../core/mesh/types';

import { wasmModuleSource, WASM_DIR } from '../../../../scripts/build-wasm.mjs';
import { doubled, randomVolume } from '../../../helpers/random-label-volume';

describe('WebAssembly kernels', () => {
  it('are generated from their current .wat source (else run `npm run build:wasm`)', async () => {
    const names = readdirSync(WASM_DIR)
      .filter((f) => f.endsWith('.wat'))
      .map((f) => f.slice(0, -'.wat'.length));
    expect(names).toEqual(expect.arrayContaining(['taubin-step', 'write-region', 'link-quads', 'place-edges']));
    for (const name of names) {
      const wat = readFileSync(join(WASM_DIR, `${name}.wat`), 'utf8');
      expect(readFileSync(join(WASM_DIR, `${name}.ts`), 'utf8')).toBe(await wasmModuleSource(`${name}.wat`, wat));
    }
  });

  /** Smoothing as meshing applies it: Taubin, then the small regions' volumes given back. */
  const smoothed = (net: SurfaceNet) => {
    smoothSurfaceNet(net, DEFAULT_MESH_SETTINGS);
    correctSmallRegionVolumes(net);
    return net;
  };

  /** The net's arrays as plain numbers, for comparing two nets. */
  const netNumbers = (net: SurfaceNet) => ({
    positions: Array.from(net.positions),
    cells: Array.from(net.cells!),
    links: Array.from(net.links),
    quads: Array.from(net.quads),
    voxels: Array.from(net.voxels),
    vertexUses: Array.from(net.vertexUses),
  });

  it('sweep the surface net row by row bit for bit as the JavaScript sweep', () => {
    for (const [dims, regions, fill] of [
      [[30, 26, 22], 40, 0.3],
      [[24, 28, 20], 120, 0.15],
      [[1, 1, 1], 1, 1],
      [[5, 1, 7], 3, 0.8],
    ] as const) {
      const vol = randomVolume([...dims], regions, 5, fill);
      const arena = new WasmArena();
      const arrays = slabArrays(arena.alloc, 1 << 14, vol, paddedLabels(vol, arena.alloc));
      expect(arrays.memory).toBeInstanceOf(WebAssembly.Memory);
      expect(wasmKernel('sweepRow', arrays.memory!)).toBeTypeOf('function');
      const expected = netNumbers(surfaceNet(vol));
      expect(expected.quads.length).toBeGreaterThan(0);
      expect(netNumbers(surfaceNet(vol, arena.alloc))).toEqual(expected);
      // Arrays too small, grown outside the memory (as on the helper thread): the rest of the slab in JavaScript.
      const room = Math.ceil(expected.positions.length / 12);
      const slab = sweepSlab(
        vol,
        -1,
        vol.dims[2],
        sharedArrays,
        slabArrays(arena.alloc, room, vol, paddedLabels(vol, arena.alloc)),
      );
      expect(slab.nv).toBeGreaterThan(room);
      const n = slab.nv;
      expect(Array.from(slab.positions.subarray(0, n * 3))).toEqual(expected.positions);
      expect(Array.from(slab.links.subarray(0, n * 6))).toEqual(expected.links);
      expect(Array.from(slab.quads.subarray(0, slab.qLen))).toEqual(expected.quads);
      expect(Array.from(slab.vertexUses)).toEqual(expected.vertexUses);
    }
  });

  it('write the regions bit for bit as the JavaScript assembly, mirrored grids too', () => {
    const LAS = [-2, 0, 0, 30, 0, 2, 0, -20, 0, 0, 2, -20, 0, 0, 0, 1];
    for (const vol of [
      randomVolume([30, 26, 22], 40, 11, 0.3),
      randomVolume([24, 28, 20], 120, 5, 0.15, LAS),
      randomVolume([1, 1, 1], 1, 3),
    ]) {
      const expected = encodeMeshSet(assembleRegions(vol, smoothed(surfaceNet(vol))));
      const arena = new WasmArena();
      const net = smoothed(surfaceNet(vol, arena.alloc));
      const job = planAssembly(vol, net, arena.alloc);
      expect(job.memory).toBeInstanceOf(WebAssembly.Memory);
      expect(wasmKernel('writeRegion', job.memory!)).toBeTypeOf('function');
      toWorldRange(job, 0, job.nNet);
      // Two "threads": regions alternate between the job's two locals, each in increasing order.
      for (let r = 0; r < job.regionCount; r++) writeRegionsRange(job, r, r + 1, job.locals[r % 2]);
      const got = encodeMeshSet(finishAssembly(job, net));
      expect(got.byteLength).toBe(expected.byteLength);
      expect(Buffer.from(got).equals(Buffer.from(expected))).toBe(true);
    }
  });

  /** A smoothed net subdivided once more, last (its quads stand for their quarters), its arrays from `alloc`. */
  const fineNet = (vol: LabelVolume, alloc: ArrayAlloc) => {
    const coarse = surfaceNet(vol, alloc);
    const plan = planSubdivision(coarse, alloc, true);
    smoothSurfaceNet(coarse, DEFAULT_MESH_SETTINGS);
    placeSubdividedVertices(plan, coarse.positions);
    return plan.fine;
  };

  it('write regions of quads that stand for their quarters bit for bit as the JavaScript assembly', () => {
    const LAS = [-2, 0, 0, 30, 0, 2, 0, -20, 0, 0, 2, -20, 0, 0, 0, 1];
    for (const vol of [randomVolume([30, 26, 22], 40, 11, 0.3), randomVolume([24, 28, 20], 120, 5, 0.15, LAS)]) {
      const expected = encodeMeshSet(assembleRegions(vol, fineNet(vol, plainArrays)));
      const arena = new WasmArena();
      const net = fineNet(vol, arena.alloc);
      expect(net.quarters).toBeTruthy();
      const job = planAssembly(vol, net, arena.alloc);
      expect(job.memory).toBeInstanceOf(WebAssembly.Memory);
      toWorldRange(job, 0, job.nNet);
      for (let r = 0; r < job.regionCount; r++) writeRegionsRange(job, r, r + 1, job.locals[r % 2]);
      const got = encodeMeshSet(finishAssembly(job, net));
      expect(Buffer.from(got).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('place a subdivision bit for bit as JavaScript does, on the native grid and fine detail alike', () => {
    for (const [vol, times] of [
      [randomVolume([30, 26, 22], 40, 11, 0.3), 1],
      [doubled(randomVolume([20, 18, 17], 30, 41, 0.4)), 2],
    ] as const) {
      // The same net subdivided `times` times, its arrays in a WebAssembly arena or plain.
      const subdivided = (alloc: ArrayAlloc) => {
        let net = surfaceNet(vol, alloc);
        smoothSurfaceNet(net, DEFAULT_MESH_SETTINGS);
        for (let k = 0; k < times; k++) {
          const plan = planSubdivision(net, alloc, k === times - 1);
          expect(plan.memory !== null).toBe(alloc !== plainArrays);
          placeSubdividedVertices(plan, net.positions);
          net = plan.fine;
        }
        return net;
      };
      const arena = new WasmArena();
      expect(Array.from(subdivided(arena.alloc).positions)).toEqual(Array.from(subdivided(plainArrays).positions));
    }
  });

  it("link a last subdivision's quads to their edges as JavaScript does, split between two threads too", () => {
    const vol = randomVolume([30, 26, 22], 40, 11, 0.3);
    const planned = (alloc: ArrayAlloc, split: boolean) => {
      const net = surfaceNet(vol, alloc);
      const job = prepareSubdivision(net, alloc, true);
      expect(job.memory !== null).toBe(alloc !== plainArrays);
      linkVerticesRange(job, 0, job.n);
      const half = split ? net.quadCount >> 1 : net.quadCount;
      linkQuadsRange(job, half, net.quadCount, 1);
      linkQuadsRange(job, 0, half, 0);
      finishEdgesRange(job, 0, job.plan.edges, job.uses[0]);
      const { fine } = finishSubdivision(job, net, alloc);
      return [Array.from(fine.links), Array.from(fine.quarters!.middles), Array.from(fine.vertexUses)];
    };
    const expected = planned(plainArrays, false);
    expect(planned(new WasmArena().alloc, false)).toEqual(expected);
    expect(planned(new WasmArena().alloc, true)).toEqual(expected);
  });

  it("sum the small regions' volumes bit for bit as JavaScript does, over quads and over quarters", () => {
    const vol = randomVolume([30, 26, 22], 40, 11, 0.3);
    for (const fine of [false, true]) {
      const arena = new WasmArena();
      const net = fine ? fineNet(vol, arena.alloc) : smoothed(surfaceNet(vol, arena.alloc));
      const inArena = smallRegions(net, arena.alloc)!;
      const plain = smallRegions(net, plainArrays)!;
      expect(inArena.memory).toBeInstanceOf(WebAssembly.Memory);
      expect(plain.memory).toBeNull();
      for (let chunk = 0; chunk < VOLUME_CHUNKS; chunk++) {
        smallVolumesChunk(inArena, chunk);
        smallVolumesChunk(plain, chunk);
      }
      expect(Array.from(inArena.partials)).toEqual(Array.from(plain.partials));
      // Every small region enclosed something (the rows' sums: 6 × its volume, in cells).
      const volumes = new Float64Array(plain.count + 1);
      for (let c = 0; c < VOLUME_CHUNKS; c++)
        for (let k = 1; k <= plain.count; k++) volumes[k] += plain.partials[c * (plain.count + 1) + k];
      for (let label = 1; label < net.voxels.length; label++) {
        const k = plain.place[label];
        if (k > 0) expect(volumes[k] / 6 / net.voxels[label], `label ${label}`).toBeGreaterThan(0.5);
      }
    }
  });

  it('read label rows for noise as JavaScript does, labels of 8, 16 and 32 bits, and fold the same noise', () => {
    const vol = randomVolume([30, 26, 22], 40, 11, 0.3);
    const [nx, ny, nz] = vol.dims;
    const plane = nx * ny;
    for (const bytes of [1, 2, 4]) {
      const arena = new WasmArena();
      const inArena = (n: number) =>
        bytes === 1 ? arena.alloc.u8(n) : bytes === 2 ? arena.alloc.u16(n) : arena.alloc.u32(n);
      // Label values that fill the width, so a load of the wrong width would read other labels.
      const big = bytes === 1 ? 200 : bytes === 2 ? 60_000 : 3_000_000_000;
      const labels = inArena(vol.labels.length);
      labels.set(Array.from(vol.labels, (l) => (l === 0 ? 0 : big - l)));
      const kernel = wasmKernel('noiseRow', arena.alloc.memoryOf!([labels])!)!;
      const out = arena.alloc.i32(nx, true);
      const counts = arena.alloc.u32(vol.maxLabel + 1);
      const plainOut = new Int32Array(nx);
      let found = 0;
      for (let k = 2; k < nz - 2; k++)
        for (let j = 2; j < ny - 2; j++) {
          const from = nx * (j + ny * k) + 2,
            to = from + nx - 4;
          const n = kernel({ labels, from, to, nx, plane, out, counts, count: false });
          const m = noiseRowJs({ labels, from, to, nx, plane, out: plainOut, counts, count: false });
          expect(n).toBe(m);
          expect(Array.from(out.subarray(0, n))).toEqual(Array.from(plainOut.subarray(0, m)));
          found += n;
        }
      expect(found).toBeGreaterThan(20);
      // Counting, over the whole grid: every voxel into its label's count.
      const small = inArena(vol.labels.length);
      small.set(vol.labels);
      const plainCounts = new Uint32Array(vol.maxLabel + 1);
      kernel({ labels: small, from: 0, to: small.length, nx, plane, out, counts, count: true });
      noiseRowJs({ labels: small, from: 0, to: small.length, nx, plane, out, counts: plainCounts, count: true });
      expect(Array.from(counts)).toEqual(Array.from(plainCounts));
      expect(plainCounts.reduce((a, b) => a + b, 0)).toBe(vol.labels.length);
    }
    // The fold in the arena (its rows read as WebAssembly, in place) is the fold on plain arrays.
    const arena = new WasmArena();
    const copy = arena.alloc.u16(vol.labels.length);
    copy.set(vol.labels);
    const inArena = foldLabelNoise({ ...vol, labels: copy }, (l) => l, arena.alloc)!;
    const plain = foldLabelNoise(vol)!;
    expect(inArena.folded).toBeGreaterThan(10);
    expect(inArena.folded).toBe(plain.folded);
    expect(inArena.labels).toBe(copy);
    expect(Array.from(inArena.labels)).toEqual(Array.from(plain.labels));
    expect(Array.from(inArena.gained)).toEqual(Array.from(plain.gained));
  });

  it('find the faces on curves as JavaScript does, cells at the grid faces too, and smooth the same along them', () => {
    // Regions filling the grid to its faces, so cells at −1 and n − 1 are on curves too.
    const vol = randomVolume([17, 13, 11], 12, 5, 0.9);
    const settings = { ...DEFAULT_MESH_SETTINGS, smoothIterations: 3 };
    const plain = surfaceNet(vol);
    const js = prepareSmoothing(plain, plainArrays, 0, true, vol);
    expect(js.curveMemory).toBeNull();
    const arena = new WasmArena();
    const net = surfaceNet(vol, arena.alloc);
    const wasm = prepareSmoothing(net, arena.alloc, 0, true, vol, paddedLabels(vol, arena.alloc));
    expect(wasm.curveMemory).toBeInstanceOf(WebAssembly.Memory);
    curveFacesRange(js, 0, js.n);
    for (let to = wasm.n, len = 1; to > 0; to -= len, len++) curveFacesRange(wasm, Math.max(0, to - len), to);
    const bits = Array.from(wasm.curveBits!);
    expect(bits).toEqual(Array.from(js.curveBits!));
    // Each vertex's own cell, read one at a time from the labels as they are.
    const c = plain.cells!;
    expect(bits).toEqual(bits.map((_, v) => curveFaces(vol, c[v * 3], c[v * 3 + 1], c[v * 3 + 2])));
    const onCurve = bits.filter((b) => b !== 0 && (b & (b - 1)) !== 0 && (b & (b - 1) & (b - 2)) === 0).length;
    expect(onCurve).toBeGreaterThan(100);
    expect(c.some((x) => x === -1)).toBe(true);
    for (const job of [js, wasm]) {
      linkDegreesRange(job, 0, job.n);
      for (let step = 0; step < smoothingSteps(settings); step++) taubinStepRange(job, step, settings, 0, job.n);
    }
    expect(Array.from(wasm.degree)).toEqual(Array.from(js.degree));
    expect(Array.from(wasm.a)).toEqual(Array.from(js.a));
    // Vertices on curves took their two curve neighbours only.
    expect(Array.from(js.degree).filter((d) => d === 2).length).toBeGreaterThan(50);
  });

  it('write regions one at a time from vertex 0 as JavaScript does, and put the scratch back to zeros', () => {
    const vol = randomVolume([30, 26, 22], 40, 11, 0.3);
    const arena = new WasmArena();
    const net = smoothed(surfaceNet(vol, arena.alloc));
    const inArena = planRegions(vol, net, arena.alloc);
    const plain = planRegions(vol, net, plainArrays);
    toWorldRange(inArena, 0, inArena.nNet);
    toWorldRange(plain, 0, plain.nNet);
    const local = regionLocal(inArena, arena.alloc);
    const [slot] = regionSlots(inArena, arena.alloc, 1, [local]);
    expect(slot.memory).toBeInstanceOf(WebAssembly.Memory);
    const plainLocal = regionLocal(plain, plainArrays);
    const [plainSlot] = regionSlots(plain, plainArrays, 1, [plainLocal]);
    expect(plainSlot.memory).toBeNull();
    expect(inArena.regionCount).toBeGreaterThan(30);
    // Out of order, as two writers take them.
    for (let k = 0; k < inArena.regionCount; k++) {
      const r = (k * 7) % inArena.regionCount;
      const got = writeRegionInto(inArena, r, slot, local);
      const expected = writeRegionInto(plain, r, plainSlot, plainLocal);
      expect(Array.from(got.positions)).toEqual(Array.from(expected.positions));
      expect(Array.from(got.normals)).toEqual(Array.from(expected.normals));
      expect(Array.from(got.indices)).toEqual(Array.from(expected.indices));
      // Unit normals, and the scratch left as the next region needs it.
      const n = got.normals;
      for (let v = 0; v < n.length; v += 3) expect(Math.hypot(n[v], n[v + 1], n[v + 2])).toBeCloseTo(1, 5);
      expect(local.every((x) => x === 0)).toBe(true);
    }
  });

  it("write a .glb's region parts bit for bit as the JavaScript writer, 16- and 32-bit indices, odd normals", () => {
    const arena = new WasmArena();
    const memory = arena.reserve(1 << 20)!;
    // Two regions: 5 vertices from vertex 1000 (16-bit indices), 70 000 from vertex 7 (32-bit: over 65 535).
    for (const [n, base] of [
      [5, 1000],
      [70_000, 7],
    ]) {
      const positions = arena.alloc.f32(n * 3);
      const normals = arena.alloc.f32(n * 3);
      const indices = arena.alloc.u32(n * 3);
      let seed = n;
      const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
      for (let i = 0; i < n * 3; i++) {
        positions[i] = random() * 90;
        normals[i] = random();
        indices[i] = base + ((i * 7919) % n);
      }
      // A vertex whose triangles cancel out (no normal), a unit one, a long one, one a hair off unit length.
      normals.set([0, 0, 1e-3, 0, 1, 0, 3, -4, 12, 0.6, 0.8, 1e-6], 0);
      const mesh = { positions, normals, indices, base };
      const range = { value: 1, vertexStart: base, vertexCount: n, indexStart: 0, indexCount: n * 3 };
      const [part] = glbLayout([range], []).parts;
      expect(part.short).toBe(n < 65535);
      for (const scale of [0.001, 1]) {
        const inWasm = arena.alloc.u8(part.bytes + 8);
        const inJs = new Uint8Array(part.bytes + 8).fill(7);
        inWasm.fill(7);
        const wasmBounds = arena.alloc.f64(12);
        const jsBounds = new Float64Array(12);
        expect(writeGlbPart(mesh, part, scale, inWasm, wasmBounds, 1, memory).length).toBe(part.bytes);
        writeGlbPart(mesh, part, scale, inJs, jsBounds, 1);
        expect(Buffer.from(inWasm).equals(Buffer.from(inJs))).toBe(true);
        expect(Array.from(wasmBounds)).toEqual(Array.from(jsBounds));
        // Independently: the bounds are the positions' extremes, and the first vertex is scaled and turned.
        const xs = Array.from(positions).filter((_, i) => i % 3 === 0);
        expect(jsBounds[1]).toBe(Math.min(...xs));
        expect(jsBounds[4]).toBe(Math.max(...xs));
        const pos = new Float32Array(inJs.buffer, 0, 3);
        expect(Array.from(pos)).toEqual(
          [positions[0] * scale, positions[2] * scale, -positions[1] * scale].map(Math.fround),
        );
        const nor = new Float32Array(inJs.buffer, part.nor, 12);
        expect(Array.from(nor.subarray(0, 3))).toEqual([0, 1, 0]);
        expect(Array.from(nor.subarray(3, 6))).toEqual([0, 0, -1]);
        expect(Array.from(nor.subarray(6, 9))).toEqual([3 / 13, 12 / 13, 4 / 13].map(Math.fround));
        // Bytes after the part are left alone; the JavaScript writer alone without bounds writes the same part.
        expect(Array.from(inWasm.subarray(part.bytes))).toEqual(Array(8).fill(7));
        const plain = new Uint8Array(part.bytes);
        writeGlbPartJs({ mesh, part, scale, out: plain, bounds: null, at: 0 });
        expect(Buffer.from(plain).equals(Buffer.from(inJs.subarray(0, part.bytes)))).toBe(true);
      }
    }
  });

  const cases: [string, [number, number, number], number, number, MeshSettings, number][] = [
    ['40 blob regions', [30, 26, 22], 40, 0.3, DEFAULT_MESH_SETTINGS, 0],
    ['120 small regions, 2 iterations', [24, 28, 20], 120, 0.15, { ...DEFAULT_MESH_SETTINGS, smoothIterations: 2 }, 0],
    ['7 large regions, other factors', [33, 21, 27], 7, 0.7, { smoothIterations: 4, lambda: 0.33, mu: -0.34 }, 0],
    ['one voxel', [1, 1, 1], 1, 1, DEFAULT_MESH_SETTINGS, 0],
    [
      '40 blob regions, half a cell of slack',
      [30, 26, 22],
      40,
      0.3,
      { ...DEFAULT_MESH_SETTINGS, smoothIterations: 12 },
      0.5,
    ],
  ];
  for (const [name, dims, regions, fill, settings, slack] of cases) {
    it(`smooths bit for bit as the JavaScript step, in uneven ranges: ${name}`, () => {
      const vol = randomVolume(dims, regions, 7, fill);
      // JavaScript: plain arrays, one range per step.
      const plain = surfaceNet(vol);
      const js = prepareSmoothing(plain, plainArrays, slack);
      expect(js.memory).toBeNull();
      linkDegreesRange(js, 0, js.n);
      for (let step = 0; step < smoothingSteps(settings); step++) taubinStepRange(js, step, settings, 0, js.n);

      // WebAssembly: the arena's memory, ranges of 1, 2, 3, ... vertices taken from the end.
      const arena = new WasmArena();
      const net = surfaceNet(vol, arena.alloc);
      const wasm = prepareSmoothing(net, arena.alloc, slack);
      expect(wasm.memory).toBeInstanceOf(WebAssembly.Memory);
      expect(wasmKernel('taubinStep', wasm.memory!)).toBeTypeOf('function');
      linkDegreesRange(wasm, 0, wasm.n);
      for (let step = 0; step < smoothingSteps(settings); step++) {
        for (let to = wasm.n, len = 1; to > 0; to -= len, len++)
          taubinStepRange(wasm, step, settings, Math.max(0, to - len), to);
      }
      expect(js.a.length).toBeGreaterThan(0);
      expect(Array.from(wasm.a)).toEqual(Array.from(js.a));
      // Smoothing moved the vertices (else the comparison proves little).
      expect(Array.from(js.a)).not.toEqual(Array.from(surfaceNet(vol).positions));
    });
  }
});
