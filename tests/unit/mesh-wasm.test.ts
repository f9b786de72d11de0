/**
 * The WebAssembly smoothing kernel (core/mesh/wasm/taubin-step.wat): its generated module is current, it runs in the
 * meshing arena's memory, and it moves every vertex to exactly the float32 position the JavaScript step gives, split
 * into ranges anywhere (each range's last vertex is stored lane by lane so the next range is never touched).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainArrays, WasmArena } from '../../core/mesh/arrays';
import { linkDegreesRange, prepareSmoothing, smoothingSteps, taubinStepRange, wasmTaubinStep } from '../../core/mesh/smooth';
import { surfaceNet } from '../../core/mesh/surface-nets';
import { DEFAULT_MESH_SETTINGS, type MeshSettings } from '../../core/mesh/types';

import { wasmModuleSource, WASM_DIR } from '../../scripts/build-wasm.mjs';
import { randomVolume } from '../helpers/random-label-volume';

describe('WebAssembly kernels', () => {
  it('are generated from their current .wat source (else run `npm run build:wasm`)', async () => {
    const wat = readFileSync(join(WASM_DIR, 'taubin-step.wat'), 'utf8');
    expect(readFileSync(join(WASM_DIR, 'taubin-step.ts'), 'utf8')).toBe(await wasmModuleSource('taubin-step.wat', wat));
  });

  const cases: [string, [number, number, number], number, number, MeshSettings][] = [
    ['40 blob regions', [30, 26, 22], 40, 0.3, DEFAULT_MESH_SETTINGS],
    ['120 small regions, 2 iterations', [24, 28, 20], 120, 0.15, { ...DEFAULT_MESH_SETTINGS, smoothIterations: 2 }],
    ['7 large regions, other factors', [33, 21, 27], 7, 0.7, { smoothIterations: 4, lambda: 0.33, mu: -0.34 }],
    ['one voxel', [1, 1, 1], 1, 1, DEFAULT_MESH_SETTINGS],
  ];
  for (const [name, dims, regions, fill, settings] of cases) {
    it(`smooths bit for bit as the JavaScript step, in uneven ranges: ${name}`, () => {
      const vol = randomVolume(dims, regions, 7, fill);
      // JavaScript: plain arrays, one range per step.
      const plain = surfaceNet(vol);
      const js = prepareSmoothing(plain, plainArrays);
      expect(js.memory).toBeNull();
      linkDegreesRange(js, 0, js.n);
      for (let step = 0; step < smoothingSteps(settings); step++) taubinStepRange(js, step, settings, 0, js.n);

      // WebAssembly: the arena's memory, ranges of 1, 2, 3, ... vertices taken from the end.
      const arena = new WasmArena();
      const net = surfaceNet(vol, arena.alloc);
      const wasm = prepareSmoothing(net, arena.alloc);
      expect(wasm.memory).toBeInstanceOf(WebAssembly.Memory);
      expect(wasmTaubinStep(wasm.memory!)).toBeTypeOf('function');
      linkDegreesRange(wasm, 0, wasm.n);
      for (let step = 0; step < smoothingSteps(settings); step++) {
        for (let to = wasm.n, len = 1; to > 0; to -= len, len++) taubinStepRange(wasm, step, settings, Math.max(0, to - len), to);
      }
      expect(js.a.length).toBeGreaterThan(0);
      expect(Array.from(wasm.a)).toEqual(Array.from(js.a));
      // Smoothing moved the vertices (else the comparison proves little).
      expect(Array.from(js.a)).not.toEqual(Array.from(surfaceNet(vol).positions));
    });
  }
});
